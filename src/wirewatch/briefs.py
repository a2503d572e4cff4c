"""Situation reports: the top stories for a query, an event timeline and a cooperation–conflict trend.

:func:`build_brief` returns one plain dict (the JSON format *is* that dict); :func:`render_markdown`
and :func:`render_html` draw it. Every sentence a brief shows is a sentence of a stored report, with
the snippet ids it comes from (``wirewatch show ID`` shows each one's outlets and provenance);
timeline rows and trend points cite the snippets of their events. Nothing is generated. Snippet text
is untrusted: the HTML renderer escapes all of it.

Ranking: a story's score is ``ln(1 + outlets) + 0.5 ln(1 + reports) + exp(-age / 7 days)`` where age
counts back from the newest report of the selection: corroboration by independent outlets first,
then volume, then recency.
"""

from __future__ import annotations

import html
import math
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .errors import QueryError
from .search import SearchQuery, search
from .story_queries import events_of_stories, list_stories
from .story_store import table_exists

__all__ = ["build_brief", "render_markdown", "render_html", "render", "event_timeline", "actor_trend"]

_RECENCY_DAYS = 7.0


def _parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None


def _score(story: dict[str, Any], newest: datetime | None) -> float:
    score = math.log1p(story["outlet_count"]) + 0.5 * math.log1p(story["reports"])
    last = _parse(story["last_seen"])
    if newest and last:
        score += math.exp(-max(0.0, (newest - last).total_seconds()) / 86400.0 / _RECENCY_DAYS)
    return score


def event_timeline(db: sqlite3.Connection, story_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Canonical events reported in these stories, by date, each citing its snippets."""
    return events_of_stories(db, story_ids)


def actor_trend(db: sqlite3.Connection, a: str, b: str, since: str | None = None, *,
                undated: bool = False) -> list[dict[str, Any]]:
    """Daily cooperation–conflict between two actor codes (either direction): the number of coded
    events and their mean Goldstein score (-10 conflict .. +10 cooperation), citing the snippets.
    With ``undated``, events with no date and no publication time are one last point whose
    ``date`` is None (a brief must not say there are none; a chart has nowhere to put them)."""
    if not (table_exists(db, "events") and table_exists(db, "event_actors")):
        return []
    from .timefilter import since_stamp

    params: list[Any] = [a.upper(), b.upper(), b.upper(), a.upper()]
    time_clause = ""
    if since:
        time_clause = "AND COALESCE(e.date, o.published) >= ?"
        params.append(since_stamp(db, since)[:10])
    rows = db.execute(
        f"""SELECT SUBSTR(COALESCE(e.date, MIN(o.published)), 1, 10) AS day, e.id, e.goldstein,
                   e.snippet_id
            FROM events e
            JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
            JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
            JOIN occurrences o ON o.snippet_id = e.snippet_id
            WHERE ((s.code = ? AND t.code = ?) OR (s.code = ? AND t.code = ?))
              AND e.negated = 0 AND e.hypothetical = 0 {time_clause}
            GROUP BY e.id""", params,
    ).fetchall()
    days: dict[str, dict[str, Any]] = {}
    for day, _event_id, goldstein, snippet_id in rows:
        if not day and not undated:
            continue
        point = days.setdefault(day or "", {"date": day or None, "events": 0, "goldstein_sum": 0.0, "snippet_ids": set()})
        point["events"] += 1
        point["goldstein_sum"] += float(goldstein)
        point["snippet_ids"].add(int(snippet_id))
    out = []
    for day in sorted(days, key=lambda d: (not d, d)):  # undated last
        p = days[day]
        out.append({"date": p["date"], "events": p["events"],
                    "mean_goldstein": round(p["goldstein_sum"] / p["events"], 2),
                    "snippet_ids": sorted(p["snippet_ids"])})
    return out


def build_brief(
    db: sqlite3.Connection,
    *,
    actors: Sequence[str] = (),
    query: str | None = None,
    since: str | None = None,
    top: int = 8,
    summary_sentences: int = 2,
) -> dict[str, Any]:
    """The situation report as a dict (see the module docstring)."""
    if not table_exists(db, "stories"):
        raise QueryError("this store has no stories yet: ingest something first (`wirewatch ingest`)")
    story_ids: list[int] | None = None
    if query:
        groups = search(db, SearchQuery(query, since=since, limit=500))
        story_ids = [g["story_id"] for g in groups if g["story_id"] is not None]
    candidates = list_stories(db, since=since, actors=actors, limit=100_000, story_ids=story_ids)
    seen = (_parse(s["last_seen"]) for s in candidates if s["last_seen"])
    newest = max((when for when in seen if when is not None), default=None)
    ranked = sorted(candidates, key=lambda s: (-_score(s, newest), -s["id"]))[:top]
    chosen = list_stories(db, story_ids=[s["id"] for s in ranked], limit=top,
                          summary=summary_sentences) if ranked else []
    by_id = {s["id"]: s for s in chosen}
    stories = [by_id[s["id"]] for s in ranked]
    for s in stories:
        s["score"] = round(_score(s, newest), 3)
    pair = [a.upper() for a in actors[:2]] if len(actors) >= 2 else []
    return {
        "title": _title(actors, query, since),
        "filters": {"actors": [a.upper() for a in actors], "query": query, "since": since, "top": top},
        "counts": {
            "stories": len(candidates),
            "reports": sum(s["reports"] for s in candidates),
            "outlets": len({o for s in candidates for o in s["outlets"]}),
            "first_seen": min((s["first_seen"] for s in candidates if s["first_seen"]), default=None),
            "last_seen": max((s["last_seen"] for s in candidates if s["last_seen"]), default=None),
        },
        "stories": stories,
        "timeline": event_timeline(db, [s["id"] for s in stories]),
        "trend": {"pair": pair, "points": actor_trend(db, pair[0], pair[1], since, undated=True) if pair else []},
    }


def _title(actors: Sequence[str], query: str | None, since: str | None) -> str:
    parts = []
    if actors:
        parts.append(" + ".join(a.upper() for a in actors))
    if query:
        parts.append(f"“{query}”")
    if since:
        parts.append(f"since {since}")
    return "Situation report" + (": " + ", ".join(parts) if parts else "")


def _cite(ids: Sequence[int], outlets: Sequence[str] = ()) -> str:
    text = ", ".join(f"#{i}" for i in ids)
    if outlets:
        text += " · " + ", ".join(outlets)
    return f"[{text}]"


def _md(text: str) -> str:
    """Snippet text inside Markdown: keep it from starting headings, lists or links."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;")


