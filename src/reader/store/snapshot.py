"""Reopening the last article without SQLAlchemy: the rows the first paint needs, read (and the
article marked as opened) with the standard library's sqlite3.

Importing SQLAlchemy and sqlmodel costs about a third of a second, most of a later launch; the
window's first article comes through here, and the full store is loaded when an operation first
needs it. Rows come back as namespaces whose attributes are the tables' columns (datetimes and
booleans converted as SQLAlchemy would), so the library builds its views from them as from model
objects. Anything unexpected (no such table, a newer schema) yields None: the caller takes the
normal way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from reader.store.database import connect

DATETIME_COLUMNS = {"added_at", "opened_at", "created_at", "updated_at"}
BOOL_COLUMNS = {"orphaned"}


@dataclass(frozen=True)
class ArticleSnapshot:
    """One stored article with its derived rows (in the order the library reads them)."""

    article: SimpleNamespace
    sources: tuple[SimpleNamespace, ...]
    statements: tuple[SimpleNamespace, ...]
    corrections: tuple[SimpleNamespace, ...]
    highlights: tuple[SimpleNamespace, ...]


def _datetime(value: object) -> datetime | None:
    """As sqlmodel's column type reads it: UTC stored without an offset, returned aware."""
    if value is None:
        return None
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _row(cur: sqlite3.Cursor, values: tuple) -> SimpleNamespace:
    out = {}
    for (name, *_), value in zip(cur.description, values, strict=True):
        if name in DATETIME_COLUMNS:
            value = _datetime(value)
        elif name in BOOL_COLUMNS:
            value = bool(value)
        out[name] = value
    return SimpleNamespace(**out)


def _all(conn: sqlite3.Connection, query: str, *args: object) -> tuple[SimpleNamespace, ...]:
    cur = conn.execute(query, args)
    return tuple(_row(cur, r) for r in cur.fetchall())


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = connect(db_path, timeout=5.0)  # read-only when the library was opened so
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def read_last_article(db_path: Path, analysis_version: str) -> ArticleSnapshot | None:
    """The article named by the "last_article" setting with its rows, if its derived rows were
    made by `analysis_version`; else (or if anything is amiss) None."""
    if not Path(db_path).is_file():
        return None
    try:
        conn = _connect(db_path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'last_article'").fetchone()
            if not row or not str(row[0]).isdigit():
                return None
            aid = int(row[0])
            found = _all(conn, "SELECT * FROM article WHERE id = ?", aid)
            if not found or found[0].analysis_version != analysis_version:
                return None
            return ArticleSnapshot(
                article=found[0],
                sources=_all(
                    conn, "SELECT * FROM article_source WHERE article_id = ? ORDER BY id", aid
                ),
                statements=_all(
                    conn, "SELECT * FROM statement WHERE article_id = ? ORDER BY start", aid
                ),
                corrections=_all(
                    conn, "SELECT * FROM correction WHERE article_id = ? ORDER BY id", aid
                ),
                highlights=_all(
                    conn, "SELECT * FROM highlight WHERE article_id = ? ORDER BY start", aid
                ),
            )
        finally:
            conn.close()
    except (sqlite3.Error, ValueError, TypeError):
        return None


def mark_opened(db_path: Path, article_id: int, when: datetime) -> None:
    """Set the article's opened_at and the "last_article" setting, as opening it does."""
    stamp = when.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    conn = _connect(db_path)
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


# ---- the library-wide source reads (Sources panel) --------------------------------------------

# table → the columns a read may order by; names are checked here, values are bound or are ints
_ORDERS = {
    "article": {"id", "added_at DESC"},
    "article_source": {"id"},
    "statement": {"start"},
    "correction": {"id"},
    "library_source": {"id"},
}


@contextmanager
def reading(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A short-lived connection for reads (no SQLAlchemy), closed on leaving."""
    conn = _connect(db_path)
    try:
        yield conn
    finally:
        conn.close()


def read_rows(
    conn: sqlite3.Connection,
    table: str,
    order: str,
    *,
    article_ids: Iterable[int] | None = None,
    where: tuple[str, object] | None = None,
) -> tuple[SimpleNamespace, ...]:
    """Rows of `table` ordered by `order`, limited to `article_ids` (the article's own id for
    the article table) and/or to one column equal to a value."""
    if order not in _ORDERS.get(table, ()):
        raise ValueError(f"cannot read {table} by {order}")
    clauses, args = [], []
    if article_ids is not None:
        ids = ", ".join(str(int(a)) for a in article_ids)
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
    return _all(conn, f"{query} ORDER BY {order}", *args)


def stale_article_ids(db_path: Path, analysis_version: str) -> list[int]:
    """Ids of the articles whose derived rows another engine made (or none made), in id order;
    read without SQLAlchemy, so the window can look at start-up at no cost."""
    with reading(db_path) as conn:
        rows = conn.execute(
            "SELECT id FROM article WHERE analysis_version IS NOT ? ORDER BY id",
            (analysis_version,),
        ).fetchall()
    return [int(r[0]) for r in rows]
