"""wirewatch export: the event data set in CSV, JSON Lines and Parquet, read back as a researcher would."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from wirewatch import ExportError, QueryError, Settings, Store, ingest
from wirewatch.cli import app
from wirewatch.export import EVENT_COLUMNS, MENTION_COLUMNS, export, export_rows

ROOT = Path(__file__).resolve().parents[1]

# Two outlets report one phone call (in either order of the parties); an unrelated arrest elsewhere.
NEWS = [
    {"text": "French President Emmanuel Macron held a phone call with German Chancellor Olaf Scholz on "
             "Wednesday, the Elysee said.", "outlet": "Harbour Post", "published": "2025-04-03T10:00:00Z",
     "url": "https://harbourpost.example/macron-scholz"},
    {"text": "German Chancellor Olaf Scholz held a phone call with French President Emmanuel Macron on "
             "Wednesday about European defence, a spokesman said.", "outlet": "Lake Gazette",
     "published": "2025-04-03T12:30:00Z"},
    {"text": "Kenyan police arrested twelve opposition activists in Nairobi on Monday, their lawyers said.",
     "outlet": "Lake Gazette", "published": "2025-03-25T08:00:00Z"},
]


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    src = folder / "news.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in NEWS), encoding="utf-8")
    path = folder / "w.db"
    with Store(path) as store:
        ingest([src], store, Settings(), batch="news")
    return path


@pytest.fixture
def store(db_file: Path) -> Iterator[Store]:
    s = Store(db_file, readonly=True)
    yield s
    s.close()


def read_back(path: Path, fmt: str) -> list[dict[str, Any]]:
    """Rows as a researcher's reader sees them (CSV cells are strings)."""
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


