"""The seed batches' story checks (tests/test_seeds_stories.py), optionally with embeddings blended in.

    .venv-embed/bin/python eval/seed_stories.py [--embed 0.1] [--set story_link_threshold=0.312 ...]

Ingests ../shared/data/seeds batch by batch (all default stages) and prints whether the Xi-Putin
call reports form one story, whether the three gallium/germanium reports do, and whether the two
stay apart. ``--embed`` installs the same blend as ``eval/stories.py --embed``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "eval"), str(ROOT / "tests")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embed", type=float, default=0.0, metavar="W")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    args = parser.parse_args(argv)

    from stories import install_embedding_blend  # eval/stories.py

    from test_seeds_stories import GALLIUM, UNRELATED, XI_PUTIN
    from wirewatch import Settings, Store, ingest

    seeds = ROOT.parent / "shared" / "data" / "seeds"
    if not seeds.is_dir():
        print(f"seed batches not found at {seeds}", file=sys.stderr)
        return 2
    if args.embed:
        install_embedding_blend(args.embed)
    settings = Settings.load(dict(o.split("=", 1) for o in args.overrides))
    store = Store(":memory:")
    for batch in sorted(seeds.glob("*.txt")):
        ingest([batch], store, settings)
    rows = store.db.execute(
        "SELECT s.text, m.story_id FROM story_members m JOIN snippets s ON s.id = m.snippet_id").fetchall()
    store.close()

    def story(opening: str) -> int:
        return next(s for text, s in rows if text.startswith(opening))

    xi = {story(o) for o in XI_PUTIN}
    gallium = {story(o) for o in GALLIUM}
    unrelated = {story(o) for o in UNRELATED}
    print(f"embed={args.embed} {args.overrides}: xi_putin_one_story={len(xi) == 1} "
          f"gallium_stories={len(gallium)} xi_apart_from_gallium={not xi & gallium} "
          f"unrelated_apart={not unrelated & (xi | gallium)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
