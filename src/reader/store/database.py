"""Opening the library database: the SQLite file, its pragmas, migrations, and what to do when
it cannot be opened as it is. Only a file SQLite itself finds corrupt is moved aside (never
deleted) and a fresh library started; a library that is busy, made by a newer reader, behind a
missing link or in a read-only place is left exactly as it is, with one line saying why.

Opening (check, create, migrate) happens under the data folder's opening lock
(reader.store.lockfile), so processes started together build one library, never several.
A team library on PostgreSQL (a `url`, reader.store.location) is opened by
reader.store.postgres instead: the same migrations, under an advisory lock.
READER_BUSY_TIMEOUT (seconds, default 10) bounds every wait for another program: for the
opening lock, for a file another process has locked, and for a write lock (SQLite's
busy_timeout)."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from reader.errors import LibraryTooNewError, LibraryUnavailableError, StoreError
from reader.store.health import FileState, database_error, first_line, inspect_file
from reader.store.location import DB_NAME, parse_location, sqlite_location
from reader.store.lockfile import opening_lock

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlmodel import Session

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_MODULES = (
    "sqlalchemy.dialects.sqlite",
    "sqlmodel",
    "alembic.command",
    "alembic.context",
    "alembic.op",
    "reader.store.models",
)
BUSY_TIMEOUT_ENV = "READER_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT_S = 10.0


def busy_timeout() -> float:
    """Seconds to wait for another program holding the library: READER_BUSY_TIMEOUT, else 10."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            log.warning(
                "%s=%r is not a number of seconds; using the default", BUSY_TIMEOUT_ENV, raw
            )
    return DEFAULT_BUSY_TIMEOUT_S


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    # first: switching a library to WAL needs a lock that another process may hold a moment
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout() * 1000)}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_connect_read_only(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout() * 1000)}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def file_uri(db_path: Path, **params: str) -> str:
    """A SQLite URI for `db_path` (quoted: a folder may hold '?' or '#') with query `params`."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(db_path))}" + (f"?{query}" if query else "")


_read_only_uris: dict[Path, str] = {}  # library files this process opened read-only → their URI


def connect(db_path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A standard-library connection to the library file (store/snapshot.py's reads), opened
    the way the Database opened it: read-only when it could only be opened so."""
    uri = _read_only_uris.get(db_path)
    if uri is None:
        return sqlite3.connect(str(db_path), timeout=timeout)
    conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    conn.execute("PRAGMA query_only=ON")
    return conn


def alembic_config(where: Path | str) -> Config:
    """Alembic's configuration for the library file `where`, or for the SQLAlchemy URL."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = where if isinstance(where, str) else f"sqlite:///{where}"
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser's escape
    return cfg


def make_engine(db_path: Path, read_only_uri: str | None = None) -> Engine:
    """The engine of the library file; with `read_only_uri`, one that opens it that way."""
    from sqlalchemy import create_engine, event

    if read_only_uri is None:
        engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _on_connect)
        return engine
    from sqlalchemy.pool import QueuePool

    uri = read_only_uri  # a URI SQLAlchemy's URL cannot carry (mode=ro, immutable=1)
    engine = create_engine(
        "sqlite://",  # the URL of a memory database would pick a one-connection-per-thread pool
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", _on_connect_read_only)
    return engine


def _revision_graph() -> tuple[set[str], set[str]]:
    """(every revision, every revision that has a child), read from the version scripts without
    importing alembic."""
    revisions, parents = set(), set()
    for f in (MIGRATIONS / "versions").glob("*.py"):
        text = f.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    return revisions, parents


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of reader knows (a library stamped otherwise was made
    by a newer reader)."""
    return frozenset(_revision_graph()[0])


