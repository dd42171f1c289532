"""Other people's (and other windows') changes to the library, as the window needs them: "these
articles changed, these sources changed", coalesced, from a listener running in a thread of its
own (reader.store.changes: LISTEN/NOTIFY on PostgreSQL, `PRAGMA data_version` on SQLite); and
whether an error means the library's server is out of reach, so that an edit is kept for retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.errors import LibraryUnavailableError
from reader.store.changes import (
    PostgresWatcher,
    RowChange,
    SqliteWatcher,
    postgres_connector,
)

if TYPE_CHECKING:
    from reader.library.operations import Library

log = logging.getLogger(__name__)

_ANNOTATION_TABLES = {"highlight", "note_draft"}
_SOURCE_TABLES = {"library_source", "source_rating"}


@dataclass(frozen=True)
class Changes:
    """What changed since the last delivery: `annotations` (articles whose highlights or notes
    changed), `articles` (articles whose corrections, analysis or title changed: the article is
    read again), `sources` (library sources: their ratings, notes, names), `library` (articles
    added, deleted or renamed: the Library list), `everything` (changes may have been missed:
    reload what is shown), and `who` made them (database roles, when known)."""

    annotations: frozenset[int] = frozenset()
    articles: frozenset[int] = frozenset()
    sources: frozenset[int] = frozenset()
    library: bool = False
    everything: bool = False
    who: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(
            self.annotations or self.articles or self.sources or self.library or self.everything
        )

    def touches(self, article_id: int | None, source_ids: Iterable[int] = ()) -> bool:
        """True when the change concerns the article or one of the sources shown."""
        if self.everything:
            return True
        shown = article_id is not None and (
            article_id in self.articles or article_id in self.annotations
        )
        return shown or bool(self.sources.intersection(source_ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.annotations | other.annotations,
            self.articles | other.articles,
            self.sources | other.sources,
            self.library or other.library,
            self.everything or other.everything,
            self.who | other.who,
        )


def coalesce(rows: Iterable[RowChange]) -> Changes:
    """One Changes for a batch of row changes."""
    annotations: set[int] = set()
    articles: set[int] = set()
    sources: set[int] = set()
    library = everything = False
    who: set[str] = set()
    for r in rows:
        if r.who:
            who.add(r.who)
        if r.table == "*":
            everything = library = True
        elif r.table == "article":
            library = True  # added, deleted, retitled, analysed: the Library list shows it
            if r.article_id is not None:
                articles.add(r.article_id)
        elif r.table in _ANNOTATION_TABLES:
            if r.article_id is not None:
                annotations.add(r.article_id)
        elif r.table == "correction":
            if r.article_id is not None:
                articles.add(r.article_id)
        elif r.table in _SOURCE_TABLES:
            if r.source_id is not None:
                sources.add(r.source_id)
        else:
            log.debug("a change to %s: nothing shows it", r.table)
    return Changes(
        frozenset(annotations),
        frozenset(articles),
        frozenset(sources),
        library,
        everything,
        frozenset(who),
    )


class ChangeListener:
    """Listens for changes to one library and calls `on_changes(Changes)` — from the listener's
    thread, so a window hands it over to its own — within a fraction of a second of each
    commit. `on_state(connected, why)` hears when the connection to a PostgreSQL server is lost
    and when it is back (`why` is one line to show). `watch()` names what is shown (SQLite
    compares only those; PostgreSQL hears everything). `close()` stops it."""

    def __init__(
        self,
        library: Library,
        on_changes: Callable[[Changes], None],
        on_state: Callable[[bool, str | None], None] | None = None,
    ) -> None:
        self.on_changes = on_changes
        # the location, not `library.db`: on SQLite the listener needs no SQLAlchemy
        location = self._location = library.location
        self.dialect = location.dialect
        self._watcher: PostgresWatcher | SqliteWatcher
        self.on_state = on_state
        if self.dialect == "postgresql":
            self._watcher = PostgresWatcher(
                postgres_connector(location), self._deliver, self._state
            )
        else:
            path = location.path or library.db_path
            self._watcher = SqliteWatcher(path, self._deliver, on_state)
        self._watcher.start()

    def _state(self, connected: bool, why: str | None) -> None:
        """The server lost or back: the connections kept for the direct reads (store.dbapi)
        died with it, and the next read must open a new one rather than fail on a dead one."""
        from reader.store import dbapi

        dbapi.close_all(self._location)
        if self.on_state is not None:
            self.on_state(connected, why)

    def _deliver(self, rows: list[RowChange]) -> None:
        changes = coalesce(rows)
        if changes:
            self.on_changes(changes)

    @property
    def connected(self) -> bool:
        return self._watcher.connected

    def wait_listening(self, timeout: float = 10.0) -> bool:
        """Block until the listener is in place (a test's first write must not come before)."""
        return self._watcher.listening.wait(timeout)

    def watch(self, article_id: int | None, source_ids: Iterable[int] = ()) -> None:
        if isinstance(self._watcher, SqliteWatcher):
            self._watcher.watch([] if article_id is None else [article_id], source_ids)

    def wait_watched(self, timeout: float = 10.0) -> bool:
        """Block until what `watch` named is being compared (SQLite takes its baseline on the
        next poll; a test's write must come after). PostgreSQL hears everything at once."""
        if isinstance(self._watcher, SqliteWatcher):
            return self._watcher.watched.wait(timeout)
        return True

    def close(self) -> None:
        self._watcher.close()


def listen(
    library: Library,
    on_changes: Callable[[Changes], None],
    on_state: Callable[[bool, str | None], None] | None = None,
) -> ChangeListener:
    """Start listening for changes to `library` (see ChangeListener)."""
    return ChangeListener(library, on_changes, on_state)


def connection_lost(exc: BaseException) -> bool:
    """True when `exc` says the library's server could not be reached or the connection to it
    broke (an edit failing so is kept and tried again), not that the edit itself was wrong."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, LibraryUnavailableError):
            return True
        if _driver_lost(e):
            return True
        e = e.__cause__ or e.__context__
    return False


def _driver_lost(e: BaseException) -> bool:
    module = type(e).__module__
    if module.startswith("sqlalchemy"):
        invalidated: Any = getattr(e, "connection_invalidated", False)
        return bool(invalidated)
    if module.startswith("psycopg"):
        import psycopg

        from reader.store.postgres import ends_session

        # no SQLSTATE: the client's own (refused, reset, closed)
        state = getattr(e, "sqlstate", None)
        if state is None:
            return isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError))
        return ends_session(state)
    return False
