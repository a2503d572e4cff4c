"""CSV (or TSV) with a header row, columns per :class:`~wirewatch.ingest.fields.FieldMap`."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..models import Record, Rejection
from ..settings import Settings
from .fields import FieldMap
from .lines import numbered_lines

__all__ = ["read_csv"]


def read_csv(
    path: Path, settings: Settings, outlet: str | None = None, fields: FieldMap | None = None
) -> Iterator[Record | Rejection]:
    fields = fields or FieldMap()
    source = str(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    pending: list[Rejection] = []

    with path.open("rb") as stream:
        # Decode line by line so one bad line is one rejection, not the end of the file.
        def decoded() -> Iterator[str]:
            for item in numbered_lines(stream, source, settings.max_line_bytes):
                if isinstance(item, Rejection):
                    pending.append(item)
                else:
                    yield item[1] + "\n"

        csv.field_size_limit(max(settings.max_line_bytes, 131072))
        reader = csv.reader(decoded(), delimiter=delimiter)
        header: list[str] | None = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield from _drain(pending)
                yield Rejection(source, f"line {reader.line_num}", f"malformed CSV: {exc}")
                continue
            yield from _drain(pending)
            if header is None:
                header = [h.strip() for h in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            locator = f"line {reader.line_num}"
            if len(row) != len(header):
                yield Rejection(
                    source, locator, f"malformed CSV row: {len(row)} fields, header has {len(header)}"
                )
                continue
            try:
                yield fields.to_record(dict(zip(header, row)), source, locator, outlet)
            except ValueError as exc:
                yield Rejection(source, locator, str(exc))
        yield from _drain(pending)


def _drain(pending: list[Rejection]) -> Iterator[Rejection]:
    while pending:
        yield pending.pop(0)
