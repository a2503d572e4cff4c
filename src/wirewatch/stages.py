"""The analysis stages the local runner applies to each batch after dedup, in order.

Each stage declares what it requires and produces (checked by :func:`pipeline.check_stages`):

    core      -> records, occurrences, snippets
    annotate  -> mentions          (actors resolved in sentences)
    code      -> events            (PLOVER events)
    cluster   -> stories           (incremental story clustering)
    corroborate -> canonical_events (reports of one event linked; undated ones within a story)
"""

from __future__ import annotations

from .pipeline import Stage
from .settings import Settings

__all__ = ["default_stages"]


def default_stages(settings: Settings) -> list[Stage]:
    stages: list[Stage] = []
    from .actors.stage import annotate_stage
    from .events.stage import code_stage, corroborate_stage

    stages += [annotate_stage(settings), code_stage(settings)]
    # cluster stays last: it uses the coded actors of the stages before it when they exist.
    from .story_store import cluster_stage

    stages.append(cluster_stage(settings))
    # After cluster: an undated event mention links only with reports of its own story.
    stages.append(corroborate_stage(settings))
    return stages
