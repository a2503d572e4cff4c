"""Ingest into a real SQLite store: provenance, idempotence, atomic batches, folding."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wirewatch import Settings, Store, ingest
from wirewatch.errors import PipelineError
from wirewatch.pipeline import BatchContext, Stage, check_stages
from wirewatch.store.queries import snippet_detail, stats


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


CALL = "Russian President Vladimir Putin held a video call with Chinese President Xi Jinping on Tuesday, praising close ties."


def test_occurrences_keep_provenance_and_fold_repeats(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = write_jsonl(tmp_path / "w.jsonl", [
        {"text": CALL, "outlet": "Harbour Wire", "url": "https://hw.example/1", "published": "2025-01-21T10:00:00Z"},
        {"text": CALL.replace("ties", "ties"), "outlet": "Meridian Post", "url": "https://mp.example/9"},
        {"text": CALL.replace("praising", "hailing"), "outlet": "Atlas Daily"},
        {"text": "An unrelated football result from Sunday's league match in Madrid.", "outlet": "Atlas Daily"},
    ])
    report = ingest([f], store, settings, stages=[])
    assert (report.new_occurrences, report.new_snippets, report.exact_duplicates, report.near_duplicates) == (4, 3, 1, 1)
    counts = stats(store.db)
    assert (counts["occurrences"], counts["snippets"], counts["duplicate_groups"], counts["batches"]) == (4, 3, 1, 1)
    call_id = store.db.execute("SELECT id FROM snippets WHERE text = ?", (CALL,)).fetchone()[0]
    detail = snippet_detail(store.db, call_id)
    assert detail["canonical_id"] == call_id  # the longer, complete report stands for the group
    assert detail["outlets"] == ["Atlas Daily", "Harbour Wire", "Meridian Post"]
    assert {o["locator"] for o in detail["occurrences"]} == {"line 1", "line 2", "line 3"}
    assert detail["first_seen"] == "2025-01-21T10:00:00Z"


def test_reingesting_adds_nothing(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = write_jsonl(tmp_path / "w.jsonl", [{"text": CALL}, {"text": "Another report."}])
    ingest([f], store, settings, stages=[])
    again = ingest([f], store, settings, stages=[], batch="second try")
    assert again.nothing_new and again.already_stored == 2
    assert stats(store.db)["occurrences"] == 2 and stats(store.db)["batches"] == 1


def test_a_failing_stage_rolls_the_whole_batch_back(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([write_jsonl(tmp_path / "a.jsonl", [{"text": CALL}])], store, settings, stages=[])
    before = stats(store.db)

    def boom(ctx: BatchContext) -> None:
        raise KeyboardInterrupt  # a Ctrl-C after the rows were written, before commit

    with pytest.raises(KeyboardInterrupt):
        ingest([write_jsonl(tmp_path / "b.jsonl", [{"text": "New report one."}, {"text": "New report two."}])],
               store, settings, stages=[Stage("boom", boom)])
    assert stats(store.db) == before
    assert store.db.execute("SELECT COUNT(*) FROM snippets_fts WHERE snippets_fts MATCH 'report'").fetchone()[0] == 0


def test_bad_records_are_reported_and_the_rest_lands(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"text": "good"}) + "\n{broken\n" + json.dumps({"text": "   "}) + "\n", encoding="utf-8")
    report = ingest([f, tmp_path / "missing.txt"], store, settings, stages=[])
    assert report.new_occurrences == 1
    assert sorted(str(r) for r in report.rejected) == sorted([
        f"{f}:line 2: malformed JSON: Expecting property name enclosed in double quotes at column 2",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{f}:line 3: no text (looked for keys: text, content, body, snippet, description, summary)",
    ])
    assert store.db.execute("SELECT COUNT(*) FROM rejects").fetchone()[0] == 3


def test_new_batch_joins_stored_near_duplicate_group(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([write_jsonl(tmp_path / "a.jsonl", [{"text": CALL, "outlet": "A"}])], store, settings, stages=[])
    ingest([write_jsonl(tmp_path / "b.jsonl", [{"text": CALL.replace("praising", "hailing"), "outlet": "B"}])],
           store, settings, stages=[])
    detail = snippet_detail(store.db, 2)
    assert detail["canonical_id"] == 1 and detail["outlets"] == ["A", "B"]


def test_fts_index_follows_snippets(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([write_jsonl(tmp_path / "a.jsonl", [{"text": CALL}])], store, settings, stages=[])
    hits = store.db.execute("SELECT rowid FROM snippets_fts WHERE snippets_fts MATCH 'jinping'").fetchall()
    assert [h[0] for h in hits] == [1]
    # the bulk path restores the per-row trigger, so other writers still index what they insert
    assert store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'snippets_ai'").fetchone()


def test_stage_order_is_checked() -> None:
    def noop(ctx: BatchContext) -> None:
        return None

    check_stages([Stage("annotate", noop, requires=("snippets",), produces=("mentions",)),
                  Stage("code", noop, requires=("mentions",))])
    with pytest.raises(PipelineError, match="requires mentions"):
        check_stages([Stage("code", noop, requires=("mentions",))])


def test_store_file_survives_reopen_and_refuses_newer_schema(tmp_path: Path, settings: Settings) -> None:
    from wirewatch.errors import SchemaVersionError

    db = tmp_path / "w.db"
    with Store(db) as s:
        ingest([write_jsonl(tmp_path / "a.jsonl", [{"text": CALL}])], s, settings, stages=[])
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        s.db.execute("INSERT INTO migrations VALUES (999, 'future', 'x')")
    with pytest.raises(SchemaVersionError, match="newer"):
        Store(db)


TEXTS = [CALL, CALL.replace("praising", "hailing"), "Markets fell sharply in Tokyo on Monday after the data release.",
         "Markets fell sharply in Tokyo on Monday after the jobs data release.", "Rain is expected across the north.",
         "Hamas released three hostages on Saturday under the ceasefire deal.", CALL]


@hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(TEXTS), st.integers(1, 3))
def test_ingest_order_and_batching_do_not_change_groups(tmp_path: Path, order: list[str], cut: int) -> None:
    def groups(batches: list[list[str]]) -> set[frozenset[str]]:
        s = Store(":memory:")
        for n, batch in enumerate(batches):
            f = tmp_path / f"{random.random()}.jsonl"
            write_jsonl(f, [{"text": t, "url": f"u{n}-{i}"} for i, t in enumerate(batch)])
            ingest([f], s, Settings(), stages=[])
        rows = s.db.execute("SELECT canonical_id, text FROM snippets").fetchall()
        out: dict[int, set[str]] = {}
        for canonical, text in rows:
            out.setdefault(canonical, set()).add(text)
        return {frozenset(g) for g in out.values()}

    assert groups([order[:cut], order[cut:]]) == groups([TEXTS])


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=80).filter(str.strip), min_size=1, max_size=12))
def test_ingesting_twice_equals_once(tmp_path: Path, texts: list[str]) -> None:
    s = Store(":memory:")
    f = write_jsonl(tmp_path / f"{random.random()}.jsonl", [{"text": t} for t in texts])
    ingest([f], s, Settings(), stages=[])
    once = stats(s.db)
    ingest([f], s, Settings(), stages=[])
    assert stats(s.db) == once


def test_a_killed_process_leaves_the_store_as_it_was(tmp_path: Path, settings: Settings) -> None:
    """SIGKILL mid-batch (no Python cleanup at all): the next open sees the store as before it."""
    import os
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "w.db"
    with Store(db) as s:
        ingest([write_jsonl(tmp_path / "a.jsonl", [{"text": CALL}])], s, settings, stages=[])
        before = stats(s.db)
    big = write_jsonl(tmp_path / "big.jsonl", [{"text": f"Report number {i} about talks."} for i in range(2000)])
    marker = tmp_path / "in-transaction"
    script = f"""
import pathlib, time
from wirewatch import Settings, Store, ingest
from wirewatch.pipeline import Stage
def hang(ctx):
    pathlib.Path({str(marker)!r}).write_text("rows written, not committed")
    time.sleep(60)
ingest([{str(big)!r}], Store({str(db)!r}), Settings(), stages=[Stage("hang", hang)])
"""
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "child did not reach the stage"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    with Store(db) as s:
        assert stats(s.db) == before
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
