"""Extractive summaries and representative reports, by centroid scoring with MMR.

A story's reports are split into sentences; each sentence is scored by its cosine to the story's
centroid (TF-IDF over the same features as clustering, IDF from the store), and sentences are picked
by maximal marginal relevance (Carbonell & Goldstein 1998): ``lambda * relevance - (1 - lambda) *
max similarity to a sentence already picked``, so the summary covers the story without saying one
thing twice. Nothing is generated: every summary sentence is a sentence of a stored report and
carries the ids of every report it occurs in.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .storyfeatures import features, sentences

__all__ = ["Report", "SummarySentence", "summarise", "representative"]

_MMR_LAMBDA = 0.7  # relevance vs novelty; 0.7 is the usual choice in the MMR literature
_REDUNDANT = 0.6  # a sentence this similar to one already picked adds nothing
_MIN_WORDS = 5  # shorter fragments ("Updated 5:40 p.m.") are not summary material


@dataclass(frozen=True)
class Report:
    """One canonical report of a story, with where it came from."""

    snippet_id: int
    text: str
    outlets: tuple[str, ...] = ()
    published: str | None = None
    title: str | None = None
    """The title the input gave (an article's or a feed item's), if any."""


@dataclass
class SummarySentence:
    text: str
    snippet_ids: list[int]
    outlets: list[str]
    score: float
    published: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    vec = {f: (1.0 + math.log(c)) * idf.get(f, 1.0) for f, c in features(text).items() if f[0] in "wn"}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {f: v / norm for f, v in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


def _idf(texts: Sequence[str], background: dict[str, float] | None) -> dict[str, float]:
    if background is not None:
        return background
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(features(t)))
    n = len(texts)
    return {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items()}


def _centroid(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {f: x / norm for f, x in total.items()}


_TITLE_CHARS = 120


def report_title(report: Report) -> str:
    """What a report is called on a card or above a story: its given title, else its first
    sentence, cut at a word boundary near 120 characters (a whole article is never a headline)."""
    if report.title and report.title.strip():
        text = " ".join(report.title.split())
    else:
        first = next(iter(sentences(report.text)), "")
        text = " ".join((first or report.text).split())
    if len(text) <= _TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _TITLE_CHARS)
    return text[:cut if cut > _TITLE_CHARS // 2 else _TITLE_CHARS].rstrip(" ,;:") + "…"


def representative(reports: Sequence[Report], idf: dict[str, float] | None = None) -> Report:
    """The report closest to the story's centroid (ties: more outlets, then earlier, lower id)."""
    if not reports:
        raise ValueError("a story without reports has no representative")
    weights = _idf([r.text for r in reports], idf)
    vectors = [_vector(r.text, weights) for r in reports]
    centre = _centroid(vectors)
    best = max(range(len(reports)), key=lambda i: (
        round(_cos(vectors[i], centre), 6), len(reports[i].outlets),
        -(_sort_key(reports[i].published)), -reports[i].snippet_id))
    return reports[best]


def _sort_key(stamp: str | None) -> float:
    if not stamp:
        return 0.0
    return float(stamp[:19].replace("-", "").replace("T", "").replace(":", "") or 0)


def summarise(reports: Sequence[Report], max_sentences: int = 3,
              idf: dict[str, float] | None = None) -> list[SummarySentence]:
    """Up to ``max_sentences`` sentences that cover the story, in publication order, each citing
    every report (snippet id) it occurs in and their outlets."""
    where: dict[str, list[Report]] = {}
    for report in reports:
        for sentence in sentences(report.text):
            if len(sentence.split()) >= _MIN_WORDS:
                where.setdefault(sentence, []).append(report)
    if not where:  # only fragments: fall back to whole reports
        for report in reports:
            where.setdefault(report.text, []).append(report)
    candidates = sorted(where)  # a fixed order, so ties break the same way every run
    weights = _idf([r.text for r in reports], idf)
    vectors = [_vector(s, weights) for s in candidates]
    centre = _centroid([_vector(r.text, weights) for r in reports])
    # Relevance: closeness to the centroid, and how many reports carry the sentence.
    relevance = [_cos(v, centre) + 0.05 * math.log(len(where[s])) for s, v in zip(candidates, vectors)]
    picked: list[int] = []
    while len(picked) < min(max_sentences, len(candidates)):
        best_i, best_score = -1, -math.inf
        for i in range(len(candidates)):
            if i in picked:
                continue
            overlap = max((_cos(vectors[i], vectors[j]) for j in picked), default=0.0)
            if overlap >= _REDUNDANT:
                continue
            score = _MMR_LAMBDA * relevance[i] - (1 - _MMR_LAMBDA) * overlap
            if score > best_score:
                best_i, best_score = i, score
        if best_i < 0:
            break
        picked.append(best_i)
    out = []
    for i in picked:
        sources = where[candidates[i]]
        published = min((r.published for r in sources if r.published), default=None)
        out.append(SummarySentence(
            text=candidates[i],
            snippet_ids=sorted({r.snippet_id for r in sources}),
            outlets=sorted({o for r in sources for o in r.outlets}),
            score=round(relevance[i], 4),
            published=published,
        ))
    out.sort(key=lambda s: (s.published or "", s.snippet_ids[0]))
    return out
