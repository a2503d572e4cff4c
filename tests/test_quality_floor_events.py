"""Quality floor of the event coder on the PLOVER gold-standard records (../shared/data).

The full evaluation is ``eval/plover_gsr.py``; this test pins floors a little below what it
measures, so a change that makes coding worse fails CI. Raise the floors when the coder improves.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from wirewatch.events.coder import code_texts

ROOT = Path(__file__).resolve().parents[1]

# Measured 2025-11 (eval/plover_gsr.py): type accuracy 0.696, macro-F1 0.691, country F1 0.734,
# sector F1 0.507.
FLOORS = {"event_type_accuracy": 0.67, "event_type_macro_f1": 0.66, "country_f1": 0.70, "sector_f1": 0.47}


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("plover_gsr_eval", ROOT / "eval" / "plover_gsr.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_gsr_floor(shared_data: Path) -> None:
    gsr = shared_data / "plover_gsr" / "plover_gsr.jsonl"
    if not gsr.exists():
        pytest.skip(f"PLOVER GSR not found at {gsr}")
    ev = _eval_module()
    records = ev.load_gsr(gsr)
    result = ev.evaluate(records, code_texts([(r["id"], r["text"], None) for r in records]))
    assert result["event_type_accuracy"] >= FLOORS["event_type_accuracy"]
    assert result["event_type_macro_f1"] >= FLOORS["event_type_macro_f1"]
    assert result["actor_country"]["f1"] >= FLOORS["country_f1"]
    assert result["actor_sector"]["f1"] >= FLOORS["sector_f1"]
