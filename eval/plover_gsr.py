"""Score the event coder on the PLOVER gold-standard records (../shared/data/plover_gsr).

    .venv/bin/python eval/plover_gsr.py [--gsr PATH] [--split all|even|odd] [--errors N]
                                        [--actor-errors N] [--context-errors N]

Each GSR record is one sentence with one hand-coded event (2016 PLOVER categories, mapped to 2.0:
DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT). The coder's first event for
the sentence (unflagged first; a flagged one if that is all it found) is compared with it:

- event type: accuracy and macro-F1 over the types present in gold or predictions ("NONE" when the
  coder finds no event counts as a wrong prediction);
- actors: precision / recall / F1 of source and target country codes (multisets per record), and of
  (role, country, sector) for the actors the GSR gives a sector. The GSR marks the actors of
  reciprocal events ("A and B agreed", "A telephoned B") ``SRC/TAR`` in its markup, "reciprocal
  source/target in the CAMEO system" (its readme), but its JSON lists them all as sources; such an
  actor is matched whichever of the two roles the coder gives it (CAMEO codes the pair both ways);
- contexts: precision / recall / F1 (micro) of the primary event's PLOVER 2.0 contexts against the
  record's ``context`` field (2016 names, comma-separated, mapped by GSR_TO_CONTEXT). Records whose
  contexts all lack a 2.0 name are not scored, and predictions are scored only among the 2.0
  contexts the mapping can produce (the GSR could not have given, say, ``health``).

Prints a readable table, then ONE JSON object with the figures on the last line. Reads the GSR at
run time; nothing from it is stored in the repository.

The GSR is also the set the coder's rules were tuned on. To keep that honest, ``--split even``
scores only the records on even-numbered lines of the file (1-based: lines 2, 4, ...), the half
whose errors were studied while tuning, and ``--split odd`` the other half, which was not looked
at: the odd figure is the held-out estimate. The default (``all``) scores every record.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.events.coder import CodedText, Event, code_texts  # noqa: E402
from wirewatch.events.plover import normalise_type  # noqa: E402

DEFAULT_GSR = ROOT.parent / "shared" / "data" / "plover_gsr" / "plover_gsr.jsonl"

# The GSR writes a few CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


# The GSR's ``context`` field uses the 2016 PLOVER draft's names; PLOVER 2.0 renamed or split most
# of them (PLOVER_MANUAL.tex, table "General contexts"). A name translation, like CAMEO_TO_ISO;
# names with no 2.0 counterpart ("assets", "foreign", "historical" (an auxiliary mode in 2.0),
# "unknown") are left out of the scoring.
GSR_TO_CONTEXT = {
    "military": "military", "diplomatic": "diplomatic", "legal": "legal", "economic": "economic",
    "election": "election", "terrorism": "terrorism", "cbrn": "cbrn", "cyber": "cyber",
    "refugee": "migration", "refugees": "migration",  # 2.0: refugees are under migration
    "resource": "natural_resource", "resources": "natural_resource",
    "government": "executive", "political": "political_institutions",
    "politics": "political_institutions", "rights": "human_rights",
    "discrimination": "inequality",  # 2.0 codes societal discrimination as inequality
    "religion": "religion_ethnicity",
}
SCORED_CONTEXTS = frozenset(GSR_TO_CONTEXT.values())


def gold_contexts(rec: dict[str, Any]) -> set[str]:
    """The record's contexts in PLOVER 2.0 names (those that have one)."""
    names = (x.strip().lower() for x in str(rec.get("context") or "").split(","))
    return {GSR_TO_CONTEXT[n] for n in names if n in GSR_TO_CONTEXT}


def load_gsr(path: Path, split: str = "all") -> list[dict[str, Any]]:
    """The GSR records; ``split`` keeps those on even- or odd-numbered (1-based) lines."""
    if split not in ("all", "even", "odd"):
        raise ValueError(f"split must be all, even or odd, not {split!r}")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and (split == "all" or (n % 2 == 0) == (split == "even")):
            records.append(json.loads(line))
    return records


def primary_event(coded: CodedText) -> Event | None:
    plain = [e for e in coded.events if not (e.negated or e.hypothetical)]
    pool = plain or coded.events
    return pool[0] if pool else None


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return CAMEO_TO_ISO.get(code, code)


# The GSR writes PLOVER's sector vocabulary where it differs from CAMEO's, which wirewatch uses
# (src/wirewatch/actors/data/README.md): PLOVER MED is health (our HLH), JRN journalists (our
# MED), and a few records write CIV for civilians. A code translation, like CAMEO_TO_ISO.
PLOVER_TO_CAMEO_SECTOR = {"MED": "HLH", "JRN": "MED", "CIV": "CVL"}


