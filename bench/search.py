"""Search latency on a 1M-snippet store: p50 and p95 of :func:`wirewatch.search.search`.

    .venv/bin/python bench/search.py [--n 1000000] [--queries 200] [--rebuild]

The store is built once into ``bench/out/search-<n>.db`` (snippets written straight into the
tables, the FTS index filled by its triggers, one story per 5 snippets) and reused by later runs.
Queries are 1-3 words drawn deterministically from the generated vocabulary (names, places, topic
words and rarer filler), run through the full ``search`` function: FTS5 MATCH + BM25, per-group
dedup and the outlet lookup. Prints a table, then one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from stories import ACTORS, PLACES, TOPICS, generate  # noqa: E402  (bench/stories.py)

from wirewatch import Store  # noqa: E402
from wirewatch.search import SearchQuery, search  # noqa: E402

OUT = ROOT / "bench" / "out"


def build(path: Path, n: int) -> float:
    started = time.perf_counter()
    texts, labels, times = generate(n, seed=23)
    store = Store(path)
    db = store.db
    db.execute("PRAGMA synchronous = OFF")
    chunk = 50_000
    with store.atomic():
        db.execute("INSERT INTO batches(id, name, created_at) VALUES (1, 'bench', '2025-01-01T00:00:00Z')")
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        with store.atomic():
            rows = []
            for i in range(start, stop):
                stamp = times[i].strftime("%Y-%m-%dT%H:%M:%SZ")
                rows.append((i + 1, f"h{i}", texts[i], i + 1, 1, stamp, stamp))
            db.executemany("INSERT INTO snippets(id, hash, text, canonical_id, first_batch_id, first_seen,"
                           " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT INTO occurrences(id, key, snippet_id, batch_id, source, locator, outlet,"
                           " published, ingested_at, original) VALUES (?, ?, ?, 1, 'bench', ?, ?, ?, ?, ?)",
                           [(r[0], f"k{r[0]}", r[0], f"line {r[0]}", f"Outlet {r[0] % 40}", r[5], r[5], r[2])
                            for r in rows])
            stories = sorted({i // 5 + 1 for i in range(start, stop)})
            db.executemany("INSERT OR IGNORE INTO stories(id, created_batch_id, updated_batch_id, reports,"
                           " centroid, created_at, updated_at) VALUES (?, 1, 1, 5, x'', ?, ?)",
                           [(s, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z") for s in stories])
            db.executemany("INSERT INTO story_members(snippet_id, story_id, batch_id, canonical)"
                           " VALUES (?, ?, 1, 1)", [(i + 1, i // 5 + 1) for i in range(start, stop)])
    db.execute("INSERT INTO snippets_fts(snippets_fts) VALUES ('optimize')")
    store.close()
    return time.perf_counter() - started


def queries(k: int) -> list[str]:
    rng = random.Random(5)
    words = [w for a in ACTORS for w in a.replace("the ", "").split()] + PLACES + \
        [w for t in TOPICS for w in t.split()]
    out = []
    for _ in range(k):
        out.append(" ".join(rng.sample(words, rng.randint(1, 3))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--limit", type=int, default=20, help="hits per query")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"search-{args.n}.db"
    built = None
    if args.rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        built = build(path, args.n)
    store = Store(path, readonly=True)
    qs = queries(args.queries)
    for q in qs[:10]:  # warm the page cache
        search(store.db, SearchQuery(q, limit=args.limit))
    latencies = []
    hits = 0
    for q in qs:
        t0 = time.perf_counter()
        groups = search(store.db, SearchQuery(q, limit=args.limit))
        latencies.append((time.perf_counter() - t0) * 1000.0)
        hits += sum(len(g["hits"]) for g in groups)
    store.close()
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"search over {args.n} snippets ({path.name}{'' if built is None else f', built in {built:.0f}s'}), "
          f"{args.queries} queries of 1-3 words, limit {args.limit}\n")
    print(f"{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'mean hits':>10}")
    print(f"{p50:8.2f} {p95:8.2f} {latencies[-1]:8.2f} {hits / len(qs):10.1f}")
    print()
    print(json.dumps({"snippets": args.n, "queries": args.queries, "p50_ms": round(p50, 2),
                      "p95_ms": round(p95, 2), "max_ms": round(latencies[-1], 2),
                      "build_s": None if built is None else round(built, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
