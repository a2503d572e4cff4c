"""Response schemas of the JSON API (they become the OpenAPI spec). The main fields are typed;
``extra="allow"`` keeps every other key of the data dicts, so the API returns the whole dict."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    type: str
    message: str


class ErrorBody(BaseModel):
    """Every 400 and 404 of the API: ``{"error": {"type": "NotFoundError", "message": "..."}}``."""

    error: ErrorDetail


class Headline(_Open):
    snippet_id: int
    text: str
    outlets: list[str]


class StoryActor(_Open):
    actor: str
    code: str
    name: str | None
    mentions: int
    reports: int


class StoryItem(_Open):
    id: int
    headline: Headline | None
    reports: int
    occurrences: int
    outlet_count: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    actors: list[StoryActor]
    events: list[dict[str, Any]]


class FeedItem(StoryItem):
    event_types: list[str]


class Feed(_Open):
    filters: dict[str, Any]
    count: int
    stories: list[FeedItem]
    next_offset: int | None


class Span(_Open):
    start: int
    end: int
    kind: str
    text: str


class Evidence(_Open):
    event_mention_id: int
    snippet_id: int
    sentence: str
    spans: list[Span]


class StoryEvent(_Open):
    id: int
    type: str
    cameo: str
    goldstein: float
    date: str | None
    source: list[str]
    target: list[str]
    reports: int
    outlets: int
    snippet_ids: list[int]
    evidence: list[Evidence]


class SummarySentence(_Open):
    text: str
    snippet_ids: list[int]
    outlets: list[str]
    published: str | None


class Occurrence(_Open):
    id: int
    snippet_id: int
    canonical_id: int
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None


class OutletReports(_Open):
    outlet: str
    reports: list[Occurrence]


class Story(StoryItem):
    summary: list[SummarySentence]
    members: list[dict[str, Any]]
    events: list[StoryEvent]  # type: ignore[assignment]
    timeline: list[Occurrence]
    outlet_reports: list[OutletReports]


class Counterpart(_Open):
    code: str
    name: str | None
    events: int
    mean_goldstein: float | None


class ActorEvent(_Open):
    id: int
    type: str
    date: str | None
    source: list[str]
    target: list[str]
    story_ids: list[int]


class Actor(_Open):
    code: str
    name: str | None
    totals: dict[str, Any]
    activity: list[dict[str, Any]]
    counterparts: list[Counterpart]
    stories: list[StoryItem]
    events: list[ActorEvent]


class TrendPoint(_Open):
    date: str
    events: int
    mean_goldstein: float
    snippet_ids: list[int]


class Pair(_Open):
    a: dict[str, Any]
    b: dict[str, Any]
    summary: dict[str, Any]
    trend: list[TrendPoint]
    events: list[ActorEvent]


class Hit(_Open):
    snippet_id: int
    text: str
    highlighted: str
    excerpt: str
    outlets: list[str]
    published: str | None


class SearchGroup(_Open):
    story_id: int | None
    headline: str | None
    hits: list[Hit]


class SearchResults(_Open):
    filters: dict[str, Any]
    count: int
    groups: list[SearchGroup]
