"""Precision floor of the events coded from real news: the judged ECB+ audit sample (eval/audit.py).

The audit codes the articles of the odd ECB+ topics, draws a hash-ordered sample of the events an
analyst would see and scores it against eval/audit_judgements.tsv. This test pins a floor a little
below today's precision among the judged events, and fails when more than a quarter of the sample
has no judgement (the coder changed and the file went stale: run ``eval/audit.py --show-unjudged``
and add rows). Raise the floor when the coder improves and the new events are judged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import load_script

# Measured 2026-12-04 (eval/audit.py, 120 sampled events of 575 visible in 8,369 sentences, all
# judged strictly): right 19, wrong_type 20, wrong_actors 31, not_event 50; precision 0.158.
# Re-measured 2026-12-04 after the day's coder changes (argument rules, relevance model, dateline
# rule): 460 visible events, 76 of the 120 sampled newly judged, all 120 judged: right 21,
# wrong_type 24, wrong_actors 40, not_event 35; precision 0.175.
# Re-measured 2026-12-04 (later) after the further coder changes: 434 visible events in 8,369
# sentences, 18 of the 120 sampled newly judged, all 120 judged: right 26, wrong_type 27,
# wrong_actors 31, not_event 36; precision 0.217. The floor leaves one event of slack (25 of 120 is 0.208).
PRECISION_FLOOR = 0.205
MAX_UNJUDGED_SHARE = 0.25


def _audit() -> ModuleType:
    return load_script("eval/audit.py")


def test_audit_precision_floor(shared_data: Path) -> None:
    data = shared_data / "ecbplus" / "ecbplus_docs.jsonl"
    if not data.exists():
        pytest.skip(f"ECB+ articles not found at {data}")
    audit = _audit()
    docs = audit.load_docs(data, "odd")
    assert docs and all(d["topic"] % 2 == 1 for d in docs)
    events, _ = audit.code_docs(docs)
    sample = audit.draw_sample(events, 120)
    result = audit.score(sample, audit.load_judgements(audit.DEFAULT_JUDGEMENTS))
    assert result["sample"] == 120
    assert result["unjudged"] <= MAX_UNJUDGED_SHARE * result["sample"], (
        f"{result['unjudged']} of {result['sample']} sampled events have no judgement: run "
        "eval/audit.py --show-unjudged and add rows to eval/audit_judgements.tsv")
    assert result["precision"] >= PRECISION_FLOOR, result


def _event(audit: ModuleType, doc_id: str, sid: int, sig: str) -> Any:
    etype, src, tgt = sig.split("|")
    return audit.AuditEvent(doc_id=doc_id, sid=sid, signature=sig, type=etype, mode=None,
                            source=tuple(filter(None, src.split(","))),
                            target=tuple(filter(None, tgt.split(","))), source_text=(),
                            target_text=(), trigger="met", confidence=0.9, sentence="")


def test_sample_is_stable_when_events_come_and_go() -> None:
    audit = _audit()
    events = [_event(audit, f"d{i}", i % 7, f"CONSULT|AAA{i}|BBB") for i in range(60)]
    # An event's place depends on its own doc, sentence and signature only.
    assert events[3].rank == hashlib.sha256(b"d3|3|CONSULT|AAA3|BBB").hexdigest()
    first = audit.draw_sample(events, 20)
    assert audit.draw_sample(list(reversed(events)), 20) == first  # input order plays no part
    # The coder loses some events: every other sampled event stays in the sample.
    lost = {e.key for e in events[::3]}
    fewer = audit.draw_sample([e for e in events if e.key not in lost], 20)
    assert {e.key for e in first} - lost <= {e.key for e in fewer}
    # The coder finds new events: they slot in by hash, the old ones keep their relative order.
    new = [_event(audit, f"n{i}", 0, f"ASSAULT|CCC{i}|") for i in range(30)]
    more = audit.draw_sample(events + new, 20)
    old_keys = {e.key for e in events}
    assert {e.key for e in more if e.key in old_keys} <= {e.key for e in first}
    assert any(e.key not in old_keys for e in more)


def test_score_counts_verdicts(tmp_path: Path) -> None:
    audit = _audit()
    events = [_event(audit, "d", i, "REJECT|ISR|") for i in range(4)]
    path = tmp_path / "j.tsv"
    path.write_text("doc_id\tsid\tsignature\tverdict\tnote\n"
                    "d\t0\tREJECT|ISR|\tright\tok\n"
                    "d\t1\tREJECT|ISR|\tnot_event\tsport\n"
                    "d\t2\tREJECT|ISR|\twrong_type\tx\n"
                    "other\t0\tREJECT|ISR|\tright\tnot sampled\n", encoding="utf-8")
    result = audit.score(events, audit.load_judgements(path))
    assert (result["judged"], result["unjudged"], result["right"]) == (3, 1, 1)
    assert result["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert (result["not_event"], result["wrong_type"], result["wrong_actors"]) == (1, 1, 0)


@pytest.mark.parametrize(("row", "message"), [
    ("d\t0\tREJECT|ISR|\tgood\tx", "verdict 'good'"),
    ("d\tzero\tREJECT|ISR|\tright\tx", "sid 'zero'"),
    ("d\t0\tREJECT ISR\tright\tx", "TYPE|sources|targets"),
    ("d\t0\tREJECT|ISR|\tright", "4 fields"),
])
def test_bad_judgement_rows_name_the_line(tmp_path: Path, row: str, message: str) -> None:
    audit = _audit()
    path = tmp_path / "j.tsv"
    path.write_text("doc_id\tsid\tsignature\tverdict\tnote\nd\t1\tREJECT|ISR|\tright\tok\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(SystemExit, match=rf"j\.tsv:3: .*{message}"):
        audit.load_judgements(path)


def test_duplicate_judgement_is_refused(tmp_path: Path) -> None:
    audit = _audit()
    path = tmp_path / "j.tsv"
    path.write_text("doc_id\tsid\tsignature\tverdict\tnote\n" + "d\t1\tREJECT|ISR|\tright\tok\n" * 2,
                    encoding="utf-8")
    with pytest.raises(SystemExit, match=r"j\.tsv:3: judged twice \(first on line 2\)"):
        audit.load_judgements(path)


def test_even_half_selects_only_even_topics(tmp_path: Path) -> None:
    audit = _audit()
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(
        f'{{"doc_id": "{t}_1ecb", "topic": {t}, "sentences": [{{"sid": 0, "text": "x"}}]}}\n'
        for t in (1, 2, 3, 4, 10)), encoding="utf-8")
    assert [d["topic"] for d in audit.load_docs(path, "even")] == [2, 4, 10]
    assert [d["topic"] for d in audit.load_docs(path, "odd")] == [1, 3]
    # Each half has its own judgement file, so tuning rows never enter the held-out audit.
    assert audit.JUDGEMENTS_BY_HALF["odd"] == audit.DEFAULT_JUDGEMENTS
    assert audit.JUDGEMENTS_BY_HALF["even"].name == "tuning_judgements_even.tsv"
