"""The HTML pages: each renders the same dict its JSON twin returns (see :mod:`.data`).

Jinja2 autoescaping is on for every template, so snippet text, outlets, titles and URLs are escaped
wherever they appear; the only markup added to snippet text comes from :mod:`.highlight`, which
escapes first. Charts travel as JSON inside ``<script type="application/json">`` (``tojson``
escapes ``<``, ``>`` and ``&``, so no text can close the block) and are drawn by static/charts.js.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import charts, data
from .highlight import fts_markup, span_markup
from .params import Code, Db, Feed, Search, StoryId

__all__ = ["router", "templates", "render"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: a feed can carry ``javascript:`` or ``data:`` URLs."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "undated"


def when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else "undated"


def evidence_markup(evidence: dict[str, Any]) -> Markup:
    return span_markup(evidence["sentence"], [(s["start"], s["end"], s["kind"]) for s in evidence["spans"]])


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(fts_mark=fts_markup, evidence_mark=evidence_markup, safe_url=safe_url, day=day,
                       when=when, signed=lambda v: f"{v:+.1f}" if v is not None else "–")
    env.globals.update(event_types=data.event_types())
    return env


templates = Jinja2Templates(env=_env())


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/")
def feed_page(request: Request, db: Db, filters: Feed) -> HTMLResponse:
    return render(request, "feed.html", {"page": data.feed_data(db, filters), "title": "Stories"})


@router.get("/story/{story_id}")
def story_page(request: Request, db: Db, story_id: StoryId) -> HTMLResponse:
    page = data.story_data(db, story_id)
    title = page["headline"]["text"] if page["headline"] else f"Story {story_id}"
    return render(request, "story.html", {"page": page, "title": title})


@router.get("/actor/{code}")
def actor_page(request: Request, db: Db, code: Code) -> HTMLResponse:
    page = data.actor_data(db, code)
    dated = [r for r in page["activity"] if r["date"]]
    figure = charts.activity_figure(dated) if dated else None
    return render(request, "actor.html", {"page": page, "figure": figure,
                                          "title": page["name"] or page["code"]})


@router.get("/pair/{a}/{b}")
def pair_page(request: Request, db: Db, a: Code, b: Code) -> HTMLResponse:
    page = data.pair_data(db, a, b)
    figure = (charts.trend_figure(page["trend"], page["a"]["code"], page["b"]["code"])
              if page["trend"] else None)
    return render(request, "pair.html", {"page": page, "figure": figure,
                                         "title": f"{page['a']['code']} and {page['b']['code']}"})


@router.get("/search")
def search_page(request: Request, db: Db, filters: Search) -> HTMLResponse:
    return render(request, "search.html", {"page": data.search_data(db, filters),
                                           "title": f"Search: {filters.q}", "query": filters.q})
