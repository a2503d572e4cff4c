"""The embedded SQLite store: schema, migrations, transactions and read queries."""

from .db import Store, insert_snippets, utcnow

__all__ = ["Store", "utcnow", "insert_snippets"]
