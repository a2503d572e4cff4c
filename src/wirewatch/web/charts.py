"""Figures built on the server with plotly.graph_objects and handed to the page as JSON.

The page draws them with the plotly.js that ships inside the plotly package (served from
``/static/vendor/plotly.min.js``), so charts render with no network. ``template="none"`` keeps the
JSON small (the default template adds ~10 kB of styling per figure).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from ..events.plover import EVENT_TYPES

__all__ = ["activity_figure", "trend_figure"]

_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13, "color": "#1f2933"}
# Cooperation types in greens/blues, conflict types in oranges/reds (by PLOVER quad class).
_COOPERATIVE = ["#1b7f5f", "#2b8fb8", "#52a884", "#6fb4d6", "#8cc7a3", "#9ec9e2", "#3d6f9c"]
_CONFLICTUAL = ["#c8553d", "#e08a3c", "#b23a48", "#d9a13b", "#8f3b2f", "#e06c75", "#a0522d", "#cf7b5a"]


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": "none",
        "font": _FONT,
        "margin": {"l": 48, "r": 48, "t": 16, "b": 40},
        "height": 300,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"type": "date", "gridcolor": "#eef1f4"},
        "yaxis": {"gridcolor": "#eef1f4", "rangemode": "tozero"},
    }
    layout.update(extra)
    return layout


def _to_dict(fig: go.Figure) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(fig.to_json())
    return result


def _colour(event_type: str, index: int) -> str:
    spec = EVENT_TYPES.get(event_type)
    palette = _CONFLICTUAL if spec is not None and "CONFLICT" in spec.quad else _COOPERATIVE
    return palette[index % len(palette)]


def activity_figure(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars: an actor's canonical events per day, one trace per PLOVER type (undated
    events are counted on the page, not drawn)."""
    rows = [r for r in rows if r["date"]]
    types = sorted({r["type"] for r in rows})
    fig = go.Figure(layout=_layout(barmode="stack", yaxis={"title": {"text": "events"},
                                                           "gridcolor": "#eef1f4"}))
    for i, event_type in enumerate(types):
        mine = [r for r in rows if r["type"] == event_type]
        fig.add_trace(go.Bar(x=[r["date"] for r in mine], y=[r["events"] for r in mine], name=event_type,
                             marker_color=_colour(event_type, i)))
    return _to_dict(fig)


def trend_figure(points: Sequence[dict[str, Any]], a: str, b: str) -> dict[str, Any]:
    """Cooperation–conflict between two actors: events per day (bars) and their mean Goldstein
    score (line, -10 conflict .. +10 cooperation, on the right axis)."""
    dates = [p["date"] for p in points]
    fig = go.Figure(layout=_layout(
        yaxis={"title": {"text": "events"}, "gridcolor": "#eef1f4", "rangemode": "tozero"},
        yaxis2={"title": {"text": "mean Goldstein", "standoff": 8}, "overlaying": "y", "side": "right",
                "range": [-10.5, 10.5], "tickvals": [-10, -5, 0, 5, 10], "zeroline": True,
                "zerolinecolor": "#9aa5b1", "showgrid": False},
        margin={"l": 56, "r": 72, "t": 16, "b": 40},
    ))
    fig.add_trace(go.Bar(x=dates, y=[p["events"] for p in points], name=f"events {a}–{b}",
                         marker_color="#c5d3e0"))
    fig.add_trace(go.Scatter(
        x=dates, y=[p["mean_goldstein"] for p in points], name="mean Goldstein", yaxis="y2",
        mode="lines+markers", line={"color": "#2b6cb0", "width": 2},
        marker={"size": 8, "color": ["#1b7f5f" if p["mean_goldstein"] >= 0 else "#c8553d" for p in points]},
    ))
    return _to_dict(fig)
