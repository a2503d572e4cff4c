"""Read queries over the foundation tables. Each query is built by one function (returning SQL and
parameters, so it can be shown and tested) and run by another."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import NotFoundError

__all__ = ["stats", "snippet_detail", "stats_sql"]


def stats_sql() -> str:
    return """
        SELECT
            (SELECT COUNT(*) FROM occurrences) AS occurrences,
            (SELECT COUNT(*) FROM snippets) AS snippets,
            (SELECT COUNT(*) FROM snippets WHERE canonical_id = id) AS canonical_snippets,
            (SELECT COUNT(*) FROM (
                SELECT s.canonical_id FROM occurrences o JOIN snippets s ON s.id = o.snippet_id
                GROUP BY s.canonical_id HAVING COUNT(*) > 1)) AS duplicate_groups,
            (SELECT COUNT(*) FROM snippets WHERE canonical_id != id) AS near_duplicates,
            (SELECT COUNT(*) FROM batches) AS batches,
            (SELECT COUNT(*) FROM rejects) AS rejected,
            (SELECT COUNT(DISTINCT outlet) FROM occurrences WHERE outlet IS NOT NULL) AS outlets
    """


def stats(db: sqlite3.Connection) -> dict[str, Any]:
    """Counts for ``wirewatch stats``. A duplicate group is a canonical snippet with more than one
    occurrence (exact repeats and near-duplicates folded together)."""
    row = db.execute(stats_sql()).fetchone()
    out: dict[str, Any] = dict(row)
    out["batch_names"] = [r[0] for r in db.execute("SELECT name FROM batches ORDER BY id")]
    for table, key in (("events", "events"), ("stories", "stories")):
        if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone():
            out[key] = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return out


def snippet_detail(db: sqlite3.Connection, snippet_id: int) -> dict[str, Any]:
    """A snippet, its canonical, every occurrence of its group ("also reported by") with outlets."""
    row = db.execute("SELECT * FROM snippets WHERE id = ?", (snippet_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no snippet {snippet_id}; `wirewatch search TEXT` finds snippet ids")
    canonical_id = row["canonical_id"]
    group = db.execute(
        "SELECT id, text, similarity FROM snippets WHERE canonical_id = ? ORDER BY id", (canonical_id,)
    ).fetchall()
    occurrences = db.execute(
        """SELECT o.id, o.snippet_id, o.outlet, o.url, o.title, o.published, o.source, o.locator,
                  b.name AS batch, o.original
           FROM occurrences o JOIN snippets s ON s.id = o.snippet_id JOIN batches b ON b.id = o.batch_id
           WHERE s.canonical_id = ? ORDER BY o.published IS NULL, o.published, o.id""",
        (canonical_id,),
    ).fetchall()
    outlets = sorted({o["outlet"] for o in occurrences if o["outlet"]})
    return {
        "id": row["id"],
        "text": row["text"],
        "canonical_id": canonical_id,
        "similarity": row["similarity"],
        "first_seen": row["first_seen"],
        "group": [dict(g) for g in group],
        "occurrences": [dict(o) for o in occurrences],
        "outlets": outlets,
    }
