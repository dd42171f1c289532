"""The local SQLite library: tables, migrations, queries, backups."""

from reader.store.database import Database

__all__ = ["Database"]
