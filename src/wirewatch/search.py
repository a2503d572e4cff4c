"""Full-text search over snippets (SQLite FTS5, BM25), results grouped by story.

Any text a user types is a valid query: :func:`fts_query` turns it into an FTS5 expression in which
every word is a quoted string (so ``AND``, ``NEAR``, ``*``, ``"``, ``:``, ``(`` and the like are
only ever words), all words required. :func:`search_sql` builds the whole statement with its
parameters (so it can be shown and tested) and :func:`search` runs it.

Filters: an actor code (``--actor CHN``, from the events engineer's ``mentions`` table), an event
type (``--type CONSULT``, from ``events``), an outlet, and a time (``--since 7d`` or a date). Hits
are canonical snippets (a near-duplicate's match counts for its canonical), ranked by BM25; the
groups are ordered by their best hit.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .errors import QueryError
from .story_store import table_exists
from .timefilter import since_stamp

__all__ = ["SearchQuery", "fts_query", "search_sql", "search"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 32  # a pasted paragraph is still a valid query; beyond this words add little but cost


@dataclass(frozen=True)
class SearchQuery:
    text: str
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str | None = None
    limit: int = 50
    """Most snippets (hits) to return, before grouping."""
    rank_window: int = 2000
    """A query without filters ranks (BM25) only its newest this-many matches; 0 ranks them all."""
    params: dict[str, Any] = field(default_factory=dict)


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression requiring every word of ``text``; None if it has no words.

    The ``unicode61`` tokenizer splits on anything that is not a letter or digit, so the words here
    are what FTS5 indexed; each is double-quoted (``"`` cannot occur inside ``\\w+``), which makes
    operators and column filters plain words."""
    words = _TOKEN.findall(text)[:_MAX_TERMS]
    words = [w for w in words if w.strip("_")]
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words)


def search_sql(db: sqlite3.Connection, query: SearchQuery) -> tuple[str, list[Any]]:
    """The SQL and parameters of a search (see the module docstring)."""
    match = fts_query(query.text)
    if match is None:
        raise QueryError(f"nothing to search for in {query.text!r}: give at least one word")
    where = ["snippets_fts MATCH ?"]
    params: list[Any] = [match]
    if query.actors:
        if not table_exists(db, "mentions"):
            raise QueryError("--actor needs coded actors: this store has no mentions table "
                             "(ingest with the annotate stage)")
        marks = ",".join("?" * len(query.actors))
        where.append(f"""s.canonical_id IN (SELECT s2.canonical_id FROM mentions mn
                         JOIN snippets s2 ON s2.id = mn.snippet_id WHERE mn.code IN ({marks}))""")
        params.extend(a.upper() for a in query.actors)
    if query.types:
        if not table_exists(db, "events"):
            raise QueryError("--type needs coded events: this store has no events table "
                             "(ingest with the code stage)")
        marks = ",".join("?" * len(query.types))
        where.append(f"""s.canonical_id IN (SELECT s2.canonical_id FROM events ev
                         JOIN snippets s2 ON s2.id = ev.snippet_id WHERE ev.type IN ({marks}))""")
        params.extend(t.upper() for t in query.types)
    if query.outlets:
        marks = ",".join("?" * len(query.outlets))
        where.append(f"""s.canonical_id IN (SELECT s2.canonical_id FROM occurrences o
                         JOIN snippets s2 ON s2.id = o.snippet_id WHERE o.outlet IN ({marks}))""")
        params.extend(query.outlets)
    if query.since:
        stamp = since_stamp(db, query.since)
        where.append("""s.canonical_id IN (SELECT s2.canonical_id FROM occurrences o
                        JOIN snippets s2 ON s2.id = o.snippet_id
                        WHERE COALESCE(o.published, o.ingested_at) >= ?)""")
        params.append(stamp)
    has_stories = table_exists(db, "story_members")
    story = "m.story_id" if has_stories else "NULL"
    join = "LEFT JOIN story_members m ON m.snippet_id = s.canonical_id" if has_stories else ""
    # Near-duplicates of one report all match; leave room for them before the per-group cut.
    hits = query.limit * 4
    # Rank first, inside FTS5, and fetch text, highlight() and snippet() for the top hits only:
    # joining before ranking made SQLite build every match's row (100 ms for a word in 6% of 1M
    # snippets, bench/search.py). BM25 itself costs ~3 us a match, so a query without filters
    # ranks only its newest ``rank_window`` matches (by snippet id, i.e. first seen): exact for
    # any query with fewer matches, "best of the latest" for a word in tens of thousands.
    if len(where) == 1 and query.rank_window:
        top = """SELECT rowid AS id, r FROM (
                     SELECT rowid, rank AS r FROM snippets_fts WHERE snippets_fts MATCH ?
                     ORDER BY rowid DESC LIMIT ?)
                 ORDER BY r, id LIMIT ?"""
        top_params: list[Any] = [match, query.rank_window, hits]
    else:
        top = f"""SELECT f.rowid AS id, f.rank AS r FROM snippets_fts f
                  JOIN snippets s ON s.id = f.rowid
                  WHERE {" AND ".join(where)} ORDER BY f.rank, f.rowid LIMIT ?"""
        top_params = [*params, hits]
    sql = f"""
        WITH top AS MATERIALIZED ({top})
        SELECT s.canonical_id AS snippet_id, {story} AS story_id, top.r AS rank,
               c.text AS text,
               highlight(snippets_fts, 0, char(2), char(3)) AS highlighted,
               snippet(snippets_fts, 0, char(2), char(3), '…', 24) AS excerpt
        FROM top
        JOIN snippets_fts ON snippets_fts.rowid = top.id
        JOIN snippets s ON s.id = top.id
        JOIN snippets c ON c.id = s.canonical_id
        {join}
        WHERE snippets_fts MATCH ?
        ORDER BY top.r, top.id"""
    return sql, [*top_params, match]


