"""The seed batches end to end through ingest (read from ../shared/data/seeds)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch import Settings, Store, ingest
from wirewatch.cli import app
from wirewatch.ingest import expand_inputs
from wirewatch.store.queries import stats


def test_seeds_fold_to_21_snippets(seeds_dir: Path, store: Store) -> None:
    for path in expand_inputs([seeds_dir]):
        ingest([path], store, Settings(), stages=[], batch=Path(path).name)
    counts = stats(store.db)
    assert (counts["occurrences"], counts["snippets"], counts["batches"]) == (23, 21, 2)
    assert counts["duplicate_groups"] == 2
    # every folded line is still there, linked to its snippet
    linked = store.db.execute("SELECT COUNT(*) FROM occurrences o JOIN snippets s ON s.id = o.snippet_id").fetchone()[0]
    assert linked == 23


def test_seeds_through_the_cli_twice(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--batch-per-file", str(seeds_dir), "--db", db]).exit_code == 0
    again = runner.invoke(app, ["ingest", "--batch-per-file", str(seeds_dir), "--db", db])
    assert again.output.count("nothing new") == 2
    data = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).output)
    assert (data["occurrences"], data["snippets"], data["batches"]) == (23, 21, 2)
