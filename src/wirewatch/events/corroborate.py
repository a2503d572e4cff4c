"""Corroboration: reports of the same real event link to one canonical event.

Two coded event mentions are reports of the same event when they have the same PLOVER type, the
same actors (country codes; for CONSULT and COOPERATE the set of all parties, since who is named
first does not matter, otherwise sources and targets separately) and dates within
``event_date_window_days``. The date compared (the *anchor*) is the event's own date when the
sentence gives one ("on Tuesday" resolved against publication), else the report's publication
date, else the day it was ingested: undated reports (the seeds) still group when they arrive within
the window of each other, unless what their sentences say about the date cannot be the same day
(an unresolved "Tuesday" never joins an unresolved "Feb.").

Counts never inflate with repeats: ``reports`` is the number of distinct near-duplicate groups
(``snippets.canonical_id``) behind the linked mentions, and ``outlets`` the number of distinct
outlets over *every* occurrence of those groups (a repeat in another outlet adds an outlet, not a
report). Negated and hypothetical events are stored but never linked.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from .dates import hints_compatible
from .plover import SYMMETRIC_TYPES


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just made (sqlite3 types ``lastrowid`` as optional; an INSERT sets it)."""
    rowid = cursor.lastrowid
    assert rowid is not None
    return rowid

__all__ = ["actors_key", "link_event", "recount", "canonicals_of_snippets"]

log = logging.getLogger(__name__)


def actors_key(event_type: str, source: Sequence[str], target: Sequence[str]) -> str:
    """``CHN=RUS`` for a meeting of China and Russia (either way round); ``CHN>RUS,USA`` for China's
    request to Russia and the USA."""
    src = sorted({c for c in source if c})
    tgt = sorted({c for c in target if c})
    if event_type in SYMMETRIC_TYPES:
        return "=".join(sorted(set(src) | set(tgt)))
    return ",".join(src) + ">" + ",".join(tgt)


def link_event(db: sqlite3.Connection, event_id: int, *, event_type: str, mode: str | None, cameo: str,
               goldstein: float, event_date: date | None, anchor: date, source: Sequence[str],
               target: Sequence[str], source_codes: Sequence[str], target_codes: Sequence[str],
               window_days: int, batch_id: int, date_hint: str | None = None) -> int:
    """Link one event mention to its canonical event (creating it if none is near); returns its id."""
    key = actors_key(event_type, source, target)
    best: tuple[int, int] | None = None
    hint = None if event_date is not None else date_hint
    for row in db.execute("SELECT id, anchor_date, date_hint, date FROM canonical_events"
                          " WHERE type = ? AND actors_key = ?", (event_type, key)):
        if row[3] is None and not hints_compatible(hint, row[2]):
            continue
        gap = abs((date.fromisoformat(row[1]) - anchor).days)
        if gap <= window_days and (best is None or gap < best[1]):
            best = (int(row[0]), gap)
    if best is not None:
        canonical = best[0]
        if event_date is not None:
            # The first dated report fixes the canonical event's date.
            db.execute("UPDATE canonical_events SET date = COALESCE(date, ?) WHERE id = ?",
                       (event_date.isoformat(), canonical))
    else:
        canonical = inserted_id(db.execute(
            "INSERT INTO canonical_events(type, mode, cameo, goldstein, date, anchor_date, date_hint,"
            " actors_key, source, target, first_batch_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (event_type, mode, cameo, goldstein, event_date.isoformat() if event_date else None,
             anchor.isoformat(), hint, key, json.dumps(list(source_codes)), json.dumps(list(target_codes)),
             batch_id),
        ))
    db.execute("UPDATE events SET canonical_event_id = ? WHERE id = ?", (canonical, event_id))
    return canonical


def canonicals_of_snippets(db: sqlite3.Connection, snippet_ids: Iterable[int]) -> set[int]:
    """Canonical events reported by the near-duplicate groups of ``snippet_ids`` (their outlet
    counts change when a group gains occurrences)."""
    ids = list(snippet_ids)
    found: set[int] = set()
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        marks = ",".join("?" * len(chunk))
        found.update(int(r[0]) for r in db.execute(
            f"""SELECT DISTINCT e.canonical_event_id FROM events e JOIN snippets s ON s.id = e.snippet_id
                WHERE e.canonical_event_id IS NOT NULL AND s.canonical_id IN (
                    SELECT canonical_id FROM snippets WHERE id IN ({marks}))""", chunk))
    return found


def recount(db: sqlite3.Connection, canonical_ids: Iterable[int]) -> None:
    """Recompute reports, outlets and first/last seen of the given canonical events."""
    for cid in sorted(set(canonical_ids)):
        row = db.execute(
            """WITH groups AS (
                   SELECT DISTINCT s.canonical_id AS gid FROM events e
                   JOIN snippets s ON s.id = e.snippet_id WHERE e.canonical_event_id = ?),
               occ AS (
                   SELECT o.outlet, COALESCE(o.published, o.ingested_at) AS seen FROM occurrences o
                   JOIN snippets s ON s.id = o.snippet_id WHERE s.canonical_id IN (SELECT gid FROM groups))
               SELECT (SELECT COUNT(*) FROM groups), (SELECT COUNT(DISTINCT outlet) FROM occ),
                      (SELECT MIN(seen) FROM occ), (SELECT MAX(seen) FROM occ)""",
            (cid,),
        ).fetchone()
        db.execute("UPDATE canonical_events SET reports = ?, outlets = ?, first_seen = ?, last_seen = ?"
                   " WHERE id = ?", (row[0], row[1], row[2], row[3], cid))
