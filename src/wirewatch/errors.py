"""One exception tree for wirewatch.

Every error the library raises on purpose derives from :class:`WirewatchError`, so a caller (the CLI,
the web app, a notebook) can catch one class. Messages say what went wrong *and what to do next*.

    WirewatchError
    ├── SettingsError          a setting has a bad value (names the setting)
    ├── StoreError             the SQLite store cannot be opened, migrated or written
    │   └── SchemaVersionError the file was written by a newer wirewatch
    ├── InputError             an input cannot be read at all (names the file)
    │   └── RecordError        one record is bad (names file and line/item); it is skipped
    ├── NotFoundError          a snippet, story, event or actor id does not exist
    ├── QueryError             a search or filter cannot be run as given
    ├── PipelineError          stages declared in an order that cannot run
    ├── ModelError             a language model or embedding model is missing
    └── ExportError            an export cannot be written (file exists, optional package missing)
"""

from __future__ import annotations

__all__ = [
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


class WirewatchError(Exception):
    """Base class of every error wirewatch raises on purpose."""


class SettingsError(WirewatchError):
    """A setting has a value wirewatch cannot use."""


class StoreError(WirewatchError):
    """The SQLite store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The store was written by a newer version of wirewatch than this one."""


class InputError(WirewatchError):
    """An input (file, folder, URL) cannot be read at all."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        super().__init__(f"{source}: {message}")


class RecordError(InputError):
    """One record of an input is bad; the reader skips it and the batch goes on."""

    def __init__(self, source: str, locator: str, message: str) -> None:
        self.locator = locator
        self.reason = message
        super().__init__(f"{source}:{locator}" if locator else source, message)
        self.source = source


class NotFoundError(WirewatchError):
    """An id (snippet, story, event, actor) does not exist in the store."""


class QueryError(WirewatchError):
    """A search or filter cannot be run as given."""


class PipelineError(WirewatchError):
    """Pipeline stages were declared in an order whose requirements cannot be met."""


class ModelError(WirewatchError):
    """A language or embedding model is not installed."""


class ExportError(WirewatchError):
    """An export cannot be written: the file exists (and no --force), or its format needs an
    optional package that is not installed."""
