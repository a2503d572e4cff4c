"""HTML articles: main-text extraction with trafilatura (boilerplate, menus and comments dropped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlparse

import trafilatura

from ..models import Record, Rejection
from .timeparse import parse_published

__all__ = ["read_html"]


def read_html(
    data: bytes, source: str, outlet: str | None = None, url: str | None = None
) -> Iterator[Record | Rejection]:
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        html = data.decode("latin-1")  # trafilatura re-detects declared charsets itself
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, url=url
    )
    if not extracted:
        yield Rejection(source, "article", "no article text found in the HTML")
        return
    doc = json.loads(extracted)
    text = " ".join((doc.get("raw_text") or doc.get("text") or "").split())
    if not text:
        yield Rejection(source, "article", "no article text found in the HTML")
        return
    try:
        published = parse_published(doc.get("date"))
    except ValueError:
        published = None
    host = urlparse(url).hostname if url else None
    yield Record(
        text=text,
        source=source,
        locator="article",
        url=url or doc.get("source") or None,
        outlet=doc.get("sitename") or outlet or host,
        title=doc.get("title"),
        published=published,
    )