def _sector(sector: str | None) -> str | None:
    if not sector or sector.startswith("*"):
        return None
    code = sector[:3].upper()
    return PLOVER_TO_CAMEO_SECTOR.get(code, code)


_RECIPROCAL = re.compile(r"\(SRC/TAR:\s*([^)]*)\)")


def reciprocal_countries(rec: dict[str, Any]) -> Counter[str | None]:
    """Countries of the actors the markup calls reciprocal source/target (``SRC/TAR``)."""
    spans = {" ".join(t.split()) for t in _RECIPROCAL.findall(rec.get("markup") or "")}
    return Counter(_country(a.get("code")) for a in rec["source"] + rec["target"]
                   if a.get("code") and " ".join(str(a.get("actorText", "")).split()) in spans)


def _roles(rec: dict[str, Any], ev: Event | None) -> dict[str, list[Any]]:
    """The predicted actors by role, with reciprocal actors moved to the role the gold gives them.

    A predicted actor whose country is a reciprocal gold actor's, missing from the gold role it
    sits in, moves to the other role when the gold has it there and that role lacks it."""
    pred: dict[str, list[Any]] = {r: list(getattr(ev, r)) if ev else [] for r in ("source", "target")}
    recip = reciprocal_countries(rec)
    if not recip:
        return pred
    gold = {r: Counter(_country(a.get("code")) for a in rec[r] if a.get("code")) for r in pred}
    for role, other in (("source", "target"), ("target", "source")):
        for m in list(pred[other]):
            c = _country(m.code)
            have = Counter(_country(x.code) for x in pred[role])
            if (recip[c] and gold[role][c] > have[c]
                    and Counter(_country(x.code) for x in pred[other])[c] > gold[other][c]):
                pred[other].remove(m)
                pred[role].append(m)
    return pred


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _overlap(gold: Counter[Any], pred: Counter[Any]) -> tuple[int, int, int]:
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def evaluate(records: list[dict[str, Any]], coded: list[CodedText]) -> dict[str, Any]:
    gold_types: list[str] = []
    pred_types: list[str] = []
    counts = {k: [0, 0, 0] for k in ("country", "country_source", "country_target", "sector",
                                     "context")}
    per_context: dict[str, list[int]] = {c: [0, 0, 0] for c in sorted(SCORED_CONTEXTS)}
    context_errors: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    actor_errors: list[dict[str, Any]] = []
    for rec, c in zip(records, coded):
        gold = normalise_type(rec["event"])
        ev = primary_event(c)
        roles = _roles(rec, ev)
        pred = ev.type if ev else "NONE"
        gold_types.append(gold)
        pred_types.append(pred)
        for role in ("source", "target"):
            g = Counter(_country(a.get("code")) for a in rec[role] if a.get("code"))
            p = Counter(_country(m.code) for m in roles[role] if m.code)
            tp, fp, fn = _overlap(g, p)
            for key in ("country", f"country_{role}"):
                counts[key][0] += tp
                counts[key][1] += fp
                counts[key][2] += fn
            gs = Counter((role, _country(a.get("code")), _sector(a.get("sector")))
                         for a in rec[role] if _sector(a.get("sector")))
            ps = Counter((role, _country(m.code), m.sector) for m in roles[role] if m.sector)
            tp, fp, fn = _overlap(gs, ps)
            counts["sector"][0] += tp
            counts["sector"][1] += fp
            counts["sector"][2] += fn
        gold_ctx = gold_contexts(rec)
        if gold_ctx:
            pred_ctx = {c for c in (ev.contexts if ev else []) if c in SCORED_CONTEXTS}
            for c in gold_ctx | pred_ctx:
                cell = per_context[c]
                cell[0 if c in gold_ctx and c in pred_ctx else 1 if c in pred_ctx else 2] += 1
            if gold_ctx != pred_ctx:
                context_errors.append({"id": rec["id"], "gold": sorted(gold_ctx),
                                       "pred": sorted(pred_ctx), "text": rec["text"]})
        if pred != gold:
            errors.append({"id": rec["id"], "gold": gold, "pred": pred, "text": rec["text"]})
        gold_actors = {r: sorted(f"{_country(a.get('code'))}{_sector(a.get('sector')) or ''}"
                                 for a in rec[r] if a.get("code")) for r in ("source", "target")}
        pred_actors = {r: sorted(f"{_country(m.code)}{m.sector or ''}" for m in roles[r] if m.code)
                       for r in ("source", "target")}
        gold_c = {r: sorted(x[:3] for x in v) for r, v in gold_actors.items()}
        pred_c = {r: sorted(x[:3] for x in v) for r, v in pred_actors.items()}
        if gold_c != pred_c:
            actor_errors.append({"id": rec["id"], "gold": gold_actors, "pred": pred_actors,
                                 "type": f"{gold}/{pred}", "text": rec["text"]})
    labels = sorted(set(gold_types) | (set(pred_types) - {"NONE"}))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold_types, pred_types) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold_types, pred_types) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold_types, pred_types) if g == lab and p != lab)
        f1s.append(_prf(tp, fp, fn)["f1"])
    accuracy = sum(g == p for g, p in zip(gold_types, pred_types)) / len(gold_types)
    confusion: dict[str, Counter[str]] = {}
    for g, p in zip(gold_types, pred_types):
        confusion.setdefault(g, Counter())[p] += 1
    return {
        "records": len(records),
        "event_type_accuracy": round(accuracy, 4),
        "event_type_macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "no_event": pred_types.count("NONE"),
        "actor_country": _prf(*counts["country"]),
        "actor_country_source": _prf(*counts["country_source"]),
        "actor_country_target": _prf(*counts["country_target"]),
        "actor_sector": _prf(*counts["sector"]),
        "context": _prf(*(sum(cell[i] for cell in per_context.values()) for i in range(3))),
        "context_records": sum(1 for r in records if gold_contexts(r)),
        "context_by_name": {c: _prf(*cell) for c, cell in per_context.items()},
        "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
        "errors": errors,
        "actor_errors": actor_errors,
        "context_errors": context_errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gsr", type=Path, default=DEFAULT_GSR)
    ap.add_argument("--split", choices=("all", "even", "odd"), default="all",
                    help="Score all records, or those on even / odd (1-based) lines only.")
    ap.add_argument("--errors", type=int, default=0, help="Print this many mis-typed sentences.")
    ap.add_argument("--actor-errors", type=int, default=0,
                    help="Print this many sentences whose source/target countries differ from gold.")
    ap.add_argument("--context-errors", type=int, default=0,
                    help="Print this many sentences whose contexts differ from gold.")
    args = ap.parse_args(argv)
    if not args.gsr.exists():
        print(f"GSR not found at {args.gsr}; pass --gsr PATH", file=sys.stderr)
        return 2
    records = load_gsr(args.gsr, args.split)
    t0 = time.perf_counter()
    coded = code_texts([(r["id"], r["text"], None) for r in records])
    seconds = time.perf_counter() - t0
    result = evaluate(records, coded)

    print(f"PLOVER GSR ({args.split}): {result['records']} sentences coded in {seconds:.1f}s")
    print(f"  event type accuracy  {result['event_type_accuracy']:.3f}")
    print(f"  event type macro-F1  {result['event_type_macro_f1']:.3f}")
    print(f"  no event found       {result['no_event']}")
    print(f"  {'actors':<22}{'P':>7}{'R':>7}{'F1':>7}")
    for key in ("actor_country", "actor_country_source", "actor_country_target", "actor_sector"):
        m = result[key]
        print(f"  {key:<22}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}")
    m = result["context"]
    print(f"  {'contexts (micro)':<22}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
          f"   ({result['context_records']} records with a 2.0 context)")
    for name, m in result["context_by_name"].items():
        print(f"    {name:<22}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}")
    cols = sorted({p for row in result["confusion"].values() for p in row})
    short = {c: c[:4] for c in cols}
    print("\n  confusion (rows gold, columns predicted)")
    print("  " + " " * 10 + "".join(f"{short[c]:>5}" for c in cols))
    for g, row in result["confusion"].items():
        print(f"  {g:<10}" + "".join(f"{row.get(c, 0) or '.':>5}" for c in cols))
    for err in result["errors"][: args.errors]:
        print(f"\n  {err['id']}: gold {err['gold']}, got {err['pred']}\n    {err['text']}")
    for err in result["actor_errors"][: args.actor_errors]:
        print(f"\n  {err['id']} ({err['type']}): gold {err['gold']}, got {err['pred']}\n    {err['text']}")
    for err in result["context_errors"][: args.context_errors]:
        print(f"\n  {err['id']}: gold {err['gold']}, got {err['pred']}\n    {err['text']}")
    figures = {k: v for k, v in result.items()
               if k not in ("errors", "actor_errors", "context_errors", "confusion", "context_by_name")}
    figures["split"] = args.split
    figures["seconds"] = round(seconds, 2)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
