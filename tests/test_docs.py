"""Docs are tested: the CLI reference and settings page are current, every command and setting is
documented, the README keeps its contract, and its example commands run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

import wirewatch
from conftest import load_script
from wirewatch.cli import app
from wirewatch.settings import settings_table

ROOT = Path(__file__).resolve().parents[1]


def gen_docs() -> ModuleType:
    return load_script("scripts/gen_docs.py")


def test_cli_reference_is_current() -> None:
    expected = gen_docs().cli_reference()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == expected, \
        "docs/cli.md is stale: run .venv/bin/python scripts/gen_docs.py"


def test_settings_reference_is_current() -> None:
    expected = gen_docs().settings_reference()
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == expected, \
        "docs/settings.md is stale: run .venv/bin/python scripts/gen_docs.py"


def test_every_setting_has_help_and_thresholds_say_what_they_were_tuned_on() -> None:
    for row in settings_table():
        assert row["help"].strip(), row["name"]
        if any(word in row["name"] for word in ("threshold", "containment", "bands")):
            assert row["tuned_on"], f"{row['name']} is a threshold: say what data it was tuned on"


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_contract() -> None:
    text = readme()
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    first = lines[1]
    assert first.endswith(".") and first.count(". ") == 0, "README starts with one sentence"
    setup = re.search(r"```(?:sh|bash)\n(.*?)```", text, re.S)
    assert setup, "the set-up commands come first, in a shell block"
    commands = [c for c in setup.group(1).splitlines() if c.strip() and not c.startswith("#")]
    assert len(commands) == 2, "exactly two set-up commands"
    ci = [c for c in (ROOT / ".ci" / "run").read_text().splitlines() if c.strip() and not c.startswith("#")]
    assert ci == [commands[1]], ".ci/run runs the README's test command verbatim"


def test_every_command_is_in_the_readme_or_docs() -> None:
    docs = readme() + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    for command in ("ingest", "stats", "show", "settings", "events", "code", "stories", "story", "cluster",
                    "brief", "search", "demo", "serve", "actors import", "actors lookup", "export"):
        assert f"wirewatch {command}" in docs, command


def test_public_api_is_curated() -> None:
    assert set(wirewatch.__all__) == {
        "__version__", "Settings", "Store", "ingest", "Record", "Rejection", "IngestReport",
        "WirewatchError", "SettingsError", "StoreError", "SchemaVersionError", "InputError", "RecordError",
        "NotFoundError", "QueryError", "PipelineError", "ModelError", "ExportError"}
    for name in wirewatch.__all__:
        assert hasattr(wirewatch, name)


def readme_examples() -> list[str]:
    """Lines written as `$ wirewatch ...` in the README's examples."""
    # What a pipe does to the output ("| cut -c1-150") is the shell's, not wirewatch's.
    return [line[2:].split(" | ")[0] for line in readme().splitlines() if line.startswith("$ wirewatch ")]


def test_readme_examples_run(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example command runs, in order, as a user would type them (in a scratch folder for the
    files they create; the demo store is the session's sample store)."""
    monkeypatch.chdir(ROOT)
    commands = readme_examples()
    assert len(commands) >= 5
    for command in commands:
        args = shlex.split(command)[1:]
        if args[0] in ("serve", "demo"):
            continue  # long-running / rebuilds its own file: exercised by their own tests
        if any(a.startswith("../shared/") for a in args) and not (ROOT / "../shared/data/seeds").is_dir():
            continue  # the seed batches are external data
        args = [str(sample_db) if a == "wirewatch-demo.db" else
                str(tmp_path / a) if a.endswith(".db") else a for a in args]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, f"{command}\n{result.output}"
