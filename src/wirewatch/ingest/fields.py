"""The field mapping for JSON Lines and CSV: which keys hold text, url, outlet, published, title, id.

The defaults accept the names common in news exports; ``--field text=body`` (or
``FieldMap.parse(["text=body"])``) points a field at another key, and a path reaches into nested
JSON: ``--field title=meta.title``, ``--field text=sentences[].text`` (every item's ``text``,
joined by spaces).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import SettingsError
from ..models import Record
from .timeparse import parse_published

__all__ = ["FieldMap", "DEFAULT_FIELDS"]

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "snippet", "description", "summary"),
    "url": ("url", "link", "href"),
    "outlet": ("outlet", "source", "publisher", "site", "domain"),
    "published": ("published", "date", "published_at", "pubDate", "datetime", "timestamp"),
    "title": ("title", "headline"),
    "id": ("id", "guid", "uid", "doc_id"),
}


@dataclass(frozen=True)
class FieldMap:
    """For each wirewatch field, the input keys to try in order."""

    keys: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELDS))

    @classmethod
    def parse(cls, specs: Iterable[str]) -> FieldMap:
        keys = dict(DEFAULT_FIELDS)
        for spec in specs:
            name, sep, key = spec.partition("=")
            if not sep or name not in DEFAULT_FIELDS or not key:
                raise SettingsError(
                    f"--field {spec!r}: expected FIELD=KEY with FIELD one of {', '.join(DEFAULT_FIELDS)}"
                )
            keys[name] = (key,)
        return cls(keys)

    def get(self, row: Mapping[str, object], name: str) -> object:
        for key in self.keys[name]:
            value = row[key] if key in row else _path(row, key) if ("." in key or "[]" in key) else None
            if value is not None and value != "":
                return value
        return None

    def to_record(
        self, row: Mapping[str, object], source: str, locator: str, outlet: str | None
    ) -> Record:
        """Build a record, raising ``ValueError`` with the reason when the row cannot be one."""
        text = self.get(row, "text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"no text (looked for keys: {', '.join(self.keys['text'])})")
        published = parse_published(self.get(row, "published"))
        ext_id = self.get(row, "id")
        return Record(
            text=text,
            source=source,
            locator=locator,
            url=_str(self.get(row, "url")),
            outlet=_str(self.get(row, "outlet")) or outlet,
            title=_str(self.get(row, "title")),
            published=published,
            external_id=None if ext_id is None else str(ext_id),
        )


def _path(row: Mapping[str, object], path: str) -> object:
    """The value at a path into nested JSON: ``meta.title`` (a key of a key), ``sentences[].text``
    (that key of every item of a list, joined by spaces: one text). None when the path is absent."""
    values: list[object] = [row]
    listed = False
    for part in path.split("."):
        each = part.endswith("[]")
        key = part[:-2] if each else part
        nxt: list[object] = []
        for v in values:
            if not isinstance(v, Mapping) or key not in v:
                continue
            got = v[key]
            if each:
                if isinstance(got, list):
                    nxt.extend(got)
                    listed = True
            else:
                nxt.append(got)
        values = nxt
    if not values:
        return None
    if not listed:
        return values[0]
    texts = [str(v) for v in values if v is not None and not isinstance(v, (Mapping, list)) and str(v).strip()]
    return " ".join(texts) if texts else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)