def _day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "undated"


def _span(first: str | None, last: str | None) -> str:
    """"2025-01-17 to 2025-01-24", one day once, or "undated" when no report has a time."""
    a, b = _day(first), _day(last)
    return a if a == b else f"{a} to {b}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _outlets(count: int, names: Sequence[str] = ()) -> str:
    """A story's outlets; reports with no outlet given (plain text lines) say so, not "0"."""
    if not count:
        return "outlets not given"
    return _n(count, "outlet") + (f" ({', '.join(names)})" if names else "")


def _actors(value: object) -> str:
    """An event's source or target as stored (a code, or a JSON list of codes) -> "CHN GOV, RUS"."""
    import json
    from contextlib import suppress

    if isinstance(value, str) and value.startswith("["):
        with suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value) if value else "-"


def render_markdown(brief: dict[str, Any]) -> str:
    c = brief["counts"]
    lines = [f"# {_md(brief['title'])}", ""]
    lines.append(f"Stories: {c['stories']} · reports: {c['reports']} · outlets: {c['outlets'] or 'not given'} · "
                 f"span: {_span(c['first_seen'], c['last_seen'])} · "
                 "citations are snippet ids (`wirewatch show ID`)")
    lines.append("")
    lines.append("## Top stories")
    if not brief["stories"]:
        lines += ["", "No stories match."]
    for n, s in enumerate(brief["stories"], 1):
        head = s["headline"]
        lines += ["", f"### {n}. {_md(head['text'])} {_cite([head['snippet_id']], head['outlets'])}", ""]
        lines.append(f"Story {s['id']} · {_n(s['reports'], 'report')} · {_outlets(s['outlet_count'], s['outlets'])} · "
                     f"{_span(s['first_seen'], s['last_seen'])}")
        summary = [x for x in s.get("summary", []) if x["text"] not in head["text"]]
        if summary:
            lines.append("")
            lines += [f"- {_md(x['text'])} {_cite(x['snippet_ids'], x['outlets'])}" for x in summary]
        if s["actors"]:
            lines += ["", "Actors: " + ", ".join(f"{a['actor']} ({a['reports']})" for a in s["actors"][:8])]
        if s["events"]:
            lines.append("Events: " + "; ".join(
                f"{e['type']} {_actors(e['source'])} → {_actors(e['target'])} {_day(e['date'])} "
                f"{_cite(e['snippet_ids'])}"
                for e in s["events"][:5]))
    if brief["timeline"]:
        lines += ["", "## Event timeline", ""]
        for e in brief["timeline"]:
            lines.append(f"- {_day(e['date'])} — {e['type']}: {_actors(e['source'])} → {_actors(e['target'])} "
                         f"(Goldstein {e['goldstein']:+.1f}; {_n(e['reports'], 'report')}, {_outlets(e['outlets'])}) "
                         f"{_cite(e['snippet_ids'])}")
    else:
        lines += ["", "## Event timeline", "", "No coded events in these stories."]
    trend = brief["trend"]
    if trend["pair"]:
        a, b = trend["pair"]
        lines += ["", f"## Cooperation–conflict: {a} and {b}", ""]
        if trend["points"]:
            lines += ["| date | events | mean Goldstein | cited |", "|---|---|---|---|"]
            for p in trend["points"]:
                lines.append(f"| {_day(p['date'])} | {p['events']} | {p['mean_goldstein']:+.2f} | "
                             f"{_cite(p['snippet_ids'])} |")
        else:
            lines.append(f"No coded events between {a} and {b}.")
    return "\n".join(lines) + "\n"


