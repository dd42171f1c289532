"""Opening a team library on PostgreSQL: connecting (each failure one clear line, never the
password), creating the database at the first start when the role may (CREATEDB), and the
schema check and migration — the same alembic revisions as on SQLite, run under a
pg_advisory_lock so that two first starts build one library.

A library already at the newest revision opens with one small psycopg query and no
SQLAlchemy; that connection is kept for the first paint's reads (store/dbapi.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import LibraryTooNewError, LibraryUnavailableError, StoreError
from reader.store.location import LibraryLocation

if TYPE_CHECKING:
    import psycopg
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

MIGRATION_LOCK = 0x72656164  # pg_advisory_lock key of the schema migration ("read")
MAINTENANCE_DBS = ("postgres", "template1")  # where CREATE DATABASE is sent from


def _reason(exc: BaseException) -> str:
    """libpq's words reduced to what the person needs (the first FATAL or failure line)."""
    text = str(exc).strip()
    lower = text.lower()
    if "connection refused" in lower:
        return "connection refused"
    if "failed to resolve host" in lower or "could not translate host name" in lower:
        return "unknown host"
    if "timeout expired" in lower or "timed out" in lower:
        return "no answer in time"
    if "no such file or directory" in lower and "socket" in lower:
        return "no server on that socket"
    line = text.splitlines()[0] if text else exc.__class__.__name__
    return line.split("FATAL:", 1)[-1].strip().removeprefix("connection failed:").strip()


def _is_auth_failure(text: str) -> bool:
    lower = text.lower()
    return any(
        s in lower
        for s in (
            "password authentication failed",
            "authentication failed",
            "no password supplied",
            "peer authentication failed",
            'role "',
            "pg_hba.conf",
        )
    )


def _missing_database(text: str) -> bool:
    return "database" in text and "does not exist" in text


def ends_session(sqlstate: str | None) -> bool:
    """A server error that ends the session rather than the statement: a connection exception
    (class 08) or the server shutting down or restarting (57P0x)."""
    return sqlstate is not None and sqlstate.startswith(("08", "57P"))


def connection_error(location: LibraryLocation, exc: BaseException) -> StoreError:
    """The one line for a failed connection (the server unreachable, a refused login, a
    missing database). libpq never puts the password in its messages; neither do we."""
    text = str(exc)
    if _is_auth_failure(text):
        return LibraryUnavailableError(
            f"Cannot log in to the library at {location.display}: {_reason(exc)} "
            "(check the user name and password, e.g. in ~/.pgpass)."
        )
    if _missing_database(text):
        return LibraryUnavailableError(
            f"The library at {location.display} does not exist on that server."
        )
    return LibraryUnavailableError(
        f"Cannot reach the library at {location.display}: {_reason(exc)}"
    )


def _connect_raw(location: LibraryLocation, timeout: float, **overrides: str) -> psycopg.Connection:
    import psycopg

    # libpq's own connect_timeout (in the URL or PGCONNECT_TIMEOUT) wins over ours
    params: dict[str, object] = dict(overrides)
    if "connect_timeout" not in location.url:
        params["connect_timeout"] = max(2, int(timeout))
    return psycopg.connect(location.libpq_url(), **params)  # type: ignore[arg-type]


def connect(location: LibraryLocation, timeout: float = 10.0) -> psycopg.Connection:
    """A psycopg connection to the library; LibraryUnavailableError (one line) when it fails."""
    import psycopg

    try:
        return _connect_raw(location, timeout)
    except psycopg.OperationalError as exc:
        log.info("connecting to %s failed: %s", location.display, _reason(exc))
        raise connection_error(location, exc) from None


