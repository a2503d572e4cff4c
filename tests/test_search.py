"""Search: any user text is a valid query; results are grouped by story and highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wirewatch import QueryError, Settings, Store, ingest
from wirewatch.search import SearchQuery, fts_query, search, search_sql
from wirewatch.story_store import cluster_stage

REPORTS = [
    "A magnitude 6.1 earthquake struck Aceh province in Indonesia on Monday, killing 12 people.",
    "At least 12 people died when a 6.1-magnitude quake hit Indonesia's Aceh province.",
    "The central bank left interest rates unchanged and signalled two cuts later this year.",
    'He said "AND OR NOT" are words too: NEAR(a b) title:x * ^start -minus',
]


@pytest.fixture
def filled(store: Store, settings: Settings, tmp_path: Path) -> Store:
    path = tmp_path / "reports.txt"
    path.write_text("\n".join(REPORTS) + "\n", encoding="utf-8")
    ingest([path], store, settings, outlet="Test Wire", stages=[cluster_stage(settings)])
    return store


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('NEAR(a b) AND "x" title:y*') == '"NEAR" "a" "b" "AND" "x" "title" "y"'
    assert fts_query("  ...  ") is None


def test_results_grouped_by_story_with_highlights(filled: Store) -> None:
    groups = search(filled.db, SearchQuery("Aceh earthquake"))
    assert len(groups) == 1 and groups[0]["story_id"] is not None
    hit = groups[0]["hits"][0]
    assert "\x02" in hit["highlighted"] and hit["outlets"] == ["Test Wire"]
    both = search(filled.db, SearchQuery("Aceh"))
    assert [len(g["hits"]) for g in both] == [2]  # two reports, one story


def test_operators_in_user_text_are_words(filled: Store) -> None:
    groups = search(filled.db, SearchQuery('AND OR NOT NEAR('))
    assert len(groups) == 1 and "NEAR" in groups[0]["hits"][0]["text"]


def test_filters_and_errors(filled: Store) -> None:
    assert search(filled.db, SearchQuery("Aceh", outlets=("Nobody",))) == []
    assert len(search(filled.db, SearchQuery("Aceh", since="1d"))) == 1
    with pytest.raises(QueryError):
        search(filled.db, SearchQuery("!!!"))
    with pytest.raises(QueryError):
        search(filled.db, SearchQuery("Aceh", since="last tuesday"))
    sql, params = search_sql(filled.db, SearchQuery("Aceh"))
    assert "MATCH ?" in sql and params[0] == '"Aceh"'


@hsettings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_raises_anything_but_query_error(text: str) -> None:
    store = Store(":memory:")
    try:
        search(store.db, SearchQuery(text))
    except QueryError:
        assert fts_query(text) is None  # only "no words at all" is refused
    finally:
        store.close()


def test_rank_window_bounds_ranking_to_newest_matches(filled: Store) -> None:
    exact = search(filled.db, SearchQuery("Aceh", rank_window=0))
    assert search(filled.db, SearchQuery("Aceh")) == exact  # fewer matches than the window: exact
    newest = search(filled.db, SearchQuery("Aceh", rank_window=1))
    ids = [h["snippet_id"] for g in exact for h in g["hits"]]
    assert [h["snippet_id"] for g in newest for h in g["hits"]] == [max(ids)]
