"""Parse the published times that feeds, JSON and CSV carry into aware UTC datetimes."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime

__all__ = ["parse_published", "from_struct_time"]


def parse_published(value: object) -> datetime | None:
    """ISO 8601 (``2025-01-21``, ``2025-01-21T09:14:00Z``), RFC 822 (``Tue, 21 Jan 2025 09:14:00
    GMT``) or a Unix timestamp. Naive times are taken as UTC. Raises ``ValueError`` on anything else
    so the reader can reject the record with a precise reason."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), UTC)
    if not isinstance(value, str):
        raise ValueError(f"published time must be a string or number, not {type(value).__name__}")
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"unrecognised published time {value!r} (use ISO 8601 or RFC 822)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC struct_times."""
    if value is None:
        return None
    return datetime(*value[:6], tzinfo=UTC)
