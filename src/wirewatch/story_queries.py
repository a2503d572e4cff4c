"""Reading stories: the feed (``wirewatch stories``) and one story (``wirewatch story ID``).

Each story is returned as one plain dict (the CLI prints it as a table or as JSON; the web UI and the
briefs use the same dict). Coded actors and events are included when the events engineer's tables
exist, and left out (empty lists) otherwise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .errors import NotFoundError, QueryError
from .events.queries import event_day_sql
from .story_store import table_exists
from .summarise import Report, report_title, representative, summarise
from .timefilter import since_stamp

__all__ = ["list_stories", "story_detail", "story_reports", "story_actors", "story_events",
           "stories_sql", "feed_sql", "feed_story_ids", "story_occurrences", "FEED_ORDERS",
           "stories_of_snippets"]


def _require_stories(db: sqlite3.Connection) -> None:
    if not table_exists(db, "stories"):
        raise QueryError("this store has no stories yet: ingest something first (`wirewatch ingest`)")


def stories_sql(db: sqlite3.Connection, *, since: str | None = None, actors: Sequence[str] = (),
                story_ids: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    """Stories with their counts and time span: first and last publication time of their dated
    reports. A story with no dated report has no span (NULL), sorts after every dated story and
    never matches a time filter: the day it was ingested says nothing about when it happened."""
    where: list[str] = []
    params: list[Any] = []
    if story_ids is not None:
        where.append(f"st.id IN ({','.join('?' * len(story_ids))})" if story_ids else "0")
        params.extend(story_ids)
    for actor in actors:
        if not table_exists(db, "mentions"):
            raise QueryError("--actor needs coded actors: this store has no mentions table "
                             "(ingest with the annotate stage)")
        where.append("st.id IN (SELECT m2.story_id FROM story_members m2 JOIN mentions mn"
                     " ON mn.snippet_id = m2.snippet_id WHERE mn.code = ?)")
        params.append(actor.upper())
    having = ""
    if since:
        having = "HAVING last_seen >= ?"
        params.append(since_stamp(db, since))
    sql = f"""
        SELECT st.id, st.reports,
               COUNT(o.id) AS occurrences,
               COUNT(DISTINCT o.outlet) AS outlet_count,
               GROUP_CONCAT(DISTINCT o.outlet) AS outlets,
               -- Publication times only: an undated report's ingest time would pass for "last
               -- seen today" and put an old desk note at the top of the feed.
               MIN(o.published) AS first_seen,
               MAX(o.published) AS last_seen
        FROM stories st
        JOIN story_members m ON m.story_id = st.id
        JOIN occurrences o ON o.snippet_id = m.snippet_id
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY st.id
        {having}
        ORDER BY last_seen IS NULL, last_seen DESC, st.id DESC"""
    return sql, params


def story_reports(db: sqlite3.Connection, story_id: int) -> list[Report]:
    """The story's canonical reports (one per near-duplicate group) with outlets and first time."""
    rows = db.execute(
        """SELECT s.canonical_id, c.text, GROUP_CONCAT(DISTINCT o.outlet), MIN(o.published), MIN(o.title)
           FROM story_members m JOIN snippets s ON s.id = m.snippet_id
           JOIN snippets c ON c.id = s.canonical_id
           JOIN occurrences o ON o.snippet_id = s.id
           WHERE m.story_id = ? GROUP BY s.canonical_id ORDER BY s.canonical_id""", (story_id,)
    ).fetchall()
    return [Report(int(r[0]), r[1], tuple(sorted(r[2].split(","))) if r[2] else (), r[3], r[4]) for r in rows]


