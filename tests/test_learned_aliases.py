"""Learned aliases: learned from one batch through the real pipeline into a SQLite file, used by
later batches, dated, not used when ambiguous, forgotten through the CLI, and never learned by a
batch that fails. The people named here are made up (so that no knowledge-base update ever knows
them); the sentences are written for these tests."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch.actors.learned import LearnedAlias, LearnedAliases
from wirewatch.actors.stage import annotate_stage
from wirewatch.cli import app
from wirewatch.errors import PipelineError
from wirewatch.pipeline import BatchContext, Stage, ingest
from wirewatch.settings import Settings
from wirewatch.store import Store

runner = CliRunner()

TEACH = "Armenian Prime Minister Aram Vetrosyan met Russian President Vladimir Putin in Moscow on Monday."


def write(path: Path, *reports: tuple[str, str]) -> Path:
    path.write_text("".join(json.dumps({"text": text, "outlet": "Wire", "published": published}) + "\n"
                            for text, published in reports), encoding="utf-8")
    return path


def run(src: Path, db: Path) -> None:
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output


def rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql, args))


def mentions_of(db: Path, text: str) -> list[tuple[object, ...]]:
    """(mention text, actor, via) of the snippet whose text starts with ``text``."""
    return rows(db, "SELECT m.text, m.actor, m.via FROM mentions m JOIN snippets s ON s.id = m.snippet_id"
                    " WHERE s.text LIKE ? ORDER BY m.start", text + "%")


def learned(db: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["actors", "learned", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    out: list[dict[str, object]] = json.loads(result.output)
    return out


def test_learned_used_later_and_dated(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    # The same batch's other report says only "Vetrosyan": it was not known before this batch.
    run(write(tmp_path / "b1.jsonl", (TEACH, "2024-03-04T09:00:00Z"),
              ("Vetrosyan thanked the voters of Gyumri on Tuesday.", "2024-03-05T09:00:00Z")), db)
    got = {(r["alias"], r["actor"], r["valid_from"]) for r in learned(db)}
    assert got == {("Aram Vetrosyan", "ARMGOV", "2024-03-04"), ("Vetrosyan", "ARMGOV", "2024-03-04")}
    [row] = [r for r in learned(db) if r["alias"] == "Vetrosyan"]
    assert row["name"] == "Aram Vetrosyan" and row["sentence"] == TEACH
    [(teacher,)] = rows(db, "SELECT id FROM snippets WHERE text = ?", TEACH)
    assert row["snippet_id"] == teacher
    assert not any(m[0] == "Vetrosyan" and m[1] == "ARMGOV" for m in mentions_of(db, "Vetrosyan thanked"))

    run(write(tmp_path / "b2.jsonl",
              ("Vetrosyan met Chinese Foreign Minister Wang Yi in Beijing on Friday.", "2024-04-12T10:00:00Z"),
              ("Prime Minister Vetrosyan visited Paris on Saturday.", "2024-04-13T10:00:00Z"),
              # Dated before the report it was learned from: not applied.
              ("Vetrosyan criticised the budget on Thursday.", "2024-02-01T10:00:00Z")), db)
    assert ("Vetrosyan", "ARMGOV", "learned") in mentions_of(db, "Vetrosyan met Chinese")
    assert ("Prime Minister Vetrosyan", "ARMGOV", "learned") in mentions_of(db, "Prime Minister Vetrosyan")
    assert not any(str(m[1]).startswith("ARM") for m in mentions_of(db, "Vetrosyan criticised"))
    # The coded event carries the learned actor too.
    sources = rows(db, "SELECT a.actor FROM event_actors a JOIN events e ON e.id = a.event_id"
                       " JOIN snippets s ON s.id = e.snippet_id WHERE s.text LIKE 'Vetrosyan met%'"
                       " AND e.type = 'CONSULT' AND a.role = 'source'")
    assert ("ARMGOV",) in sources
    # `actors lookup` on the store resolves it as well.
    look = runner.invoke(app, ["actors", "lookup", "Vetrosyan", "--db", str(db), "--json"])
    assert json.loads(look.output)[0]["via"] == "learned"


def test_appositive_pattern_and_knowledge_base_first(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(write(tmp_path / "b1.jsonl",
              ("Lusine Karapetova, the Armenian foreign minister, met Iranian officials on Sunday.",
               "2024-05-05T08:00:00Z"),
              # Known to the knowledge base in office at that date: nothing to learn.
              ("Russian President Vladimir Putin spoke on Monday.", "2024-05-06T08:00:00Z")), db)
    got = {(r["alias"], r["actor"]) for r in learned(db)}
    assert got == {("Lusine Karapetova", "ARMGOV"), ("Karapetova", "ARMGOV")}


def test_ambiguous_surname_is_not_used_alone(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(write(tmp_path / "b1.jsonl",
              ("Georgian Defence Minister Levan Darcheli inspected troops on Monday.", "2024-01-08T08:00:00Z"),
              ("Moldovan Prime Minister Ion Darcheli met farmers on Tuesday.", "2024-01-09T08:00:00Z")), db)
    assert {r["alias"] for r in learned(db)} == {"Levan Darcheli", "Ion Darcheli", "Darcheli"}
    run(write(tmp_path / "b2.jsonl",
              ("Darcheli arrived in Kyiv on Friday.", "2024-02-02T08:00:00Z"),
              ("Levan Darcheli left Tbilisi on Saturday.", "2024-02-03T08:00:00Z")), db)
    assert not any(m[2] == "learned" for m in mentions_of(db, "Darcheli arrived"))
    assert ("Levan Darcheli", "GEOMIL", "learned") in mentions_of(db, "Levan Darcheli left")


def test_forget_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(write(tmp_path / "b1.jsonl", (TEACH, "2024-03-04T09:00:00Z")), db)
    table = runner.invoke(app, ["actors", "learned", "--db", str(db)])
    assert table.exit_code == 0 and "Vetrosyan" in table.output and "ARMGOV" in table.output

    unknown = runner.invoke(app, ["actors", "forget", "Nobody", "--db", str(db)])
    assert unknown.exit_code == 1 and "no learned alias 'Nobody'" in unknown.output
    wrong_code = runner.invoke(app, ["actors", "forget", "Vetrosyan", "--code", "FRA", "--db", str(db)])
    assert wrong_code.exit_code == 1
    done = runner.invoke(app, ["actors", "forget", "Vetrosyan", "--code", "ARMGOV", "--db", str(db)])
    assert done.exit_code == 0 and "1 learned alias dropped" in done.output, done.output
    assert [r["alias"] for r in learned(db)] == ["Aram Vetrosyan"]

    # A new batch no longer resolves the surname, and a report that teaches it again does not
    # bring it back; the full name (not forgotten) still resolves.
    run(write(tmp_path / "b2.jsonl",
              ("Vetrosyan met Chinese Foreign Minister Wang Yi in Beijing on Friday.", "2024-04-12T10:00:00Z"),
              ("Aram Vetrosyan visited Paris on Saturday.", "2024-04-13T10:00:00Z"),
              ("Armenian Prime Minister Aram Vetrosyan spoke in Yerevan on Sunday.", "2024-04-14T10:00:00Z")), db)
    assert not any(m[2] == "learned" for m in mentions_of(db, "Vetrosyan met Chinese"))
    assert ("Aram Vetrosyan", "ARMGOV", "learned") in mentions_of(db, "Aram Vetrosyan visited")
    assert [r["alias"] for r in learned(db)] == ["Aram Vetrosyan"]

    # Forgetting the full name drops it (and the surname learned with it, already gone).
    full = runner.invoke(app, ["actors", "forget", "Aram Vetrosyan", "--db", str(db), "--json"])
    assert full.exit_code == 0 and json.loads(full.output)["dropped"] == 1
    assert learned(db) == []
    missing = runner.invoke(app, ["actors", "forget", "Vetrosyan", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and not (tmp_path / "none.db").exists()


def test_failed_batch_learns_nothing(tmp_path: Path) -> None:
    settings = Settings()

    def fail(ctx: BatchContext) -> None:
        raise PipelineError("stage failed on purpose")

    src = write(tmp_path / "b1.jsonl", (TEACH, "2024-03-04T09:00:00Z"))
    path = tmp_path / "w.db"
    with Store(path) as store, pytest.raises(PipelineError):
        ingest([src], store, settings, stages=[annotate_stage(settings), Stage("fail", fail,
                                                                               requires=("mentions",))])
    assert rows(path, "SELECT COUNT(*) FROM learned_aliases") == [(0,)]
    assert rows(path, "SELECT COUNT(*) FROM snippets") == [(0,)]
    # The same input in a batch that lands does learn.
    with Store(path) as store:
        ingest([src], store, settings, stages=[annotate_stage(settings)])
    assert rows(path, "SELECT COUNT(*) FROM learned_aliases") == [(2,)]


def alias(text: str, name: str, code: str, day: date) -> LearnedAlias:
    return LearnedAlias(text, name, code, "GOV", day)


def test_index_rules() -> None:
    day = date(2024, 1, 1)
    index = LearnedAliases([
        alias("Ada Kovar", "Ada Kovar", "CZE", day), alias("Kovar", "Ada Kovar", "CZE", day),
        alias("Jan Kovar", "Jan Kovar", "CZE", day),  # a second learned Kovar, same country
        alias("Mira Solt", "Mira Solt", "SVK", day), alias("Solt", "Mira Solt", "SVK", day),
        alias("Solt", "Solt", "HUN", date(2024, 6, 1)),  # "Solt" learned for a second country
        alias("Petr Lind", "Petr Lind", "CZE", day), alias("Lind", "Petr Lind", "CZE", day),
    ])
    assert index.get(["Kovar"], day) is None and index.get(["Solt"], day) is None
    hit = index.get(["Ada", "Kovar"], day)
    assert hit is not None and hit.code == "CZE"
    assert index.get(["Lind"], date(2023, 12, 31)) is None  # before it was learned
    assert index.get(["Lind"], date(2024, 1, 1)) is not None and index.get(["Lind"], None) is not None
    assert not LearnedAliases([])


def test_an_earlier_report_seen_later_moves_the_date_back(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(write(tmp_path / "b1.jsonl", (TEACH, "2024-03-04T09:00:00Z")), db)
    earlier = "Armenian Prime Minister Aram Vetrosyan opened a school in Yerevan on Friday."
    later = "Armenian Prime Minister Aram Vetrosyan closed a road in Yerevan on Friday."
    run(write(tmp_path / "b2.jsonl", (earlier, "2024-01-19T09:00:00Z"), (later, "2024-05-03T09:00:00Z")), db)
    [(snippet,)] = rows(db, "SELECT id FROM snippets WHERE text = ?", earlier)
    for r in learned(db):
        assert (r["valid_from"], r["snippet_id"], r["sentence"]) == ("2024-01-19", snippet, earlier), r


def test_hyphenated_surname_is_learned_whole(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    run(write(tmp_path / "a.jsonl", ("Israeli Interior Minister Avram Tal-Moradi resigned on Sunday.", "2025-01-19")),
        db)
    assert {r["alias"] for r in learned(db)} == {"Avram Tal-Moradi", "Tal-Moradi"}
    run(write(tmp_path / "b.jsonl", ("Tal-Moradi criticised the Palestinian Authority on Monday.", "2025-01-20")), db)
    assert ("Tal-Moradi", "ISRGOV", "learned") in mentions_of(db, "Tal-Moradi criticised")
