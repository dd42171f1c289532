"""Reading without SQLAlchemy: the rows the first paint needs (the last article, marked as
opened again) and the library-wide source reads, with the standard library's sqlite3 — or, on
a PostgreSQL library, the same SQL through psycopg (reader.store.dbapi).

Importing SQLAlchemy and sqlmodel costs about a third of a second, most of a later launch; the
window's first article comes through here, and the full store is loaded when an operation first
needs it. Rows come back as the records of store/records.py (the tables' columns, datetimes
and booleans as SQLAlchemy reads them), which the library converts with the same code as model
objects. Anything unexpected (no such table, a column missing) yields None from
`read_last_article`: the caller takes the normal way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from reader.store.database import connect
from reader.store.location import LibraryLocation
from reader.store.records import (
    ArticleRecord,
    CorrectionRecord,
    HighlightRecord,
    LibrarySourceRecord,
    R,
    Record,
    SourceRecord,
    StatementRecord,
)


@dataclass(frozen=True)
class ArticleSnapshot:
    """One stored article with its derived rows (in the order the library reads them)."""

    article: ArticleRecord
    sources: tuple[SourceRecord, ...]
    statements: tuple[StatementRecord, ...]
    corrections: tuple[CorrectionRecord, ...]
    highlights: tuple[HighlightRecord, ...]


Where = Path | LibraryLocation  # the library file, or any library's location


def _connect(where: Where) -> sqlite3.Connection:
    """A connection for the direct reads. On PostgreSQL it is reader.store.dbapi's adapter,
    which has the sqlite3 surface these reads use (execute with `?`, fetch, description,
    `with conn:`, close), hence typed as one."""
    if isinstance(where, LibraryLocation):
        if where.path is None:
            from reader.store import dbapi

            return cast(sqlite3.Connection, dbapi.PgConnection(dbapi.acquire(where), where))
        where = where.path
    conn = connect(where, timeout=5.0)  # read-only when the library was opened so
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def read_errors(where: Where) -> tuple[type[Exception], ...]:
    """The database errors of the engine `where` is on (psycopg's only on PostgreSQL, so the
    SQLite path never imports it)."""
    if isinstance(where, LibraryLocation) and where.path is None:
        import psycopg

        return (sqlite3.Error, psycopg.Error)
    return (sqlite3.Error,)


def read_last_article(where: Where, analysis_version: str) -> ArticleSnapshot | None:
    """The article named by the "last_article" setting with its rows, if its derived rows were
    made by `analysis_version`; else (or if anything is amiss) None."""
    path = where.path if isinstance(where, LibraryLocation) else where
    if path is not None and not Path(path).is_file():
        return None
    try:
        conn = _connect(where)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'last_article'").fetchone()
            if not row or not str(row[0]).isdigit():
                return None
            ids = [int(row[0])]
            found = read_rows(conn, ArticleRecord, "id", article_ids=ids)
            if not found or found[0].analysis_version != analysis_version:
                return None
            return ArticleSnapshot(
                article=found[0],
                sources=read_rows(conn, SourceRecord, "id", article_ids=ids),
                statements=read_rows(conn, StatementRecord, "start", article_ids=ids),
                corrections=read_rows(conn, CorrectionRecord, "id", article_ids=ids),
                highlights=read_rows(conn, HighlightRecord, "start", article_ids=ids),
            )
        finally:
            conn.close()
    except (ValueError, TypeError):
        return None
    except read_errors(where):
        return None


def mark_opened(where: Where, article_id: int, when: datetime) -> None:
    """Set the article's opened_at and the "last_article" setting, as opening it does."""
    stamp = when.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    conn = _connect(where)
    try:
        with conn:
            conn.execute("UPDATE article SET opened_at = ? WHERE id = ?", (stamp, article_id))
            conn.execute(
                "INSERT INTO setting (key, value) VALUES ('last_article', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(article_id),),
            )
    finally:
        conn.close()


# ---- reads of whole tables (the Sources panel's library-wide reads) ----------------------------

# record → the columns a read may order by; names are checked here, values are bound or are ints
_ORDERS: dict[type[Record], set[str]] = {
    ArticleRecord: {"id", "added_at DESC"},
    SourceRecord: {"id"},
    StatementRecord: {"start"},
    CorrectionRecord: {"id"},
    HighlightRecord: {"start"},
    LibrarySourceRecord: {"id"},
}


@contextmanager
def reading(where: Where) -> Iterator[sqlite3.Connection]:
    """A short-lived connection for reads (no SQLAlchemy), closed on leaving (on PostgreSQL
    handed back to the pool, what was not committed rolled back)."""
    conn = _connect(where)
    try:
        yield conn
    finally:
        conn.close()


def read_rows(
    conn: sqlite3.Connection,
    record: type[R],
    order: str,
    *,
    article_ids: Iterable[int] | None = None,
    where: tuple[str, object] | None = None,
) -> tuple[R, ...]:
    """Rows of the record's table ordered by `order`, limited to `article_ids` (the article's
    own id for the article table) and/or to one column equal to a value."""
    table = record.TABLE
    if order not in _ORDERS.get(record, ()):
        raise ValueError(f"cannot read {table} by {order}")
    clauses, args = [], []
    if article_ids is not None:
        ids = ", ".join(str(int(a)) for a in article_ids)
        if not ids:  # SQLite takes `IN ()`, PostgreSQL does not: nothing to read either way
            return ()
        clauses.append(f"{'id' if table == 'article' else 'article_id'} IN ({ids})")
    if where is not None:
        column, value = where
        if column not in ("id", "library_source_id"):
            raise ValueError(f"cannot select {table} by {column}")
        clauses.append(f"{column} = ?")
        args.append(value)
    query = f"SELECT * FROM {table}"
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    cur = conn.execute(f"{query} ORDER BY {order}", args)
    make = record.maker([d[0] for d in cur.description])
    return tuple(make(r) for r in cur.fetchall())


def stale_article_ids(where: Where, analysis_version: str) -> list[int]:
    """Ids of the articles whose derived rows another engine made (or none made), in id order;
    read without SQLAlchemy, so the window can look at start-up at no cost."""
    with reading(where) as conn:
        rows = conn.execute(  # not SQLite's `IS NOT ?`: PostgreSQL has no such operator
            "SELECT id FROM article WHERE analysis_version IS NULL OR analysis_version <> ? "
            "ORDER BY id",
            (analysis_version,),
        ).fetchall()
    return [int(r[0]) for r in rows]
