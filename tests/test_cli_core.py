"""The CLI over a real SQLite file, through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_ingest_stats_show_roundtrip(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"text": "Xi and Putin held a video call on Tuesday.", "outlet": "A"}) + "\n"
        + json.dumps({"text": "Xi and Putin held a video call on Tuesday.", "outlet": "B"}) + "\n"
        + "{oops\n", encoding="utf-8")
    code, out = run("ingest", str(src), "--db", db, "--batch", "monday")
    assert code == 0
    assert "batch monday: 3 records, 2 new occurrences, 1 new snippets" in " ".join(out.split())
    assert "rejected" in out and "in.jsonl:line 3" in out.replace("\n", "")
    code, out = run("ingest", str(src), "--db", db)
    assert code == 0 and "nothing new" in out
    code, out = run("stats", "--db", db, "--json")
    data = json.loads(out)
    assert {k: data[k] for k in ("occurrences", "snippets", "duplicate_groups", "batches")} == {
        "occurrences": 2, "snippets": 1, "duplicate_groups": 1, "batches": 1}
    code, out = run("show", "1", "--db", db, "--json")
    assert json.loads(out)["outlets"] == ["A", "B"]
    code, out = run("show", "1", "--db", db)
    assert "also reported by" in out


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    code, out = run("stats", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such store" in out
    db = str(tmp_path / "w.db")
    (tmp_path / "a.txt").write_text("one\n", encoding="utf-8")
    run("ingest", str(tmp_path / "a.txt"), "--db", db)
    code, out = run("show", "99", "--db", db)
    assert code == 1 and "no snippet 99" in out
    code, out = run("--set", "near_dup_threshold=lots", "stats", "--db", db)
    assert code == 2 and "near_dup_threshold" in out
    code, out = run("--set", "nonsense=1", "stats", "--db", db)
    assert code == 2 and "unknown setting" in out


def test_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite", encoding="utf-8")
    code, out = run("stats", "--db", str(bogus))
    assert code == 1 and "cannot open as a wirewatch store" in out


def test_settings_lists_every_setting() -> None:
    code, out = run("settings", "--json")
    names = {row["name"] for row in json.loads(out)}
    assert {"near_dup_threshold", "num_perm", "lsh_bands", "max_line_bytes"} <= names


def test_env_and_set_override(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("WIREWATCH_NEAR_DUP_THRESHOLD", "0.9")
        code, out = run("--set", "num_perm=48", "settings", "--json")
        values = {row["name"]: row["value"] for row in json.loads(out)}
        assert values["near_dup_threshold"] == "0.9" and values["num_perm"] == "48"
    finally:
        mp.undo()
