"""The local runner: read, fold duplicates, store, then the analysis stages, one batch at a time.

A batch lands whole or not at all: everything after reading happens inside one SQLite transaction,
so a crash or Ctrl-C leaves the store exactly as it was before the batch.

Analysis stages (annotate, code, cluster, ...) are listed in order by
:func:`wirewatch.stages.default_stages`, each declaring what it ``requires`` and ``produces``;
:func:`check_stages` verifies the order at start, as spaCy's pipe analysis does. Each stage's core is a plain function over a batch of snippets, so the
Spark runner can call the same code; the stage wrapper only moves rows in and out of the store.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .dedup import UnionFind, near_duplicate_pairs
from .errors import PipelineError
from .ingest import Fetcher, FieldMap, fetch_url, read_inputs
from .ingest.normalise import is_truncated, normalise, text_hash
from .ingest.outlets import outlet_of_url
from .models import IngestReport, Record, Rejection
from .settings import Settings
from .store import Store, insert_snippets, iso_z, utcnow

__all__ = ["ingest", "ProgressFn", "BatchContext", "Stage", "check_stages", "occurrence_key"]

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int | None], None]
"""progress(step, done, total): called as records are read and stages run."""

# What the core (read + dedup + store) produces, before any registered stage runs.
CORE_PRODUCES = ("records", "occurrences", "snippets")


@dataclass
class BatchContext:
    """What a stage sees: the open transaction, the batch, and the rows this batch added."""

    db: sqlite3.Connection
    settings: Settings
    batch_id: int
    batch_name: str
    new_snippet_ids: list[int]
    new_occurrence_ids: list[int]
    touched_snippet_ids: list[int]
    """Snippets (new or old) that gained occurrences in this batch."""
    report: IngestReport
    progress: ProgressFn | None = None


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[BatchContext], None]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineError` if a stage requires something no earlier stage produces."""
    available = set(CORE_PRODUCES)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                f"produces (order: {', '.join(s.name for s in stages)})"
            )
        available.update(stage.produces)


@functools.lru_cache(maxsize=4096)
def _source_name(source: str) -> str:
    return source if "://" in source else Path(source).name


def occurrence_key(record: Record, snippet_hash: str) -> str:
    """Identity of one input record, so re-ingesting the same input is a no-op. Uses the file's name
    (not its full path), so moving a folder does not duplicate it."""
    source = _source_name(record.source)
    raw = "\x1f".join((source, record.locator, snippet_hash, record.outlet or "", record.url or ""))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


def _default_batch_name(inputs: Sequence[str | Path]) -> str:
    first = str(inputs[0]).rstrip("/") if inputs else "batch"
    name = first if "://" in first else Path(first).name
    return name + (f" (+{len(inputs) - 1})" if len(inputs) > 1 else "")


