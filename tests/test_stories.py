"""Story clustering: the pure batch functions and the store's cluster stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wirewatch import Settings, Store, ingest
from wirewatch.stories import IncrementalClusterer, StoryInput, cluster_texts
from wirewatch.story_store import cluster_stage
from wirewatch.storyfeatures import features, names, sentences, stem

# Our own short reports: two stories told in different words, plus unrelated ones.
QUAKE = [
    "A magnitude 6.1 earthquake struck Aceh province in Indonesia on Monday, killing at least 12 people.",
    "At least 12 people died when a 6.1-magnitude quake hit Indonesia's Aceh province, officials said.",
    "Rescuers in Aceh searched collapsed homes after Monday's magnitude 6.1 earthquake killed 12.",
]
REHAB = [
    "Actress Tara Reid checked into the Promises rehab centre in Malibu, her publicist said.",
    "Tara Reid has entered Promises Treatment Center in Malibu, a representative told People.",
]
OTHER = [
    "The central bank left interest rates unchanged and signalled two cuts later this year.",
    "A rare orchid bloomed at the botanical garden for the first time in forty years.",
]


def _labels(result: dict[int | str, int], ids: list[int | str]) -> list[int]:
    return [result[i] for i in ids]


def _partition(result: dict[int | str, int]) -> set[frozenset[int | str]]:
    groups: dict[int, set[int | str]] = {}
    for ident, story in result.items():
        groups.setdefault(story, set()).add(ident)
    return {frozenset(g) for g in groups.values()}


def test_features_cover_words_pairs_and_names() -> None:
    f = features("Russian President Vladimir Putin had a call with Xi Jinping on Tuesday.")
    assert f["w:putin"] == 1 and f["w:call"] == 1
    assert "b:vladimir_putin" in f
    assert f["n:vladimir_putin"] == 1 and f["n:xi_jinping"] == 1 and f["n:putin"] == 1
    assert "w:the" not in f and "w:said" not in f
    assert stem("checked") == stem("checks") == stem("checking") == "check"
    assert stem("carrier") == stem("carriers") == stem("carries") == "carry"
    assert stem("tier") == "tier"
    # British and American spellings meet.
    assert stem("stabilising") == stem("stabilizing") and stem("organisations") == stem("organization")
    assert stem("labour") == stem("labor") and stem("centre") == stem("center")
    assert stem("defence") == stem("defense") and stem("rise") == "rise" and stem("hour") == "hour"
    assert names("Officials said the Betty Ford Center was ready.") == ["betty_ford_center"]
    # A merged feed line whose sentences lost their space still splits; abbreviations do not.
    assert sentences("It ended in Moscow.As Russia's options shrank. U.S. envoys met on Jan. 28.") == [
        "It ended in Moscow.", "As Russia's options shrank.", "U.S. envoys met on Jan. 28."]


def test_cluster_texts_groups_same_story_and_separates_others(settings: Settings) -> None:
    texts = QUAKE + REHAB + OTHER
    items = [StoryInput(i, t) for i, t in enumerate(texts)]
    result = cluster_texts(items, settings)
    assert len({result[i] for i in range(3)}) == 1
    assert len({result[i] for i in (3, 4)}) == 1
    assert result[0] != result[3]
    assert len({result[5], result[6], result[0], result[3]}) == 4


def test_time_window_keeps_far_apart_reports_apart(settings: Settings) -> None:
    day = datetime(2025, 1, 6, tzinfo=UTC)
    items = [StoryInput(0, QUAKE[0], day), StoryInput(1, QUAKE[1], day + timedelta(days=1)),
             StoryInput(2, QUAKE[2], day + timedelta(days=60))]
    result = cluster_texts(items, settings)
    assert result[0] == result[1] != result[2]


@hsettings(max_examples=25, deadline=None)
@given(st.permutations(list(range(len(QUAKE + REHAB + OTHER)))), st.lists(
    st.text(alphabet="abcdefgh XYZ.", min_size=1, max_size=40), max_size=4))
def test_batch_result_does_not_depend_on_order(order: list[int], extra: list[str]) -> None:
    texts = QUAKE + REHAB + OTHER + extra
    items = [StoryInput(i, t) for i, t in enumerate(texts)]
    shuffled = [items[i] for i in order] + items[len(order):][::-1]
    s = Settings()
    assert _partition(cluster_texts(items, s)) == _partition(cluster_texts(shuffled, s))


def test_incremental_joins_stored_stories_and_ids_never_change(settings: Settings) -> None:
    clusterer = IncrementalClusterer(settings)
    first = clusterer.add([StoryInput(0, QUAKE[0]), StoryInput(1, REHAB[0]), StoryInput(2, OTHER[0])])
    second = clusterer.add([StoryInput(3, QUAKE[1]), StoryInput(4, REHAB[1]), StoryInput(5, OTHER[1])])
    assert second[3] == first[0] and second[4] == first[1]
    assert second[5] not in set(first.values())
    assert set(first.values()) == {1, 2, 3}


def _write(tmp: Path, name: str, lines: list[str]) -> Path:
    path = tmp / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cluster_stage_in_store(store: Store, settings: Settings, tmp_path: Path) -> None:
    stages = [cluster_stage(settings)]
    a = _write(tmp_path, "a.txt", [QUAKE[0], REHAB[0], OTHER[0], QUAKE[0]])
    ingest([a], store, settings, stages=stages)
    rows = dict(store.db.execute("SELECT snippet_id, story_id FROM story_members").fetchall())
    assert len(rows) == 3  # the exact repeat is one snippet, one report
    before = rows.copy()
    # Second batch: a near-duplicate of a stored report follows it; new reports join stories.
    near = QUAKE[0].replace("Monday", "Monday morning")
    b = _write(tmp_path, "b.txt", [near, QUAKE[1], REHAB[1], OTHER[1]])
    ingest([b], store, settings, stages=stages)
    rows = dict(store.db.execute("SELECT snippet_id, story_id FROM story_members").fetchall())
    assert all(rows[k] == v for k, v in before.items())  # nothing moved
    quake_story = before[1]
    text_of = dict(store.db.execute("SELECT text, id FROM snippets").fetchall())
    assert rows[text_of[near]] == quake_story
    assert rows[text_of[QUAKE[1]]] == quake_story
    assert rows[text_of[REHAB[1]]] == before[2]
    reports = dict(store.db.execute("SELECT id, reports FROM stories").fetchall())
    assert reports[quake_story] == 2  # the near-duplicate does not count as a report
    # Re-ingesting adds nothing and changes nothing.
    ingest([b], store, settings, stages=stages)
    assert dict(store.db.execute("SELECT snippet_id, story_id FROM story_members").fetchall()) == rows


def test_stage_backfills_a_store_clustered_without_it(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    ingest([_write(tmp_path, "a.txt", QUAKE)], store, settings, stages=[])
    ingest([_write(tmp_path, "b.txt", REHAB)], store, settings, stages=[cluster_stage(settings)])
    stories = store.db.execute("SELECT story_id, COUNT(*) FROM story_members GROUP BY story_id").fetchall()
    assert sorted(n for _, n in stories) == [2, 3]


def test_undated_stories_have_no_span_and_sort_last(store: Store, settings: Settings) -> None:
    """The sample's desk notes (batch-03, plain text) have no publication times: their stories must
    not show the ingest time as first/last seen, nor head the feed."""
    from wirewatch.demo import ingest_sample
    from wirewatch.story_queries import feed_story_ids, list_stories

    ingest_sample(store, settings, stages=[cluster_stage(settings)])
    feed = list_stories(store.db, limit=10_000)
    dated = [s for s in feed if s["last_seen"] is not None]
    undated = [s for s in feed if s["last_seen"] is None]
    assert undated and dated
    assert all(s["first_seen"] is None for s in undated)
    assert feed == dated + undated  # undated stories come after every dated one
    newest_published = store.db.execute("SELECT MAX(published) FROM occurrences").fetchone()[0]
    assert max(s["last_seen"] for s in dated) == newest_published  # no ingest time leaks in
    ids = feed_story_ids(store.db, limit=10_000)
    assert set(ids[-len(undated):]) == {s["id"] for s in undated}


def test_plain_rows_leave_out_names_and_the_words_of_names(settings: Settings) -> None:
    """The non-name part of a report (used when ClusterParams.boost_names is off) keeps its own
    words and pairs, and drops names, actor codes and the words and pairs made of its names."""
    import numpy as np

    from wirewatch.stories import ClusterParams, _unit_rows, bucket

    params = ClusterParams.from_settings(settings)
    item = StoryInput(0, "The Kestrel Federation imposed tariffs on grain exports.", None, ("KST GOV",))
    full, _words, plain = _unit_rows([item], params, plain=True)
    kept = set(plain.indices[plain.data > 0].tolist())
    for feature in ("w:tariff", "w:grain", "b:grain_export", "b:impos_tariff"):
        assert bucket(feature) in kept, feature
    for feature in ("n:kestrel_federation", "w:kestrel", "b:kestrel_federation", "b:federation_impos",
                    "a:KST GOV"):
        assert bucket(feature) in set(full.indices.tolist()) and bucket(feature) not in kept, feature
    dense_plain, dense_full = plain.toarray(), full.toarray()
    assert np.array_equal(dense_plain[dense_plain > 0], dense_full[dense_plain > 0])  # same scale


def test_min_plain_keeps_a_report_that_shares_only_names_out_of_a_story() -> None:
    """``ClusterParams.min_plain`` (off by default): a short report whose fit to a story comes from
    the actor it names, not from what it says, opens a story of its own, in the group join of a
    new batch as in the attach step."""
    import dataclasses

    def second_batch(min_plain: float) -> tuple[dict[int | str, int], dict[int | str, int]]:
        clusterer = IncrementalClusterer(Settings())
        clusterer.params = dataclasses.replace(clusterer.params, min_plain=min_plain)
        first = clusterer.add([StoryInput(i, text, None, ("KST GOV",)) for i, text in enumerate([
            "Kestrel Federation troops shelled the port of Valmora on Monday.",
            "Kestrel Federation artillery hit Valmora port overnight, officials in Valmora said.",
            "Shelling by the Kestrel Federation damaged the Valmora port and its cranes.",
            "Pelican Republic farmers protested over grain prices in Ardent.",
            "Ardent grain farmers from the Pelican Republic blocked roads over prices.",
        ])])
        return first, clusterer.add([StoryInput(10, "Kestrel Federation opens a new museum of modern art.",
                                                None, ("KST GOV",))])

    first, lifted = second_batch(0.0)
    assert lifted[10] == first[0]  # the shared name, lifted for a short report, is enough
    first, checked = second_batch(0.03)
    assert checked[10] not in set(first.values())


def test_report_titles_are_short() -> None:
    from wirewatch.summarise import Report, report_title

    article = ("Rescuers pulled survivors from the rubble of a collapsed school in the mountain town on Tuesday, "
               "officials said, as aftershocks shook the region. " + "More detail follows here. " * 100)
    assert report_title(Report(1, article, title="Quake hits mountain town")) == "Quake hits mountain town"
    title = report_title(Report(2, article))
    assert len(title) <= 121 and title.endswith("…") and article.startswith(title[:-1])
    assert not title[:-1].endswith(" ")  # cut at a word boundary
    assert report_title(Report(3, "Short report.")) == "Short report."
