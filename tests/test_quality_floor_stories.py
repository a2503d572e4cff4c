"""Story clustering quality floor on ECB+ (the full evaluation is eval/stories.py).

Measured with the default settings: B-cubed F1 0.913, NMI 0.970, ARI 0.892 (stateless, one batch);
the oracle-tuned TF-IDF + agglomerative baseline scores B-cubed F1 0.875. The floors sit a little
below, so a change that costs quality fails here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wirewatch import Settings
from wirewatch.stories import StoryInput, cluster_texts

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from stories import bcubed  # noqa: E402

ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"


@pytest.mark.slow
def test_ecbplus_bcubed_floor() -> None:
    if not ECBPLUS.exists():
        pytest.skip(f"ECB+ not found at {ECBPLUS} (../shared/data/ecbplus)")
    docs = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
    items = [StoryInput(d["doc_id"], "\n".join(s["text"] for s in d["sentences"])) for d in docs]
    labels = cluster_texts(items, Settings())
    precision, recall, f1 = bcubed([d["subtopic"] for d in docs], [labels[d["doc_id"]] for d in docs])
    assert f1 >= 0.89, (precision, recall, f1)
    assert precision >= 0.90 and recall >= 0.85
