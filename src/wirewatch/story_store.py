"""Story clustering over the store: the ``cluster`` stage and its persistent state.

The stage reads the snippets no story holds yet (every snippet id above the highest one in
``story_members``: new snippets of this batch, or the whole store the first time the stage runs on
an older file), clusters the canonical ones with :func:`wirewatch.stories.assign_batch` against the
stored stories that are still open (inside the time window, most recently updated first), and
writes back: new stories, members, grown centroids and the document frequencies. Near-duplicates
follow their canonical snippet into its story and are never clustered themselves.

It runs inside the batch's transaction, so a story and its members land with the batch or not at
all. Coded actors from the events engineer's ``mentions`` table join the features when that table
exists (checked in ``sqlite_master``, so the stage works with or without the events stages).
"""

from __future__ import annotations

import logging
import math
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from .pipeline import BatchContext, Stage
from .settings import Settings
from .store import utcnow
from .stories import (
    N_BUCKETS,
    ClusterParams,
    StoryCentroid,
    StoryInput,
    TermStats,
    add_to_centroid,
    assign_batch,
)

__all__ = [
    "cluster_stage",
    "cluster_pending",
    "ClusterReport",
    "pack_centroid",
    "unpack_centroid",
    "load_stats",
    "table_exists",
    "snippet_actors",
]

log = logging.getLogger(__name__)


@dataclass
class ClusterReport:
    clustered: int = 0
    """Canonical snippets clustered."""
    followers: int = 0
    """Near-duplicates that followed their canonical snippet."""
    new_stories: int = 0
    joined: int = 0
    """Canonical snippets that joined a stored story."""


def cluster_stage(settings: Settings) -> Stage:
    """The pipeline stage (add it last: it uses coded actors when the stages before made them)."""

    def run(ctx: BatchContext) -> None:
        report = cluster_pending(ctx.db, ctx.settings, ctx.batch_id)
        log.info("batch %s: %d reports clustered, %d joined stored stories, %d new stories",
                 ctx.batch_name, report.clustered, report.joined, report.new_stories)

    return Stage("cluster", run, requires=("snippets",), produces=("stories",))


def table_exists(db: sqlite3.Connection, name: str) -> bool:
    return db.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone() is not None


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def snippet_actors(db: sqlite3.Connection, snippet_ids: Sequence[int]) -> dict[int, list[str]]:
    """Coded actors (``CHN GOV``) mentioned in each snippet, from the ``mentions`` table when the
    events stages made one; empty otherwise."""
    if not snippet_ids or not table_exists(db, "mentions"):
        return {}
    cols = _columns(db, "mentions")
    code = next((c for c in ("actor_code", "code", "actor") if c in cols), None)
    if "snippet_id" not in cols or code is None:
        log.debug("mentions table without snippet_id/actor code columns (%s); not used", sorted(cols))
        return {}
    sector = "sector" if "sector" in cols and code != "actor_code" else None
    label = f"TRIM({code} || ' ' || COALESCE({sector}, ''))" if sector else code
    out: dict[int, list[str]] = {}
    for start in range(0, len(snippet_ids), 900):
        chunk = list(snippet_ids[start : start + 900])
        marks = ",".join("?" * len(chunk))
        for sid, actor in db.execute(
            f"SELECT snippet_id, {label} FROM mentions WHERE snippet_id IN ({marks}) "
            f"AND {code} IS NOT NULL AND {code} != '' ORDER BY snippet_id, {label}", chunk
        ):
            out.setdefault(int(sid), []).append(str(actor))
    return out


def pack_centroid(c: StoryCentroid) -> bytes:
    """Buckets as little-endian uint32, then weights as float32."""
    return c.buckets.astype("<u4").tobytes() + c.weights.astype("<f4").tobytes()


def unpack_centroid(story_id: int, blob: bytes, size: int, first: str | None, last: str | None,
                    words: float = 0.0) -> StoryCentroid:
    n = len(blob) // 8
    buckets = np.frombuffer(blob, dtype="<u4", count=n).astype(np.int64)
    weights = np.frombuffer(blob, dtype="<f4", count=n, offset=4 * n).astype(np.float64)
    return StoryCentroid(story_id, buckets, weights, size, _days(first), _days(last), float(words))


def load_stats(db: sqlite3.Connection) -> TermStats:
    row = db.execute("SELECT n_docs, df FROM story_state WHERE id = 1").fetchone()
    if row is None:
        return TermStats()
    df = np.frombuffer(zlib.decompress(row[1]), dtype="<u4").astype(np.uint32)
    if len(df) != N_BUCKETS:
        return TermStats()  # a different feature space: start afresh rather than misread
    return TermStats(df=df.copy(), n_docs=int(row[0]))


def _save_stats(db: sqlite3.Connection, stats: TermStats) -> None:
    # Level 1: the array is mostly zeros and compresses ~20x in a few milliseconds.
    blob = zlib.compress(stats.df.astype("<u4").tobytes(), 1)
    db.execute(
        "INSERT INTO story_state(id, n_docs, df) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET n_docs = excluded.n_docs, df = excluded.df",
        (stats.n_docs, blob),
    )


def _parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    # fromisoformat reads the store's "...T12:00:00Z" stamps ~20x faster than strptime.
    when = datetime.fromisoformat(stamp)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _days(stamp: str | None) -> float:
    when = _parse(stamp)
    return when.timestamp() / 86400.0 if when else math.nan


