"""Ingest throughput: 100k JSON Lines snippets through read + normalise + dedup + store.

    .venv/bin/python bench/ingest.py [--n 100000]

The snippets come from bench/corpus.py (planted near-duplicates included) with outlets, URLs and
published times. wirewatch's ingest runs in a fresh subprocess so its peak RSS is its own, with
``stages=[]`` (dedup and store only; events and stories are measured by bench/code.py and
bench/stories.py). The peer, in the same run: a bare ``sqlite3`` load of the same rows (json.loads
+ executemany + an FTS5 index, no normalisation, dedup or provenance), i.e. the floor any
SQLite-backed tool pays. Targets: >= 10,000 snippets/s and <= 1 GB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_corpus  # noqa: E402

OUTLETS = ["Harbour Wire", "Meridian Post", "Eastern Ledger", "Capital Dispatch", "Global Sentinel",
           "Atlas Daily", "Northline News", "Baltic Courier", "Pacific Tribune", "Sahel Observer"]

CHILD_WIREWATCH = """
import json, resource, sys, time
from wirewatch import Settings, Store, ingest
store = Store(sys.argv[2])
start = time.perf_counter()
report = ingest([sys.argv[1]], store, Settings(), stages=[])
secs = time.perf_counter() - start
print(json.dumps({"seconds": secs, "occurrences": report.new_occurrences, "snippets": report.new_snippets,
                  "near_duplicates": report.near_duplicates, "stages": report.stages,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_SQLITE = """
import json, resource, sqlite3, sys, time
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE docs(id INTEGER PRIMARY KEY, text TEXT, url TEXT, outlet TEXT, published TEXT)")
db.execute("CREATE VIRTUAL TABLE docs_fts USING fts5(text, content='docs', content_rowid='id', tokenize='porter unicode61')")
start = time.perf_counter()
rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        rows.append((r["text"], r["url"], r["outlet"], r["published"]))
with db:
    db.executemany("INSERT INTO docs(text, url, outlet, published) VALUES (?,?,?,?)", rows)
    db.execute("INSERT INTO docs_fts(docs_fts) VALUES ('rebuild')")
secs = time.perf_counter() - start
print(json.dumps({"seconds": secs, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child(code: str, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    args = ap.parse_args()
    corpus = news_corpus(args.n, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "snippets.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, text in enumerate(corpus.texts):
                day = 1 + i * 28 // args.n
                f.write(json.dumps({"id": f"s{i}", "text": text, "outlet": OUTLETS[i % len(OUTLETS)],
                                    "url": f"https://news.example/{i}",
                                    "published": f"2025-02-{day:02d}T{i % 24:02d}:00:00Z"}) + "\n")
        ww = child(CHILD_WIREWATCH, str(src), str(Path(tmp) / "ww.db"))
        base = child(CHILD_SQLITE, str(src), str(Path(tmp) / "bare.db"))
    n = args.n
    ww_rate = n / float(ww["seconds"])  # type: ignore[arg-type]
    base_rate = n / float(base["seconds"])  # type: ignore[arg-type]
    print(f"{n:,} JSONL snippets ({ww['snippets']:,} distinct, {ww['near_duplicates']:,} near-duplicates folded)")
    print(f"{'run':48} {'seconds':>8} {'snippets/s':>11} {'peak RSS MB':>12}")
    print(f"{'wirewatch ingest (read+normalise+dedup+store)':48} {ww['seconds']:8.2f} {ww_rate:11,.0f} {ww['peak_rss_mb']:12.0f}")
    print(f"{'bare sqlite3 load + FTS5 (no dedup/provenance)':48} {base['seconds']:8.2f} {base_rate:11,.0f} {base['peak_rss_mb']:12.0f}")
    print("stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in ww["stages"].items()))  # type: ignore[union-attr]
    print(json.dumps({
        "n": n,
        "snippets_per_s": round(ww_rate),
        "peak_rss_mb": round(float(ww["peak_rss_mb"]), 1),  # type: ignore[arg-type]
        "bare_sqlite_per_s": round(base_rate),
        "ratio_vs_bare_sqlite": round(ww_rate / base_rate, 3),
        "target_met": ww_rate >= 10_000 and float(ww["peak_rss_mb"]) <= 1024,  # type: ignore[arg-type]
    }))


if __name__ == "__main__":
    main()
