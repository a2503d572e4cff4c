"""Corroboration: reports of the same real event link to one canonical event.

The rule (issue 9, item 5): two factual event mentions link only when

* they have the same PLOVER type and the same **link key** (:func:`link_key`): the identities of
  their sources and targets (for CONSULT and COOPERATE the set of all parties, since who is named
  first does not matter), and
* either (a) **both are dated** and their dates lie within ``event_date_window_days`` of each
  other, or (b) **at least one is undated and both belong to the same story**. A mention is dated
  by its own event date (what its sentence says, resolved against publication) or else by its
  report's publication date. The day a report was *ingested* is never a date for linking: before
  this rule, every undated report of a batch fell on the ingest day, and "CONSULT – → USACVL"
  gathered 23 unrelated reports (a rehab story, the Oscars, a district attorney...).

An actor's identity (:func:`actor_token`) is its country code (``CHN`` for "Chinese President Xi
Jinping" and "Beijing" alike) or, for an international body, its organisation code (``IGOUNO``,
``IGOEUR``): a UN statement never links with an EU one. Some actors name nobody in particular and
are *anonymous*: no actor at all (``-``), a sector with no country (``-COP`` for "police"), a bare
``IGO`` with no organisation, or a nation's people (sectors in :data:`ANONYMOUS_SECTORS`, such as
``USACVL`` "Americans", ``NGAUAF`` "gunmen in Nigeria"). A side of an event is keyed by its
identified actors when it has any, else by its anonymous tokens (``-`` when it is empty). A key
with a side of anonymous actors only is **weak**: the codes do not say who acted or on whom, so
such mentions link only within one story, even when both are dated. "CONSULT – → USACVL" gets
the weak key ``-=USACVL`` and links only with reports of its own story. A CONSULT or COOPERATE
naming two identified parties on one side ("Xi and Putin held a call") is not weak: ``CHN=RUS``.

Undated mentions need stories, and the ``code`` stage runs before the ``cluster`` stage, so linking
is its own stage (``corroborate``, :func:`wirewatch.events.stage.corroborate_stage`), run after
clustering: :func:`link_pending` links the batch's new event mentions, against canonical events
stored by earlier batches too (story ids never change, so an undated report that joins a stored
story joins that story's canonical event). Two unresolved day names that cannot be the same day
("Tuesday" vs "Feb.") never link, nor does an unresolved day name with an event date it does not
fit.

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
from dataclasses import dataclass
from datetime import date, timedelta

from ..actors.kb import INTERNATIONAL
from ..timefilter import stamp_day
from .dates import hints_compatible
from .plover import SYMMETRIC_TYPES

__all__ = ["ANONYMOUS_SECTORS", "ActorRef", "LinkKey", "actor_token", "actors_key", "link_key",
           "link_event", "link_pending", "hint_fits", "recount", "canonicals_of_snippets", "inserted_id"]

log = logging.getLogger(__name__)

ANONYMOUS_SECTORS = frozenset({"CVL", "UAF", "REF"})
"""Sectors that name people, not an actor: civilians (CVL: "Americans", "residents", "a man"),
unidentified armed forces (UAF: "gunmen") and refugees (REF). "Americans" in two reports are rarely
the same Americans, so with a country they still do not identify who acted."""

ActorRef = tuple[str | None, str | None, str | None]
"""(code, sector, org) of one actor mention, as stored in ``event_actors``."""


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just made (sqlite3 types ``lastrowid`` as optional; an INSERT sets it)."""
    rowid = cursor.lastrowid
    assert rowid is not None
    return rowid


def actor_token(code: str | None, sector: str | None = None, org: str | None = None) -> tuple[str, bool]:
    """(token, identified) for one actor: ``("CHN", True)``, ``("IGOUNO", True)``; anonymous ones
    ``("USACVL", False)``, ``("IGO", False)`` (some international body), ``("-COP", False)``."""
    if code in INTERNATIONAL:
        return (code + org, True) if org else (code + (sector or ""), False)
    if not code or code.strip("-") == "":
        return "-" + (sector or ""), False
    if sector in ANONYMOUS_SECTORS:
        return code + sector, False
    return code, True


