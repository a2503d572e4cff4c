"""Read queries over coded events. Each query is built by one function (SQL and parameters, so it
can be shown and tested) and run by another."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from ..errors import QueryError
from .cameo import code_fields
from .plover import EVENT_TYPES, normalise_type

__all__ = ["check_filters", "event_day_sql", "events_sql", "list_events", "flagged_events", "event_mentions", "actor_activity_sql",
           "actor_activity", "actor_counterparts_sql", "actor_counterparts"]


def event_day_sql(alias: str = "c") -> str:
    """SQL for the day a canonical event (table alias ``alias``) happened: its own date (from its
    sentences), else its earliest report's publication date, else NULL. Never the ingest day:
    when we read a report says nothing about when the event happened."""
    return (f"COALESCE({alias}.date, (SELECT SUBSTR(MIN(o_d.published), 1, 10) FROM events e_d"
            f" JOIN occurrences o_d ON o_d.snippet_id = e_d.snippet_id"
            f" WHERE e_d.canonical_event_id = {alias}.id))")


def check_filters(event_type: str | None, since: str | None) -> str | None:
    """Validate the filters of ``wirewatch events`` (and ``export``): ``since`` must be a date,
    ``event_type`` a PLOVER type (2016 names accepted). Returns the type's 2.0 name, or None."""
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            raise QueryError(f"--since {since!r}: expected a date like 2025-01-21") from None
    if not event_type:
        return None
    name = normalise_type(event_type)
    if name not in EVENT_TYPES:
        raise QueryError(f"unknown event type {event_type!r}; one of {', '.join(EVENT_TYPES)}")
    return name


