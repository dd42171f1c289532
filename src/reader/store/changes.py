"""Hearing that another connection changed the library, each engine its own way: on PostgreSQL a
dedicated connection LISTENs on the channel that revision 0009's triggers NOTIFY; on SQLite a
connection polls `PRAGMA data_version` (which moves when any other connection commits) and then
compares a small fingerprint of the rows being watched. Both run in a thread of their own and
hand over lists of `RowChange`; reader.library.changes turns them into what the window reloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

    from reader.store.location import LibraryLocation

log = logging.getLogger(__name__)

CHANNEL = "reader_changes"
POLL_S = 0.1  # how long one wait for notifications lasts (and the batch it collects)
PING_S = 5.0  # a connection quiet this long is asked whether it is still there
SQLITE_POLL_S = 0.25


@dataclass(frozen=True)
class RowChange:
    """One row inserted, updated or deleted by someone: `table` ("highlight", "correction",
    "source_rating", "library_source", "article"; "*" when changes may have been missed),
    `op` (INSERT, UPDATE, DELETE; "*"), the row's id, the article and library source it
    belongs to (when it does), and who made it (the database role; "" when unknown)."""

    table: str
    op: str
    row_id: int | None = None
    article_id: int | None = None
    source_id: int | None = None
    who: str = ""


MISSED = RowChange("*", "*")  # the connection was lost meanwhile: anything may have changed

Deliver = Callable[[list[RowChange]], None]
State = Callable[[bool, str | None], None]  # (connected, why not)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def parse_payload(payload: str) -> RowChange | None:
    """The RowChange a trigger's JSON payload describes; None (logged) for anything else."""
    try:
        data = json.loads(payload)
    except ValueError:
        log.warning("a notification on %s that is not JSON: %.80r", CHANNEL, payload)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("table"), str):
        log.warning("a notification on %s without a table: %.80r", CHANNEL, payload)
        return None
    return RowChange(
        table=data["table"],
        op=str(data.get("op") or ""),
        row_id=_int(data.get("id")),
        article_id=_int(data.get("article_id")),
        source_id=_int(data.get("source_id")),
        who=str(data.get("who") or ""),
    )


class _Watcher(threading.Thread):
    """The thread's life: started, then stopped by `close()` within one poll."""

    def __init__(self, deliver: Deliver, state: State | None, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self.deliver = deliver
        self.state = state or (lambda _ok, _why: None)
        self.stopped = threading.Event()
        self.connected = False

    def _set_state(self, connected: bool, why: str | None) -> None:
        if connected != self.connected:
            self.connected = connected
            self.state(connected, why)

    def close(self, timeout: float = 5.0) -> None:
        self.stopped.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)


class PostgresWatcher(_Watcher):
    """LISTENs on CHANNEL over a connection of its own (autocommit: a notification arrives
    only outside a transaction). A lost connection is reported (`state(False, why)`) and tried
    again every `reconnect_s`; once back, MISSED is delivered, as notifications sent meanwhile
    are gone."""

    def __init__(
        self,
        connect: Callable[[], psycopg.Connection[Any]],
        deliver: Deliver,
        state: State | None = None,
        reconnect_s: float = 1.0,
    ) -> None:
        super().__init__(deliver, state, "reader-listen")
        self.connect = connect
        self.reconnect_s = reconnect_s
        self.listening = threading.Event()  # set once LISTEN has run (tests wait for it)

    def run(self) -> None:
        import psycopg

        first = True
        while not self.stopped.is_set():
            conn = None
            try:
                conn = self.connect()
                conn.execute(f"LISTEN {CHANNEL}")
                self.listening.set()
                self._set_state(True, None)
                if not first:
                    self.deliver([MISSED])
                first = False
                self._listen(conn)
            except psycopg.Error as exc:
                why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                log.info("listening for library changes: %s", why)
                self.listening.clear()
                self._set_state(False, why)
                first = False
                self.stopped.wait(self.reconnect_s)
            finally:
                if conn is not None:
                    conn.close()

    def _listen(self, conn: psycopg.Connection[Any]) -> None:
        quiet_since = time.monotonic()
        while not self.stopped.is_set():
            batch = []
            for note in conn.notifies(timeout=POLL_S):
                change = parse_payload(note.payload)
                if change is not None:
                    batch.append(change)
            if batch:
                quiet_since = time.monotonic()
                self.deliver(batch)
            elif time.monotonic() - quiet_since > PING_S:
                conn.execute("SELECT 1")  # a server gone without a word shows here
                quiet_since = time.monotonic()


