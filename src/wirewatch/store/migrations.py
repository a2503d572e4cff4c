"""Schema migrations, as ordered functions. Each runs once, inside a transaction, and is recorded in
the ``migrations`` table of the file, so an old store upgrades in place and a newer one is refused.

To change the schema, append a function to :data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

__all__ = ["MIGRATIONS", "Migration", "run_script"]

Migration = Callable[[sqlite3.Connection], None]


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction. (``executescript`` would COMMIT the
    open transaction first, so a failed migration could leave a half-built schema.)"""
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                db.execute(statement)
            statement = ""


def m001_foundation(db: sqlite3.Connection) -> None:
    """Batches, snippets (distinct normalised texts), occurrences (every record read), rejects."""
    run_script(
        db,
        """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            records INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            new_occurrences INTEGER NOT NULL DEFAULT 0,
            new_snippets INTEGER NOT NULL DEFAULT 0
        );
        -- One row per distinct normalised text. canonical_id points at the snippet that stands for
        -- its near-duplicate group (itself for a canonical); rows are never deleted by folding.
        CREATE TABLE snippets (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            canonical_id INTEGER NOT NULL REFERENCES snippets(id),
            similarity REAL NOT NULL DEFAULT 1.0,
            first_batch_id INTEGER NOT NULL REFERENCES batches(id),
            first_seen TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX snippets_canonical ON snippets(canonical_id);
        -- One row per record read: the provenance. `key` makes re-ingesting the same input a no-op.
        CREATE TABLE occurrences (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            snippet_id INTEGER NOT NULL REFERENCES snippets(id),
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            source TEXT NOT NULL,
            locator TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            external_id TEXT,
            ingested_at TEXT NOT NULL,
            original TEXT NOT NULL
        );
        CREATE INDEX occurrences_snippet ON occurrences(snippet_id);
        CREATE INDEX occurrences_batch ON occurrences(batch_id);
        CREATE INDEX occurrences_published ON occurrences(published);
        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER REFERENCES batches(id),
            source TEXT NOT NULL,
            locator TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        -- Full text over snippets, kept in step by triggers (external content: no second copy).
        CREATE VIRTUAL TABLE snippets_fts USING fts5(
            text, content='snippets', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN
            INSERT INTO snippets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER snippets_au AFTER UPDATE OF text ON snippets BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO snippets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """
    )


MIGRATIONS: list[Migration] = [m001_foundation]