def search(db: sqlite3.Connection, query: SearchQuery) -> list[dict[str, Any]]:
    """Run a search. Returns story groups, best first: ``{"story_id", "hits": [...]}`` where each
    hit has ``snippet_id``, ``text``, ``highlighted`` and ``excerpt`` (matches between \\x02 and
    \\x03, for the caller to render), ``rank`` (BM25; lower is better), ``outlets``, ``published``."""
    sql, params = search_sql(db, query)
    try:
        rows = db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:  # should not happen: the query is built from words
        raise QueryError(f"search failed for {query.text!r}: {exc}") from exc
    best: dict[int, sqlite3.Row] = {}
    for row in rows:
        if row[0] not in best and len(best) < query.limit:
            best[row[0]] = row
    rows = list(best.values())
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    meta: dict[int, tuple[list[str], str | None, int]] = {}
    for cid, outlets, published, count in db.execute(
        f"""SELECT s.canonical_id, GROUP_CONCAT(DISTINCT o.outlet), MIN(o.published), COUNT(*)
            FROM occurrences o JOIN snippets s ON s.id = o.snippet_id
            WHERE s.canonical_id IN ({marks}) GROUP BY s.canonical_id""", ids,
    ):
        meta[cid] = (sorted(outlets.split(",")) if outlets else [], published, count)
    groups: dict[object, dict[str, Any]] = {}
    for snippet_id, story_id, rank, text, highlighted, excerpt in rows:
        key = story_id if story_id is not None else f"snippet-{snippet_id}"
        group = groups.setdefault(key, {"story_id": story_id, "best_rank": rank, "hits": []})
        outlets, published, count = meta.get(snippet_id, ([], None, 0))
        group["hits"].append({
            "snippet_id": snippet_id, "text": text, "highlighted": highlighted, "excerpt": excerpt,
            "rank": rank, "outlets": outlets, "published": published, "occurrences": count,
        })
    return list(groups.values())
