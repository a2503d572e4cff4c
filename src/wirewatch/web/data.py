"""The data behind every page: one function per page, returning the plain dict that the JSON twin
returns as is and the HTML view renders. They only call the library's query functions."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from ..actors.kb import DATA_DIR
from ..briefs import actor_trend
from ..errors import NotFoundError, QueryError
from ..events.plover import EVENT_TYPES, normalise_type
from ..events.queries import actor_activity, actor_counterparts, event_mentions, list_events
from ..search import SearchQuery, search
from ..story_queries import (
    feed_story_ids,
    list_stories,
    stories_of_snippets,
    story_detail,
    story_occurrences,
)
from ..story_store import table_exists

__all__ = ["FeedFilters", "SearchFilters", "feed_data", "story_data", "actor_data", "pair_data",
           "search_data", "actor_name", "event_types"]


@dataclass(frozen=True)
class FeedFilters:
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    order: str = "recent"
    limit: int = 30
    offset: int = 0


@dataclass(frozen=True)
class SearchFilters:
    q: str
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    since: str | None = None
    limit: int = 30


def event_types() -> list[str]:
    return list(EVENT_TYPES)


def _event_type(value: str | None) -> str | None:
    if not value:
        return None
    name = normalise_type(value)
    if name not in EVENT_TYPES:
        raise QueryError(f"unknown event type {value!r}; one of {', '.join(EVENT_TYPES)}")
    return name


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for filename in ("countries.jsonl", "organisations.jsonl"):
        with (DATA_DIR / filename).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    names.setdefault(str(row["code"]), str(row["name"]))
    # CAMEO's generic slots, which the knowledge base uses but does not name.
    names.setdefault("IGO", "Intergovernmental organisations")
    names.setdefault("NGO", "Non-governmental organisations")
    return names


def actor_name(code: str) -> str | None:
    """The knowledge base's name for a country or organisation code (``CHN`` -> China)."""
    return _names().get(code.upper())


def _codes(value: object) -> list[str]:
    """An event's source or target as stored (a JSON list of codes, or one code) -> a list."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str) and value.startswith("["):
        try:
            return [str(v) for v in json.loads(value)]
        except ValueError:
            return [value]
    return [str(value)] if value else []


def _actor_refs(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Story actors ("CHN GOV") with the country/IGO code their page is under."""
    out = []
    for a in actors:
        code = a["actor"].split(" ", 1)[0]
        out.append({**a, "code": code, "name": actor_name(code)})
    return out


def _evidence(mention: dict[str, Any]) -> dict[str, Any]:
    """One event mention's evidence: its sentence, with the trigger and actor spans as offsets into
    that sentence (the store keeps offsets into the whole snippet)."""
    start, end = int(mention["sentence_start"]), int(mention["sentence_end"])
    spans = [{"start": mention["trigger_start"] - start, "end": mention["trigger_end"] - start,
              "kind": "trigger", "text": mention["trigger"]}]
    spans += [{"start": a["start"] - start, "end": a["end"] - start, "kind": a["role"], "text": a["text"],
               "code": a["code"], "actor": a["actor"]}
              for a in mention["actors"] if start <= a["start"] and a["end"] <= end]
    return {"event_mention_id": mention["id"], "snippet_id": mention["snippet_id"],
            "sentence": mention["text"][start:end], "spans": spans,
            "date_text": mention["date_text"], "location": mention["location"],
            "confidence": mention["confidence"]}


