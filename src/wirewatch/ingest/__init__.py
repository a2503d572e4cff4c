"""Readers: turn files, folders and URLs into :class:`~wirewatch.models.Record` objects.

Every reader yields records and :class:`~wirewatch.models.Rejection` objects in input order; a bad
record never stops the rest of its file, and an unreadable file never stops the rest of the batch.
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..models import Record, Rejection
from ..settings import Settings
from .csvfile import read_csv
from .feeds import looks_like_feed, read_feed
from .fields import FieldMap
from .html import read_html
from .jsonl import read_jsonl
from .normalise import normalise, text_hash
from .text import read_text

__all__ = ["read_inputs", "expand_inputs", "fetch_url", "Fetcher", "FieldMap", "normalise", "text_hash", "SUFFIXES"]

log = logging.getLogger(__name__)

Fetcher = Callable[[str, Settings], tuple[bytes, str]]
"""Given a URL, return (body, content type). Injected so tests run offline."""

SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".html": "html", ".htm": "html",
}


def fetch_url(url: str, settings: Settings) -> tuple[bytes, str]:
    """GET a URL with a timeout and a size cap; raises OSError on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": settings.user_agent})
    with urllib.request.urlopen(request, timeout=settings.fetch_timeout) as response:  # noqa: S310
        body = response.read(settings.max_file_bytes + 1)
        if len(body) > settings.max_file_bytes:
            raise OSError(f"response is over {settings.max_file_bytes:,} bytes (setting max_file_bytes)")
        return body, response.headers.get_content_type()


def read_inputs(
    inputs: Iterable[str | Path],
    settings: Settings,
    *,
    outlet: str | None = None,
    fields: FieldMap | None = None,
    fetch: Fetcher = fetch_url,
) -> Iterator[Record | Rejection]:
    """Records from every input: files, folders (recursively, sorted) and http(s) URLs."""
    for item in inputs:
        text = str(item)
        if text.startswith(("http://", "https://")):
            yield from _read_url(text, settings, outlet, fetch)
            continue
        path = Path(text)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for file in files:
                if file.suffix.lower() in SUFFIXES:
                    yield from _read_file(file, settings, outlet, fields)
                else:
                    log.info("skipping %s: not a known input format", file)
        elif path.exists():
            yield from _read_file(path, settings, outlet, fields)
        else:
            yield Rejection(text, "", "no such file or folder")


def expand_inputs(inputs: Iterable[str | Path]) -> list[str]:
    """Inputs with folders replaced by the files of known formats inside them (sorted)."""
    out: list[str] = []
    for item in inputs:
        path = Path(str(item))
        if not str(item).startswith(("http://", "https://")) and path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*"))
                       if p.is_file() and not _hidden(p, path) and p.suffix.lower() in SUFFIXES)
        else:
            out.append(str(item))
    return out


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(
    path: Path, settings: Settings, outlet: str | None, fields: FieldMap | None
) -> Iterator[Record | Rejection]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield Rejection(source, "", f"file is {size:,} bytes, over the limit of "
                            f"{settings.max_file_bytes:,} (setting max_file_bytes)")
            return
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            with path.open("rb") as f:
                head = f.read(2048)
            kind = "feed" if looks_like_feed(head) else (
                "html" if head.lstrip()[:1] == b"<" else "text")
        if kind == "text":
            yield from read_text(path, settings, outlet)
        elif kind == "jsonl":
            yield from read_jsonl(path, settings, outlet, fields)
        elif kind == "csv":
            yield from read_csv(path, settings, outlet, fields)
        elif kind == "feed":
            yield from read_feed(path.read_bytes(), source, outlet)
        else:
            yield from read_html(path.read_bytes(), source, outlet)
    except OSError as exc:
        yield Rejection(source, "", f"cannot read file: {exc.strerror or exc}")


def _read_url(url: str, settings: Settings, outlet: str | None, fetch: Fetcher) -> Iterator[Record | Rejection]:
    try:
        body, content_type = fetch(url, settings)
    except (OSError, ValueError) as exc:
        yield Rejection(url, "", f"cannot fetch: {exc}")
        return
    if "xml" in content_type or "rss" in content_type or "atom" in content_type or looks_like_feed(body):
        yield from read_feed(body, url, outlet)
    else:
        yield from read_html(body, url, outlet, url=url)
