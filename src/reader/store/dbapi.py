"""The reads (and the few small writes) made without SQLAlchemy, on either engine: the same SQL
with sqlite3's `?` placeholders, run by the standard library's sqlite3 on a library file or by
psycopg on a PostgreSQL library. store/snapshot.py, store/drafts.py and the library's
source and outlet reads go through here, so the first paint needs neither SQLAlchemy nor
alembic on PostgreSQL either.

PostgreSQL connections are kept between uses (one small pool per URL): opening one costs a
round trip or more (authentication, TLS), a read of the Sources panel a few milliseconds.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader.store.location import LibraryLocation

if TYPE_CHECKING:
    from collections.abc import Sequence

    import psycopg

IDLE_KEPT = 4  # idle connections kept per library


@lru_cache(maxsize=256)
def pg_sql(sql: str) -> str:
    """sqlite3's SQL as psycopg takes it: `?` → `%s` (and a literal `%` doubled). Our SQL has
    no `?` inside a string literal."""
    return sql.replace("%", "%%").replace("?", "%s")


def _lost(exc: BaseException) -> bool:
    """An error that ends the session is a lost library even when psycopg has not marked the
    connection broken yet, not the statement's own failure."""
    from reader.store.postgres import ends_session

    return ends_session(getattr(exc, "sqlstate", None))


class PgConnection:
    """A psycopg connection with sqlite3's surface: `execute(sql, params)` returns a cursor
    (fetchone, fetchall, description, iteration), and `with conn:` commits on success and
    rolls back on an error.

    A kept connection the server has dropped meanwhile (a restart, an idle timeout) fails on
    its first statement: that statement is sent again once on a new connection. Any other
    lost connection is LibraryUnavailableError, one line (reader.store.postgres)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection, location: LibraryLocation) -> None:
        self.raw = conn
        self.location = location
        self._used = False  # a statement ran on it: no silent retry from then on

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        import psycopg

        try:
            return self._execute(sql, params)
        except psycopg.OperationalError as exc:
            if not (self.raw.broken or _lost(exc)):
                raise  # the statement's own failure (a lock timeout, a cancel): not ours
            from reader.store.postgres import connection_error

            if self._used:
                raise connection_error(self.location, exc) from exc
            self.raw.close()
            close_all(self.location)  # the other kept ones died with it, most likely
            self.raw = acquire(self.location)  # a new one; its errors are one line already
            try:
                return self._execute(sql, params)
            except psycopg.OperationalError as again:
                if not (self.raw.broken or _lost(again)):
                    raise
                raise connection_error(self.location, again) from again
        finally:
            self._used = True

    def _execute(self, sql: str, params: Sequence[Any]) -> psycopg.Cursor:
        if not params:  # no placeholders: psycopg sends the text as it is (a `%` stays one)
            return self.raw.execute(sql)
        return self.raw.execute(pg_sql(sql), tuple(params))

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, kind: object, _exc: object, _tb: object) -> None:
        if kind is None:
            self.raw.commit()
        else:
            self.raw.rollback()

    def close(self) -> None:
        release(self.location, self.raw)


_lock = threading.Lock()
_idle: dict[str, list[psycopg.Connection]] = {}


def acquire(location: LibraryLocation, timeout: float = 10.0) -> psycopg.Connection:
    """A connection to the PostgreSQL library: an idle one kept from before, else a new one
    (reader.store.postgres.connect: its errors are one clear line)."""
    with _lock:
        kept = _idle.get(location.url)
        while kept:
            conn = kept.pop()
            if not conn.closed and not conn.broken:
                return conn
    from reader.store.postgres import connect

    return connect(location, timeout=timeout)


def release(location: LibraryLocation, conn: psycopg.Connection) -> None:
    """Hand a connection back: kept for the next read when it is sound, else closed."""
    import psycopg

    if conn.closed:
        return
    try:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()  # what was not committed is dropped, as sqlite3's close() does
    except psycopg.Error:
        conn.close()
        return
    with _lock:
        kept = _idle.setdefault(location.url, [])
        if len(kept) < IDLE_KEPT and not conn.broken:
            kept.append(conn)
            return
    conn.close()


def keep(location: LibraryLocation, conn: psycopg.Connection) -> None:
    """Keep a connection opened elsewhere (the opening's check) for the reads that follow."""
    release(location, conn)


def close_all(location: LibraryLocation) -> None:
    """Close the kept connections of a library (when it is closed)."""
    with _lock:
        kept = _idle.pop(location.url, [])
    for conn in kept:
        conn.close()
