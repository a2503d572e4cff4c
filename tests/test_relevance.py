"""The relevance model: it loads from the package, scores as the training script folded it, and
keeps a quality floor on the written test split (sentences we wrote, never trained on)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from wirewatch.errors import ModelError
from wirewatch.events.coder import code_texts, shown
from wirewatch.events.relevance import load_relevance
from wirewatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "eval" / "data" / "relevance_written.tsv"


def test_political_sentences_score_above_the_rest() -> None:
    model = load_relevance()
    p = model.probability([
        "Russian troops shelled the Ukrainian town of Kupiansk, killing four civilians.",
        "The European Union imposed new sanctions on Belarus over the forced landing of a plane.",
        "The striker attacked the left flank and scored twice before half-time.",
        "A magnitude 6.1 earthquake hit the coast on Tuesday, destroying hundreds of homes.",
    ])
    assert p[0] > 0.5 and p[1] > 0.5
    assert p[2] < 0.5 and p[3] < 0.5


def test_written_test_split_floor() -> None:
    # Measured 2026-12-04 (scripts/train_relevance.py): AUC 0.989, 94.9% of positives kept and
    # 92.8% of negatives dropped at the stored threshold.
    with WRITTEN.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "test"]
    p = load_relevance().probability([r["text"] for r in rows])
    y = np.array([int(r["label"]) for r in rows])
    threshold = Settings().min_event_relevance
    assert (p[y == 1] >= threshold).mean() >= 0.90
    assert (p[y == 0] < threshold).mean() >= 0.88


def test_events_in_irrelevant_sentences_are_not_shown() -> None:
    settings = Settings()
    [sport] = code_texts([(1, "Real Madrid's striker attacked the Bayern defence and scored twice.", None)],
                         settings)
    assert all(not shown(e, settings) for e in sport.events)
    [war] = code_texts([(2, "Russian troops attacked Ukrainian positions near Bakhmut on Monday.", None)],
                       settings)
    assert any(shown(e, settings) and e.type == "ASSAULT" for e in war.events)
    # A floor of 0 keeps every event the rules find.
    assert all(shown(e, Settings(min_event_relevance=0.0)) for e in sport.events
               if e.confidence >= settings.min_event_confidence)


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    load_relevance.cache_clear()
    try:
        with pytest.raises(ModelError, match="relevance model missing"):
            load_relevance(tmp_path)
    finally:
        load_relevance.cache_clear()