def _stamp(days: float) -> str | None:
    if math.isnan(days):
        return None
    return datetime.fromtimestamp(round(days * 86400.0), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _active_stories(db: sqlite3.Connection, inputs: Sequence[StoryInput], settings: Settings
                    ) -> list[StoryCentroid]:
    """Stored stories a report of this batch could join: inside the time window of the batch's
    publication times (all of them if some report has none), most recently updated first, at most
    ``story_max_active``."""
    times = [it.published for it in inputs]
    known = [t for t in times if t is not None]
    sql = "SELECT id, centroid, reports, first_published, last_published, words FROM stories"
    params: list[object] = []
    if known and len(known) == len(times):
        window = settings.story_window_days * 86400.0
        lo = datetime.fromtimestamp(min(known).timestamp() - window, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        hi = datetime.fromtimestamp(max(known).timestamp() + window, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        sql += (" WHERE (last_published IS NULL OR last_published >= ?)"
                " AND (first_published IS NULL OR first_published <= ?)")
        params = [lo, hi]
    sql += " ORDER BY updated_batch_id DESC, id DESC LIMIT ?"
    params.append(settings.story_max_active)
    rows = db.execute(sql, params).fetchall()
    return sorted((unpack_centroid(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows), key=lambda c: c.id)


def _new_story(db: sqlite3.Connection, batch_id: int, centroid: bytes, now: str) -> int:
    """Open an empty story (its centroid and size are written once its members are known)."""
    cursor = db.execute(
        "INSERT INTO stories(created_batch_id, updated_batch_id, reports, centroid, created_at,"
        " updated_at) VALUES (?, ?, 0, ?, ?, ?)", (batch_id, batch_id, centroid, now, now)
    )
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return int(cursor.lastrowid)


def cluster_pending(db: sqlite3.Connection, settings: Settings, batch_id: int) -> ClusterReport:
    """Put every snippet no story holds yet into a story (see the module docstring)."""
    report = ClusterReport()
    watermark = db.execute("SELECT COALESCE(MAX(snippet_id), 0) FROM story_members").fetchone()[0]
    pending = db.execute(
        "SELECT id, text, canonical_id, first_seen FROM snippets WHERE id > ? ORDER BY id", (watermark,)
    ).fetchall()
    if not pending:
        return report
    canonical = [r for r in pending if r[0] == r[2]]
    followers = [r for r in pending if r[0] != r[2]]
    actors = snippet_actors(db, [r[0] for r in canonical])
    inputs = [StoryInput(int(r[0]), r[1], _parse(r[3]), tuple(actors.get(int(r[0]), ())))
              for r in canonical]

    params = ClusterParams.from_settings(settings)
    stats = load_stats(db)
    stories = _active_stories(db, inputs, settings)
    result = assign_batch(inputs, stories, stats, params)
    now = utcnow()

    story_of: dict[int, int] = {int(k): v for k, v in result.joined.items()}
    empty = pack_centroid(StoryCentroid(0, np.zeros(0, np.int64), np.zeros(0), 0))
    for group in result.new_stories:
        story_id = _new_story(db, batch_id, empty, now)
        for member in group:
            story_of[int(member)] = story_id
    report.clustered = len(inputs)
    report.joined = len(result.joined)
    report.new_stories = len(result.new_stories)

    # Grow each touched story's centroid by its new reports' vectors.
    by_id = {s.id: s for s in stories}
    time_of = {it.id: (it.published.timestamp() / 86400.0 if it.published else math.nan) for it in inputs}
    rows_of: dict[int, list[int]] = {}
    for row, ident in enumerate(result.order):
        rows_of.setdefault(story_of[int(ident)], []).append(row)
    updates = []
    for story_id, rows in rows_of.items():
        centroid = add_to_centroid(by_id.get(story_id), story_id, result.unit_rows[rows],
                                   [time_of[result.order[r]] for r in rows], result.words[rows].tolist(), stats,
                                   settings.story_centroid_terms)
        updates.append((centroid.size, _stamp(centroid.first), _stamp(centroid.last), centroid.words,
                        pack_centroid(centroid), batch_id, now, story_id))
    db.executemany(
        "UPDATE stories SET reports = ?, first_published = ?, last_published = ?, words = ?,"
        " centroid = ?, updated_batch_id = ?, updated_at = ? WHERE id = ?", updates,
    )
    members: list[tuple[int, int, int, int]] = [(sid, story, batch_id, 1) for sid, story in story_of.items()]

    # Near-duplicates follow their canonical snippet (stored earlier or clustered just now).
    leads = {r[2] for r in followers if r[2] not in story_of}
    stored_lead: dict[int, int] = {}
    for start in range(0, len(leads), 900):
        chunk = sorted(leads)[start : start + 900]
        marks = ",".join("?" * len(chunk))
        stored_lead.update(db.execute(
            f"SELECT snippet_id, story_id FROM story_members WHERE snippet_id IN ({marks})", chunk
        ).fetchall())
    for sid, _text, lead, _seen in followers:
        story = story_of.get(lead, stored_lead.get(lead))
        if story is None:
            # Its canonical has no story (it was folded under a canonical clustered before this
            # stage existed); give it a story of its own rather than lose it.
            log.warning("snippet %d: canonical %d has no story; opening one", sid, lead)
            story = _new_story(db, batch_id, empty, now)
        members.append((sid, story, batch_id, 0))
        report.followers += 1
    db.executemany(
        "INSERT INTO story_members(snippet_id, story_id, batch_id, canonical) VALUES (?, ?, ?, ?)",
        members,
    )
    _save_stats(db, stats)
    return report