def render_html(brief: dict[str, Any]) -> str:
    e = html.escape

    def cite(ids: Sequence[int], outlets: Sequence[str] = ()) -> str:
        return f'<span class="cite">{e(_cite(ids, outlets))}</span>'

    c = brief["counts"]
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(brief['title'])}</title>",
           "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
           ".cite{color:#666;font-size:.85em}.meta{color:#444}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:.2rem .5rem}</style></head><body>",
           f"<h1>{e(brief['title'])}</h1>",
           f"<p class=\"meta\">Stories: {c['stories']} · reports: {c['reports']} · "
           f"outlets: {c['outlets'] or 'not given'} · "
           f"span: {e(_span(c['first_seen'], c['last_seen']))}</p>", "<h2>Top stories</h2>"]
    if not brief["stories"]:
        out.append("<p>No stories match.</p>")
    for n, s in enumerate(brief["stories"], 1):
        head = s["headline"]
        out.append(f"<h3>{n}. {e(head['text'])} {cite([head['snippet_id']], head['outlets'])}</h3>")
        out.append(f"<p class=\"meta\">Story {s['id']} · {_n(s['reports'], 'report')} · "
                   f"{e(_outlets(s['outlet_count'], s['outlets']))} · "
                   f"{e(_span(s['first_seen'], s['last_seen']))}</p>")
        summary = [x for x in s.get("summary", []) if x["text"] not in head["text"]]
        if summary:
            out.append("<ul>" + "".join(f"<li>{e(x['text'])} {cite(x['snippet_ids'], x['outlets'])}</li>"
                                        for x in summary) + "</ul>")
        if s["actors"]:
            out.append("<p class=\"meta\">Actors: " + e(", ".join(
                f"{a['actor']} ({a['reports']})" for a in s["actors"][:8])) + "</p>")
    if brief["timeline"]:
        out.append("<h2>Event timeline</h2><ul>")
        for ev in brief["timeline"]:
            out.append(f"<li>{e(_day(ev['date']))} — {e(ev['type'])}: {e(_actors(ev['source']))} → "
                       f"{e(_actors(ev['target']))} (Goldstein {ev['goldstein']:+.1f}) {cite(ev['snippet_ids'])}</li>")
        out.append("</ul>")
    trend = brief["trend"]
    if trend["pair"]:
        a, b = trend["pair"]
        out.append(f"<h2>Cooperation–conflict: {e(a)} and {e(b)}</h2>")
        if trend["points"]:
            out.append("<table><tr><th>date</th><th>events</th><th>mean Goldstein</th><th>cited</th></tr>")
            out += [f"<tr><td>{e(_day(p['date']))}</td><td>{p['events']}</td><td>{p['mean_goldstein']:+.2f}</td>"
                    f"<td>{cite(p['snippet_ids'])}</td></tr>" for p in trend["points"]]
            out.append("</table>")
        else:
            out.append(f"<p>No coded events between {e(a)} and {e(b)}.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(brief: dict[str, Any], fmt: str) -> str:
    import json

    if fmt == "md":
        return render_markdown(brief)
    if fmt == "html":
        return render_html(brief)
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2, default=str) + "\n"
    raise QueryError(f"unknown brief format {fmt!r}; use md, html or json")
