"""``--since`` values: a duration back from the newest report in the store, or a date.

A duration (``7d``, ``36h``, ``2w``) counts back from the newest publication (or ingest) time in
the store, not from the wall clock, so a brief over last month's archive reads the same as one over
this morning's feed, and tests do not depend on the day they run.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta

from .errors import QueryError

__all__ = ["since_stamp", "parse_since", "newest_stamp", "stamp_day"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdwm])\s*$", re.IGNORECASE)
_UNIT = {"h": 1 / 24, "d": 1.0, "w": 7.0, "m": 30.0}
_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def stamp_day(stamp: str | None) -> date | None:
    """The day of a stored ISO timestamp (``2025-01-21T09:14:00Z``), or None if it has none."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def newest_stamp(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT COALESCE(MAX(published), MAX(ingested_at)) FROM occurrences").fetchone()
    return row[0] if row and row[0] else None


def parse_since(value: str, newest: datetime) -> datetime:
    """The moment ``value`` names: ``7d`` before ``newest``, or an ISO date/time."""
    match = _DURATION.match(value)
    if match:
        return newest - timedelta(days=float(match.group(1)) * _UNIT[match.group(2).lower()])
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise QueryError(
            f"--since {value!r}: give a duration back from the newest report (7d, 36h, 2w, 1m) "
            "or a date (2025-01-20)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def since_stamp(db: sqlite3.Connection, value: str) -> str:
    """The stored-timestamp string at or after which ``value`` keeps reports."""
    newest = newest_stamp(db)
    anchor = datetime.strptime(newest, _FORMAT).replace(tzinfo=UTC) if newest else datetime.now(UTC)
    return parse_since(value, anchor).astimezone(UTC).strftime(_FORMAT)