def story_actors(db: sqlite3.Connection, story_id: int) -> list[dict[str, Any]]:
    """Coded actors mentioned in the story's reports, most mentioned first."""
    if not table_exists(db, "mentions"):
        return []
    rows = db.execute(
        """SELECT TRIM(mn.code || ' ' || COALESCE(mn.sector, '')) AS actor, COUNT(*) AS mentions,
                  COUNT(DISTINCT mn.snippet_id) AS reports
           FROM story_members m JOIN mentions mn ON mn.snippet_id = m.snippet_id
           WHERE m.story_id = ? AND mn.code IS NOT NULL AND mn.code != ''
           GROUP BY actor ORDER BY mentions DESC, actor""", (story_id,)
    ).fetchall()
    return [dict(r) for r in rows]


def events_of_stories(db: sqlite3.Connection, story_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Canonical events reported in these stories (one row each, by date), with the snippet ids that
    report them; negated and hypothetical mentions do not count."""
    if not story_ids or not (table_exists(db, "events") and table_exists(db, "canonical_events")):
        return []
    marks = ",".join("?" * len(story_ids))
    rows = db.execute(
        f"""SELECT ce.id, ce.type, ce.mode, ce.cameo, ce.goldstein, {event_day_sql("ce")}
                  AS date, ce.source, ce.target, ce.reports, ce.outlets, MIN(m.story_id) AS story_id,
                  GROUP_CONCAT(DISTINCT e.snippet_id) AS snippet_ids
           FROM story_members m JOIN events e ON e.snippet_id = m.snippet_id
           JOIN canonical_events ce ON ce.id = e.canonical_event_id
           WHERE m.story_id IN ({marks}) AND e.negated = 0 AND e.hypothetical = 0
           GROUP BY ce.id ORDER BY date, ce.id""", list(story_ids),
    ).fetchall()
    out = []
    for r in rows:
        item = dict(r)
        item["snippet_ids"] = sorted(int(x) for x in str(r["snippet_ids"]).split(","))
        out.append(item)
    return out


def story_events(db: sqlite3.Connection, story_id: int) -> list[dict[str, Any]]:
    """Coded events in one story's reports (see :func:`events_of_stories`)."""
    return [{k: v for k, v in e.items() if k != "story_id"} for e in events_of_stories(db, [story_id])]


def _row_to_story(db: sqlite3.Connection, row: sqlite3.Row, *, summary: int = 0,
                  members: bool = False) -> dict[str, Any]:
    reports = story_reports(db, int(row["id"]))
    head = representative(reports) if reports else None
    story: dict[str, Any] = {
        "id": int(row["id"]),
        "headline": {"snippet_id": head.snippet_id, "text": report_title(head), "outlets": list(head.outlets)}
        if head else None,
        "reports": len(reports),
        "occurrences": int(row["occurrences"]),
        "outlet_count": int(row["outlet_count"]),
        "outlets": sorted(row["outlets"].split(",")) if row["outlets"] else [],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "actors": story_actors(db, int(row["id"])),
        "events": story_events(db, int(row["id"])),
    }
    if summary:
        story["summary"] = [
            {"text": s.text, "snippet_ids": s.snippet_ids, "outlets": s.outlets, "published": s.published}
            for s in summarise(reports, max_sentences=summary)
        ]
    if members:
        story["members"] = [
            {"snippet_id": r.snippet_id, "text": r.text, "outlets": list(r.outlets), "published": r.published}
            for r in reports
        ]
    return story


def list_stories(db: sqlite3.Connection, *, since: str | None = None, actors: Sequence[str] = (),
                 limit: int = 50, story_ids: Sequence[int] | None = None,
                 summary: int = 0) -> list[dict[str, Any]]:
    """The story feed, most recently active first."""
    _require_stories(db)
    sql, params = stories_sql(db, since=since, actors=actors, story_ids=story_ids)
    rows = db.execute(sql + " LIMIT ?", [*params, limit]).fetchall()
    return [_row_to_story(db, r, summary=summary) for r in rows]


def story_detail(db: sqlite3.Connection, story_id: int, *, summary: int = 3) -> dict[str, Any]:
    """One story: headline, summary with citations, every report, outlets, actors, events."""
    _require_stories(db)
    sql, params = stories_sql(db, story_ids=[story_id])
    row = db.execute(sql, params).fetchone()
    if row is None:
        raise NotFoundError(f"no story {story_id}; `wirewatch stories` lists story ids")
    return _row_to_story(db, row, summary=summary, members=True)


FEED_ORDERS = {
    # Newest activity first (the CLI feed's order).
    "recent": "last_seen IS NULL, last_seen DESC, id DESC",
    # Corroboration: independent outlets first, then distinct reports, then recency.
    "corroborated": "outlet_count DESC, reports DESC, last_seen IS NULL, last_seen DESC, id DESC",
}


def feed_sql(db: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
             actors: Sequence[str] = (), event_types: Sequence[str] = (), outlets: Sequence[str] = (),
             order: str = "recent") -> tuple[str, list[Any]]:
    """The feed's story ids, filtered and ordered: :func:`stories_sql` narrowed by event type (any
    coded event of one of its reports), outlet (any occurrence) and an upper time bound."""
    if order not in FEED_ORDERS:
        raise QueryError(f"unknown order {order!r}; one of {', '.join(FEED_ORDERS)}")
    inner, params = stories_sql(db, since=since, actors=actors)
    where: list[str] = []
    if event_types:
        if not table_exists(db, "events"):
            raise QueryError("filtering by event type needs coded events: this store has no events "
                             "table (ingest with the code stage)")
        where.append(f"""id IN (SELECT m.story_id FROM story_members m JOIN events e
                         ON e.snippet_id = m.snippet_id WHERE e.negated = 0 AND e.hypothetical = 0
                         AND e.type IN ({",".join("?" * len(event_types))}))""")
        params.extend(t.upper() for t in event_types)
    if outlets:
        where.append(f"""id IN (SELECT m.story_id FROM story_members m JOIN occurrences o
                         ON o.snippet_id = m.snippet_id WHERE o.outlet IN ({",".join("?" * len(outlets))}))""")
        params.extend(outlets)
    if until:
        # A date (or stamp) bound on when the story began; a bare date includes that whole day.
        where.append("first_seen <= ?")
        params.append(until + "T23:59:59Z" if len(until) == 10 else until)
    sql = (f"SELECT id FROM ({inner}) AS feed" + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {FEED_ORDERS[order]}")
    return sql, params


def feed_story_ids(db: sqlite3.Connection, *, limit: int = 50, offset: int = 0,
                   **filters: Any) -> list[int]:
    """Run :func:`feed_sql`; pass the ids to :func:`list_stories` (``story_ids=``) for the dicts."""
    _require_stories(db)
    sql, params = feed_sql(db, **filters)
    return [int(r[0]) for r in db.execute(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])]


def story_occurrences(db: sqlite3.Connection, story_id: int) -> list[dict[str, Any]]:
    """Every record read that belongs to the story (near-duplicates included), oldest first, each
    with the canonical report it was folded into: the story's "also reported by" and timeline."""
    rows = db.execute(
        """SELECT o.id, o.snippet_id, s.canonical_id, o.outlet, o.url, o.title, o.published,
                  o.ingested_at, b.name AS batch
           FROM story_members m JOIN snippets s ON s.id = m.snippet_id
           JOIN occurrences o ON o.snippet_id = s.id JOIN batches b ON b.id = o.batch_id
           WHERE m.story_id = ?
           ORDER BY o.published IS NULL, o.published, o.id""", (story_id,)).fetchall()
    return [dict(r) for r in rows]


def stories_of_snippets(db: sqlite3.Connection, snippet_ids: Sequence[int]) -> dict[int, int]:
    """snippet id -> the story it belongs to (snippets no story holds yet are left out)."""
    if not snippet_ids or not table_exists(db, "story_members"):
        return {}
    marks = ",".join("?" * len(snippet_ids))
    return {int(r[0]): int(r[1]) for r in db.execute(
        f"SELECT snippet_id, story_id FROM story_members WHERE snippet_id IN ({marks})", list(snippet_ids))}
