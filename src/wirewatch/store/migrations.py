"""Schema migrations, as ordered functions. Each runs once, inside a transaction, and is recorded in
the ``migrations`` table of the file, so an old store upgrades in place and a newer one is refused.

To change the schema, append a function to :data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

import re
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
            at TEXT NOT NULL,
            UNIQUE (source, locator, reason)  -- re-reading a bad file does not count it twice
        );
        -- Full text over snippets, kept in step by triggers (external content: no second copy).
        CREATE VIRTUAL TABLE snippets_fts USING fts5(
            text, content='snippets', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN
            INSERT INTO snippets_fts(rowid, text) VALUES (new.id, new.text);
        END;  -- keep in step with db.SNIPPETS_AI; bulk loads swap it for one set-wise insert
        CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER snippets_au AFTER UPDATE OF text ON snippets BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO snippets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """
    )


def m003_stories(db: sqlite3.Connection) -> None:
    """Stories (ids never reused), which snippet belongs to which story, and the clustering state."""
    run_script(
        db,
        """
        -- AUTOINCREMENT: a story id, once given, is never given again, even if rows were deleted.
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_batch_id INTEGER NOT NULL REFERENCES batches(id),
            updated_batch_id INTEGER NOT NULL REFERENCES batches(id),
            reports INTEGER NOT NULL DEFAULT 0,       -- canonical snippets (duplicates not counted)
            first_published TEXT,                     -- span of its reports' publication times
            last_published TEXT,
            words REAL NOT NULL DEFAULT 0,            -- mean distinct content words of its reports
            centroid BLOB NOT NULL,                   -- wirewatch.story_store.pack_centroid
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_last_published ON stories(last_published);
        CREATE INDEX stories_updated_batch ON stories(updated_batch_id);
        -- Every snippet, canonical or not, belongs to one story; near-duplicates follow their
        -- canonical snippet and never count as separate reports.
        CREATE TABLE story_members (
            snippet_id INTEGER PRIMARY KEY REFERENCES snippets(id),
            story_id INTEGER NOT NULL REFERENCES stories(id),
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            canonical INTEGER NOT NULL            -- 1 if it was a canonical snippet when it joined
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        -- One row: document frequencies over the hashed feature space (zlib-packed uint32s).
        CREATE TABLE story_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            n_docs INTEGER NOT NULL,
            df BLOB NOT NULL
        );
        """
    )


def m002_events(db: sqlite3.Connection) -> None:
    """Actor mentions, coded events (one row per event mention in a snippet) with their actors,
    canonical events (corroboration), and actor dictionaries imported by users."""
    run_script(
        db,
        """
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            snippet_id INTEGER NOT NULL REFERENCES snippets(id),
            sentence INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            code TEXT,
            sector TEXT,
            org TEXT,
            actor TEXT NOT NULL,
            via TEXT NOT NULL,
            confidence REAL NOT NULL
        );
        CREATE INDEX mentions_snippet ON mentions(snippet_id);
        CREATE INDEX mentions_code ON mentions(code, sector);
        -- One row per real-world event: reports of it (same type, actors and date window) link here.
        CREATE TABLE canonical_events (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            mode TEXT,
            cameo TEXT NOT NULL,
            goldstein REAL NOT NULL,
            date TEXT,
            anchor_date TEXT NOT NULL,
            date_hint TEXT,
            actors_key TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            reports INTEGER NOT NULL DEFAULT 0,
            outlets INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT,
            first_batch_id INTEGER REFERENCES batches(id)
        );
        CREATE INDEX canonical_events_key ON canonical_events(type, actors_key);
        CREATE INDEX canonical_events_date ON canonical_events(anchor_date);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            snippet_id INTEGER NOT NULL REFERENCES snippets(id),
            batch_id INTEGER REFERENCES batches(id),
            sentence INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            cameo TEXT NOT NULL,
            goldstein REAL NOT NULL,
            date TEXT,
            date_text TEXT,
            date_hint TEXT,
            location TEXT,
            location_code TEXT,
            confidence REAL NOT NULL,
            negated INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            canonical_event_id INTEGER REFERENCES canonical_events(id)
        );
        CREATE INDEX events_snippet ON events(snippet_id);
        CREATE INDEX events_canonical ON events(canonical_event_id);
        CREATE INDEX events_type ON events(type);
        CREATE TABLE event_actors (
            event_id INTEGER NOT NULL REFERENCES events(id),
            role TEXT NOT NULL CHECK (role IN ('source', 'target')),
            position INTEGER NOT NULL,
            code TEXT,
            sector TEXT,
            org TEXT,
            actor TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL
        );
        CREATE INDEX event_actors_event ON event_actors(event_id);
        CREATE INDEX event_actors_code ON event_actors(code, role);
        -- CAMEO/Phoenix actor and agent dictionaries a user imported (wirewatch actors import).
        CREATE TABLE user_actor_dictionary (
            id INTEGER PRIMARY KEY,
            phrase TEXT NOT NULL,
            code TEXT,
            sector TEXT,
            org TEXT,
            start TEXT,
            end TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('actor', 'agent')),
            source_file TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        -- Re-importing a file adds nothing (NULLs compare equal here, unlike in a UNIQUE column list).
        CREATE UNIQUE INDEX user_actor_dictionary_entry ON user_actor_dictionary(
            phrase, COALESCE(code, ''), COALESCE(sector, ''), COALESCE(org, ''),
            COALESCE(start, ''), COALESCE(end, ''));
        """
    )


