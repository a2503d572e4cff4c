"""The ``annotate`` stage: actor mentions of the batch's new snippets, stored in ``mentions``.

Its core is :meth:`wirewatch.events.coder.Coder.annotate`, a function over a batch of texts (no
parse); this wrapper only reads the snippets and writes rows. Near-duplicates are not annotated:
their canonical snippet stands for the group.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..pipeline import BatchContext, Stage
from ..settings import Settings
from .importer import dictionary_entries, dictionary_fingerprint
from .kb import KnowledgeBase

if TYPE_CHECKING:
    from ..events.coder import Coder

__all__ = ["annotate_stage", "coder_for", "new_canonical_snippets"]

log = logging.getLogger(__name__)

_EXTENDED: dict[tuple[str, tuple[int, int]], Coder] = {}


def coder_for(db: sqlite3.Connection, settings: Settings) -> Coder:
    """The shared coder, extended with the store's imported dictionaries when it has any (built
    once per dictionary state: importing more entries rebuilds it)."""
    from ..events.coder import Coder, get_coder

    base = get_coder(settings)
    fingerprint = dictionary_fingerprint(db)
    if fingerprint[0] == 0:
        return base
    key = (settings.spacy_model, fingerprint)
    if key not in _EXTENDED:
        _EXTENDED.clear()
        kb = KnowledgeBase.load(extra=dictionary_entries(db))
        _EXTENDED[key] = Coder(settings, nlp=base.nlp, kb=kb)
        log.info("actor dictionary: %d imported entries in use", fingerprint[0])
    return _EXTENDED[key]


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
        coder = coder_for(ctx.db, ctx.settings)
        rows = []
        for ann in coder.annotate(items):
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

    return Stage("annotate", run, requires=("snippets",), produces=("mentions",))
