"""The seed batches end to end: the Xi-Putin call is one CONSULT with three reports; China's
request to the USA and Russia is coded; Trump's hope that China can help is hypothetical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch import Settings, Store, ingest
from wirewatch.events.queries import flagged_events, list_events


@pytest.fixture
def seeded(seeds_dir: Path, store: Store) -> Store:
    ingest([seeds_dir], store, Settings(), batch="seeds")
    return store


def _countries(codes: list[str]) -> set[str]:
    return {c[:3] for c in codes}


def test_the_call_is_one_consultation_with_three_reports(seeded: Store) -> None:
    calls = [e for e in list_events(seeded.db, event_type="CONSULT")
             if _countries(e["source"] + e["target"]) == {"RUS", "CHN"} and e["date_hint"] == "tuesday"]
    assert len(calls) == 1
    assert calls[0]["reports"] == 3
    # The Feb. meeting in Beijing is another event: it does not join the call.
    others = [e for e in list_events(seeded.db, event_type="CONSULT") if e["id"] != calls[0]["id"]]
    assert all(e["reports"] == 1 for e in others)


def test_china_requests_the_usa_and_russia(seeded: Store) -> None:
    requests = [e for e in list_events(seeded.db, event_type="REQUEST", actor="CHN")
                if _countries(e["source"]) == {"CHN"}]
    assert any(_countries(e["target"]) == {"USA", "RUS"} for e in requests)


def test_hope_that_china_can_help_is_hypothetical(seeded: Store) -> None:
    helping = [e for e in list_events(seeded.db, actor="CHN") if e["type"] in ("AID", "COOPERATE", "SUPPORT")
               and "help to end" in (e["evidence"] or "")]
    assert helping == []
    flagged = [e for e in flagged_events(seeded.db) if "can help to end" in e["evidence"]]
    assert flagged and all(e["hypothetical"] for e in flagged)
    assert any(_countries(e["source"]) == {"CHN"} for e in flagged)


def test_reingesting_the_seeds_changes_no_count(seeded: Store, seeds_dir: Path) -> None:
    before = json.dumps(list_events(seeded.db), sort_keys=True, default=str)
    ingest([seeds_dir], seeded, Settings(), batch="seeds")
    assert json.dumps(list_events(seeded.db), sort_keys=True, default=str) == before