def _side(actors: Sequence[str | ActorRef]) -> tuple[list[str], bool]:
    tokens = [actor_token(a) if isinstance(a, str) else actor_token(*a) for a in actors]
    identified = sorted({t for t, ok in tokens if ok})
    if identified:
        return identified, True
    anonymous = sorted({t for t, _ in tokens if t != "-"})
    return anonymous or ["-"], False


@dataclass(frozen=True)
class LinkKey:
    key: str
    """``CHN=RUS``, ``CHN>RUS,USA``, ``IGOUNO>SYR``; weak ones ``-=USACVL``, ``USA>-``."""
    weak: bool
    """A side has no identified actor: link only within one story."""


def link_key(event_type: str, source: Sequence[str | ActorRef],
             target: Sequence[str | ActorRef]) -> LinkKey:
    """The identity part of the link rule (see the module docstring). An actor is an
    ``(code, sector, org)`` triple, or a bare code string."""
    src, src_ok = _side(source)
    tgt, tgt_ok = _side(target)
    weak = not (src_ok and tgt_ok)
    if event_type in SYMMETRIC_TYPES:
        # "Xi and Putin held a video call" names both parties on one side: two identified
        # parties make a meeting as definite as "Xi spoke with Putin".
        identified = set(src if src_ok else ()) | set(tgt if tgt_ok else ())
        if len(identified) >= 2 or not weak:
            return LinkKey("=".join(sorted(identified)), False)
        return LinkKey("=".join(sorted(set(src) | set(tgt))), True)
    return LinkKey(",".join(src) + ">" + ",".join(tgt), weak)


def actors_key(event_type: str, source: Sequence[str | ActorRef], target: Sequence[str | ActorRef]) -> str:
    """``CHN=RUS`` for a meeting of China and Russia (either way round); ``CHN>RUS,USA`` for China's
    request to Russia and the USA (:func:`link_key` without the weak flag)."""
    return link_key(event_type, source, target).key


def hint_fits(hint: str | None, day: date | None) -> bool:
    """Whether an unresolved expression (``tuesday``, ``02``, ``02-03``) can name ``day``."""
    if hint is None or day is None:
        return True
    if hint.isalpha():
        return day.strftime("%A").lower() == hint
    parts = hint.split("-")
    try:
        month = int(parts[0])
        return month == day.month and (len(parts) < 2 or int(parts[1]) == day.day)
    except ValueError:
        return True


@dataclass
class _Candidate:
    id: int
    anchor: date | None
    hint: str | None
    date: date | None
    in_story: bool


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _candidates(db: sqlite3.Connection, event_type: str, key: str, anchor: date | None,
                story_id: int | None, window_days: int) -> list[_Candidate]:
    found: dict[int, _Candidate] = {}
    if story_id is not None:
        for row in db.execute(
                "SELECT c.id, c.anchor_date, c.date_hint, c.date FROM canonical_events c"
                " WHERE c.type = ? AND c.actors_key = ? AND c.id IN ("
                "  SELECT e.canonical_event_id FROM story_members m JOIN events e ON e.snippet_id = m.snippet_id"
                "  WHERE m.story_id = ? AND e.canonical_event_id IS NOT NULL)", (event_type, key, story_id)):
            found[int(row[0])] = _Candidate(int(row[0]), _iso(row[1]), row[2], _iso(row[3]), True)
    if anchor is not None:
        lo = (anchor - timedelta(days=window_days)).isoformat()
        hi = (anchor + timedelta(days=window_days)).isoformat()
        for row in db.execute(
                "SELECT id, anchor_date, date_hint, date FROM canonical_events"
                " WHERE type = ? AND actors_key = ? AND anchor_date BETWEEN ? AND ?",
                (event_type, key, lo, hi)):
            found.setdefault(int(row[0]), _Candidate(int(row[0]), _iso(row[1]), row[2], _iso(row[3]), False))
    return list(found.values())


def _fits(c: _Candidate, anchor: date | None, event_date: date | None, hint: str | None, weak: bool,
          window_days: int) -> bool:
    """The link rule between one mention and one canonical event (see the module docstring)."""
    if anchor is not None and c.anchor is not None:
        return abs((anchor - c.anchor).days) <= window_days and (c.in_story or not weak)
    if not c.in_story:
        return False
    if anchor is None:
        return hints_compatible(hint, c.hint) and hint_fits(hint, c.date)
    return hint_fits(c.hint, event_date)


