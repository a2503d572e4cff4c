"""The records that flow through the pipeline.

A reader turns an input into :class:`Record` objects (one per line, row, feed item or article).
Dedup maps each record to a :class:`Snippet` (one per distinct normalised text), and the store keeps
every record as an occurrence linked to its snippet, so nothing read is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Record", "SnippetAssignment", "IngestReport", "Rejection"]


@dataclass(frozen=True, slots=True)  # slots: a batch holds ~10^5 of these
class Record:
    """One input record with its provenance, as a reader produced it."""

    text: str
    """The original text, exactly as read (after decoding)."""
    source: str
    """The file path or URL it came from."""
    locator: str
    """Where in the source: ``line 12``, ``row 4``, ``item 3``, ``article``."""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Rejection:
    """A record that could not be read; reported with its file and line, then skipped."""

    source: str
    locator: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.locator}" if self.locator else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class SnippetAssignment:
    """Dedup's answer for one distinct normalised text."""

    hash: str
    text: str
    canonical_hash: str
    """Hash of the canonical snippet this text folds into (its own hash if it is canonical)."""
    similarity: float
    """Jaccard (or containment, for truncations) with the canonical; 1.0 for canonicals."""
    band_keys: bytes = b""


@dataclass
class IngestReport:
    """What one ingest did, for the CLI and for tests."""

    batch: str
    records: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    new_occurrences: int = 0
    already_stored: int = 0
    new_snippets: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        return self.new_occurrences == 0

    def as_dict(self) -> dict[str, object]:
        return {
            "batch": self.batch,
            "records": self.records,
            "rejected": len(self.rejected),
            "rejections": [str(r) for r in self.rejected],
            "new_occurrences": self.new_occurrences,
            "already_stored": self.already_stored,
            "new_snippets": self.new_snippets,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "seconds": round(self.seconds, 3),
        }
