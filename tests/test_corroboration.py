"""Corroboration never joins unrelated reports (issue 9, item 5).

Two event mentions link only when type, source and target agree and either both are dated within
``event_date_window_days`` or, when one is undated, both belong to the same story. International
bodies are keyed by organisation; a side with no identified actor makes a weak key that links only
within one story. Every sentence here is written for this file. The real pipeline runs on a real
SQLite file in ``tmp_path``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from wirewatch import Settings, Store, ingest
from wirewatch.events.corroborate import actor_token, hint_fits, link_key
from wirewatch.store import db as store_db
from wirewatch.store.migrations import MIGRATIONS, m006_undated_anchor

# The "CONSULT – → USACVL" case in miniature: unrelated undated reports, each with a meeting whose
# only identified side is "American <people>" (no source), from different stories.
UNRELATED = [
    "The singer met with American fans backstage after her comeback concert in Nashville, "
    "a month after she left a rehab clinic.",
    "The talk-show host met with American viewers at the Oscars after-party in Los Angeles, "
    "where the best-picture winner was toasted until dawn.",
    "The district attorney met with American voters at a town hall about the new bail rules "
    "and the backlog of felony cases in the county courts.",
    "A biologist met with American hunters at a lodge in Montana about the endangered-species rule "
    "that would protect grey wolves.",
]

# One story told twice, undated, in different words (not near-duplicates of each other).
MODI_A = ("Indian Prime Minister Narendra Modi met Japanese Prime Minister Shigeru Ishiba in Tokyo, where "
          "the two leaders discussed the Mumbai-Ahmedabad high-speed rail line and Japanese chip investment.")
MODI_B = ("Modi and Ishiba held talks in Tokyo about the Mumbai-Ahmedabad bullet train line and "
          "semiconductor investment by Japanese companies in India.")
MODI_C = ("Modi met Ishiba in Tokyo on the Mumbai-Ahmedabad bullet train and Japanese semiconductor "
          "plants in Gujarat.")
# The same two countries meeting about something else: another story, another event.
NAVY = ("India's foreign minister held talks with Japan's defence minister about joint patrols by frigates "
        "and submarines in the Andaman Sea after a collision with a fishing trawler.")

UN = "The United Nations condemned the air strike on a crowded market in northern Syria."
EU = "The European Union condemned the air strike on a crowded market in northern Syria."

AID_1 = "Germany shipped weapons to Ukraine, the defence ministry in Berlin said."
AID_2 = "Berlin delivered more air-defence missiles to Kyiv, officials said."


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ingest(tmp_path: Path, store: Store, name: str, rows: list[dict[str, str]]) -> None:
    # The relevance model would drop the celebrity and town-hall reports before they reach
    # corroboration; the linking rule itself must hold for whatever events are stored.
    ingest([_jsonl(tmp_path / f"{name}.jsonl", rows)], store, Settings(min_event_relevance=0.0), batch=name)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = Store(tmp_path / "corroboration.db")
    yield s
    s.close()


def _mentions(db: sqlite3.Connection, event_type: str, opening: str) -> list[sqlite3.Row]:
    """Linked mentions of ``event_type`` in the snippet that starts with ``opening``, with their
    canonical event's counts and the snippet's story."""
    return db.execute(
        """SELECT e.canonical_event_id AS cid, c.actors_key, c.reports, c.outlets, m.story_id
           FROM events e JOIN snippets s ON s.id = e.snippet_id
           JOIN canonical_events c ON c.id = e.canonical_event_id
           JOIN story_members m ON m.snippet_id = e.snippet_id
           WHERE e.type = ? AND s.text LIKE ? ORDER BY e.id""", (event_type, opening[:40] + "%")).fetchall()


def _one(db: sqlite3.Connection, event_type: str, opening: str, key: str) -> sqlite3.Row:
    found = [r for r in _mentions(db, event_type, opening) if r["actors_key"] == key]
    assert len(found) == 1, (opening, key, [dict(r) for r in _mentions(db, event_type, opening)])
    return found[0]


# -- the key ------------------------------------------------------------------------------------

def test_identity_of_an_actor() -> None:
    assert actor_token("CHN", "GOV") == ("CHN", True)
    assert actor_token("IGO", None, "UNO") == ("IGOUNO", True)
    assert actor_token("IGO", None, "EUR") == ("IGOEUR", True)
    assert actor_token("IGO") == ("IGO", False)  # some international body: nobody in particular
    assert actor_token("USA", "CVL") == ("USACVL", False)
    assert actor_token(None, "COP") == ("-COP", False)
    assert actor_token(None) == ("-", False)


def test_link_keys() -> None:
    un = link_key("ACCUSE", [("IGO", None, "UNO")], [("SYR", None, None)])
    eu = link_key("ACCUSE", [("IGO", None, "EUR")], [("SYR", None, None)])
    assert un.key == "IGOUNO>SYR" and eu.key == "IGOEUR>SYR" and not un.weak
    # No source, a nation's people as target: weak.
    assert link_key("CONSULT", [], [("USA", "CVL", None)]) == link_key("CONSULT", [], [("USA", "CVL", None)])
    assert link_key("CONSULT", [], [("USA", "CVL", None)]).key == "-=USACVL"
    assert link_key("CONSULT", [], [("USA", None, None)]).weak
    assert link_key("REQUEST", [("USA", "GOV", None)], []).key == "USA>-"
    assert link_key("REQUEST", [("USA", "GOV", None)], []).weak
    # A meeting naming both parties on one side is as definite as one naming them on each side.
    both = link_key("CONSULT", [("CHN", "GOV", None), ("RUS", "GOV", None)], [])
    assert both == link_key("CONSULT", [("RUS", "GOV", None)], [("CHN", None, None)])
    assert both.key == "CHN=RUS" and not both.weak
    # An identified actor beside an anonymous one keys the side.
    assert link_key("ASSAULT", [("RUS", "MIL", None)], [("UKR", None, None), ("UKR", "CVL", None)]).key == "RUS>UKR"


def test_an_unresolved_day_fits_only_its_own_dates() -> None:
    from datetime import date

    tuesday = date(2025, 1, 21)
    assert hint_fits("tuesday", tuesday) and not hint_fits("monday", tuesday)
    assert hint_fits("01", tuesday) and not hint_fits("02", tuesday)
    assert hint_fits("01-21", tuesday) and not hint_fits("01-22", tuesday)
    assert hint_fits(None, tuesday) and hint_fits("tuesday", None)


# -- the pipeline ---------------------------------------------------------------------------------

def test_undated_unrelated_reports_with_an_anonymous_side_do_not_link(tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store, "desk", [{"text": t, "outlet": f"Outlet {i}"} for i, t in enumerate(UNRELATED)])
    rows = [_one(store.db, "CONSULT", t, "-=USA") for t in UNRELATED]
    assert len({r["story_id"] for r in rows}) == len(UNRELATED), "the reports should be different stories"
    assert len({r["cid"] for r in rows}) == len(UNRELATED)
    assert all((r["reports"], r["outlets"]) == (1, 1) for r in rows)
    # Nothing undated is anchored on the ingest day.
    assert store.db.execute("SELECT COUNT(*) FROM canonical_events WHERE anchor_date IS NOT NULL"
                            ).fetchone()[0] == 0


def test_dated_reports_with_a_weak_key_link_only_within_a_story(tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store, "dated", [{"text": t, "outlet": f"Outlet {i}", "published": "2025-03-10T09:00:00Z"}
                                       for i, t in enumerate(UNRELATED)])
    rows = [_one(store.db, "CONSULT", t, "-=USA") for t in UNRELATED]
    assert len({r["cid"] for r in rows}) == len(UNRELATED)


def test_undated_reports_of_one_story_link(tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store, "modi", [{"text": MODI_A, "outlet": "Wire A"}, {"text": MODI_B, "outlet": "Wire B"}]
            + [{"text": t, "outlet": "Wire C"} for t in UNRELATED])
    a = _one(store.db, "CONSULT", MODI_A, "IND=JPN")
    b = _one(store.db, "CONSULT", MODI_B, "IND=JPN")
    assert a["story_id"] == b["story_id"]
    assert a["cid"] == b["cid"]
    assert (a["reports"], a["outlets"]) == (2, 2)
    [row] = store.db.execute("SELECT date, anchor_date FROM canonical_events WHERE id = ?", (a["cid"],)).fetchall()
    assert (row["date"], row["anchor_date"]) == (None, None)


def test_undated_reports_of_one_story_naming_other_days_do_not_link(tmp_path: Path, store: Store) -> None:
    tuesday_a = MODI_A.replace(" in Tokyo,", " in Tokyo on Tuesday,")
    tuesday_b = MODI_B.replace(" in Tokyo ", " in Tokyo on Tuesday ")
    february = ("Modi and Ishiba first met in Tokyo on Feb. 3 to discuss the Mumbai-Ahmedabad bullet train line "
                "and semiconductor investment by Japanese companies.")
    _ingest(tmp_path, store, "days", [{"text": t, "outlet": "Wire"} for t in (tuesday_a, february, tuesday_b)])
    a, feb, b = (_one(store.db, "CONSULT", t, "IND=JPN") for t in (tuesday_a, february, tuesday_b))
    assert a["story_id"] == feb["story_id"] == b["story_id"], "the reports should be one story"
    assert a["cid"] == b["cid"] != feb["cid"]
    hints = dict(store.db.execute("SELECT id, date_hint FROM canonical_events").fetchall())
    assert (hints[a["cid"]], hints[feb["cid"]]) == ("tuesday", "02-03")


def test_undated_reports_of_different_stories_do_not_link_even_with_a_strong_key(
        tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store, "two", [{"text": MODI_A, "outlet": "Wire A"}, {"text": NAVY, "outlet": "Wire B"}])
    a = _one(store.db, "CONSULT", MODI_A, "IND=JPN")
    b = _one(store.db, "CONSULT", NAVY, "IND=JPN")
    assert a["story_id"] != b["story_id"], "the reports should be different stories"
    assert a["cid"] != b["cid"]


def test_un_and_eu_statements_do_not_link(tmp_path: Path, store: Store) -> None:
    day = "2025-03-10T09:00:00Z"
    _ingest(tmp_path, store, "igo", [{"text": UN, "outlet": "Wire A", "published": day},
                                     {"text": EU, "outlet": "Wire B", "published": day}])
    un = _one(store.db, "ACCUSE", UN, "IGOUNO>SYR")
    eu = _one(store.db, "ACCUSE", EU, "IGOEUR>SYR")
    assert un["cid"] != eu["cid"]
    sources = {r[0] for r in store.db.execute("SELECT source FROM canonical_events WHERE type = 'ACCUSE'")}
    assert sources == {'["IGOUNO"]', '["IGOEUR"]'}


@pytest.mark.parametrize(("second_day", "linked"), [("2025-03-12", True), ("2025-03-13", True),
                                                    ("2025-03-14", False), ("2025-03-25", False)])
def test_dated_reports_link_within_the_window_only(tmp_path: Path, store: Store, second_day: str,
                                                   linked: bool) -> None:
    assert Settings().event_date_window_days == 3
    _ingest(tmp_path, store, "aid", [{"text": AID_1, "outlet": "Wire A", "published": "2025-03-10T09:00:00Z"},
                                     {"text": AID_2, "outlet": "Wire B", "published": second_day + "T09:00:00Z"}])
    one = _one(store.db, "AID", AID_1, "DEU>UKR")
    two = _one(store.db, "AID", AID_2, "DEU>UKR")
    assert (one["cid"] == two["cid"]) is linked
    assert one["reports"] == (2 if linked else 1)


def test_a_later_undated_report_joining_a_story_links_to_its_event(tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store, "first", [{"text": MODI_A, "outlet": "Wire A"}]
            + [{"text": t, "outlet": "Wire C"} for t in UNRELATED[:2]])
    first = _one(store.db, "CONSULT", MODI_A, "IND=JPN")
    assert first["reports"] == 1
    stories_before = dict(store.db.execute("SELECT snippet_id, story_id FROM story_members").fetchall())
    _ingest(tmp_path, store, "second", [{"text": MODI_C, "outlet": "Wire B"}]
            + [{"text": t, "outlet": "Wire D"} for t in UNRELATED[2:]])
    later = _one(store.db, "CONSULT", MODI_C, "IND=JPN")
    assert later["story_id"] == first["story_id"], "the later report should join the stored story"
    assert later["cid"] == first["cid"]
    assert (later["reports"], later["outlets"]) == (2, 2)
    # Story ids never change; the later unrelated reports open their own events.
    after = dict(store.db.execute("SELECT snippet_id, story_id FROM story_members").fetchall())
    assert all(after[k] == v for k, v in stories_before.items())
    cids = {_one(store.db, "CONSULT", t, "-=USA")["cid"] for t in UNRELATED}
    assert len(cids) == len(UNRELATED)


def test_counts_follow_distinct_reports_and_outlets(tmp_path: Path, store: Store) -> None:
    """Exact repeats and near-duplicates add outlets, never reports; a repeat in a later batch in a
    new outlet raises ``outlets`` of the stored event."""
    near = MODI_A.replace("Japanese chip investment", "Japanese chip investments")
    _ingest(tmp_path, store, "one", [{"text": MODI_A, "outlet": "Wire A"}, {"text": MODI_A, "outlet": "Wire A"},
                                     {"text": near, "outlet": "Wire B"}, {"text": MODI_B, "outlet": "Wire C"}])
    row = _one(store.db, "CONSULT", MODI_A, "IND=JPN")
    assert store.db.execute("SELECT COUNT(DISTINCT canonical_id) FROM snippets").fetchone()[0] == 2
    assert (row["reports"], row["outlets"]) == (2, 3)
    _ingest(tmp_path, store, "two", [{"text": MODI_B, "outlet": "Wire D"}, {"text": near, "outlet": "Wire A"}])
    row = _one(store.db, "CONSULT", MODI_A, "IND=JPN")
    assert (row["reports"], row["outlets"]) == (2, 4)
    assert store.db.execute("SELECT COUNT(*) FROM canonical_events WHERE actors_key = 'IND=JPN'"
                            ).fetchone()[0] == 1


# -- migration ------------------------------------------------------------------------------------

def test_m006_drops_ingest_day_anchors_and_keeps_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    before = MIGRATIONS.index(m006_undated_anchor)  # the store as it was before m006
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:before])
        with Store(path) as s:
            db = s.db
            db.execute("INSERT INTO batches(id, name, created_at) VALUES (1, 'old', '2025-01-01T00:00:00Z')")
            for sid, seen in ((1, None), (2, "2024-12-30T08:00:00Z")):
                db.execute("INSERT INTO snippets(id, hash, text, canonical_id, first_batch_id, first_seen, created_at)"
                           " VALUES (?, ?, 'x', ?, 1, ?, '2025-01-01T00:00:00Z')", (sid, f"h{sid}", sid, seen))
            for cid in (1, 2):
                db.execute("INSERT INTO canonical_events(id, type, cameo, goldstein, anchor_date, actors_key,"
                           " source, target, reports, outlets) VALUES (?, 'CONSULT', '04', 1.0, ?, 'CHN=RUS',"
                           " '[]', '[]', 1, 1)", (cid, "2025-01-01" if cid == 1 else "2024-12-30"))
                db.execute("INSERT INTO events(snippet_id, batch_id, sentence, sentence_start, sentence_end,"
                           " trigger, trigger_start, trigger_end, type, cameo, goldstein, confidence,"
                           " canonical_event_id) VALUES (?, 1, 0, 0, 1, 'met', 0, 1, 'CONSULT', '04', 1.0, 0.9, ?)",
                           (cid, cid))
    with Store(path) as s:
        assert s.schema_version == len(MIGRATIONS)
        rows = s.db.execute("SELECT id, anchor_date FROM canonical_events ORDER BY id").fetchall()
        # Undated with no published report: its anchor was the ingest day, now gone.
        assert [tuple(r) for r in rows] == [(1, None), (2, "2024-12-30")]
        assert [tuple(r) for r in s.db.execute("SELECT snippet_id, canonical_event_id FROM events ORDER BY id")
                ] == [(1, 1), (2, 2)]
        assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                              " AND tbl_name = 'canonical_events'")}
        assert {"canonical_events_key", "canonical_events_date"} <= indexes
