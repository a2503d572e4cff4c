"""Story clustering speed and memory: 100k snippets clustered incrementally in batches of 5k.

    .venv/bin/python bench/stories.py [--n 100000] [--batch 5000] [--memory-only]

Snippets are generated deterministically: events (an actor doing something to another, in a place,
on a day, with a number and a topic) each reported 1-8 times in different words over a day or two,
among filler vocabulary, with publication times spread over ~100 days. Each batch of snippets is
written to a SQLite store (not timed) and then clustered by the store's ``cluster`` stage function
(:func:`wirewatch.story_store.cluster_pending`: load open stories, cluster, write stories back),
which is timed. ``--memory-only`` times the in-memory :class:`IncrementalClusterer` instead.

Peak memory is the process's peak resident set size. B-cubed F1 against the generated events is
printed as a sanity check, not a quality claim (eval/stories.py is the quality measure).
Prints a table, then one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wirewatch import Settings, Store
from wirewatch.stories import IncrementalClusterer, StoryInput
from wirewatch.story_store import cluster_pending

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _eval_module():  # type: ignore[no-untyped-def]
    """eval/stories.py under its own name (this file is also called stories.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_stories", ROOT / "eval" / "stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

ACTORS = ["President Amara Diallo", "the Kestrel Federation", "Prime Minister Ilse Varga", "the Oronte Council",
          "Foreign Minister Tomas Reyes", "the Northern Alliance", "General Yusuf Karim", "the Marrow Bank",
          "Chancellor Petra Lind", "the Solano Army", "Minister Chen Wei", "the Dunmore Commission",
          "Senator Rosa Alvarez", "the Tiber Group", "King Harald Voss", "the Azure League"]
VERBS = ["held talks with", "accused", "signed a trade pact with", "imposed tariffs on", "warned",
         "sent aid to", "expelled diplomats from", "agreed a ceasefire with", "sanctioned", "praised",
         "launched strikes against", "opened an inquiry into"]
PLACES = ["Valdora", "Port Kessel", "Amberley", "Noricum", "Santa Ines", "Kharim", "Lowmoor", "Tessaly",
          "Ravenna Bay", "Ostrava Plains", "Meridia", "Calloway", "Isfara", "Brenton", "Quillon", "Zaria"]
TOPICS = ["grain exports", "border security", "gas pipeline", "fishing rights", "election dispute",
          "refugee flows", "cyber attack", "port access", "debt relief", "mining licences", "drone incident",
          "water treaty", "arms shipments", "currency swap", "rail corridor", "vaccine supplies"]
TEMPLATES = [
    "{a} {v} {b} on {day} over the {topic}, officials in {place} said, citing {n} {unit}.",
    "In {place}, {a} {v} {b}, a move linked to the {topic} that affected {n} {unit} on {day}.",
    "{b} responded after {a} {v} it in {place} on {day}; the {topic} row now involves {n} {unit}.",
    "Reports from {place} said {a} {v} {b} amid the {topic}, with {n} {unit} at stake.",
]
UNITS = ["people", "tonnes", "million dollars", "vessels", "families", "workers"]


def _filler(rng: random.Random, vocab: list[str], k: int) -> str:
    return " ".join(rng.choice(vocab) for _ in range(k))


def generate(n: int, seed: int = 11) -> tuple[list[str], list[int], list[datetime]]:
    """``n`` snippets with their event labels and publication times."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("aeioulnrstkmdgp") for _ in range(rng.randint(4, 9))) for _ in range(20000)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    texts: list[str] = []
    labels: list[int] = []
    times: list[datetime] = []
    event = 0
    while len(texts) < n:
        a, b = rng.sample(ACTORS, 2)
        slots = {"a": a, "b": b, "v": rng.choice(VERBS), "place": rng.choice(PLACES),
                 "topic": rng.choice(TOPICS), "n": rng.randint(2, 9000), "unit": rng.choice(UNITS),
                 "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])}
        when = start + timedelta(days=100 * len(texts) / n, hours=rng.random() * 12)
        for _ in range(min(1 + int(rng.expovariate(0.45)), 8)):
            body = rng.choice(TEMPLATES).format(**slots)
            text = f"{body} {_filler(rng, vocab, rng.randint(3, 14)).capitalize()}."
            texts.append(text)
            labels.append(event)
            times.append(when + timedelta(hours=rng.random() * 36))
            if len(texts) == n:
                break
        event += 1
    return texts, labels, times


def generate_varied(n: int, seed: int = 11) -> tuple[list[str], list[int], list[datetime]]:
    """Less templated snippets: each event has its own handful of detail words drawn from the
    Zipf-like made-up vocabulary of bench/corpus.py (as an event has its own names and facts),
    and each report tells it in its own words: a few of the event's details, its actors or place
    (not always both), and filler drawn from the same vocabulary with function words, so unrelated
    reports share common words the way wire copy does without being copies of four sentences."""
    from corpus import _Detail  # bench/corpus.py (the lead's calibrated vocabulary)

    rng = random.Random(seed)
    detail = _Detail(rng)  # detail(rng, k): k content words with function words between

    start = datetime(2025, 1, 1, tzinfo=UTC)
    texts: list[str] = []
    labels: list[int] = []
    times: list[datetime] = []
    event = 0
    while len(texts) < n:
        a, b = rng.sample(ACTORS, 2)
        facts = detail(rng, 8).split()
        facts = [w for w in facts if len(w) > 3][:6] or facts[:3]
        place, topic, verb = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(VERBS)
        when = start + timedelta(days=100 * len(texts) / n, hours=rng.random() * 12)
        for _ in range(min(1 + int(rng.expovariate(0.45)), 8)):
            told = " ".join(rng.sample(facts, min(len(facts), rng.randint(2, 4))))
            shape = rng.random()
            if shape < 0.35:
                head = f"{a} {verb} {b} in {place}, {told} {detail(rng, rng.randint(4, 9))}."
            elif shape < 0.6:
                head = f"{detail(rng, rng.randint(3, 7)).capitalize()} {told} over the {topic}, {a} said."
            elif shape < 0.8:
                head = f"In {place}, {told} {detail(rng, rng.randint(5, 10))} after {b} responded."
            else:
                head = f"{detail(rng, rng.randint(4, 8)).capitalize()} {told}, {rng.choice(UNITS)} {a}."
            if rng.random() < 0.6:
                head += f" {detail(rng, rng.randint(6, 14)).capitalize()}."
            texts.append(head)
            labels.append(event)
            times.append(when + timedelta(hours=rng.random() * 36))
            if len(texts) == n:
                break
        event += 1
    return texts, labels, times


def _stamp(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def run_store(texts: list[str], times: list[datetime], batch: int, settings: Settings) -> tuple[float, list[int]]:
    store = Store(":memory:")
    db = store.db
    clustering = 0.0
    for b, start in enumerate(range(0, len(texts), batch)):
        with store.atomic():
            db.execute("INSERT INTO batches(id, name, created_at) VALUES (?, ?, ?)",
                       (b + 1, f"b{b}", _stamp(times[start])))
            db.executemany(
                "INSERT INTO snippets(id, hash, text, canonical_id, first_batch_id, first_seen, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(i + 1, f"h{i}", texts[i], i + 1, b + 1, _stamp(times[i]), _stamp(times[i]))
                 for i in range(start, min(start + batch, len(texts)))],
            )
        t0 = time.perf_counter()
        with store.atomic() as tx:
            cluster_pending(tx, settings, b + 1)
        clustering += time.perf_counter() - t0
    story = dict(db.execute("SELECT snippet_id, story_id FROM story_members").fetchall())
    store.close()
    return clustering, [story[i + 1] for i in range(len(texts))]


def run_memory(texts: list[str], times: list[datetime], batch: int, settings: Settings) -> tuple[float, list[int]]:
    clusterer = IncrementalClusterer(settings)
    story: dict[int | str, int] = {}
    t0 = time.perf_counter()
    for start in range(0, len(texts), batch):
        story.update(clusterer.add([StoryInput(i, texts[i], times[i])
                                    for i in range(start, min(start + batch, len(texts)))]))
    return time.perf_counter() - t0, [story[i] for i in range(len(texts))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--memory-only", action="store_true", help="time the in-memory clusterer")
    parser.add_argument("--templated", action="store_true",
                        help="the old generator: four sentence templates over 16 actors, places and topics "
                             "(every report shares most of its words with an eighth of the corpus)")
    args = parser.parse_args(argv)
    settings = Settings()
    t0 = time.perf_counter()
    texts, labels, times = (generate if args.templated else generate_varied)(args.n)
    generated = time.perf_counter() - t0
    runner = run_memory if args.memory_only else run_store
    seconds, pred = runner(texts, times, args.batch, settings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB
    precision, recall, f1 = _eval_module().bcubed(labels, pred)
    rate = args.n / seconds
    path = "in-memory" if args.memory_only else "SQLite store"
    print(f"story clustering, {args.n} snippets in batches of {args.batch} ({path}); "
          f"generated in {generated:.1f}s\n")
    print(f"{'snippets/s':>12} {'seconds':>8} {'peak RSS MB':>12} {'stories':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    print(f"{rate:12.0f} {seconds:8.1f} {peak_mb:12.0f} {len(set(pred)):8d} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    print()
    print(json.dumps({"snippets": args.n, "batch": args.batch, "path": path, "snippets_per_s": round(rate),
                      "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb), "stories": len(set(pred)),
                      "b3_f1_vs_generated": round(f1, 4)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
