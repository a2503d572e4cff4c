"""Score the event coder on real news sentences with gold PLOVER pairs (../shared/data/plv).

    .venv/bin/python eval/plv.py [--plv PATH] [--split held|dev|all] [--errors N] [--gsr]

PLV_train.tsv (Hu et al., ACL 2024) holds 1,050 wire-news sentences, each with one gold PLOVER type
(2016 draft names: YIELD is today's CONCEDE or RETREAT) and the gold source and target spans, marked
in ``marked_sentence`` as ``<s>...</s>`` and ``<t>...</t>``. Each sentence is coded as one text by
the same :func:`code_texts` the pipeline calls, and only the events an analyst would see count:
not negated, not hypothetical, and kept by :func:`wirewatch.events.coder.shown` (confidence at least
``min_event_confidence``, relevance at least ``min_event_relevance``).

Figures (all over the rows of the chosen split):

- **pair found**: share of rows with an event whose source mentions overlap the gold source span
  and whose target mentions overlap the gold target span (character overlap). For the symmetric
  types (CONSULT, COOPERATE: who is named first does not matter) the two spans may sit in either
  role, or both among the sources ("A and B met"). 24 rows name only one span (the other is "a
  recipient" or "An actor"): there the named span alone must sit in its role;
- **type accuracy given the pair**: among rows whose pair is found, the share whose pair event (the
  most confident one, if several) has the gold type;
- **end to end**: share of rows with a pair event of the gold type;
- **type macro-F1**: over the gold types, predicting for each row the pair event's type, else the
  most confident event's type, else NONE;
- **type precision**: of the distinct event types coded for a sentence, the share that is the gold
  type (each sentence reports one interaction, so another type there is a false alarm);
- **quad macro-F1**: PLV's ``gold_penta`` (1 verbal cooperation, 2 material cooperation, 3 verbal
  conflict, 4 material conflict; it follows the gold type) against the quad class of the predicted
  type, NONE when no event is coded.

Held back: rows with an odd ``sentence_id`` (522 rows) are never read while developing the coder;
``--split dev`` (even ids, 528 rows) is the half errors are studied on, and ``--errors`` prints
only from it. Quote the ``held`` figure. ``--gsr`` adds eval/plover_gsr.py's odd-half figures
beside it. Prints a table, then ONE JSON object with the figures on the last line; nothing from
the data is stored in the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.events.coder import Event, code_texts, shown  # noqa: E402
from wirewatch.events.plover import EVENT_TYPES, SYMMETRIC_TYPES  # noqa: E402
from wirewatch.settings import Settings  # noqa: E402

DEFAULT_PLV = ROOT.parent / "shared" / "data" / "plv" / "PLV_train.tsv"

# PLV writes the 2016 draft's names; YIELD was split into CONCEDE (verbal) and RETREAT (material).
GOLD_TYPES: dict[str, frozenset[str]] = {"YIELD": frozenset({"CONCEDE", "RETREAT"})}
# PLV's gold_penta numbers -> the PLOVER quad names of src/wirewatch/events/plover.py.
PENTA = {"1": "VERBAL COOPERATION", "2": "MATERIAL COOPERATION", "3": "VERBAL CONFLICT",
         "4": "MATERIAL CONFLICT"}
_TAG = re.compile(r"</?[st]>")


@dataclass
class Row:
    sid: int
    sentence: str
    gold: str
    penta: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    """None where the gold names no span for the role ("a recipient", "An actor")."""

    def accepts(self, etype: str) -> bool:
        return etype in GOLD_TYPES.get(self.gold, frozenset({self.gold}))


def spans(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The plain sentence and the character spans of its ``<s>`` and ``<t>`` marks."""
    out: list[str] = []
    opened: dict[str, int] = {}
    found: dict[str, tuple[int, int]] = {}
    pos = 0
    for m in _TAG.finditer(marked):
        out.append(marked[pos:m.start()])
        at = sum(len(x) for x in out)
        tag = m.group()
        if tag.startswith("</"):
            found[tag[2]] = (opened.pop(tag[2], at), at)
        else:
            opened[tag[1]] = at
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), found


def load_plv(path: Path, split: str) -> list[Row]:
    if split not in ("held", "dev", "all"):
        raise ValueError(f"split must be held, dev or all, not {split!r}")
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            sid = int(rec["sentence_id"])
            if split != "all" and (sid % 2 == 1) != (split == "held"):
                continue
            text, found = spans(rec["marked_sentence"])
            if not found:
                raise ValueError(f"{path}:{n}: marked_sentence marks neither <s> nor <t>")
            rows.append(Row(sid, text, rec["gold_root"].strip().upper(), rec["gold_penta"].strip(),
                            found.get("s"), found.get("t")))
    return rows


def _hits(actors: list[Any], span: tuple[int, int] | None) -> bool:
    if span is None:  # the gold leaves this role unnamed: whatever the coder says is not wrong
        return True
    return any(m.start < span[1] and span[0] < m.end for m in actors)


def pair_matches(e: Event, row: Row) -> bool:
    if _hits(e.source, row.source) and _hits(e.target, row.target):
        return True
    if e.type in SYMMETRIC_TYPES:
        everyone = e.source + e.target
        return (_hits(everyone, row.source) and _hits(everyone, row.target)
                and (len(everyone) > 1 or None in (row.source, row.target)))
    return False


