"""The embedded SQLite store: schema, migrations, transactions and read queries."""

from .db import Store, utcnow

__all__ = ["Store", "utcnow"]
