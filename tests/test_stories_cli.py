"""The story commands, in-process through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app

runner = CliRunner()

LINES = [
    {"id": "q1", "text": "A magnitude 6.1 earthquake struck Aceh province in Indonesia, killing 12 people."},
    {"id": "q2", "text": "At least 12 people died when a 6.1-magnitude quake hit Indonesia's Aceh province."},
    {"id": "r1", "text": "The central bank left interest rates unchanged and signalled two cuts this year.",
     "published": "2025-01-07T09:00:00Z"},
]


def test_cluster_command_writes_id_story_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in LINES), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["cluster", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    story = {r["id"]: r["story"] for r in rows}
    assert [r["id"] for r in rows] == ["q1", "q2", "r1"]
    assert story["q1"] == story["q2"] != story["r1"]


def test_cluster_command_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "fine"}\n{"text": "no id"}\n', encoding="utf-8")
    result = runner.invoke(app, ["cluster", str(src)])
    assert result.exit_code == 1 and "bad.jsonl:2" in result.output


def test_store_commands(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    src = tmp_path / "wire.jsonl"
    src.write_text("".join(json.dumps({**x, "outlet": "Test Wire"}) + "\n" for x in LINES), encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0

    listed = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.stdout)
    assert sorted(s["reports"] for s in stories) == [1, 2]
    quake = next(s for s in stories if s["reports"] == 2)

    shown = runner.invoke(app, ["story", str(quake["id"]), "--db", str(db), "--json"])
    assert shown.exit_code == 0 and len(json.loads(shown.stdout)["members"]) == 2
    assert runner.invoke(app, ["story", "999", "--db", str(db)]).exit_code == 1

    found = runner.invoke(app, ["search", 'Aceh" (', "--db", str(db), "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)[0]["story_id"] == quake["id"]
    assert runner.invoke(app, ["search", "Aceh", "--db", str(db)]).exit_code == 0

    md = runner.invoke(app, ["brief", "--db", str(db)])
    assert md.exit_code == 0 and "# Situation report" in md.stdout
    html_out = tmp_path / "brief.html"
    assert runner.invoke(app, ["brief", "--db", str(db), "--format", "html", "-o", str(html_out)]).exit_code == 0
    assert html_out.read_text().startswith("<!doctype html>")
    assert runner.invoke(app, ["brief", "--db", str(db), "--format", "pdf"]).exit_code == 1


def test_demo_builds_a_fresh_store_and_prints_a_brief(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    for _ in range(2):  # re-running rebuilds the demo file rather than failing or doubling
        result = runner.invoke(app, ["demo", "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert "# Situation report" in result.stdout and "[#" in result.stdout
