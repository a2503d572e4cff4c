"""Near-duplicate detection: wirewatch vs datasketch, same shingles, num_perm and threshold.

    .venv/bin/python bench/dedup.py [--n 100000] [--threshold 0.8]

Both sides go from raw texts to duplicate groups. datasketch runs its fastest documented set-up:
``MinHash.bulk`` with a fast non-cryptographic hash (xxh32) and ``MinHashLSH`` at the same threshold,
querying every snippet; its groups are the connected components of what the queries return.
Ground truth is the *exact* Jaccard of the character-5-gram sets (the same shingles both use):
every pair inside a planted family, plus every pair either method reports, is scored exactly.

- recall: share of true pairs (Jaccard >= threshold) that end up in one group;
- precision: share of reported pairs (the pairs each method links) that are true.
Pairs outside planted families that neither method reports are not counted (too many to score).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_corpus  # noqa: E402

from wirewatch.dedup import group_labels, near_duplicate_pairs, shingle_hashes  # noqa: E402
from wirewatch.ingest.normalise import normalise  # noqa: E402
from wirewatch.settings import Settings  # noqa: E402


def exact_sets(texts: list[str], size: int) -> list[frozenset[int]]:
    flat, offsets = shingle_hashes(texts, size)
    return [frozenset(flat[offsets[i]:offsets[i + 1]].tolist()) for i in range(len(texts))]


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def run_wirewatch(texts: list[str], settings: Settings) -> tuple[float, list[tuple[int, int]], list[int]]:
    start = time.perf_counter()
    normalised = [normalise(t) for t in texts]
    pairs = near_duplicate_pairs(normalised, settings)
    labels = group_labels(len(texts), pairs)
    return time.perf_counter() - start, [(p.a, p.b) for p in pairs], labels


def run_datasketch(texts: list[str], settings: Settings) -> tuple[float, list[tuple[int, int]], list[int]]:
    import xxhash
    from datasketch import MinHash, MinHashLSH

    from wirewatch.dedup import UnionFind
    from wirewatch.ingest.normalise import shingle_text

    k = settings.shingle_size
    start = time.perf_counter()
    shingles = []
    for t in texts:
        s = shingle_text(normalise(t)).encode("utf-8")
        shingles.append({s[i:i + k] for i in range(max(len(s) - k + 1, 1))})
    hashes = MinHash.bulk(shingles, num_perm=settings.num_perm, hashfunc=xxhash.xxh32_intdigest)
    lsh = MinHashLSH(threshold=settings.near_dup_threshold, num_perm=settings.num_perm)
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m, check_duplication=False)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    uf = UnionFind(len(texts))
    for a, b in pairs:
        uf.union(a, b)
    labels = [uf.find(i) for i in range(len(texts))]
    return time.perf_counter() - start, sorted(pairs), labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    settings = Settings(near_dup_threshold=args.threshold)
    corpus = news_corpus(args.n, seed=args.seed)
    texts = corpus.texts

    ww_time, ww_pairs, ww_labels = run_wirewatch(texts, settings)
    ds_time, ds_pairs, ds_labels = run_datasketch(texts, settings)

    sets = exact_sets([normalise(t) for t in texts], settings.shingle_size)
    families: dict[int, list[int]] = {}
    for i, f in enumerate(corpus.family):
        families.setdefault(f, []).append(i)
    candidates = {p for members in families.values() for p in combinations(sorted(members), 2)}
    candidates |= set(ww_pairs) | set(ds_pairs)
    score = {p: jaccard(sets[p[0]], sets[p[1]]) for p in candidates}
    true_pairs = [p for p, j in score.items() if j >= args.threshold]

    def quality(pairs: list[tuple[int, int]], labels: list[int]) -> tuple[float, float]:
        recall = sum(labels[a] == labels[b] for a, b in true_pairs) / max(len(true_pairs), 1)
        precision = sum(score[p] >= args.threshold for p in pairs) / max(len(pairs), 1)
        return recall, precision

    ww_recall, ww_precision = quality(ww_pairs, ww_labels)
    ds_recall, ds_precision = quality(ds_pairs, ds_labels)
    n = len(texts)
    rows = [
        ("wirewatch (numpy shingles + rensa + exact verify)", ww_time, n / ww_time, ww_recall, ww_precision, len(ww_pairs)),
        ("datasketch (MinHash.bulk xxh32 + MinHashLSH)", ds_time, n / ds_time, ds_recall, ds_precision, len(ds_pairs)),
    ]
    print(f"{n:,} snippets, {sum(len(m) > 1 for m in families.values()):,} planted families, "
          f"{len(true_pairs):,} true pairs at Jaccard >= {args.threshold} "
          f"(num_perm={settings.num_perm}, {settings.shingle_size}-char shingles)")
    print(f"{'method':52} {'seconds':>8} {'docs/s':>10} {'recall':>7} {'precision':>9} {'pairs':>7}")
    for name, secs, rate, rec, prec, npairs in rows:
        print(f"{name:52} {secs:8.2f} {rate:10,.0f} {rec:7.4f} {prec:9.4f} {npairs:7,}")
    print(json.dumps({
        "n": n,
        "wirewatch_docs_per_s": round(n / ww_time),
        "datasketch_docs_per_s": round(n / ds_time),
        "ratio_vs_datasketch": round(ds_time / ww_time, 2),
        "recall": round(ww_recall, 4),
        "precision": round(ww_precision, 4),
        "datasketch_recall": round(ds_recall, 4),
        "datasketch_precision": round(ds_precision, 4),
        "true_pairs": len(true_pairs),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }))


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    np.seterr(over="ignore")
    main()