def ingest(
    inputs: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    batch: str | None = None,
    outlet: str | None = None,
    fields: FieldMap | None = None,
    fetch: Fetcher = fetch_url,
    stages: Sequence[Stage] | None = None,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Read ``inputs`` and land them in ``store`` as one batch (atomically). Returns the report.

    ``stages`` defaults to :func:`wirewatch.stages.default_stages`; pass ``[]`` for dedup only."""
    if stages is None:
        from .stages import default_stages

        stages = default_stages(settings)
    stages = list(stages)
    check_stages(stages)
    started = time.perf_counter()
    report = IngestReport(batch=batch or _default_batch_name(inputs))

    records: list[Record] = []
    for item in read_inputs(inputs, settings, outlet=outlet, fields=fields, fetch=fetch):
        if isinstance(item, Rejection):
            log.warning("rejected %s", item)
            report.rejected.append(item)
        else:
            records.append(item)
        if progress and (len(records) + len(report.rejected)) % 1000 == 0:
            progress("read", len(records) + len(report.rejected), None)
    report.records = len(records) + len(report.rejected)
    report.stages["read"] = time.perf_counter() - started

    with store.atomic() as db:
        _land(db, records, report, settings, stages, progress)
    report.seconds = time.perf_counter() - started
    log.info("batch %s: %d new occurrences, %d new snippets, %d rejected in %.2fs",
             report.batch, report.new_occurrences, report.new_snippets, len(report.rejected),
             report.seconds)
    return report


def _chunks(items: Sequence[str], size: int = 900) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _existing(db: sqlite3.Connection, table: str, column: str, values: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(values):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {column}, id FROM {table} WHERE {column} IN ({marks})", chunk):
            found[row[0]] = row[1]
    return found


def _land(
    db: sqlite3.Connection,
    records: list[Record],
    report: IngestReport,
    settings: Settings,
    stages: Sequence[Stage],
    progress: ProgressFn | None,
) -> None:
    now = utcnow()
    t0 = time.perf_counter()
    normalised = [normalise(r.text) for r in records]
    hashes = [text_hash(n) for n in normalised]
    keys = [occurrence_key(r, h) for r, h in zip(records, hashes)]

    # Drop records already stored (re-ingest) and repeats of one record within this batch.
    stored = _existing(db, "occurrences", "key", list(dict.fromkeys(keys)))
    seen: set[str] = set(stored)
    fresh: list[int] = []
    for i, key in enumerate(keys):
        if key in seen:
            report.already_stored += 1
        else:
            seen.add(key)
            fresh.append(i)
    empty = [i for i in fresh if not normalised[i]]
    for i in empty:
        report.rejected.append(Rejection(records[i].source, records[i].locator, "empty text"))
    fresh = [i for i in fresh if normalised[i]]

    batch_id = _batch_id(db, report.batch, now) if fresh else None
    db.executemany(
        "INSERT OR IGNORE INTO rejects(batch_id, source, locator, reason, at) VALUES (?, ?, ?, ?, ?)",
        [(batch_id, r.source, r.locator, r.reason, now) for r in report.rejected],
    )
    if batch_id is None:
        return

    # Exact duplicates: same normalised-text hash as a stored snippet or an earlier record.
    new_hashes = list(dict.fromkeys(hashes[i] for i in fresh))
    snippet_ids = _existing(db, "snippets", "hash", new_hashes)
    # Ids follow first appearance (snippet 1 is the first line read); groups do not depend on it.
    to_create = [h for h in new_hashes if h not in snippet_ids]
    text_of = {hashes[i]: normalised[i] for i in fresh}
    first_seen: dict[str, str] = {}
    for i in fresh:
        pub = records[i].published
        if pub is not None:
            stamp = iso_z(pub)
            first_seen[hashes[i]] = min(first_seen.get(hashes[i], stamp), stamp)
    report.exact_duplicates = len(fresh) - len(to_create)
    report.stages["normalise"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    new_ids = _fold_near_duplicates(db, to_create, text_of, first_seen, batch_id, settings, report, now)
    snippet_ids.update(new_ids)
    report.stages["dedup"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    start_id = (db.execute("SELECT COALESCE(MAX(id), 0) FROM occurrences").fetchone()[0]) + 1
    rows = []
    for offset, i in enumerate(fresh):
        r = records[i]
        rows.append((
            start_id + offset, keys[i], snippet_ids[hashes[i]], batch_id, r.source, r.locator, r.url,
            # No outlet named: the URL's registered domain stands for it. Derived here, not in the
            # record, so an occurrence's identity (its key) is what the input said.
            r.outlet or (outlet_of_url(r.url) if r.url else None), r.title,
            iso_z(r.published) if r.published else None,
            r.external_id, now, r.text,
        ))
    db.executemany(
        "INSERT INTO occurrences(id, key, snippet_id, batch_id, source, locator, url, outlet, title,"
        " published, external_id, ingested_at, original) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    # Earlier first_seen for old snippets that were just reported again with an older date.
    db.executemany(
        "UPDATE snippets SET first_seen = ? WHERE hash = ? AND (first_seen IS NULL OR first_seen > ?)",
        [(stamp, h, stamp) for h, stamp in first_seen.items() if h not in new_ids],
    )
    report.new_occurrences = len(rows)
    report.new_snippets = len(new_ids)
    db.execute(
        "UPDATE batches SET records = records + ?, rejected = rejected + ?, new_occurrences ="
        " new_occurrences + ?, new_snippets = new_snippets + ? WHERE id = ?",
        (report.records, len(report.rejected), report.new_occurrences, report.new_snippets, batch_id),
    )
    report.stages["store"] = time.perf_counter() - t0

    ctx = BatchContext(
        db=db, settings=settings, batch_id=batch_id, batch_name=report.batch,
        new_snippet_ids=sorted(new_ids.values()),
        new_occurrence_ids=[row[0] for row in rows],
        touched_snippet_ids=sorted({snippet_ids[hashes[i]] for i in fresh}),
        report=report, progress=progress,
    )
    for stage in stages:
        t0 = time.perf_counter()
        stage.run(ctx)
        report.stages[stage.name] = time.perf_counter() - t0
        log.debug("stage %s took %.2fs", stage.name, report.stages[stage.name])


def _batch_id(db: sqlite3.Connection, name: str, now: str) -> int:
    row = db.execute("SELECT id FROM batches WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row[0])
    cursor = db.execute("INSERT INTO batches(name, created_at) VALUES (?, ?)", (name, now))
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return cursor.lastrowid


def _fold_near_duplicates(
    db: sqlite3.Connection,
    to_create: list[str],
    text_of: dict[str, str],
    first_seen: dict[str, str],
    batch_id: int,
    settings: Settings,
    report: IngestReport,
    now: str,
) -> dict[str, int]:
    """Insert the new distinct texts as snippets, each pointing at its near-duplicate group's
    canonical. Groups are connected components over stored and new snippets, so a new report can
    join (or bridge) stored groups; stored snippets are never removed. Returns hash -> new id."""
    if not to_create:
        return {}
    old = db.execute("SELECT id, text, canonical_id FROM snippets ORDER BY id").fetchall()
    n_old = len(old)
    texts = [row[1] for row in old] + [text_of[h] for h in to_create]
    pairs = near_duplicate_pairs(texts, settings, first_new=n_old)
    next_id = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM snippets").fetchone()[0]) + 1

    def new_id(i: int) -> int:
        return next_id + (i - n_old)

    # Union-find over the rows that pairs touch; a stored row stands for its whole stored group
    # (node -(canonical id)), so a new report can join a group or bridge two. Every other new row
    # is a group of its own, which is the common case and costs nothing here.
    node_of = {i: (-old[i][2] if i < n_old else i) for p in pairs for i in (p.a, p.b)}
    nodes = sorted(set(node_of.values()))
    index = {node: k for k, node in enumerate(nodes)}
    uf = UnionFind(len(nodes))
    best: dict[int, float] = {}
    for p in pairs:
        uf.union(index[node_of[p.a]], index[node_of[p.b]])
        for side in (p.a, p.b):
            if side >= n_old:
                best[side] = max(best.get(side, 0.0), p.similarity)
    components: dict[int, list[int]] = {}
    for node in nodes:
        components.setdefault(uf.find(index[node]), []).append(node)

    canonical_of: dict[int, int] = {}
    merges: list[tuple[int, int]] = []
    for members in components.values():
        stored = sorted(-node for node in members if node < 0)
        fresh = [node for node in members if node >= 0]
        if stored:
            canonical = stored[0]
            merges.extend((canonical, other) for other in stored[1:])
        else:
            # A new group: the most complete report stands for it (not cut off, then longest).
            lead = max(fresh, key=lambda i: (not is_truncated(texts[i]), len(texts[i]), -i))
            canonical = new_id(lead)
        for i in fresh:
            canonical_of[i] = canonical

    rows_out = []
    for i in range(n_old, len(texts)):
        h = to_create[i - n_old]
        canonical = canonical_of.get(i, new_id(i))
        is_canonical = canonical == new_id(i)
        rows_out.append((new_id(i), h, texts[i], canonical, 1.0 if is_canonical else best.get(i, 1.0),
                         batch_id, first_seen.get(h), now))
        if not is_canonical:
            report.near_duplicates += 1
    rows_out.sort(key=lambda row: row[3] != row[0])  # canonicals first: members reference them
    insert_snippets(db, rows_out, ("id", "hash", "text", "canonical_id", "similarity", "first_batch_id",
                                   "first_seen", "created_at"))
    for keep, other in merges:
        log.info("near-duplicate groups %d and %d bridged by a new report; folding into %d",
                 keep, other, keep)
        db.execute("UPDATE snippets SET canonical_id = ? WHERE canonical_id = ?", (keep, other))
    return {to_create[i - n_old]: new_id(i) for i in range(n_old, len(texts))}