def m004_event_contexts(db: sqlite3.Connection) -> None:
    """PLOVER 2.0 contexts of each event mention: a JSON list of context names (``["military",
    "cbrn"]``, ``[]`` for none). Events stored before this migration keep NULL: not coded."""
    db.execute("ALTER TABLE events ADD COLUMN contexts TEXT")


def m005_learned_aliases(db: sqlite3.Connection) -> None:
    """Actor aliases learned from reports ("Armenian Prime Minister Nikol Pashinyan" teaches
    "Pashinyan" -> ARM GOV from that report's date), with the snippet and sentence they came from.
    A forgotten alias keeps its row (``forgotten_at``) so a later report does not teach it again."""
    run_script(
        db,
        """
        CREATE TABLE learned_aliases (
            id INTEGER PRIMARY KEY,
            alias TEXT NOT NULL,                  -- as written: a full name or its surname
            name TEXT NOT NULL,                   -- the full name it was learned with
            code TEXT NOT NULL,                   -- country code (ISO3)
            sector TEXT,
            valid_from TEXT NOT NULL,             -- the report's date (publication, else ingest day)
            snippet_id INTEGER REFERENCES snippets(id),
            sentence TEXT NOT NULL,               -- the sentence it was learned from
            learned_at TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            forgotten_at TEXT,
            UNIQUE (alias, code)
        );
        """
    )


def m006_undated_anchor(db: sqlite3.Connection) -> None:
    """``canonical_events.anchor_date`` may be NULL: an undated event (no date in its sentences, no
    publication time) has no day to link by, and links only within its story. Canonical events an
    older version anchored on the ingest day (undated, no published report) lose that anchor.

    SQLite cannot drop a NOT NULL in place, so the table is rebuilt from its own stored definition
    (columns added by other migrations survive). Foreign keys are on and cannot be switched off
    inside the migration's transaction, so rows pointing at it are unhooked first and re-pointed
    after (dropping a table still referenced would fail)."""
    (create,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'canonical_events'").fetchone()
    relaxed, n = re.subn(r"\banchor_date\s+TEXT\s+NOT\s+NULL", "anchor_date TEXT", create, count=1)
    if n != 1:
        raise sqlite3.DatabaseError("m006: canonical_events.anchor_date is not 'TEXT NOT NULL'")
    indexes = [row[0] for row in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'canonical_events'"
        " AND sql IS NOT NULL")]
    referrers = [(table, fk[3]) for (table,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
        for fk in db.execute(f"PRAGMA foreign_key_list({table})") if fk[2] == "canonical_events"]
    for k, (table, column) in enumerate(referrers):
        db.execute(f"CREATE TEMP TABLE m006_ref{k} AS SELECT rowid AS rid, {column} AS ref FROM {table}"
                   f" WHERE {column} IS NOT NULL")
        db.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} IS NOT NULL")
    columns = ", ".join(row[1] for row in db.execute("PRAGMA table_info(canonical_events)"))
    db.execute(re.sub(r"^CREATE TABLE\s+\"?canonical_events\"?", "CREATE TABLE canonical_events_m006", relaxed))
    db.execute(f"INSERT INTO canonical_events_m006({columns}) SELECT {columns} FROM canonical_events")
    db.execute("DROP TABLE canonical_events")
    db.execute("ALTER TABLE canonical_events_m006 RENAME TO canonical_events")
    for sql in indexes:
        db.execute(sql)
    for k, (table, column) in enumerate(referrers):
        db.execute(f"UPDATE {table} SET {column} = (SELECT ref FROM temp.m006_ref{k} WHERE rid = {table}.rowid)"
                   f" WHERE rowid IN (SELECT rid FROM temp.m006_ref{k})")
        db.execute(f"DROP TABLE temp.m006_ref{k}")
    db.execute(
        """UPDATE canonical_events SET anchor_date = NULL WHERE date IS NULL AND NOT EXISTS (
               SELECT 1 FROM events e JOIN snippets s ON s.id = e.snippet_id
               WHERE e.canonical_event_id = canonical_events.id AND s.first_seen IS NOT NULL)""")


MIGRATIONS: list[Migration] = [m001_foundation, m002_events, m003_stories, m004_event_contexts,
                               m005_learned_aliases, m006_undated_anchor]
