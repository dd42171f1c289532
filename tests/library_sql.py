"""SQL on a test's library whichever engine holds it: the tests that check or set rows directly
(a count after a cascade, a text changed behind the library's back) go through the library's
own SQLAlchemy engine, so the same statement runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any


def run_sql(library: Any, query: str, **params: Any) -> list[tuple]:
    """Run `query` (named :params) on `library` (a Library or a Database) in its own
    transaction, committed; the rows it returns, if any."""
    from sqlalchemy import text

    db = getattr(library, "db", library)
    with db.engine.begin() as conn:
        result = conn.execute(text(query), params)
        return [tuple(row) for row in result] if result.returns_rows else []
