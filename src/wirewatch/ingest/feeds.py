"""RSS 2.0 / RSS 1.0 / Atom feeds, from bytes (a file or an http(s) response).

Feeds are untrusted XML. Before feedparser sees a byte, defusedxml parses the document with DTDs,
entity declarations and external references forbidden, so a billion-laughs or XXE payload is
rejected with a clear reason instead of being expanded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser
import lxml.html

from ..models import Record, Rejection
from .timeparse import from_struct_time

__all__ = ["read_feed", "looks_like_feed"]

log = logging.getLogger(__name__)


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2048].lstrip().lower()
    return sample.startswith(b"<?xml") and (b"<rss" in sample or b"<feed" in sample or b"<rdf" in sample) \
        or sample.startswith((b"<rss", b"<feed", b"<rdf"))


def _plain(fragment: str) -> str:
    """Feed descriptions are often HTML; keep their text."""
    if "<" not in fragment:
        return fragment
    try:
        return str(lxml.html.fromstring(fragment).text_content())
    except (ValueError, lxml.etree.ParserError):
        return fragment


def read_feed(data: bytes, source: str, outlet: str | None = None) -> Iterator[Record | Rejection]:
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        yield Rejection(source, "", f"feed refused: unsafe XML ({type(exc).__name__}: {exc})")
        return
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        yield Rejection(source, f"line {line}", f"broken feed: XML error at column {column + 1} ({exc})")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries and parsed.get("bozo"):
        yield Rejection(source, "", f"broken feed: {parsed.get('bozo_exception')}")
        return
    # The feed names its outlet; --outlet is only the fallback for feeds without a title.
    feed_outlet = parsed.feed.get("title") or outlet or None
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"item {number}"
        summary = entry.get("summary") or entry.get("description") or ""
        if not summary and entry.get("content"):
            summary = entry.content[0].get("value", "")
        text = _plain(summary).strip() or (entry.get("title") or "").strip()
        if not text:
            yield Rejection(source, locator, "feed item has neither summary nor title")
            continue
        published = from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Record(
            text=text,
            source=source,
            locator=locator,
            url=entry.get("link"),
            outlet=feed_outlet,
            title=entry.get("title"),
            published=published,
            external_id=entry.get("id"),
        )