def head_revision() -> str:
    """The newest revision id, read from the version scripts without importing alembic."""
    revisions, parents = _revision_graph()
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"The library's migrations have {len(heads)} heads; expected one")
    return heads.pop()


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(file_uri(db_path, mode="ro"), uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def at_head(db_path: Path) -> bool:
    """True when the library file exists and its schema is the newest revision."""
    return current_revision(db_path) == head_revision()


def upgrade(engine: Engine, db_path: Path, revision: str = "head") -> None:
    """Bring the schema to `revision` (at every start: a library from an older version opens).
    A library already at head skips alembic entirely: it is the common case and the slow one."""
    if revision == "head" and at_head(db_path):
        return
    from alembic import command

    cfg = alembic_config(db_path)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def import_for_opening(db_path: Path) -> None:
    """Import now what opening `db_path` will need: nothing when it is at head, else SQLAlchemy,
    sqlmodel, the tables and alembic. The window calls this before it loads Qt, because PySide6
    looks at the source of every module imported after it (its __feature__ import hook), which
    adds ~0.1 s to these few hundred modules."""
    if at_head(db_path):
        return
    import contextlib
    import importlib

    for name in MIGRATION_MODULES:
        with contextlib.suppress(ImportError):  # only a head start; opening imports for real
            importlib.import_module(name)


def move_aside(db_path: Path) -> Path:
    """Rename a damaged library (and its WAL files) out of the way; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}-{n}{db_path.suffix}")
        n += 1
    db_path.rename(target)
    for ext in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + ext)
        if side.exists():
            side.rename(target.with_name(target.name + ext))
    return target


def _say(message: str) -> None:
    """Tell the person waiting why nothing happens yet: before any window exists, stderr is
    the only place (the CLI's errors go there too)."""
    print(f"reader: {message}", file=sys.stderr, flush=True)


def _refuse_missing_target(path: Path, what: str) -> None:
    """A link whose target is gone (a drive not mounted) must not be replaced by a new file."""
    if path.is_symlink() and not path.exists():
        raise LibraryUnavailableError(
            f"The library {what} {path} is a link to {os.readlink(path)}, which is missing "
            "(a drive not mounted?); it was left as it is."
        )


class Database:
    """The open library: the SQLite file in `data_dir`, or the database `url` names (a
    postgresql:// URL or another library file; see reader.store.location). `location`,
    `dialect` and `path` (the file; None on PostgreSQL) say which. `warning` says what
    happened if the old file had to be set aside, or that the library could only be opened
    read-only (`read_only`).

    A file already at the newest schema needs no SQLAlchemy to open: the engine (and the import
    of SQLAlchemy, about 0.3 s) waits until `engine` or `session()` is first used.
    `timeout` (default: busy_timeout()) bounds the wait for another program; `on_wait` hears
    once that we are waiting (default: a line on stderr)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        url: str | None = None,
        timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.location = parse_location(url) if url else sqlite_location(self.data_dir / DB_NAME)
        self.timeout = busy_timeout() if timeout is None else timeout
        self.warning: str | None = None
        self.read_only = False
        self._read_only_uri: str | None = None
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        say = on_wait or _say
        if self.location.path is None:
            self._open_postgres(say)
            return
        path = self.location.path
        folder = path.parent  # the data folder, or the folder of the file a URL names
        _refuse_missing_target(folder, "folder")
        self._make_folder(folder)
        _refuse_missing_target(path, "file")
        _read_only_uris.pop(path, None)
        with opening_lock(folder, self.timeout, say) as writable_folder:
            if writable_folder and (not path.exists() or os.access(path, os.W_OK)):
                self._open(say)
            else:
                self._open_read_only(say)

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.location.dialect

    @property
    def path(self) -> Path:
        """The SQLite file. A PostgreSQL library has none: code that reads the file directly
        takes `location` instead (reader.store.dbapi)."""
        if self.location.path is None:
            raise StoreError(f"The library at {self.location.display} is not a file")
        return self.location.path

    def _open_postgres(self, say: Callable[[str], None]) -> None:
        """Connect (creating the database at a first start), check the revision with one
        query, and migrate under the advisory lock only when the schema is behind."""
        from reader.store import dbapi, postgres

        conn = postgres.connect_or_create(self.location, self.timeout, say)
        try:
            revision, other = postgres.read_revision(conn)
            postgres.check_revision(self.location, revision, other, known_revisions())
        except BaseException:
            conn.close()
            raise
        dbapi.keep(self.location, conn)  # for the first paint's reads
        if revision == head_revision():
            return
        from sqlalchemy.exc import DBAPIError

        try:
            cfg = alembic_config(self.location.url)
            known, head = known_revisions(), head_revision()
            postgres.migrate(self.engine, self.location, cfg, known, say, head)
        except DBAPIError as exc:
            log.info("upgrading %s failed", self.location.display, exc_info=True)
            raise StoreError(
                f"Cannot upgrade the library at {self.location.display}: {first_line(exc)}; it "
                "was left as it is."
            ) from exc

    def _make_folder(self, folder: Path) -> None:
        if folder.is_dir():
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the library folder {folder}: {exc.strerror}") from exc

    def _open(self, say: Callable[[str], None]) -> None:
        """Check the file, set it aside only when proven corrupt, then create or migrate."""
        if self.path.exists() and self.path.stat().st_size > 0:
            state = inspect_file(file_uri(self.path, mode="ro"), self.path, self.timeout, say)
            damage = state.damage or self._schema_problem(state)
            if damage is not None:
                moved = move_aside(self.path)
                self.warning = (
                    f"The library file was damaged ({damage}); it was moved to {moved.name} "
                    "and a new library was started."
                )
            elif state.revision == head_revision():
                return
        self._migrate()

    def _schema_problem(self, state: FileState) -> str | None:
        """Why a sound SQLite file cannot be our library. A newer reader's library, or a
        database holding other data, raises (left as it is); an unfinished first start (our
        tables, no rows, no revision stamped) is returned as damage, to be set aside."""
        if state.revision is not None:
            if state.revision not in known_revisions():
                raise LibraryTooNewError(
                    f"The library {self.path} was made by a newer version of reader (revision "
                    f"{state.revision}); update reader to open it. It was left as it is."
                )
            return None
        if not {t for t in state.tables if not t.startswith("sqlite_")}:
            return None  # an empty database: the migration builds the library in it
        if state.empty:
            return "an unfinished library with no schema version"
        raise LibraryUnavailableError(
            f"{self.path} is not a reader library (it holds tables but no schema version); it "
            "was left as it is."
        )

    def _migrate(self) -> None:
        from alembic.util import CommandError
        from sqlalchemy.exc import DBAPIError

        self._engine = make_engine(self.path)
        try:
            upgrade(self._engine, self.path)
        except (DBAPIError, CommandError) as exc:
            self._engine.dispose()
            self._engine = None
            log.info("upgrading %s failed", self.path, exc_info=True)  # not on stderr
            error = database_error(exc, self.path)
            raise error or StoreError(
                f"Cannot upgrade the library {self.path}: {first_line(exc)}; it was left as it is."
            ) from exc

    def _open_read_only(self, say: Callable[[str], None]) -> None:
        """A library in a place we cannot write: open it read-only if it needs no change."""
        if not self.path.exists():
            raise LibraryUnavailableError(
                f"The library folder {self.data_dir} is read-only and holds no library; reader "
                "cannot start one there."
            )
        uri = file_uri(self.path, mode="ro")
        try:
            state = inspect_file(uri, self.path, self.timeout, say)
        except LibraryUnavailableError:
            wal = self.path.with_name(self.path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise
            # A library closed cleanly has no -wal or -shm, and SQLite cannot create the -shm
            # a WAL file needs here; with no -wal to skip, `immutable` reads the file as it is.
            uri = file_uri(self.path, mode="ro", immutable="1")
            state = inspect_file(uri, self.path, self.timeout, say)
        if state.damage is not None or state.revision != head_revision():
            self._schema_problem(state)  # a newer library says so
            reason = f"is damaged ({state.damage})" if state.damage else "needs an upgrade"
            raise LibraryUnavailableError(
                f"The library {self.path} {reason}, but it is read-only; it was left as it is."
            )
        self.read_only = True
        self._read_only_uri = _read_only_uris[self.path] = uri
        self.warning = f"The library {self.path} is read-only: changes can't be saved."

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    if self.location.path is None:
                        from reader.store.postgres import make_engine as make_pg_engine

                        self._engine = make_pg_engine(self.location)
                    else:
                        self._engine = make_engine(self.path, self._read_only_uri)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session that commits on success and rolls back on error. A database
        error about the file (busy, read-only, damaged) becomes one clear StoreError."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as exc:
                session.rollback()
                error = self._error(exc)
                if error is None:
                    raise
                log.info("%s: %s", self.location.display, first_line(exc))
                raise error from exc
            except Exception:
                session.rollback()
                raise

    def _error(self, exc: BaseException) -> StoreError | None:
        """The one line for a database error about the library itself (reader.store.health
        on SQLite; on PostgreSQL a lost or refused connection)."""
        if self.location.path is not None:
            return database_error(exc, self.location.path)
        from sqlalchemy.exc import OperationalError

        if not isinstance(exc, OperationalError):
            return None
        # only a lost connection: no SQLSTATE (the client's own), class 08, or 57P (the server
        # shutting down); a deadlock or a lock timeout is an OperationalError too, not ours
        from reader.store.postgres import connection_error, ends_session

        state = getattr(exc.orig, "sqlstate", None)
        if exc.connection_invalidated or state is None or ends_session(state):
            return connection_error(self.location, exc.orig or exc)
        return None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self.location.path is None:
            from reader.store.dbapi import close_all

            close_all(self.location)
