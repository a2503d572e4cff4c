"""Bounded, line-numbered reading of byte streams, shared by the line-oriented readers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Rejection

__all__ = ["numbered_lines", "nonblank_lines"]

_CHUNK = 1 << 16


def numbered_lines(
    stream: BinaryIO, source: str, max_bytes: int
) -> Iterator[tuple[int, str] | Rejection]:
    """Yield ``(line_number, text)`` for each line, or a :class:`Rejection` for a line that is over
    ``max_bytes`` or not valid UTF-8. An over-long line is skipped without holding it in memory."""
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # drain the rest of the long line
                raw = stream.readline(_CHUNK)
                size += len(raw)
            yield Rejection(
                source, f"line {number}",
                f"line is {size:,} bytes, over the limit of {max_bytes:,} (setting max_line_bytes)",
            )
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejection(source, f"line {number}", f"invalid UTF-8 at byte {exc.start + 1} of the line")
            continue
        yield number, text.rstrip("\r\n")


def nonblank_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str] | Rejection]:
    """:func:`numbered_lines` of a file, or of standard input for ``-``, without blank lines. For
    the researchers' batch modes (``wirewatch code`` / ``cluster``), which read JSON Lines outside
    the ingest readers but owe the same bounded, line-by-line UTF-8 checks."""
    if str(path) == "-":
        stream: BinaryIO = sys.stdin.buffer
        source = "<stdin>"
    else:
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({exc.strerror})") from None
        source = str(path)
    with stream:
        for item in numbered_lines(stream, source, max_bytes):
            if isinstance(item, Rejection) or item[1].strip():
                yield item
