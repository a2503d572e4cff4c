"""Highlighting untrusted text safely: escape first, then add our own ``<mark>`` tags.

Snippet text comes from the wire and may contain markup (``<script>``, ``"><img onerror=...>``).
Every function here escapes the text *before* wrapping matches, so the only tags in the output are
the ``<mark>`` tags added here; the result is a :class:`markupsafe.Markup` that Jinja2 will not
escape again.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["fts_markup", "span_markup", "FTS_OPEN", "FTS_CLOSE"]

FTS_OPEN = "\x02"  # the markers wirewatch.search asks FTS5's highlight() and snippet() for
FTS_CLOSE = "\x03"


def fts_markup(marked: str) -> Markup:
    """Text with FTS5 match markers -> escaped HTML with ``<mark>`` around each match.

    The markers are control characters, which ``escape`` leaves alone, so they survive escaping
    and are then replaced. If the markers do not pair up (a snippet that itself contained the
    control characters), the text is shown unmarked rather than with unbalanced tags."""
    escaped = str(escape(marked))
    depth = 0
    for ch in escaped:
        if ch == FTS_OPEN:
            depth += 1
        elif ch == FTS_CLOSE:
            depth -= 1
        if depth not in (0, 1):
            break
    if depth != 0:
        return Markup(escaped.replace(FTS_OPEN, "").replace(FTS_CLOSE, ""))  # escaped above
    return Markup(escaped.replace(FTS_OPEN, '<mark>').replace(FTS_CLOSE, "</mark>"))


def span_markup(text: str, spans: Sequence[tuple[int, int, str]]) -> Markup:
    """``text`` with each ``(start, end, css_class)`` character span wrapped in ``<mark>``.

    Offsets index the raw text, so the text is cut at the span boundaries first and each piece is
    escaped on its own (escaping first would shift the offsets). Spans are clamped to the text;
    a span overlapping one already placed is skipped."""
    placed: list[tuple[int, int, str]] = []
    for start, end, cls in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = max(0, start), min(len(text), end)
        if start >= end or any(start < e and s < end for s, e, _ in placed):
            continue
        placed.append((start, end, cls))
    out: list[str] = []
    pos = 0
    for start, end, cls in placed:
        out.append(str(escape(text[pos:start])))
        out.append(f'<mark class="{escape(cls)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))  # every piece escaped above
