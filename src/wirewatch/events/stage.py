"""The ``code`` and ``corroborate`` stages: PLOVER events of the batch's new snippets, stored, then
linked to canonical events.

``code``: its core is :func:`wirewatch.events.coder.code_texts` (through the store's coder, which
includes imported dictionaries); this wrapper reads the new canonical snippets and writes ``events``
and ``event_actors``.

``corroborate`` runs after ``cluster``, because an undated report links only with reports of its own
story (:mod:`wirewatch.events.corroborate`): it links the batch's factual event mentions to canonical
events and recounts the canonical events whose reports gained occurrences in this batch (a repeat
in a new outlet raises ``outlets``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..actors.stage import coder_for, new_canonical_snippets
from ..pipeline import BatchContext, Stage
from ..settings import Settings
from ..timefilter import stamp_day
from .coder import Event, shown
from .corroborate import canonicals_of_snippets, inserted_id, link_pending, recount

__all__ = ["code_stage", "corroborate_stage", "store_events"]

log = logging.getLogger(__name__)


def store_events(ctx: BatchContext, snippet_id: int, events: list[Event]) -> int:
    """Write one snippet's events (the ``corroborate`` stage links them). Returns how many."""
    stored = 0
    db = ctx.db
    for e in events:
        if not shown(e, ctx.settings):
            continue
        event_id = inserted_id(db.execute(
            "INSERT INTO events(snippet_id, batch_id, sentence, sentence_start, sentence_end, trigger,"
            " trigger_start, trigger_end, type, mode, cameo, goldstein, date, date_text, date_hint, location,"
            " location_code, confidence, negated, hypothetical, contexts)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (snippet_id, ctx.batch_id, e.sentence, e.sentence_start, e.sentence_end, e.trigger,
             e.trigger_start, e.trigger_end, e.type, e.mode, e.cameo, e.goldstein,
             e.date.isoformat() if e.date else None, e.date_text, e.date_hint, e.location, e.location_code,
             round(e.confidence, 4), int(e.negated), int(e.hypothetical), json.dumps(e.contexts)),
        ))
        db.executemany(
            "INSERT INTO event_actors(event_id, role, position, code, sector, org, actor, text, start, end)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(event_id, role, i, m.code, m.sector, m.org, m.full_code, m.text, m.start, m.end)
             for role, actors in (("source", e.source), ("target", e.target))
             for i, m in enumerate(actors)],
        )
        stored += 1
    return stored


def code_stage(settings: Settings) -> Stage:
    def run(ctx: BatchContext) -> None:
        snippets = new_canonical_snippets(ctx.db, ctx.new_snippet_ids)
        if snippets:
            items: list[tuple[Any, str, Any]] = [(sid, text, stamp_day(first_seen))
                                                 for sid, text, first_seen in snippets]
            coded = coder_for(ctx.db, ctx.settings, before_batch=ctx.batch_id).code(
                items, n_process=ctx.settings.code_processes)
            n_events = sum(store_events(ctx, sid, result.events) for (sid, _, _), result in zip(items, coded))
            log.info("batch %s: %d event mentions in %d snippets", ctx.batch_name, n_events, len(items))

    return Stage("code", run, requires=("mentions",), produces=("events",))


def corroborate_stage(settings: Settings) -> Stage:
    """Link the batch's event mentions to canonical events; add it after ``cluster``."""

    def run(ctx: BatchContext) -> None:
        touched = link_pending(ctx.db, ctx.new_snippet_ids, window_days=ctx.settings.event_date_window_days,
                               batch_id=ctx.batch_id)
        log.info("batch %s: event mentions linked to %d canonical events", ctx.batch_name, len(touched))
        # Old reports that gained occurrences (in this batch's outlets) change their counts too.
        touched |= canonicals_of_snippets(ctx.db, ctx.touched_snippet_ids)
        recount(ctx.db, touched)

    return Stage("corroborate", run, requires=("events", "stories"), produces=("canonical_events",))
