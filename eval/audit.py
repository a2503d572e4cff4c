"""Precision audit of the events coded from real news (ECB+ articles, ../shared/data/ecbplus).

    .venv/bin/python eval/audit.py [--data PATH] [--half odd|even] [--judgements PATH] [--n 120]
                                   [--min-judged 100] [--show-unjudged] [--show-judged]

Every article of an ODD topic (``topic % 2 == 1``) is coded as one text, its sentences joined by
newlines as the other ECB+ evaluations do, with the real coder. The even topics are left for tuning
the coder, so the audit stays a held-out measure; ``--half even`` draws the same kind of sample from
them instead, judged in its own file (``eval/tuning_judgements_even.tsv``), as tuning and training
data. The events kept are those an analyst sees: stored
(kept by ``events.coder.shown``, as ``events.stage.store_events`` keeps them: confidence and relevance) and neither
negated nor hypothetical (flagged mentions are stored but never corroborated, briefed or counted).

Each event is placed back in the article sentence (``sid``) that holds its trigger and gets a
signature ``TYPE|sources|targets`` (sorted full actor codes joined by ``,``). The sample is the
first ``--n`` events ordered by sha256 of ``doc_id|sid|signature``: an event keeps its place when
the coder changes, and new events slot in by hash, so a judged sample stays mostly judged.

Judgements live in ``eval/audit_judgements.tsv`` (doc_id, sid, signature, verdict, note; the note is
a short reason, never the article's text). Verdicts:

- ``right``: the PLOVER type is right and source and target are right at the country or
  organisation level (a wrong sector is tolerated, and noted);
- ``wrong_type``: an interaction between the actors is reported but the type is wrong;
- ``wrong_actors``: the type is right but a source or target is wrong, or missing where the
  sentence names it;
- ``not_event``: no political interaction between actors is reported (disasters, sport,
  celebrity, crime with no state actor acting, company news, figurative language, ...).

Precision is right / judged among the sample. Prints a table of the sample, then ONE JSON object on
the last line. Exits 1 when fewer than ``--min-judged`` sampled events are judged, so a judgement
file gone stale after a coder change is noticed: run with ``--show-unjudged`` to print the
unjudged events with their sentence, and add rows for them.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.events.coder import Event, code_texts, shown  # noqa: E402
from wirewatch.settings import Settings  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
DEFAULT_JUDGEMENTS = ROOT / "eval" / "audit_judgements.tsv"
# The even (tuning) half is judged in its own file, so its rows never mix with the held-out audit's.
JUDGEMENTS_BY_HALF = {"odd": DEFAULT_JUDGEMENTS, "even": ROOT / "eval" / "tuning_judgements_even.tsv"}
VERDICTS = ("right", "wrong_type", "wrong_actors", "not_event")
COLUMNS = ("doc_id", "sid", "signature", "verdict", "note")


@dataclass(frozen=True)
class AuditEvent:
    """One visible event, placed in the article sentence that holds its trigger."""

    doc_id: str
    sid: int
    signature: str
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]
    trigger: str
    confidence: float
    sentence: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.doc_id, self.sid, self.signature)

    @property
    def rank(self) -> str:
        return hashlib.sha256(f"{self.doc_id}|{self.sid}|{self.signature}".encode()).hexdigest()


def load_docs(path: Path, half: str = "odd") -> list[dict[str, Any]]:
    """The ECB+ articles of the odd (audit) or even (tuning) topics, in file order."""
    if half not in ("odd", "even"):
        raise ValueError(f"half must be odd or even, not {half!r}")
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            topic = int(doc["topic"])
            if not doc.get("doc_id") or not isinstance(doc.get("sentences"), list):
                raise KeyError("doc_id or sentences")
            for s in doc["sentences"]:
                if not isinstance(s.get("text"), str) or not str(s.get("sid")).isdigit():
                    raise KeyError(f"sentence {s!r:.60} needs a numeric sid and a text")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SystemExit(f"{path}:{n}: not an ECB+ article record ({exc})") from exc
        if (topic % 2 == 1) == (half == "odd"):
            docs.append(doc)
    return docs


def signature(e: Event) -> str:
    return "|".join([e.type, ",".join(sorted(m.full_code for m in e.source)),
                     ",".join(sorted(m.full_code for m in e.target))])


def visible(e: Event, settings: Settings) -> bool:
    """An event the analyst sees: stored (the stage's confidence and relevance floors,
    :func:`shown`) and factual (flagged negated / hypothetical mentions are stored but never
    corroborated, counted or briefed)."""
    return shown(e, settings) and not (e.negated or e.hypothetical)


def article_text(doc: dict[str, Any]) -> tuple[str, list[tuple[int, int, int]]]:
    """The article as one text and each sentence's (sid, start, end) in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for s in doc["sentences"]:
        text = str(s["text"])
        spans.append((int(s["sid"]), pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 1
    return "\n".join(parts), spans


def _sid_at(spans: list[tuple[int, int, int]], offset: int) -> int:
    for sid, _start, end in spans:
        if offset < end + 1:  # the joining newline belongs to the sentence before it
            return sid
    return spans[-1][0]


def code_docs(docs: list[dict[str, Any]], settings: Settings | None = None
              ) -> tuple[list[AuditEvent], int]:
    """The visible events of the articles (one per doc, sid and signature) and how many events
    were coded in all (flagged and low-confidence ones included)."""
    settings = settings or Settings()
    texts = [article_text(d) for d in docs]
    coded = code_texts([(d["doc_id"], text, None) for d, (text, _) in zip(docs, texts)], settings)
    events: list[AuditEvent] = []
    seen: set[tuple[str, int, str]] = set()
    total = 0
    for doc, (_, spans), result in zip(docs, texts, coded):
        total += len(result.events)
        by_sid = {int(s["sid"]): str(s["text"]) for s in doc["sentences"]}
        for e in result.events:
            if not visible(e, settings):
                continue
            sid = _sid_at(spans, e.trigger_start)
            a = AuditEvent(
                doc_id=str(doc["doc_id"]), sid=sid, signature=signature(e), type=e.type, mode=e.mode,
                source=tuple(m.full_code for m in e.source), target=tuple(m.full_code for m in e.target),
                source_text=tuple(m.text for m in e.source), target_text=tuple(m.text for m in e.target),
                trigger=e.trigger, confidence=e.confidence, sentence=by_sid[sid])
            # Two mentions of one event in one sentence are one line of the audit.
            if a.key not in seen:
                seen.add(a.key)
                events.append(a)
    return events, total


def draw_sample(events: list[AuditEvent], n: int) -> list[AuditEvent]:
    return sorted(events, key=lambda e: e.rank)[:n]


@dataclass(frozen=True)
class Judgement:
    verdict: str
    note: str
    line: int


def load_judgements(path: Path) -> dict[tuple[str, int, str], Judgement]:
    """The judgement file, keyed by (doc_id, sid, signature); a bad row stops with its line."""
    if not path.exists():
        return {}
    out: dict[tuple[str, int, str], Judgement] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return {}
        if tuple(header) != COLUMNS:
            raise SystemExit(f"{path}:1: header must be {' '.join(COLUMNS)} (tab-separated)")
        for row in reader:
            line = reader.line_num
            if not row or not any(row):
                continue
            if len(row) != len(COLUMNS):
                raise SystemExit(f"{path}:{line}: {len(row)} fields, expected {len(COLUMNS)}")
            doc_id, sid, sig, verdict, note = row
            if verdict not in VERDICTS:
                raise SystemExit(f"{path}:{line}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
            if not sid.isdigit():
                raise SystemExit(f"{path}:{line}: sid {sid!r} is not a sentence number")
            if sig.count("|") != 2:
                raise SystemExit(f"{path}:{line}: signature {sig!r} is not TYPE|sources|targets")
            key = (doc_id, int(sid), sig)
            if key in out:
                raise SystemExit(f"{path}:{line}: judged twice (first on line {out[key].line})")
            out[key] = Judgement(verdict, note, line)
    return out


def score(sample: list[AuditEvent], judgements: dict[tuple[str, int, str], Judgement]
          ) -> dict[str, Any]:
    verdicts = Counter(judgements[e.key].verdict for e in sample if e.key in judgements)
    judged = sum(verdicts.values())
    result: dict[str, Any] = {
        "sample": len(sample),
        "judged": judged,
        "unjudged": len(sample) - judged,
        "coverage": round(judged / len(sample), 4) if sample else 0.0,
        "right": verdicts["right"],
        "precision": round(verdicts["right"] / judged, 4) if judged else 0.0,
    }
    for v in VERDICTS[1:]:
        result[v] = verdicts[v]
    return result


def _actors(codes: tuple[str, ...], texts: tuple[str, ...]) -> str:
    return ",".join(f"{c}({t})" for c, t in zip(codes, texts)) or "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--half", choices=("odd", "even"), default="odd",
                    help="Topics to draw from: odd (the held-out audit) or even (tuning).")
    ap.add_argument("--judgements", type=Path, default=None,
                    help="Judgement file (default: eval/audit_judgements.tsv for the odd half, "
                         "eval/tuning_judgements_even.tsv for the even half).")
    ap.add_argument("--n", type=int, default=120, help="Sample size (events).")
    ap.add_argument("--min-judged", type=int, default=100,
                    help="Exit 1 when fewer sampled events than this are judged.")
    ap.add_argument("--show-unjudged", action="store_true",
                    help="Print the unjudged sampled events with their sentence, to judge them.")
    ap.add_argument("--show-judged", action="store_true",
                    help="Print the judged sampled events' sentences and notes too.")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"ECB+ articles not found at {args.data}; pass --data PATH", file=sys.stderr)
        return 2
    judgements_path: Path = args.judgements or JUDGEMENTS_BY_HALF[args.half]
    docs = load_docs(args.data, args.half)
    n_sentences = sum(len(d["sentences"]) for d in docs)
    t0 = time.perf_counter()
    events, coded_total = code_docs(docs)
    seconds = time.perf_counter() - t0
    judgements = load_judgements(judgements_path)
    sample = draw_sample(events, args.n)
    result = score(sample, judgements)

    print(f"ECB+ audit ({args.half} topics): {len(docs)} articles, {n_sentences} sentences coded in {seconds:.1f}s")
    print(f"  events coded {coded_total}, visible {len(events)} "
          f"({len(events) / n_sentences:.3f} per sentence); sentences with one: "
          f"{len({(e.doc_id, e.sid) for e in events})}")
    print(f"\n  {'doc':<14}{'sid':>4}  {'type':<10} {'source -> target':<44} {'trigger':<16} verdict")
    for e in sample:
        j = judgements.get(e.key)
        pair = f"{','.join(e.source) or '-'} -> {','.join(e.target) or '-'}"
        print(f"  {e.doc_id:<14}{e.sid:>4}  {e.type:<10} {pair:<44} {e.trigger[:16]:<16} "
              f"{j.verdict if j else '?'}")
    shown = [e for e in sample if (e.key not in judgements and args.show_unjudged)
             or (e.key in judgements and args.show_judged)]
    for e in shown:
        j = judgements.get(e.key)
        print(f"\n{e.doc_id}\t{e.sid}\t{e.signature}\t{j.verdict if j else '?'}"
              f"\n    {e.type}/{e.mode or '-'} trigger {e.trigger!r} conf {e.confidence:.2f}"
              f"  source {_actors(e.source, e.source_text)}  target {_actors(e.target, e.target_text)}"
              f"\n    {e.sentence}" + (f"\n    note: {j.note}" if j else ""))
    stale = len(set(judgements) - {e.key for e in sample})
    print(f"\n  judged {result['judged']} of {result['sample']} sampled events "
          f"({result['coverage']:.0%}); {stale} judgement rows are for events not in this sample")
    for v in VERDICTS:
        print(f"    {v:<13}{result[v]:>4}")
    print(f"  precision (right / judged)  {result['precision']:.3f}")
    result.update({"half": args.half, "docs": len(docs), "sentences": n_sentences, "events": len(events),
                   "events_per_sentence": round(len(events) / n_sentences, 4),
                   "stale_judgements": stale, "seconds": round(seconds, 2)})
    if result["judged"] < args.min_judged:
        print(f"only {result['judged']} sampled events judged, fewer than --min-judged {args.min_judged}: "
              "run with --show-unjudged and add rows to the judgement file", file=sys.stderr)
        print(json.dumps(result))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
