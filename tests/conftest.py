"""Shared fixtures: a fresh in-memory store per test, default settings, the data folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch import Settings, Store

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "src" / "wirewatch" / "sample"


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
