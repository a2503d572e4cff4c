"""Bare titles ("the defence minister", "the prime minister", "Defense Minister") take the country
their sentence, else their snippet, is about (via "context", below an explicit country's confidence).
All sentences here are written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.actors.resolve import Mention
from wirewatch.events.coder import Coder, get_coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return get_coder()


def mentions(coder: Coder, text: str, published: str | None = "2024-03-05") -> list[Mention]:
    [ann] = coder.annotate([("t", text, published)])
    return [m for sentence in ann.mentions for m in sentence]


def find(ms: list[Mention], text: str) -> Mention:
    hits = [m for m in ms if m.text == text]
    assert len(hits) == 1, (text, [(m.text, m.full_code, m.via) for m in ms])
    return hits[0]


def test_bare_title_takes_the_sentence_country(coder: Coder) -> None:
    # The German example of the issue: "Berlin" is the only state this sentence codes.
    ms = mentions(coder, "German troops crossed into Lithuania on Monday. Berlin said the Defense Minister "
                         "would visit the soldiers.")
    title = find(ms, "Defense Minister")
    # sectors.jsonl codes defence ministers MIL; the country comes from the sentence.
    assert (title.full_code, title.via) == ("DEUMIL", "context")
    assert title.confidence < find(ms, "German troops").confidence


def test_bare_title_falls_back_to_the_snippet(coder: Coder) -> None:
    ms = mentions(coder, "Polish farmers blocked roads near Warsaw on Tuesday. The prime minister met "
                         "leaders of the farmers on Wednesday.")
    pm = find(ms, "prime minister")
    assert (pm.full_code, pm.via) == ("POLGOV", "context")
    ms = mentions(coder, "Kenyan police arrested 30 protesters in Nairobi. The foreign ministry condemned the "
                         "protests.")
    ministry = find(ms, "foreign ministry")
    assert (ministry.full_code, ministry.via) == ("KENGOV", "context")
    # The snippet is weaker evidence than the sentence.
    sentence_level = find(mentions(coder, "Berlin said the Defense Minister would visit."), "Defense Minister")
    assert ministry.confidence < sentence_level.confidence


def test_a_country_word_in_the_sentence_beats_a_place(coder: Coder) -> None:
    ms = mentions(coder, "In Moscow, the president praised Turkish negotiators.")
    assert find(ms, "president").full_code == "TURGOV"


def test_the_most_frequent_state_of_the_snippet_wins(coder: Coder) -> None:
    ms = mentions(coder, "Peruvian officials met Chilean officials in Lima. Peruvian police guarded the "
                         "talks. The president called them useful.")
    assert find(ms, "president").full_code == "PERGOV"


def test_what_is_not_a_bare_title_stays_uncoded(coder: Coder) -> None:
    ms = mentions(coder, "Polish farmers blocked roads. A minister resigned. Ministers met. The former "
                         "president spoke.")
    for text in ("minister", "Ministers", "former president"):
        m = find(ms, text)
        assert m.code is None and m.via == "sector", m
    # With no state anywhere in the snippet there is nothing to take.
    alone = find(mentions(coder, "The defence minister resigned on Friday."), "defence minister")
    assert alone.code is None and alone.via == "sector"


def test_explicit_countries_are_untouched(coder: Coder) -> None:
    ms = mentions(coder, "The Ghanaian president met the Chinese president.")
    assert [(m.full_code, m.via) for m in ms] == [("GHAGOV", "adjective"), ("CHNGOV", "adjective")]


def test_bare_title_reaches_the_coded_event(coder: Coder) -> None:
    [coded] = coder.code([("t", "Polish farmers blocked roads near Warsaw on Tuesday. The prime minister "
                                "met Czech farmers on Wednesday.", "2024-03-05")])
    sources = {a.full_code for e in coded.events for a in e.source if e.type == "CONSULT"}
    assert "POLGOV" in sources, [(e.type, [a.full_code for a in e.source]) for e in coded.events]
