"""The seed batches end to end: the reports of one event land in one story.

The seed texts are read from ../shared/data/seeds (never copied here); snippets are found by a few
words of their opening, so the library holds no seed text at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch import Settings, Store, ingest


@pytest.fixture(scope="module")
def seed_stories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed batches not found at {seeds} (../shared/data/seeds)")
    store = Store(":memory:")
    for batch in sorted(seeds.glob("*.txt")):  # one batch per file, in order, all default stages
        ingest([batch], store, Settings())
    rows = store.db.execute(
        "SELECT s.text, m.story_id FROM story_members m JOIN snippets s ON s.id = m.snippet_id"
    ).fetchall()
    store.close()
    return {text: story for text, story in rows}


def _story(stories: dict[str, int], opening: str) -> int:
    found = [story for text, story in stories.items() if text.startswith(opening)]
    assert len(found) == 1, f"expected one snippet starting {opening!r}, found {len(found)}"
    return found[0]


XI_PUTIN = ("Russian President Vladimir Putin told", "China's President Xi Jinping spoke",
            "Russian President Vladimir Putin had a call")
GALLIUM = ("An investigation by RFE/RL", "With Western sanctions cutting off", "As Russia's options to purchase")
UNRELATED = ("As Eisenhower once said", "While elected on an America-first")


def test_xi_putin_call_reports_form_one_story(seed_stories: dict[str, int]) -> None:
    assert len({_story(seed_stories, o) for o in XI_PUTIN}) == 1


def test_unrelated_snippets_stay_out_of_those_stories(seed_stories: dict[str, int]) -> None:
    targets = {_story(seed_stories, o) for o in XI_PUTIN + GALLIUM}
    for opening in UNRELATED:
        assert _story(seed_stories, opening) not in targets


def test_xi_putin_and_gallium_stories_differ(seed_stories: dict[str, int]) -> None:
    assert _story(seed_stories, XI_PUTIN[0]) not in {_story(seed_stories, o) for o in GALLIUM}


def test_gallium_investigation_reports_form_one_story(seed_stories: dict[str, int]) -> None:
    assert len({_story(seed_stories, o) for o in GALLIUM}) == 1