def macro_f1(gold: list[str], pred: list[str], labels: set[str]) -> float:
    scores = []
    for lab in sorted(labels):
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score(rows: list[Row], settings: Settings) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    started = time.perf_counter()
    coded = code_texts(((r.sid, r.sentence, None) for r in rows), settings)
    seconds = time.perf_counter() - started
    found = right = 0
    gold_types: list[str] = []
    pred_types: list[str] = []
    gold_quads: list[str] = []
    pred_quads: list[str] = []
    typed = typed_right = 0
    per_type: dict[str, Counter[str]] = {}
    details: list[dict[str, Any]] = []
    for row, c in zip(rows, coded):
        events = [e for e in c.events if not (e.negated or e.hypothetical) and shown(e, settings)]
        ranked = sorted(events, key=lambda e: -e.confidence)
        pair = [e for e in ranked if pair_matches(e, row)]
        hit = pair[0] if pair else None
        found += hit is not None
        ok = hit is not None and row.accepts(hit.type)
        right += ok
        gold_label = row.gold if row.gold not in GOLD_TYPES else "CONCEDE/RETREAT"
        pick = hit or (ranked[0] if ranked else None)
        pred = pick.type if pick else "NONE"
        pred_types.append(gold_label if pick and row.accepts(pick.type) else pred)
        gold_types.append(gold_label)
        gold_quads.append(PENTA.get(row.penta, row.penta))
        pred_quads.append(EVENT_TYPES[pred].quad if pick else "NONE")
        kinds = {e.type for e in events}
        typed += len(kinds)
        typed_right += sum(row.accepts(k) for k in kinds)
        tally = per_type.setdefault(gold_label, Counter())
        tally["rows"] += 1
        tally["found"] += hit is not None
        tally["right"] += ok
        details.append({"sid": row.sid, "gold": row.gold, "found": hit is not None, "right": ok,
                        "pair_type": hit.type if hit else None,
                        "events": [f"{e.type} {e.source and e.source[0].text}->"
                                   f"{e.target and e.target[0].text} ({e.confidence:.2f})" for e in ranked],
                        "sentence": row.sentence,
                        "source": row.sentence[row.source[0]:row.source[1]] if row.source else "-",
                        "target": row.sentence[row.target[0]:row.target[1]] if row.target else "-"})
    n = len(rows)
    figures: dict[str, Any] = {
        "rows": n,
        "pair_found": round(found / n, 3) if n else 0.0,
        "type_accuracy_given_pair": round(right / found, 3) if found else 0.0,
        "end_to_end": round(right / n, 3) if n else 0.0,
        "type_macro_f1": round(macro_f1(gold_types, pred_types, set(gold_types)), 3),
        "type_precision": round(typed_right / typed, 3) if typed else 0.0,
        "quad_macro_f1": round(macro_f1(gold_quads, pred_quads, set(gold_quads)), 3),
        "sentences_with_event": round(sum(bool(d["events"]) for d in details) / n, 3) if n else 0.0,
        "sentences_per_second": round(n / seconds, 1) if seconds else 0.0,
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
    }
    return figures, details


def gsr_odd() -> dict[str, Any]:
    """eval/plover_gsr.py's odd-half figures, from its last (JSON) line."""
    out = subprocess.run([sys.executable, str(ROOT / "eval" / "plover_gsr.py"), "--split", "odd"],
                         check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plv", type=Path, default=DEFAULT_PLV)
    ap.add_argument("--split", default="held", choices=["held", "dev", "all"],
                    help="held: odd sentence ids, never read (quote this); dev: even ids")
    ap.add_argument("--errors", type=int, default=0, help="print N missed rows (dev split only)")
    ap.add_argument("--gsr", action="store_true", help="add the GSR odd-half figures")
    args = ap.parse_args(argv)
    if not args.plv.is_file():
        print(f"PLV data not found at {args.plv}", file=sys.stderr)
        return 2
    if args.errors and args.split != "dev":
        print("--errors reads rows: use it with --split dev only (the held half stays unread)",
              file=sys.stderr)
        return 2
    figures, details = score(load_plv(args.plv, args.split), Settings())
    figures["split"] = args.split
    print(f"PLV ({args.split} split, {figures['rows']} real news sentences)")
    print(f"{'gold type':18} {'rows':>5} {'pair found':>10} {'end to end':>10}")
    for name, t in figures["per_type"].items():
        print(f"{name:18} {t['rows']:5d} {t.get('found', 0) / t['rows']:10.2f} "
              f"{t.get('right', 0) / t['rows']:10.2f}")
    print()
    for key in ("pair_found", "type_accuracy_given_pair", "end_to_end", "type_macro_f1", "type_precision",
                "quad_macro_f1", "sentences_with_event", "sentences_per_second"):
        print(f"{key:26} {figures[key]}")
    if args.gsr:
        gsr = gsr_odd()
        figures["gsr_odd"] = {"type_accuracy": gsr["event_type_accuracy"],
                              "country_f1": gsr["actor_country"]["f1"]}
        print(f"{'GSR odd half':26} {figures['gsr_odd']}")
    if args.errors:
        misses = [d for d in details if not d["right"]][:args.errors]
        for d in misses:
            print(f"\n[{d['sid']}] gold {d['gold']}: {d['source']} -> {d['target']}"
                  f"{'  (pair found)' if d['found'] else ''}\n  {d['sentence']}\n  coded: {d['events']}")
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
