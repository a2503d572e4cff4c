"""Rebuild the relevance model (src/wirewatch/events/data/relevance.npz and its tokenizer).

    pip install torch==2.13.0 && pip install -c constraints.txt -e '.[embed,test]'
    python scripts/train_relevance.py [--min-recall 0.95] [--dry-run]

What a sentence is: the mean of its token vectors in the model2vec static model that
wirewatch.embeddings distils from the packaged all-MiniLM-L6-v2 (256 dimensions; distilled once and
cached). What it learns from (labels only from the halves we may read; the held-back halves stay
out):

- positives: PLV_train's dev half (even sentence ids: real news sentences, each reporting an
  interaction), the PLOVER GSR's even lines, the ECB+ even-topic sentences whose judged events
  (eval/tuning_judgements_even.tsv) report one, and the written positives (train split);
- negatives: the ECB+ even-topic sentences judged ``not_event`` and the written negatives (train
  split) of eval/data/relevance_written.tsv (sport, disasters, business, celebrity, crime between
  private people, figurative uses: sentences we wrote, with event-like words).

A logistic regression (standardised features, balanced classes, C chosen by 5-fold
cross-validation) is folded into one score per vocabulary token (see events/relevance.py). The
threshold is the highest that keeps ``--min-recall`` of the cross-validated positives of real news
(PLV and GSR); it is stored with the model and is the default of the ``min_event_relevance``
setting. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import audit  # noqa: E402
import plover_gsr  # noqa: E402
import plv  # noqa: E402

from wirewatch.embeddings import load_embedder  # noqa: E402
from wirewatch.events.relevance import _TABLE, _TOKENIZER, DATA_DIR  # noqa: E402

WRITTEN = ROOT / "eval" / "data" / "relevance_written.tsv"


def load_examples() -> list[tuple[str, int, str]]:
    """(sentence, label, origin) for every training sentence."""
    out: list[tuple[str, int, str]] = []
    seen: set[str] = set()

    def add(text: str, label: int, origin: str) -> None:
        key = " ".join(text.split()).lower()
        if key and key not in seen:
            seen.add(key)
            out.append((text, label, origin))

    for row in plv.load_plv(plv.DEFAULT_PLV, "dev"):
        add(row.sentence, 1, "plv")
    for rec in plover_gsr.load_gsr(plover_gsr.DEFAULT_GSR, "even"):
        add(str(rec["text"]), 1, "gsr")
    verdicts: dict[tuple[str, int], set[str]] = {}
    with (ROOT / "eval" / "tuning_judgements_even.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            verdicts.setdefault((r["doc_id"], int(r["sid"])), set()).add(r["verdict"])
    for doc in audit.load_docs(audit.DEFAULT_DATA, "even"):
        for s in doc["sentences"]:
            v = verdicts.get((str(doc["doc_id"]), int(s["sid"])))
            if v:
                add(str(s["text"]), int(v != {"not_event"}), "ecb")
    if not WRITTEN.is_file():
        raise SystemExit(f"{WRITTEN}: the written sentences are missing")
    with WRITTEN.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["split"] == "train":
                add(r["text"], int(r["label"]), "written")
    return out


def written_test() -> list[tuple[str, int, str]]:
    with WRITTEN.open(encoding="utf-8") as fh:
        return [(r["text"], int(r["label"]), r["category"]) for r in csv.DictReader(fh, delimiter="\t")
                if r["split"] == "test"]


def features(model: Any, texts: list[str]) -> np.ndarray:
    """Unnormalised mean token vectors, as the folded model will compute them."""
    tok = model.tokenizer
    unk = tok.token_to_id("[UNK]")
    emb = np.asarray(model.embedding, dtype=np.float32)
    rows = np.zeros((len(texts), emb.shape[1]), dtype=np.float32)
    for i, enc in enumerate(tok.encode_batch(texts, add_special_tokens=False)):
        ids = [t for t in enc.ids if t != unk]
        if ids:
            rows[i] = emb[ids].mean(axis=0)
    return rows


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-recall", type=float, default=0.95,
                    help="share of real-news positives (PLV, GSR) the threshold keeps in cross-validation")
    ap.add_argument("--dry-run", action="store_true", help="measure, write nothing")
    args = ap.parse_args(argv)

    static = load_embedder(static=True).model  # type: ignore[attr-defined]
    data = load_examples()
    texts = [t for t, _, _ in data]
    y = np.array([lab for _, lab, _ in data])
    origin = np.array([o for _, _, o in data])
    X = features(static, texts)

    best: tuple[float, float] | None = None
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for c in (0.01, 0.03, 0.1, 0.3, 1.0):
        pipe = make_pipeline(StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=5000))
        p = cross_val_predict(pipe, X, y, cv=folds, method="predict_proba")[:, 1]
        auc = roc_auc_score(y, p)
        print(f"C={c:<5} cross-validated AUC {auc:.3f}")
        if best is None or auc > best[1]:
            best, cv_p = (c, auc), p
    assert best is not None
    c = best[0]
    real = (y == 1) & np.isin(origin, ["plv", "gsr"])
    threshold = float(np.quantile(cv_p[real], 1 - args.min_recall))

    pipe = make_pipeline(StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=5000))
    pipe.fit(X, y)
    scaler, lr = pipe[0], pipe[1]
    w = lr.coef_[0] / scaler.scale_
    b = float(lr.intercept_[0] - np.dot(lr.coef_[0], scaler.mean_ / scaler.scale_))
    emb = np.asarray(static.embedding, dtype=np.float32)
    scores = (emb @ w).astype(np.float32)

    table = [("origin", "label", "n", "kept at threshold (cross-validated)")]
    for o in ("plv", "gsr", "ecb", "written"):
        for lab in (1, 0):
            m = (origin == o) & (y == lab)
            if m.any():
                table.append((o, str(lab), str(int(m.sum())), f"{(cv_p[m] >= threshold).mean():.3f}"))
    test = written_test()
    tx = features(static, [t for t, _, _ in test])
    tp = 1 / (1 + np.exp(-(tx @ w + b)))
    ty = np.array([lab for _, lab, _ in test])
    test_auc = float(roc_auc_score(ty, tp)) if len(set(ty)) == 2 else float("nan")
    keep_pos = float((tp[ty == 1] >= threshold).mean())
    drop_neg = float((tp[ty == 0] < threshold).mean())
    for row in table:
        print(f"{row[0]:10} {row[1]:>5} {row[2]:>6} {row[3]:>10}")
    print(f"written test split ({len(test)} sentences, never trained on): AUC {test_auc:.3f}, "
          f"positives kept {keep_pos:.3f}, negatives dropped {drop_neg:.3f}")
    meta = {"trained": date.today().isoformat(), "C": c, "cv_auc": round(best[1], 4),
            "threshold": round(threshold, 4), "min_recall": args.min_recall, "examples": len(data),
            "positives": int(y.sum()), "written_test_auc": round(test_auc, 4),
            "written_test_positives_kept": round(keep_pos, 4), "written_test_negatives_dropped": round(drop_neg, 4)}
    if not args.dry_run:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(DATA_DIR / _TABLE, scores=scores, intercept=np.float64(b),
                            meta=np.array(json.dumps(meta)))
        shutil.copyfile(Path(static.tokenizer_path) if hasattr(static, "tokenizer_path") else _tokenizer_file(static),
                        DATA_DIR / _TOKENIZER)
    print(json.dumps(meta, sort_keys=True))
    return 0


def _tokenizer_file(static: Any) -> Path:
    """The static model's tokenizer, saved as JSON."""
    path = Path("/tmp") / "wirewatch-relevance-tokenizer.json"
    static.tokenizer.save(str(path))
    return path


if __name__ == "__main__":
    raise SystemExit(main())
