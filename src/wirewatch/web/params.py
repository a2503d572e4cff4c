"""Request dependencies shared by the pages and their JSON twins: the per-request read-only store
connection and the validated query parameters (so both twins accept exactly the same ones)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends, Path, Query, Request

from ..events.plover import EVENT_TYPES
from ..store import Store
from .data import FeedFilters, SearchFilters

__all__ = ["Db", "Feed", "Search", "StoryId", "Code", "get_db"]

# Country/IGO codes (CHN, IGO) or full CAMEO-style codes (CHNGOV, IGOICJGOV); empty = no filter in
# forms, whose blank fields still arrive as ``actor=``.
_CODE = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$"
_OPTIONAL_CODE = r"^([A-Za-z]{3}[A-Za-z0-9]{0,12})?$"
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
# Durations are bounded (9999 months ~ 800 years) so the date arithmetic cannot overflow.
_SINCE_PATTERN = r"^(\d{1,4}(\.\d{1,3})?[hdwmHDWM]|\d{4}-\d{2}-\d{2})?$"
_SINCE = "Only stories active since then: a duration back from the newest report (7d, 36h, 2w) or a date."
# A query must hold a word (a letter or digit): FTS5 indexes nothing else.
_WORDS = r"[^\W_]"
if TYPE_CHECKING:
    EventType = str
else:  # the PLOVER types as an enum in the spec ("" = any, for blank form fields)
    EventType = Literal[("", *EVENT_TYPES)]
_TYPE = "PLOVER event type, e.g. CONSULT."


def get_db(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection per request. FastAPI may run the dependency and the endpoint on
    different threadpool threads, hence check_same_thread=False; the connection is never shared
    between requests."""
    store = Store(request.app.state.db_path, readonly=True, check_same_thread=False)
    try:
        yield store.db
    finally:
        store.close()


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def feed_filters(
    actor: Annotated[str | None, Query(pattern=_OPTIONAL_CODE, description="Actor code, e.g. CHN.")] = None,
    type: Annotated[EventType | None, Query(description=_TYPE)] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly.")] = None,
    since: Annotated[str | None, Query(pattern=_SINCE_PATTERN, description=_SINCE)] = None,
    until: Annotated[str | None, Query(pattern=_DATE, description="Only stories begun by this date.")] = None,
    order: Annotated[Literal["recent", "corroborated"], Query(
        description="recent: newest activity first; corroborated: most outlets, then reports.")] = "recent",
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> FeedFilters:
    return FeedFilters(actor=_blank(actor), type=_blank(type), outlet=_blank(outlet), since=_blank(since),
                       until=_blank(until), order=order, limit=limit, offset=offset)


def search_filters(
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=_WORDS,
                            description="Words to find (all required).")],
    actor: Annotated[str | None, Query(pattern=_OPTIONAL_CODE, description="Actor code, e.g. CHN.")] = None,
    type: Annotated[EventType | None, Query(description=_TYPE)] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly.")] = None,
    since: Annotated[str | None, Query(pattern=_SINCE_PATTERN, description=_SINCE)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
) -> SearchFilters:
    return SearchFilters(q=q, actor=_blank(actor), type=_blank(type), outlet=_blank(outlet),
                         since=_blank(since), limit=limit)


Db = Annotated[sqlite3.Connection, Depends(get_db)]
Feed = Annotated[FeedFilters, Depends(feed_filters)]
Search = Annotated[SearchFilters, Depends(search_filters)]
# Bounded so an id always fits SQLite's 64-bit integers.
StoryId = Annotated[int, Path(ge=1, le=2**53, description="Story id.")]
Code = Annotated[str, Path(pattern=_CODE, description="Actor code: CHN, RUS, IGO, or a full code like CHNGOV.")]