def _create_database(location: LibraryLocation, timeout: float, say: Callable[[str], None]) -> None:
    """CREATE DATABASE for a first start, from a maintenance database of the same server.
    Another process creating it meanwhile is fine; a role without CREATEDB is told so."""
    import psycopg
    from psycopg import errors, sql

    name = location.dbname
    if not name:
        raise LibraryUnavailableError(
            f"The library at {location.display} does not exist, and its URL names no database "
            "to create."
        )
    last: BaseException | None = None
    for maintenance in MAINTENANCE_DBS:
        try:
            conn = _connect_raw(location, timeout, dbname=maintenance)
        except psycopg.OperationalError as exc:
            last = exc
            continue
        try:
            conn.autocommit = True
            say(f"creating the team library {name} on the server…")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            log.info("created the database %s", location.display)
            return
        except (errors.DuplicateDatabase, errors.UniqueViolation):
            return  # another first start made it a moment ago (at the same moment: a unique key)
        except errors.InsufficientPrivilege as exc:
            raise LibraryUnavailableError(
                f"The library at {location.display} does not exist and this user may not "
                f"create it (CREATEDB); ask the server's administrator to create database "
                f"{name}."
            ) from exc
        except psycopg.Error as exc:
            raise LibraryUnavailableError(
                f"The library at {location.display} does not exist and could not be "
                f"created: {_reason(exc)}"
            ) from exc
        finally:
            conn.close()
    raise LibraryUnavailableError(
        f"The library at {location.display} does not exist and could not be created: "
        f"{_reason(last) if last else 'no maintenance database to connect to'}"
    )


def connect_or_create(
    location: LibraryLocation, timeout: float, say: Callable[[str], None]
) -> psycopg.Connection:
    """A connection to the library's database, created first when it does not exist yet."""
    import psycopg

    try:
        return _connect_raw(location, timeout)
    except psycopg.OperationalError as exc:
        if not _missing_database(str(exc)):
            log.info("connecting to %s failed: %s", location.display, _reason(exc))
            raise connection_error(location, exc) from None
    _create_database(location, timeout, say)
    return connect(location, timeout)


def read_revision(conn: psycopg.Connection) -> tuple[str | None, bool]:
    """(the stamped schema revision or None, whether the schema holds other tables)."""
    import psycopg

    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        revision = None
    (tables,) = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_name <> 'alembic_version'"
    ).fetchone() or (0,)
    conn.rollback()
    return revision, bool(tables)


def check_revision(
    location: LibraryLocation, revision: str | None, other_tables: bool, known: frozenset[str]
) -> None:
    """Refuse a newer reader's library, or a database holding something else (left as is)."""
    if revision is not None and revision not in known:
        raise LibraryTooNewError(
            f"The library at {location.display} was made by a newer version of reader "
            f"(revision {revision}); update reader to open it. It was left as it is."
        )
    if revision is None and other_tables:
        raise LibraryUnavailableError(
            f"The database at {location.display} is not a reader library (it holds tables but "
            "no schema version); it was left as it is."
        )


def make_engine(location: LibraryLocation) -> Engine:
    from sqlalchemy import create_engine

    # pool_pre_ping: a team server restarts or drops idle connections; a stale one is replaced
    return create_engine(location.url, pool_pre_ping=True)


def migrate(
    engine: Engine,
    location: LibraryLocation,
    cfg: Config,
    known: frozenset[str],
    say: Callable[[str], None],
    head: str,
) -> None:
    """Bring the schema to `head` with alembic (`cfg`) in one transaction under the migration
    advisory lock: a second process starting at the same time waits, then finds it ready."""
    from alembic import command
    from sqlalchemy import text

    with engine.begin() as conn:
        got = conn.execute(text(f"SELECT pg_try_advisory_xact_lock({MIGRATION_LOCK})")).scalar()
        if not got:
            say("another reader is setting up the library; waiting…")
            conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        revision, other = read_revision_sa(conn)
        check_revision(location, revision, other, known)
        if revision == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def read_revision_sa(conn: Connection) -> tuple[str | None, bool]:
    """As read_revision, on a SQLAlchemy connection inside the migration's transaction."""
    from sqlalchemy import text

    has_version = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    revision = None
    if has_version:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    tables = conn.execute(
        text(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_name <> 'alembic_version'"
        )
    ).scalar()
    return revision, bool(tables)
