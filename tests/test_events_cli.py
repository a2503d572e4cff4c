"""The events, code and actors commands, in-process with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app

runner = CliRunner()


def test_code_batch_mode(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "China urged the United States and Russia on Jan. 28 to cut their "
                                       "nuclear stockpiles.", "published": "2025-02-01"}) + "\n"
        + "not json\n"
        + json.dumps({"id": "b", "text": "Markets were calm."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    [ev] = [e for e in lines[0]["events"] if e["type"] == "REQUEST"]
    assert ev["source"] == ["CHN"] and sorted(ev["target"]) == ["RUS", "USA"]
    assert ev["date"] == "2025-01-28" and ev["negated"] is False
    # "urged": a CAMEO appeal (02, neutral), not a demand (10); the five-way class follows the code.
    assert (ev["cameo"], ev["cameo_root"], ev["penta"], ev["penta_class"]) == ("020", "02", 0, "NEUTRAL")
    assert {"type", "mode", "cameo", "source", "target", "date", "evidence", "confidence", "negated"} <= set(ev)
    assert ev["contexts"] == ["diplomatic", "cbrn"]  # two states; "nuclear stockpiles"
    assert lines[1]["events"] == []


def test_events_json_after_ingest(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"text": "Russian President Vladimir Putin held talks with Chinese President "
                                       "Xi Jinping in Moscow on Monday.", "outlet": "Wire",
                               "published": "2025-03-11T08:00:00Z"}) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["events", "--db", str(db), "--actor", "CHN", "--type", "CONSULT", "--json"])
    assert result.exit_code == 0, result.output
    [ev] = json.loads(result.output)
    assert {"type", "mode", "cameo", "cameo_root", "penta", "source", "target", "date", "reports",
            "outlets"} <= set(ev)
    assert (ev["type"], ev["date"], ev["reports"], ev["outlets"]) == ("CONSULT", "2025-03-10", 1, 1)
    assert (ev["location"], ev["location_code"]) == ("Moscow", "RUS")  # a venue, not a party
    assert ev["contexts"] == ["diplomatic"]  # stored with the event, read back by list_events
    assert sorted(ev["source"] + ev["target"]) == ["CHNGOV", "RUSGOV"]
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "CONSULT" in table.output
    bad = runner.invoke(app, ["events", "--db", str(db), "--type", "HUG"])
    assert bad.exit_code == 1 and "unknown event type" in bad.output


def test_actors_lookup_and_import(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "lookup", "Trump", "--date", "2023-05-01", "--json",
                                 "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["actor"] == "USAELI"
    dic = tmp_path / "mine.actors.txt"
    dic.write_text("BORDURIAN_FRONT_ [FRAREB]\n", encoding="utf-8")
    db = tmp_path / "w.db"
    imp = runner.invoke(app, ["actors", "import", str(dic), "--db", str(db), "--json"])
    assert imp.exit_code == 0 and json.loads(imp.output)["added"] == 1
    found = runner.invoke(app, ["actors", "lookup", "the Bordurian Front", "--db", str(db), "--json"])
    assert json.loads(found.output)[0]["actor"] == "FRAREB"
    missing = runner.invoke(app, ["actors", "import", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert missing.exit_code == 1 and "no such file" in missing.output
