"""The embedded SQLite store: schema, migrations, transactions and read queries."""

from .db import Store, insert_snippets, iso_z, utcnow

__all__ = ["Store", "utcnow", "iso_z", "insert_snippets"]