def header(path: Path, fmt: str) -> list[str]:
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return next(csv.reader(f))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    return list(read_back(path, fmt)[0])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_events_level_in_every_format(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    report = export(store.db, out, fmt=fmt)
    assert (report.rows, report.format, report.level) == (2, fmt, "events")
    assert header(out, fmt) == [c.name for c in EVENT_COLUMNS]
    rows = read_back(out, fmt)
    [call] = [r for r in rows if r["type"] == "CONSULT"]
    [arrest] = [r for r in rows if r["type"] == "COERCE"]
    if fmt == "csv":
        assert (call["reports"], call["outlets"], call["quad_code"]) == ("2", "2", "1")
        assert call["source_actors"] == "FRAGOV" and call["target_actors"] == "DEUGOV"
        assert call["snippet_ids"] == "1;2" and call["contexts"] == "diplomatic"
        assert call["date_hint"] == "" and call["goldstein"] == "1.0"
    else:
        assert (call["reports"], call["outlets"], call["quad_code"]) == (2, 2, 1)
        assert call["source_actors"] == ["FRAGOV"] and call["target_actors"] == ["DEUGOV"]
        assert call["snippet_ids"] == [1, 2] and call["contexts"] == ["diplomatic"]
        assert call["date_hint"] is None and call["goldstein"] == 1.0
    # A phone call is CAMEO 041 (discuss by telephone), Goldstein +1.0.
    assert (call["date"], call["mode"], call["cameo"], call["cameo_root"], call["quad_class"]) == (
        "2025-04-02", "phone", "041", "04", "VERBAL COOPERATION")
    assert str(call["penta"]) == "1" and call["penta_class"] == "VERBAL COOPERATION"
    assert (call["source_country"], call["source_sector"], call["target_country"], call["target_sector"]) == (
        "FRA", "GOV", "DEU", "GOV")
    assert call["first_seen"] == "2025-04-03T10:00:00Z" and call["last_seen"] == "2025-04-03T12:30:00Z"
    assert call["evidence"].startswith("French President Emmanuel Macron held a phone call")
    assert call["url"] == "https://harbourpost.example/macron-scholz"
    assert arrest["quad_class"] == "MATERIAL CONFLICT" and arrest["source_country"] == "KEN"
    assert arrest["url"] in ("", None)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_mentions_level_in_every_format(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"mentions.{fmt}"
    assert export(store.db, out, fmt=fmt, level="mentions").rows == 3
    assert header(out, fmt) == [c.name for c in MENTION_COLUMNS]
    rows = read_back(out, fmt)
    calls = [r for r in rows if r["type"] == "CONSULT"]
    assert len(calls) == 2 and len({str(r["canonical_event_id"]) for r in calls}) == 1  # one real event
    first = calls[0]
    assert first["evidence"] == NEWS[0]["text"] and first["trigger"] == "phone call"
    start, end = int(first["trigger_start"]), int(first["trigger_end"])
    assert NEWS[0]["text"][start:end] == "phone call"
    assert int(first["sentence_start"]) == 0 and int(first["sentence_end"]) == len(NEWS[0]["text"])
    assert first["published"] == "2025-04-03T10:00:00Z"
    if fmt == "csv":
        assert (first["outlets"], first["negated"], first["hypothetical"]) == ("Harbour Post", "false", "false")
        assert 0 < float(first["confidence"]) <= 1
    else:
        assert (first["outlets"], first["negated"], first["hypothetical"]) == (["Harbour Post"], False, False)
        assert isinstance(first["confidence"], float) and isinstance(first["snippet_id"], int)


def test_filters_match_wirewatch_events(store: Store) -> None:
    by = {(lvl, key): export_rows(store.db, level=lvl, **kw)  # type: ignore[arg-type]
          for lvl in ("events", "mentions")
          for key, kw in {"fra": {"actor": "fra"}, "full": {"actor": "KENCOP"}, "type": {"event_type": "coerce"},
                          "since": {"since": "2025-04-01"}, "none": {"actor": "CHN"}}.items()}
    assert [r["type"] for r in by["events", "fra"]] == ["CONSULT"]
    assert [r["type"] for r in by["events", "full"]] == ["COERCE"]
    assert [r["type"] for r in by["events", "type"]] == ["COERCE"]
    assert [r["type"] for r in by["events", "since"]] == ["CONSULT"]
    assert by["events", "none"] == [] and by["mentions", "none"] == []
    assert [r["type"] for r in by["mentions", "fra"]] == ["CONSULT", "CONSULT"]
    assert [r["type"] for r in by["mentions", "type"]] == ["COERCE"]
    assert [r["type"] for r in by["mentions", "since"]] == ["CONSULT", "CONSULT"]
    with pytest.raises(QueryError, match="unknown event type"):
        export_rows(store.db, event_type="HUG")
    with pytest.raises(QueryError, match="expected a date"):
        export_rows(store.db, level="mentions", since="last week")
    with pytest.raises(QueryError, match="unknown level"):
        export_rows(store.db, level="stories")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_empty_result_still_writes_a_file(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"none.{fmt}"
    assert export(store.db, out, fmt=fmt, actor="CHN").rows == 0
    if fmt == "csv":
        assert out.read_text(encoding="utf-8").splitlines() == [",".join(c.name for c in EVENT_COLUMNS)]
    elif fmt == "jsonl":
        assert out.read_text(encoding="utf-8") == ""
    else:
        assert header(out, fmt) == [c.name for c in EVENT_COLUMNS] and read_back(out, fmt) == []


def test_refuses_to_overwrite_without_force(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError, match="--force"):
        export(store.db, out)
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert export(store.db, out, force=True).rows == 2
    assert out.read_text(encoding="utf-8").startswith("id,date,")
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file left behind


def test_an_interrupted_export_leaves_no_file(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import wirewatch.export as module

    def boom(value: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "_csv_cell", boom)
    with pytest.raises(KeyboardInterrupt):
        export(store.db, tmp_path / "events.csv")
    assert list(tmp_path.iterdir()) == []


def test_format_from_the_file_name(store: Store, tmp_path: Path) -> None:
    assert export(store.db, tmp_path / "a.jsonl").format == "jsonl"
    assert export(store.db, tmp_path / "a.parquet").format == "parquet"
    assert export(store.db, tmp_path / "a.txt").format == "csv"
    with pytest.raises(QueryError, match="unknown format"):
        export(store.db, tmp_path / "a.xlsx", fmt="xlsx")


def test_parquet_without_pyarrow_names_the_extra(store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "events.parquet"
    with pytest.raises(ExportError, match=r"wirewatch\[parquet\]"):
        export(store.db, out)
    assert not out.exists()
    assert export(store.db, tmp_path / "events.csv").rows == 2  # the other formats need nothing
    result = CliRunner().invoke(app, ["export", "--db", str(store.path), "--out", str(out)])
    assert result.exit_code == 1 and "pip install 'wirewatch[parquet]'" in result.output


def test_cli(db_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "calls.csv"
    result = runner.invoke(app, ["export", "--db", str(db_file), "--out", str(out), "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"1 events -> {out} (csv)"
    assert [r["reports"] for r in read_back(out, "csv")] == ["2"]
    again = runner.invoke(app, ["export", "--db", str(db_file), "--out", str(out)])
    assert again.exit_code == 1 and "exists; pass --force" in again.output
    forced = runner.invoke(app, ["export", "--db", str(db_file), "--out", str(out), "--force", "--json",
                                 "--level", "mentions", "--format", "jsonl"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.output) == {"path": str(out), "format": "jsonl", "level": "mentions", "rows": 3}
    empty = runner.invoke(app, ["export", "--db", str(db_file), "--out", str(tmp_path / "e.parquet"),
                                "--actor", "CHN"])
    assert empty.exit_code == 0 and "0 events" in empty.output
    bad = runner.invoke(app, ["export", "--db", str(db_file), "--out", str(tmp_path / "x.csv"), "--level", "x"])
    assert bad.exit_code == 1 and "unknown level" in bad.output


def test_every_export_column_is_documented() -> None:
    text = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    section = text.split("## Export", 1)[1].split("\n## ", 1)[0]
    for column in {c.name for c in EVENT_COLUMNS + MENTION_COLUMNS}:
        assert f"`{column}`" in section, column
