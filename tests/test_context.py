"""PLOVER 2.0 contexts: the rule-based classifier, and contexts stored, migrated and listed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from wirewatch import Settings, Store, ingest
from wirewatch.events.context import CONTEXTS, CUES, contexts
from wirewatch.events.queries import list_events
from wirewatch.store import db as store_db
from wirewatch.store.migrations import MIGRATIONS


@dataclass
class Actor:
    code: str | None = None
    sector: str | None = None
    org: str | None = None


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two battalions of marines landed on the coast at dawn.", ["military"]),
    ("The senator tabled an amendment in parliament on Tuesday.", ["legislative"]),
    ("Voters queued for hours at polling stations in the runoff.", ["election"]),
    ("The central bank raised interest rates to curb inflation.", ["economic"]),
    ("An appeals court overturned the verdict against the editor.", ["legal"]),
    ("Cholera cases doubled in the camps, doctors warned.", ["health"]),
    ("Hundreds of migrants crossed the river overnight.", ["migration"]),
    ("The cyclone flattened fishing villages along the delta.", ["disasters", "natural_resource"]),
    ("Inspectors found traces of enriched uranium at the site.", ["cbrn"]),
    ("Hackers leaked the ministry's e-mails.", ["cyber"]),
    ("The mayor was charged with taking bribes from builders.", ["legal", "corruption"]),
    ("Bakers in the capital raised bread prices again.", ["economic"]),
    ("The weather was mild.", []),
])
def test_cue_words(sentence: str, expected: list[str]) -> None:
    assert contexts(sentence) == expected


def test_phrases_hide_the_words_inside_them() -> None:
    # "tear gas" is repression, not a natural resource; "West Bank" names no bank.
    assert contexts("Riot police fired tear gas at students in the West Bank.") == ["repression"]
    # "weapons of mass destruction" is the cbrn phrase, not the military word "weapons".
    assert contexts("He denied owning weapons of mass destruction.") == ["cbrn"]
    # Stems take any ending; whole words do not ("tradecraft" is not trade).
    assert contexts("Negotiators resumed negotiations.") == ["diplomatic"]
    assert contexts("Spies were taught tradecraft.") == ["intelligence"]
    # Hyphens and spaces are the same separator.
    assert contexts("The cease-fire held.") == contexts("The cease fire held.") == ["military"]


def test_actors_and_mode_add_contexts() -> None:
    army = Actor("NGA", "MIL")
    court = Actor("KEN", "JUD")
    assert contexts("They met on Monday.", "CONSULT", [army, court]) == ["military", "legal"]
    assert contexts("It was announced.", "AGREE", [Actor("IGO", org="IMF")]) == ["economic"]
    assert contexts("The site went dark.", "COERCE", [], mode="cyber") == ["cyber"]


def test_two_states_talking_is_diplomatic() -> None:
    pair = [Actor("FRA"), Actor("DEU", "GOV")]
    assert contexts("Paris welcomed the offer.", "SUPPORT", pair) == ["diplomatic"]
    # Not for force, and not for one state or a state and a non-state actor.
    assert contexts("Paris welcomed the offer.", "ASSAULT", pair) == []
    assert contexts("Paris welcomed the offer.", "SUPPORT", [Actor("FRA"), Actor("FRA", "GOV")]) == []
    assert contexts("Paris welcomed the offer.", "SUPPORT", [Actor("FRA"), Actor("DEU", "BUS")]) == []


def test_specific_crime_contexts_replace_crime() -> None:
    assert contexts("A criminal gang was caught smuggling cigarettes.") == ["trafficking"]
    assert contexts("A criminal gang robbed the depot.") == ["crime"]


def test_order_is_the_manuals_and_every_name_is_plover() -> None:
    got = contexts("Troops guarded the polling stations as refugees crossed the border.")
    assert got == sorted(got, key=CONTEXTS.index) == ["military", "election", "territory", "migration"]
    assert set(CUES) <= set(CONTEXTS) and len(set(CONTEXTS)) == len(CONTEXTS)


TEXT = "The Kenyan army and Ugandan troops held talks with Somali officials on Monday."


def _m003_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store as wirewatch left it before migration m004, holding one coded event."""
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:3])
        with Store(path) as s:
            assert s.schema_version == 3
            db = s.db
            db.execute("INSERT INTO batches(id, name, created_at) VALUES (1, 'old', '2025-01-01T00:00:00Z')")
            db.execute("INSERT INTO snippets(id, hash, text, canonical_id, first_batch_id, created_at)"
                       " VALUES (1, 'h', ?, 1, 1, '2025-01-01T00:00:00Z')", (TEXT,))
            db.execute("INSERT INTO canonical_events(id, type, cameo, goldstein, anchor_date, actors_key,"
                       " source, target, reports, outlets) VALUES (1, 'CONSULT', '04', 1.0, '2025-01-01',"
                       " 'KEN|SOM', '[\"KENMIL\"]', '[\"SOMGOV\"]', 1, 1)")
            db.execute("INSERT INTO events(snippet_id, batch_id, sentence, sentence_start, sentence_end,"
                       " trigger, trigger_start, trigger_end, type, cameo, goldstein, confidence,"
                       " canonical_event_id) VALUES (1, 1, 0, 0, ?, 'held talks', 37, 47, 'CONSULT', '04',"
                       " 1.0, 0.9, 1)", (len(TEXT),))
            assert "contexts" not in {r[1] for r in db.execute("PRAGMA table_info(events)")}


def test_m003_store_reads_and_migrates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       settings: Settings) -> None:
    path = tmp_path / "old.db"
    _m003_store(path, monkeypatch)
    # Read-only (no migration): listed, with no contexts.
    with Store(path, readonly=True) as s:
        assert s.schema_version == 3
        [ev] = list_events(s.db)
        assert ev["type"] == "CONSULT" and ev["contexts"] == []
    # Opened for writing: upgraded in place; the old event keeps NULL (not coded), new ones are coded.
    with Store(path) as s:
        assert s.schema_version == len(MIGRATIONS) >= 4  # m004 and any later ones
        assert [r[0] for r in s.db.execute("SELECT contexts FROM events")] == [None]
        [ev] = list_events(s.db)
        assert ev["contexts"] == []
        src = tmp_path / "new.jsonl"
        new = "Nigerian soldiers and Chadian troops held talks with officials of Niger in Niamey."
        src.write_text(json.dumps({"text": new, "published": "2025-03-11T08:00:00Z"}) + "\n",
                       encoding="utf-8")
        ingest([src], s, settings)
        stored = [json.loads(r[0]) for r in s.db.execute(
            "SELECT contexts FROM events WHERE contexts IS NOT NULL")]
        assert stored and all("military" in c for c in stored)