def _with_evidence(db: sqlite3.Connection, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A story's canonical events with the evidence of the mentions *in this story's reports* (a
    canonical event can also be reported in other stories; their sentences belong there)."""
    here = {(int(e["id"]), int(s)) for e in events for s in e["snippet_ids"]}
    by_event: dict[int, list[dict[str, Any]]] = {}
    for m in event_mentions(db, [int(e["id"]) for e in events]):
        if (int(m["canonical_event_id"]), int(m["snippet_id"])) in here:
            by_event.setdefault(int(m["canonical_event_id"]), []).append(_evidence(m))
    return [{**e, "source": _codes(e["source"]), "target": _codes(e["target"]),
             "evidence": by_event.get(int(e["id"]), [])} for e in events]


def feed_data(db: sqlite3.Connection, f: FeedFilters) -> dict[str, Any]:
    """The story feed: newest (``order=recent``) or most corroborated (``order=corroborated``)."""
    event_type = _event_type(f.type)
    ids = feed_story_ids(db, actors=[f.actor] if f.actor else [], event_types=[event_type] if event_type
                         else [], outlets=[f.outlet] if f.outlet else [], since=f.since, until=f.until,
                         order=f.order, limit=f.limit, offset=f.offset)
    by_id = {s["id"]: s for s in list_stories(db, story_ids=ids, limit=len(ids))} if ids else {}
    stories = []
    for story_id in ids:
        s = by_id[story_id]
        stories.append({**s, "actors": _actor_refs(s["actors"]),
                        "event_types": sorted({e["type"] for e in s["events"]})})
    return {"filters": asdict(f), "count": len(stories), "stories": stories,
            "next_offset": f.offset + f.limit if len(stories) == f.limit else None}


def story_data(db: sqlite3.Connection, story_id: int) -> dict[str, Any]:
    """One story: headline, cited brief, reports by outlet, timeline, coded events with evidence."""
    story = story_detail(db, story_id, summary=3)
    occurrences = story_occurrences(db, story_id)
    texts = {m["snippet_id"]: m["text"] for m in story["members"]}
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for o in occurrences:
        by_outlet.setdefault(o["outlet"] or "(no outlet)", []).append(
            {**o, "text": texts.get(o["canonical_id"], "")})
    story["actors"] = _actor_refs(story["actors"])
    story["events"] = _with_evidence(db, story["events"])
    story["timeline"] = occurrences
    story["outlet_reports"] = [{"outlet": k, "reports": v} for k, v in sorted(by_outlet.items())]
    return story


def actor_data(db: sqlite3.Connection, code: str, *, stories: int = 10, events: int = 30) -> dict[str, Any]:
    """An actor (country/IGO code such as ``CHN``, or a full code such as ``CHNGOV``): its events
    over time by type, top counterparts, recent stories and events."""
    code = code.upper()
    has_events = table_exists(db, "event_actors")
    activity = actor_activity(db, code) if has_events else []
    recent_events = list_events(db, actor=code, limit=events) if has_events else []
    recent = []
    if table_exists(db, "mentions"):
        ids = feed_story_ids(db, actors=[code], limit=stories)
        by_id = {s["id"]: s for s in list_stories(db, story_ids=ids, limit=len(ids))} if ids else {}
        recent = [by_id[i] for i in ids]
    name = actor_name(code[:3]) if len(code) > 3 else actor_name(code)
    if not (activity or recent or name):
        raise NotFoundError(f"no actor {code!r} in this store or the knowledge base; actor codes look "
                            "like CHN, RUS, USA or IGO")
    by_type: dict[str, int] = {}
    for row in activity:
        by_type[row["type"]] = by_type.get(row["type"], 0) + int(row["events"])
    return {
        "code": code,
        "name": name,
        "totals": {"events": sum(by_type.values()),
                   "undated": sum(int(r["events"]) for r in activity if not r["date"]),
                   "by_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1]))},
        "activity": activity,
        "counterparts": [{**c, "name": actor_name(c["code"])} for c in actor_counterparts(db, code)]
        if has_events else [],
        "stories": [{**s, "actors": _actor_refs(s["actors"])} for s in recent],
        "events": _link_stories(db, [{**e, "source": _codes(e["source"]), "target": _codes(e["target"])}
                                     for e in recent_events]),
    }


def _link_stories(db: sqlite3.Connection, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with the stories its reports belong to."""
    story_of = stories_of_snippets(db, sorted({s for e in events for s in e["snippets"]}))
    return [{**e, "story_ids": sorted({story_of[s] for s in e["snippets"] if s in story_of})} for e in events]


def pair_data(db: sqlite3.Connection, a: str, b: str, *, events: int = 100) -> dict[str, Any]:
    """Two actors: daily cooperation–conflict trend (either direction) and their event timeline."""
    a, b = a.upper(), b.upper()
    has_events = table_exists(db, "event_actors")
    pair_events = list_events(db, actor=a, counterpart=b, limit=events) if has_events else []
    trend = actor_trend(db, a, b)
    if not (trend or pair_events) and not (actor_name(a[:3]) and actor_name(b[:3])):
        raise NotFoundError(f"no events between {a!r} and {b!r} and no such actor codes; "
                            "try codes like CHN and RUS")
    timeline = _link_stories(db, [{**e, "source": _codes(e["source"]), "target": _codes(e["target"])}
                                  for e in sorted(pair_events, key=lambda e: (e["date"] or "", e["id"]))])
    total = sum(p["events"] for p in trend)
    mean = round(sum(p["mean_goldstein"] * p["events"] for p in trend) / total, 2) if total else None
    return {"a": {"code": a, "name": actor_name(a[:3])}, "b": {"code": b, "name": actor_name(b[:3])},
            "summary": {"event_mentions": total, "events": len(timeline), "mean_goldstein": mean},
            "trend": trend, "events": timeline}


def search_data(db: sqlite3.Connection, f: SearchFilters) -> dict[str, Any]:
    """Full-text search, grouped by story; hits carry FTS5 match markers (\\x02 ... \\x03)."""
    event_type = _event_type(f.type)
    groups = search(db, SearchQuery(
        f.q, actors=(f.actor,) if f.actor else (), types=(event_type,) if event_type else (),
        outlets=(f.outlet,) if f.outlet else (), since=f.since, limit=f.limit))
    ids = [g["story_id"] for g in groups if g["story_id"] is not None]
    heads = {s["id"]: s for s in list_stories(db, story_ids=ids, limit=len(ids))} if ids else {}
    out = []
    for g in groups:
        story = heads.get(g["story_id"]) if g["story_id"] is not None else None
        out.append({"story_id": g["story_id"], "best_rank": g["best_rank"],
                    "headline": story["headline"]["text"] if story and story["headline"] else None,
                    "reports": story["reports"] if story else None,
                    "outlet_count": story["outlet_count"] if story else None,
                    "hits": g["hits"]})
    return {"filters": asdict(f), "count": sum(len(g["hits"]) for g in out), "groups": out}

