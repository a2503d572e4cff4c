"""JSON Lines: one object per line, keys per :class:`~wirewatch.ingest.fields.FieldMap`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..models import Record, Rejection
from ..settings import Settings
from .fields import FieldMap
from .lines import numbered_lines

__all__ = ["read_jsonl"]


def read_jsonl(
    path: Path, settings: Settings, outlet: str | None = None, fields: FieldMap | None = None
) -> Iterator[Record | Rejection]:
    fields = fields or FieldMap()
    source = str(path)
    with path.open("rb") as stream:
        for item in numbered_lines(stream, source, settings.max_line_bytes):
            if isinstance(item, Rejection):
                yield item
                continue
            number, line = item
            if not line.strip():
                continue
            locator = f"line {number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejection(source, locator, f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(row, dict):
                yield Rejection(source, locator, f"expected a JSON object, got {type(row).__name__}")
                continue
            try:
                yield fields.to_record(row, source, locator, outlet)
            except ValueError as exc:
                yield Rejection(source, locator, str(exc))
