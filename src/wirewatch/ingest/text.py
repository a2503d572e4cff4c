"""The seed format: a ``.txt`` file with one snippet per line (blank lines are skipped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..models import Record, Rejection
from ..settings import Settings
from .lines import numbered_lines

__all__ = ["read_text"]


def read_text(path: Path, settings: Settings, outlet: str | None = None) -> Iterator[Record | Rejection]:
    source = str(path)
    with path.open("rb") as stream:
        for item in numbered_lines(stream, source, settings.max_line_bytes):
            if isinstance(item, Rejection):
                yield item
                continue
            number, line = item
            if line.strip():
                yield Record(text=line, source=source, locator=f"line {number}", outlet=outlet)
