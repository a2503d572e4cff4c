"""Briefs cite every sentence, invent nothing, and escape untrusted text in HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch import QueryError, Settings, Store, ingest
from wirewatch.briefs import build_brief, render
from wirewatch.story_queries import story_detail
from wirewatch.story_store import cluster_stage
from wirewatch.summarise import Report, representative, summarise

ROWS = [
    {"id": "a1", "outlet": "Wire A", "published": "2025-01-06T08:00:00Z",
     "text": "A magnitude 6.1 earthquake struck Aceh province in Indonesia on Monday. At least 12 people "
             "died and hundreds of homes collapsed."},
    {"id": "b1", "outlet": "Wire B", "published": "2025-01-06T10:00:00Z",
     "text": "At least 12 people died when a 6.1-magnitude quake hit Indonesia's Aceh province. Rescuers "
             "searched the rubble through the night."},
    {"id": "c1", "outlet": "Wire C", "published": "2025-01-06T12:00:00Z",
     "text": "Indonesia's Aceh quake <script>alert(1)</script> killed 12; rescuers searched the rubble "
             "of collapsed homes in the province."},
    {"id": "d1", "outlet": "Wire A", "published": "2025-01-07T09:00:00Z",
     "text": "The central bank left interest rates unchanged and signalled two cuts later this year."},
]


@pytest.fixture
def filled(store: Store, settings: Settings, tmp_path: Path) -> Store:
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    ingest([path], store, settings, stages=[cluster_stage(settings)])
    return store


def test_summary_sentences_come_from_cited_reports() -> None:
    reports = [Report(i, r["text"], (r["outlet"],), r["published"]) for i, r in enumerate(ROWS[:3])]
    summary = summarise(reports, max_sentences=3)
    assert summary
    for sentence in summary:
        assert sentence.snippet_ids
        assert all(sentence.text in reports[i].text for i in sentence.snippet_ids)
    assert len({s.text for s in summary}) == len(summary)
    assert representative(reports).snippet_id in {0, 1, 2}


def test_brief_cites_every_sentence_and_counts_outlets(filled: Store) -> None:
    brief = build_brief(filled.db, top=5)
    texts = dict(filled.db.execute("SELECT id, text FROM snippets").fetchall())
    quake = brief["stories"][0]
    assert quake["reports"] == 3 and quake["outlet_count"] == 3
    # The headline is the report's title: its first sentence here (the input gave no title).
    head = quake["headline"]["text"]
    assert texts[quake["headline"]["snippet_id"]].startswith(head) and len(head) <= 121
    for s in brief["stories"]:
        for sentence in s["summary"]:
            assert any(sentence["text"] in texts[i] for i in sentence["snippet_ids"])
    md = render(brief, "md")
    assert "## Top stories" in md and "[#" in md
    assert "No coded events in these stories." in md  # the code stage did not run: said, not invented


def test_html_escapes_snippet_text(filled: Store) -> None:
    page = render(build_brief(filled.db, query="Aceh quake"), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_json_and_filters(filled: Store) -> None:
    data = json.loads(render(build_brief(filled.db, query="interest rates"), "json"))
    assert [s["reports"] for s in data["stories"]] == [1]
    assert build_brief(filled.db, actors=["CHN"])["stories"] == []  # nothing coded: nothing shown
    with pytest.raises(QueryError):
        render(data, "pdf")


def test_story_detail_lists_every_report(filled: Store) -> None:
    story_id = filled.db.execute("SELECT story_id FROM story_members WHERE snippet_id = 1").fetchone()[0]
    detail = story_detail(filled.db, story_id)
    assert len(detail["members"]) == 3 and detail["outlets"] == ["Wire A", "Wire B", "Wire C"]
    assert detail["actors"] == [] and detail["events"] == []


def test_undated_reports_with_no_outlet_say_so(store: Store, settings: Settings, tmp_path: Path) -> None:
    """Plain text lines carry no outlet and no time: the brief says "not given" and "undated"
    instead of "0 outlets" and "undated to undated", and the pair's events, undated, still count."""
    src = tmp_path / "lines.txt"
    src.write_text("Russian President Vladimir Putin held talks with Chinese President Xi Jinping.\n"
                   "Chinese President Xi Jinping held talks with Russian President Vladimir Putin.\n",
                   encoding="utf-8")
    ingest([src], store, settings)
    text = render(build_brief(store.db, actors=["CHN", "RUS"]), "md")
    assert "outlets: not given" in text and "span: undated" in text and "undated to undated" not in text
    assert "0 outlets" not in text and "No coded events between" not in text
    assert "| undated | 2 |" in text