def link_event(db: sqlite3.Connection, event_id: int, *, event_type: str, mode: str | None, cameo: str,
               goldstein: float, event_date: date | None, anchor: date | None, key: LinkKey,
               story_id: int | None, source_codes: Sequence[str], target_codes: Sequence[str],
               window_days: int, batch_id: int, date_hint: str | None = None) -> int:
    """Link one event mention to its canonical event (creating one if none fits); returns its id.

    ``anchor`` is the mention's date for linking (its event date, else its report's publication
    date, else None); ``story_id`` the story of its snippet (None: not clustered)."""
    hint = None if event_date is not None else date_hint
    fitting = [c for c in _candidates(db, event_type, key.key, anchor, story_id, window_days)
               if _fits(c, anchor, event_date, hint, key.weak, window_days)]
    if fitting:
        # Same story first (the strongest evidence), then the nearest date, then the oldest.
        best = min(fitting, key=lambda c: (not c.in_story,
                                           abs((anchor - c.anchor).days) if anchor and c.anchor else 0, c.id))
        canonical = best.id
        # The first dated report fixes the canonical event's date and anchor; the first unresolved
        # expression its hint (so "Tuesday" then "Feb." cannot both join an undated event).
        db.execute("UPDATE canonical_events SET date = COALESCE(date, ?), anchor_date = COALESCE(anchor_date, ?),"
                   " date_hint = COALESCE(date_hint, ?) WHERE id = ?",
                   (event_date.isoformat() if event_date else None, anchor.isoformat() if anchor else None,
                    hint, canonical))
    else:
        canonical = inserted_id(db.execute(
            "INSERT INTO canonical_events(type, mode, cameo, goldstein, date, anchor_date, date_hint,"
            " actors_key, source, target, first_batch_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (event_type, mode, cameo, goldstein, event_date.isoformat() if event_date else None,
             anchor.isoformat() if anchor else None, hint, key.key, json.dumps(list(source_codes)),
             json.dumps(list(target_codes)), batch_id),
        ))
    db.execute("UPDATE events SET canonical_event_id = ? WHERE id = ?", (canonical, event_id))
    return canonical


def link_pending(db: sqlite3.Connection, snippet_ids: Sequence[int], *, window_days: int,
                 batch_id: int) -> set[int]:
    """Link the factual, not yet linked event mentions of ``snippet_ids`` (in id order) to
    canonical events. Run after clustering: undated mentions link through their story. Returns
    the canonical ids touched."""
    touched: set[int] = set()
    for i in range(0, len(snippet_ids), 900):
        chunk = list(snippet_ids[i:i + 900])
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"""SELECT e.id, e.type, e.mode, e.cameo, e.goldstein, e.date, e.date_hint, s.first_seen,
                       m.story_id
                FROM events e JOIN snippets s ON s.id = e.snippet_id
                LEFT JOIN story_members m ON m.snippet_id = e.snippet_id
                WHERE e.snippet_id IN ({marks}) AND e.canonical_event_id IS NULL
                  AND e.negated = 0 AND e.hypothetical = 0 ORDER BY e.id""", chunk).fetchall()
        for row in rows:
            actors: dict[str, list[tuple[ActorRef, str]]] = {"source": [], "target": []}
            for role, code, sector, org, actor in db.execute(
                    "SELECT role, code, sector, org, actor FROM event_actors WHERE event_id = ?"
                    " ORDER BY role, position", (row[0],)):
                actors[role].append(((code, sector, org), actor))
            event_date = _iso(row[5])
            key = link_key(row[1], [a for a, _ in actors["source"]], [a for a, _ in actors["target"]])
            touched.add(link_event(
                db, int(row[0]), event_type=row[1], mode=row[2], cameo=row[3], goldstein=row[4],
                event_date=event_date, anchor=event_date or stamp_day(row[7]), key=key,
                story_id=None if row[8] is None else int(row[8]),
                source_codes=[c for _, c in actors["source"]], target_codes=[c for _, c in actors["target"]],
                window_days=window_days, batch_id=batch_id, date_hint=row[6]))
    return touched


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
