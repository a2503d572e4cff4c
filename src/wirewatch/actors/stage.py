"""The ``annotate`` stage: actor mentions of the batch's new snippets, stored in ``mentions``.

Its core is :meth:`wirewatch.events.coder.Coder.annotate`, a function over a batch of texts (no
parse); this wrapper only reads the snippets and writes rows. Near-duplicates are not annotated:
their canonical snippet stands for the group.

It is also where the store learns aliases ("Armenian Prime Minister Nikol Pashinyan" teaches
"Pashinyan"): the core returns what each text teaches, and this wrapper stores it in the batch's
transaction, so a batch that fails learns nothing. Both stages of a batch resolve with the aliases
learned *before* it (``coder_for(..., before_batch=...)``), so its mentions and events agree.
"""

from __future__ import annotations

import copy
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..pipeline import BatchContext, Stage
from ..settings import Settings
from ..store import utcnow
from ..timefilter import stamp_day
from .importer import dictionary_entries, dictionary_fingerprint
from .kb import KnowledgeBase
from .learned import load_learned, save_learned

if TYPE_CHECKING:
    from ..events.coder import Coder

__all__ = ["annotate_stage", "coder_for", "new_canonical_snippets"]

log = logging.getLogger(__name__)

_EXTENDED: dict[tuple[str, tuple[int, int]], Coder] = {}


def coder_for(db: sqlite3.Connection, settings: Settings, *, before_batch: int | None = None) -> Coder:
    """The shared coder, extended with the store's imported dictionaries when it has any (built
    once per dictionary state: importing more entries rebuilds it) and resolving the store's
    learned aliases. ``before_batch`` leaves out the aliases that batch learned, so a batch's
    stages all resolve with what was known before it."""
    from ..events.coder import Coder, get_coder

    base = get_coder(settings)
    fingerprint = dictionary_fingerprint(db)
    coder = base
    if fingerprint[0] != 0:
        key = (settings.spacy_model, fingerprint)
        if key not in _EXTENDED:
            _EXTENDED.clear()
            kb = KnowledgeBase.load(extra=dictionary_entries(db))
            _EXTENDED[key] = Coder(settings, nlp=base.nlp, kb=kb)
            log.info("actor dictionary: %d imported entries in use", fingerprint[0])
        coder = _EXTENDED[key]
    learned = load_learned(db, other_than_batch=before_batch) if _has_learned_table(db) else None
    if not learned:
        return coder
    # A shallow copy: the pipeline, matchers and knowledge base are shared and read-only.
    with_learned = copy.copy(coder)
    with_learned.resolver = coder.resolver.with_learned(learned)
    log.debug("%d learned aliases in use", len(learned))
    return with_learned


def _has_learned_table(db: sqlite3.Connection) -> bool:
    # A store opened read-only is never migrated; an old one has no such table yet.
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learned_aliases'"
                      ).fetchone() is not None


def new_canonical_snippets(db: sqlite3.Connection, snippet_ids: Sequence[int]
                           ) -> list[tuple[int, str, str | None]]:
    """(id, text, first_seen) of the canonical snippets among ``snippet_ids``."""
    out: list[tuple[int, str, str | None]] = []
    ids = list(snippet_ids)
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        marks = ",".join("?" * len(chunk))
        out.extend((int(r[0]), str(r[1]), r[2]) for r in db.execute(
            f"SELECT id, text, first_seen FROM snippets WHERE id IN ({marks}) AND canonical_id = id"
            " ORDER BY id", chunk))
    return out


def annotate_stage(settings: Settings) -> Stage:
    def run(ctx: BatchContext) -> None:
        items: list[tuple[Any, str, Any]] = list(new_canonical_snippets(ctx.db, ctx.new_snippet_ids))
        if not items:
            return
        coder = coder_for(ctx.db, ctx.settings, before_batch=ctx.batch_id)
        annotations = coder.annotate(items)
        rows = []
        for ann in annotations:
            for s, mentions in enumerate(ann.mentions):
                for m in mentions:
                    rows.append((ann.id, s, m.start, m.end, m.text, m.code, m.sector, m.org, m.full_code,
                                 m.via, m.confidence))
        ctx.db.executemany(
            "INSERT INTO mentions(snippet_id, sentence, start, end, text, code, sector, org, actor, via,"
            " confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        log.info("batch %s: %d actor mentions in %d snippets", ctx.batch_name, len(rows), len(items))
        taught = [a for ann in annotations for a in ann.learned]
        if taught:
            # An undated report teaches from the day it was ingested (the batch's day).
            batch_day = stamp_day(ctx.db.execute("SELECT created_at FROM batches WHERE id = ?",
                                            (ctx.batch_id,)).fetchone()[0]) or date.today()
            save_learned(ctx.db, [replace(a, valid_from=a.valid_from or batch_day) for a in taught],
                         batch_id=ctx.batch_id, now=utcnow())

    return Stage("annotate", run, requires=("snippets",), produces=("mentions",))
