"""The bundled sample corpus: ingest it batch by batch, as ``wirewatch demo`` does.

``sample/manifest.json`` lists the batches in order, each with its paths (relative to the sample
folder) and optionally ``outlet_for_txt``: the outlet of its plain-text files, which name none
(feeds and JSON Lines name their own, so they are read without it).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .errors import InputError
from .models import IngestReport
from .pipeline import ProgressFn, Stage, ingest
from .settings import Settings
from .store import Store

__all__ = ["sample_dir", "sample_batches", "ingest_sample"]

log = logging.getLogger(__name__)


def sample_dir() -> Path:
    """Where the sample corpus is installed (inside the package)."""
    return Path(str(resources.files("wirewatch") / "sample"))


def sample_batches(root: Path | None = None) -> list[dict[str, object]]:
    """The manifest's batches, in ingest order."""
    root = root or sample_dir()
    manifest = root / "manifest.json"
    if not manifest.exists():
        raise InputError(str(manifest), "the sample corpus is missing; reinstall wirewatch")
    try:
        batches = json.loads(manifest.read_text(encoding="utf-8"))["batches"]
    except (ValueError, KeyError) as exc:
        raise InputError(str(manifest), f"not a sample manifest ({exc})") from None
    return list(batches)


def _files(root: Path, paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for rel in paths:
        path = root / rel
        out.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return out


def ingest_sample(
    store: Store,
    settings: Settings,
    *,
    root: Path | None = None,
    stages: Sequence[Stage] | None = None,
    progress: ProgressFn | None = None,
) -> list[IngestReport]:
    """Ingest every batch of the sample corpus into ``store``, in order. Returns one report per
    ingest call (two for a batch whose plain-text files get their own outlet)."""
    root = root or sample_dir()
    reports: list[IngestReport] = []
    for batch in sample_batches(root):
        name = str(batch["name"])
        paths = [str(p) for p in batch.get("paths", [])]  # type: ignore[attr-defined]
        txt_outlet = batch.get("outlet_for_txt")
        files = _files(root, paths)
        groups: list[tuple[list[Path], str | None]] = [(files, None)]
        if txt_outlet:
            groups = [([f for f in files if f.suffix != ".txt"], None),
                      ([f for f in files if f.suffix == ".txt"], str(txt_outlet))]
        for group, outlet in groups:
            if not group:
                continue
            report = ingest(group, store, settings, batch=name, outlet=outlet, stages=stages,
                            progress=progress)
            log.info("sample %s: %d new snippets", name, report.new_snippets)
            reports.append(report)
    return reports
