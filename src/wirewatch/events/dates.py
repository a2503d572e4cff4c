"""Time expressions in news sentences, resolved against the report's publication time.

News is written in the past tense about the last few days, so a bare weekday ("on Tuesday") means the
latest such day on or before publication, and a month-day without a year ("Jan. 28") the latest such
date no later than a week after publication (an announced date can be a few days ahead). Without a
publication time, relative expressions stay unresolved (``date`` is None) but are still reported with
their text, so a later step (or a person) can resolve them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["TimeExpr", "find_time_expressions", "resolve_date", "nearest_time", "date_hint",
           "hints_compatible"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
             r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_day", re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY_RE})\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")),
    ("day_month", re.compile(rf"\b(?P<d>{_DAY_RE})\s+(?P<mon>{_MONTH_RE})\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")),
    ("weekday", re.compile(
        r"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
        r"Sunday)\b")),
    ("month", re.compile(rf"\b(?:in|on|since|by|early|late|mid)\s+(?P<mon>{_MONTH_RE})(?=[\s.,;]|$)(?!\s+\d)")),
    ("relative", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|this morning|this afternoon|"
                            r"this evening|last night)\b", re.IGNORECASE)),
]
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
                  "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}
# An announced date ("talks on Feb. 3") can lie a little after publication; further ahead than this,
# a yearless month-day is taken to be last year's.
_FUTURE_SLACK_DAYS = 7


@dataclass(frozen=True)
class TimeExpr:
    text: str
    start: int
    """Character offsets in the text searched."""
    end: int
    kind: str
    date: date | None
    hint: str | None = None
    """What the expression says when it cannot be resolved: ``tuesday``, ``01-28``, ``02``."""


def find_time_expressions(text: str, published: datetime | date | None = None,
                          offset: int = 0) -> list[TimeExpr]:
    """Every time expression in ``text`` (non-overlapping, in order), resolved when possible."""
    ref = published.date() if isinstance(published, datetime) else published
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            parts = m.groupdict()
            found.append(TimeExpr(m.group(0), m.start() + offset, m.end() + offset, kind,
                                  resolve_date(kind, parts, ref), date_hint(kind, parts)))
    return sorted(found, key=lambda t: t.start)


def resolve_date(kind: str, parts: dict[str, str | None], ref: date | None) -> date | None:
    try:
        if kind == "iso":
            return date(int(parts["y"] or 0), int(parts["m"] or 0), int(parts["d"] or 0))
        if kind in ("month_day", "day_month"):
            month = _MONTHS[(parts["mon"] or "").rstrip(".").lower()]
            day = int(re.sub(r"\D", "", parts["d"] or ""))
            if parts.get("y"):
                return date(int(parts["y"] or 0), month, day)
            if ref is None:
                return None
            candidate = date(ref.year, month, day)
            if candidate > ref + timedelta(days=_FUTURE_SLACK_DAYS):
                candidate = date(ref.year - 1, month, day)
            return candidate
    except (ValueError, KeyError):
        return None
    if ref is None:
        return None
    if kind == "weekday":
        target = _WEEKDAYS.index((parts["wd"] or "").lower())
        rel = (parts.get("rel") or "").lower()
        back = (ref.weekday() - target) % 7
        if rel == "next":
            return ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
        if rel == "last" and back == 0:
            back = 7
        return ref - timedelta(days=back)
    if kind == "relative":
        return ref + timedelta(days=_RELATIVE_DAYS[(parts["rel"] or "").lower()])
    return None


def date_hint(kind: str, parts: dict[str, str | None]) -> str | None:
    try:
        if kind == "weekday":
            return (parts["wd"] or "").lower()
        if kind in ("month_day", "day_month", "month"):
            month = _MONTHS[(parts["mon"] or "").rstrip(".").lower()]
            if kind == "month":
                return f"{month:02d}"
            day = int(re.sub(r"\D", "", parts["d"] or ""))
            return f"{month:02d}-{day:02d}"
        if kind == "iso":
            return f"{parts['m']}-{parts['d']}"
    except (KeyError, ValueError):
        return None
    return None


def hints_compatible(a: str | None, b: str | None) -> bool:
    """Whether two unresolved expressions can name the same day ("Tuesday" and "Feb." cannot)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def nearest_time(exprs: list[TimeExpr], position: int) -> TimeExpr | None:
    """The expression closest to ``position`` (a trigger's character offset), resolved ones first."""
    if not exprs:
        return None
    return min(exprs, key=lambda t: (t.date is None, min(abs(t.start - position), abs(t.end - position))))