def postgres_connector(location: LibraryLocation) -> Callable[[], psycopg.Connection[Any]]:
    """A function opening a new psycopg connection to the PostgreSQL library at `location`
    (its libpq URL: service files, passfiles, sslmode as libpq reads them; no SQLAlchemy, so
    that listening costs the window's start nothing), in autocommit, with TCP keepalives so
    that a vanished server is noticed."""
    import psycopg

    url = location.libpq_url()
    params: dict[str, Any] = {"autocommit": True, "application_name": "reader-listen"}
    for key, value in (
        ("connect_timeout", 5),
        ("keepalives", 1),
        ("keepalives_idle", 10),
        ("keepalives_interval", 5),
        ("keepalives_count", 2),
    ):
        if key not in url:  # the URL's own setting wins
            params[key] = value

    def connect() -> psycopg.Connection[Any]:
        return psycopg.connect(url, **params)

    return connect


# ---- SQLite: data_version, then fingerprints of what is watched -------------------------------

_ARTICLE_TABLES = (
    # table, the columns whose change is worth a reload
    ("highlight", "*"),
    ("correction", "*"),
)
_SOURCE_TABLES = (("library_source", "id"), ("source_rating", "library_source_id"))


class SqliteWatcher(_Watcher):
    """Polls `PRAGMA data_version` every SQLITE_POLL_S on a connection of its own; when another
    connection (another window, a CLI process, this process's writer) committed, compares
    fingerprints of the watched articles' highlights, corrections and row, of the watched
    library sources and their ratings, and of the list of articles, and delivers what moved."""

    def __init__(self, db_path: Path, deliver: Deliver, state: State | None = None) -> None:
        super().__init__(deliver, state, "reader-poll")
        self.db_path = Path(db_path)
        self._lock = threading.Lock()
        self._articles: frozenset[int] = frozenset()
        self._sources: frozenset[int] = frozenset()
        self._prints: dict[tuple[str, int], str] = {}
        self._rebase = False
        self.listening = threading.Event()
        self.watched = threading.Event()  # set once what watch() named has its baseline

    def watch(self, articles: Iterable[int], sources: Iterable[int]) -> None:
        with self._lock:
            self._articles, self._sources = frozenset(articles), frozenset(sources)
            self._rebase = True  # what is shown now is the baseline, not a change
            self.watched.clear()

    def run(self) -> None:
        from reader.store.database import connect

        try:
            conn = connect(self.db_path)
        except sqlite3.Error as exc:
            self._set_state(False, str(exc))
            return
        try:
            conn.execute("PRAGMA query_only=ON")
            # the baseline before anyone is told the listener is there: a write after that
            # is a change
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            self._compare(conn, first=True)
            self.listening.set()
            self._set_state(True, None)
            while not self.stopped.is_set():
                try:
                    now = conn.execute("PRAGMA data_version").fetchone()[0]
                    if now != version or self._rebase:
                        changes = self._compare(conn, first=False)
                        version = now
                        if changes:
                            self.deliver(changes)
                except sqlite3.Error as exc:  # busy, or the file set aside: try again later
                    log.info("polling the library for changes: %s", exc)
                self.stopped.wait(SQLITE_POLL_S)
        finally:
            conn.close()

    def _compare(self, conn: sqlite3.Connection, first: bool) -> list[RowChange]:
        with self._lock:
            articles, sources = self._articles, self._sources
            rebase, self._rebase = self._rebase, False
        prints = fingerprints(conn, articles, sources)
        old, self._prints = self._prints, prints
        if rebase or first:
            self.watched.set()
        if first:
            return []
        out = []
        for key, value in prints.items():
            if key in old and old[key] != value:
                table, ident = key
                if table == "library":
                    out.append(RowChange("article", "*"))
                elif table in ("library_source", "source_rating"):
                    out.append(RowChange(table, "UPDATE", source_id=ident))
                else:
                    out.append(RowChange(table, "UPDATE", article_id=ident))
        return out


def _digest(rows: Iterable[tuple[Any, ...]]) -> str:
    return hashlib.blake2b(repr(sorted(rows, key=repr)).encode(), digest_size=12).hexdigest()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def fingerprints(
    conn: sqlite3.Connection, articles: frozenset[int], sources: frozenset[int]
) -> dict[tuple[str, int], str]:
    """{(table, article or source id): digest of its rows} for the watched articles and
    sources, and ("library", 0) for the list of articles. Reads a few rows per watched item."""
    tables = _tables(conn)
    out: dict[tuple[str, int], str] = {}
    row = conn.execute("SELECT count(*), max(id), max(added_at) FROM article").fetchone()
    out[("library", 0)] = _digest([row])
    for aid in articles:
        rows = conn.execute(
            "SELECT title, analysis_version, content_hash FROM article WHERE id = ?", (aid,)
        ).fetchall()
        out[("article", aid)] = _digest(rows)
        for table, cols in _ARTICLE_TABLES:
            if table in tables:
                rows = conn.execute(
                    f"SELECT {cols} FROM {table} WHERE article_id = ?", (aid,)
                ).fetchall()
                out[(table, aid)] = _digest(rows)
    for sid in sources:
        for table, key in _SOURCE_TABLES:
            if table in tables:
                rows = conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", (sid,)).fetchall()
                out[(table, sid)] = _digest(rows)
    return out