def events_sql(*, actor: str | None = None, event_type: str | None = None, since: str | None = None,
               limit: int = 100, counterpart: str | None = None) -> tuple[str, list[Any]]:
    """Canonical events, newest first. ``actor`` is a country/IGO code (``CHN``) or a full code
    (``CHNGOV``); it matches sources and targets. ``counterpart`` (with ``actor``) keeps events
    between the two: one on either side, the other on the opposite side."""
    where: list[str] = []
    params: list[Any] = []
    if counterpart:
        if not actor:
            raise QueryError("a counterpart needs an actor: give both codes of the pair")
        where.append("EXISTS (SELECT 1 FROM events e JOIN event_actors x ON x.event_id = e.id"
                     " JOIN event_actors y ON y.event_id = e.id AND y.role != x.role"
                     " WHERE e.canonical_event_id = c.id AND (x.code = ? OR x.actor = ?)"
                     " AND (y.code = ? OR y.actor = ?))")
        params += [actor.upper(), actor.upper(), counterpart.upper(), counterpart.upper()]
    if actor:
        where.append("EXISTS (SELECT 1 FROM events e JOIN event_actors a ON a.event_id = e.id"
                     " WHERE e.canonical_event_id = c.id AND (a.code = ? OR a.actor = ?))")
        params += [actor.upper(), actor.upper()]
    name = check_filters(event_type, since)
    if name:
        where.append("c.type = ?")
        params.append(name)
    if since:
        where.append(f"{event_day_sql('c')} >= ?")
        params.append(since)
    # Undated events (NULL day) sort last.
    sql = (f"SELECT c.*, {event_day_sql('c')} AS day FROM canonical_events c"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY day IS NULL, day DESC, c.reports DESC, c.id LIMIT ?")
    params.append(limit)
    return sql, params


def list_events(db: sqlite3.Connection, *, actor: str | None = None, event_type: str | None = None,
                since: str | None = None, limit: int = 100,
                counterpart: str | None = None) -> list[dict[str, Any]]:
    """Canonical (corroborated, factual) events as dicts, each with its first report's evidence."""
    sql, params = events_sql(actor=actor, event_type=event_type, since=since, limit=limit,
                             counterpart=counterpart)
    out = []
    # A store opened read-only may predate migration m004 (no contexts column): no contexts then.
    has_contexts = any(r[1] == "contexts" for r in db.execute("PRAGMA table_info(events)"))
    for row in db.execute(sql, params).fetchall():
        first = db.execute(
            "SELECT e.snippet_id, s.text, e.sentence_start, e.sentence_end, e.date_text, e.location,"
            " e.location_code" + (", e.contexts" if has_contexts else ", NULL AS contexts") +
            " FROM events e JOIN snippets s ON s.id = e.snippet_id WHERE e.canonical_event_id = ?"
            " ORDER BY e.id LIMIT 1", (row["id"],)).fetchone()
        snippets = [r[0] for r in db.execute(
            "SELECT DISTINCT snippet_id FROM events WHERE canonical_event_id = ? ORDER BY snippet_id",
            (row["id"],))]
        out.append({
            "id": row["id"],
            "type": row["type"],
            "mode": row["mode"],
            "cameo": row["cameo"],
            **code_fields(row["cameo"]),
            "goldstein": row["goldstein"],
            "source": json.loads(row["source"]),
            "target": json.loads(row["target"]),
            "date": row["date"],
            "date_hint": row["date_hint"],
            "reports": row["reports"],
            "outlets": row["outlets"],
            "first_seen": row["first_seen"],
            "last_seen": row["last_seen"],
            "snippets": snippets,
            "location": first["location"] if first else None,
            "location_code": first["location_code"] if first else None,
            # PLOVER 2.0 contexts of the first report's event ([] if it was coded before m004).
            "contexts": json.loads(first["contexts"]) if first and first["contexts"] else [],
            "evidence": first["text"][first["sentence_start"]:first["sentence_end"]] if first else None,
        })
    return out


def flagged_events(db: sqlite3.Connection, limit: int = 100) -> list[dict[str, Any]]:
    """Negated and hypothetical event mentions (kept, never corroborated)."""
    rows = db.execute(
        "SELECT e.*, s.text AS snippet_text FROM events e JOIN snippets s ON s.id = e.snippet_id"
        " WHERE e.negated = 1 OR e.hypothetical = 1 ORDER BY e.id LIMIT ?", (limit,)).fetchall()
    out = []
    for r in rows:
        actors = db.execute("SELECT role, actor FROM event_actors WHERE event_id = ? ORDER BY role, position",
                            (r["id"],)).fetchall()
        out.append({
            "id": r["id"], "type": r["type"], "mode": r["mode"], "cameo": r["cameo"], **code_fields(r["cameo"]),
            "source": [a["actor"] for a in actors if a["role"] == "source"],
            "target": [a["actor"] for a in actors if a["role"] == "target"],
            "date": r["date"], "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
            "snippet_id": r["snippet_id"],
            "evidence": r["snippet_text"][r["sentence_start"]:r["sentence_end"]],
        })
    return out


def event_mentions(db: sqlite3.Connection, canonical_ids: list[int]) -> list[dict[str, Any]]:
    """The factual event mentions behind canonical events, with their evidence as character offsets
    into the snippet text (sentence, trigger, and each source/target actor span)."""
    if not canonical_ids:
        return []
    marks = ",".join("?" * len(canonical_ids))
    rows = db.execute(
        f"""SELECT e.id, e.canonical_event_id, e.snippet_id, s.text, e.sentence_start, e.sentence_end,
                   e.trigger, e.trigger_start, e.trigger_end, e.date_text, e.location, e.confidence
            FROM events e JOIN snippets s ON s.id = e.snippet_id
            WHERE e.canonical_event_id IN ({marks}) AND e.negated = 0 AND e.hypothetical = 0
            ORDER BY e.canonical_event_id, e.snippet_id, e.id""", canonical_ids).fetchall()
    actors: dict[int, list[dict[str, Any]]] = {}
    if rows:
        ids = [r["id"] for r in rows]
        for a in db.execute(
                f"""SELECT event_id, role, code, actor, text, start, end FROM event_actors
                    WHERE event_id IN ({",".join("?" * len(ids))}) ORDER BY event_id, role, position""",
                ids):
            actors.setdefault(a["event_id"], []).append(
                {k: a[k] for k in ("role", "code", "actor", "text", "start", "end")})
    return [{**dict(r), "actors": actors.get(r["id"], [])} for r in rows]


def actor_activity_sql(actor: str) -> tuple[str, list[Any]]:
    """Canonical events per day and type in which ``actor`` (country/IGO or full code) takes part.
    The day is the event's date, else its earliest report's publication date, else NULL (not the
    ingest date, which says when we read it, not when it happened)."""
    sql = f"""SELECT {event_day_sql('c')} AS date,
                    c.type, COUNT(*) AS events,
                    ROUND(AVG(c.goldstein), 2) AS mean_goldstein
             FROM canonical_events c
             WHERE EXISTS (SELECT 1 FROM events e JOIN event_actors a ON a.event_id = e.id
                           WHERE e.canonical_event_id = c.id AND (a.code = ? OR a.actor = ?))
             GROUP BY date, c.type ORDER BY date, c.type"""
    return sql, [actor.upper(), actor.upper()]


def actor_activity(db: sqlite3.Connection, actor: str) -> list[dict[str, Any]]:
    sql, params = actor_activity_sql(actor)
    return [dict(r) for r in db.execute(sql, params)]


def actor_counterparts_sql(actor: str, limit: int = 10) -> tuple[str, list[Any]]:
    """Codes on the other side of ``actor``'s canonical events (either role), most events first,
    with the mean Goldstein score of those events (each canonical event counted once)."""
    sql = """SELECT code, COUNT(*) AS events, ROUND(AVG(goldstein), 2) AS mean_goldstein
             FROM (SELECT DISTINCT y.code AS code, c.id, c.goldstein
                   FROM events e JOIN canonical_events c ON c.id = e.canonical_event_id
                   JOIN event_actors x ON x.event_id = e.id
                   JOIN event_actors y ON y.event_id = e.id AND y.role != x.role
                   WHERE (x.code = ? OR x.actor = ?) AND y.code IS NOT NULL AND y.code != ''
                     AND y.code != x.code AND e.negated = 0 AND e.hypothetical = 0)
             GROUP BY code ORDER BY events DESC, code LIMIT ?"""
    return sql, [actor.upper(), actor.upper(), limit]


def actor_counterparts(db: sqlite3.Connection, actor: str, limit: int = 10) -> list[dict[str, Any]]:
    sql, params = actor_counterparts_sql(actor, limit)
    return [dict(r) for r in db.execute(sql, params)]
