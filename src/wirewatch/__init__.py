"""wirewatch: turn streams of news text into deduplicated stories, coded events and cited briefs.

The curated public API; everything else is an implementation detail that may change.
"""

from __future__ import annotations

import logging

from .errors import (
    ExportError,
    InputError,
    ModelError,
    NotFoundError,
    PipelineError,
    QueryError,
    RecordError,
    SchemaVersionError,
    SettingsError,
    StoreError,
    WirewatchError,
)
from .models import IngestReport, Record, Rejection
from .pipeline import ingest
from .settings import Settings
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Settings",
    "Store",
    "ingest",
    "Record",
    "Rejection",
    "IngestReport",
    "WirewatchError",
    "SettingsError",
    "StoreError",
    "SchemaVersionError",
    "InputError",
    "RecordError",
    "NotFoundError",
    "QueryError",
    "PipelineError",
    "ModelError",
    "ExportError",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
