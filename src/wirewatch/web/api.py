"""The JSON API: each route returns its page's data dict as built by :mod:`.data`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from . import data, models
from .params import Code, Db, Feed, Search, StoryId

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorBody, "description": "A filter or query cannot be run as given."},
    404: {"model": models.ErrorBody, "description": "No such story or actor."},
}

router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)


@router.get("/stories", response_model=models.Feed, summary="Story feed")
def api_stories(db: Db, filters: Feed) -> dict[str, Any]:
    """Stories, newest or most corroborated first, filtered by actor, event type, outlet and date."""
    return data.feed_data(db, filters)


@router.get("/story/{story_id}", response_model=models.Story, summary="One story")
def api_story(db: Db, story_id: StoryId) -> dict[str, Any]:
    """Headline, cited summary, every report by outlet, timeline, coded events with evidence."""
    return data.story_data(db, story_id)


@router.get("/actor/{code}", response_model=models.Actor, summary="One actor")
def api_actor(db: Db, code: Code) -> dict[str, Any]:
    """Events over time by type, top counterparts, recent stories and events."""
    return data.actor_data(db, code)


@router.get("/pair/{a}/{b}", response_model=models.Pair, summary="Two actors")
def api_pair(db: Db, a: Code, b: Code) -> dict[str, Any]:
    """Daily cooperation–conflict trend between two actors and their event timeline."""
    return data.pair_data(db, a, b)


@router.get("/search", response_model=models.SearchResults, summary="Full-text search")
def api_search(db: Db, filters: Search) -> dict[str, Any]:
    """Snippets matching every word of ``q``, grouped by story; matches between \\u0002 and \\u0003."""
    return data.search_data(db, filters)
