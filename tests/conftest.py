"""Shared fixtures: a fresh in-memory store per test, default settings, the data folders."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from wirewatch import Settings, Store

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "src" / "wirewatch" / "sample"


def load_script(relpath: str) -> ModuleType:
    """A script of the repository (``eval/plv.py``, ``scripts/gen_docs.py``) imported as a module, for
    tests that check what it computes. Registered in ``sys.modules`` first, as an import would be
    (its dataclasses look their module up)."""
    path = ROOT / relpath
    spec = importlib.util.spec_from_file_location(f"wirewatch_script_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"external evaluation data not found at {SHARED_DATA} (../shared/data)")
    return SHARED_DATA


@pytest.fixture
def seeds_dir(shared_data: Path) -> Path:
    seeds = shared_data / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed batches not found at {seeds}")
    return seeds


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the bundled sample corpus, built once per session (it runs spaCy).
    Tests open it read-only; do not write to it."""
    from wirewatch.demo import ingest_sample

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as s:
        ingest_sample(s, Settings(), root=SAMPLE)
    return path
