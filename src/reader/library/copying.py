"""Copying a whole library to another place (`reader library copy --from URL --to URL`): SQLite
→ PostgreSQL, PostgreSQL → SQLite, or file → file, with every article, analysis, highlight,
note, rating, correction, draft, feed and PDF.

Both ends are opened the way reader opens a library (reader.store.database: the target is
created if need be and migrated first, so both are at the newest schema). The target must hold
no rows. Every table of the models' metadata that both ends have is copied (so a table added
by a later revision is copied without a change here), in foreign-key order, in batches with
SQLAlchemy Core, ids kept as they are; the whole copy is one transaction on the target, so a
failure leaves it as it was (a library file the copy itself created is removed). Then
PostgreSQL's id sequences are moved past the copied ids, the search index is rebuilt, and each
table's row count on the target is checked against the rows read and the source's count.

A team library's private rows are behind row-level security: copying from or into one takes a
superuser or a role with BYPASSRLS (anyone else is refused before anything is copied)."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.library.members import SETTING as MEMBER_SETTING
from reader.store.location import LibraryLocation, parse_location

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

log = logging.getLogger(__name__)

BATCH_ROWS = 2000  # rows per INSERT batch
BLOB_BATCH_ROWS = 20  # for tables holding files (PDFs): a batch stays a few MB
PROGRESS_EVERY_S = 2.0  # at most one progress line every two seconds


class CopyError(ReaderError):
    """The copy was refused or failed; the target was left as it was."""


@dataclass(frozen=True)
class CopyReport:
    """What was copied: `counts` (table → rows, checked on the target), in copy order."""

    source: str  # the source's display form (never a password)
    target: str
    counts: dict[str, int]
    seconds: float


def copy_library(
    source: str,
    target: str,
    *,
    progress: Callable[[str], None] | None = None,
    members: dict[str, str] | None = None,
) -> CopyReport:
    """Copy the library at `source` into the empty library at `target` (URLs or library
    files, see reader.store.location). `progress` hears a line now and then on a big copy.
    `members` renames members on the way (old identity → new): a library file's user is who
    they are on that machine, in a team library their database role — without the rename
    their private notes would be out of their own sight there (row-level security).
    CopyError or StoreError (one line) when refused or failed."""
    say = progress or (lambda _line: None)
    src, dst = parse_location(source), parse_location(target)
    if _same_place(src, dst):
        raise CopyError(f"The source and the target are the same library ({src.display}).")
    _require_existing(src)
    made_file = dst.path is not None and not dst.path.exists()
    started = time.monotonic()
    try:
        with _opened(src, target=False) as src_engine, _opened(dst, target=True) as dst_engine:
            counts = _copy(src_engine, dst_engine, src, dst, say, members or {})
    except BaseException:
        if made_file and dst.path is not None:
            _remove_library_file(dst.path)
        raise
    return CopyReport(src.display, dst.display, counts, time.monotonic() - started)


def _same_place(a: LibraryLocation, b: LibraryLocation) -> bool:
    if a.path is not None and b.path is not None:
        return a.path.resolve() == b.path.resolve()
    return a.url == b.url


def _require_existing(location: LibraryLocation) -> None:
    """The source must be a library already: opening it must not start a new, empty one."""
    if location.path is not None:
        if not location.path.is_file():
            raise CopyError(f"There is no library at {location.display}.")
        return
    from reader.store import postgres

    postgres.connect(location).close()  # a missing database or a refused login: one line


@contextmanager
def _opened(location: LibraryLocation, *, target: bool) -> Iterator[Engine]:
    """An engine on the library at `location`, opened (created, migrated) by Database. On
    SQLite the copy's own engine: the source read in one snapshot, the target written in one
    transaction. On PostgreSQL the source is read at REPEATABLE READ (one snapshot too)."""
    from reader.store.database import Database

    folder = location.path.parent if location.path is not None else Path(tempfile.gettempdir())
    db = Database(folder, url=location.url)
    try:
        if target and db.read_only:
            raise CopyError(f"The target {location.display} is read-only.")
        if location.path is None:
            yield (
                db.engine
                if target
                else db.engine.execution_options(isolation_level="REPEATABLE READ")
            )
            return
        engine = _sqlite_copy_engine(location.path, "BEGIN IMMEDIATE" if target else "BEGIN")
        try:
            yield engine
        finally:
            engine.dispose()
    finally:
        db.close()


def _sqlite_copy_engine(path: Path, begin: str) -> Engine:
    """An engine whose transactions really are transactions: Python's sqlite3 would commit
    the DDL (dropping the search triggers) at once and read without a snapshot; this one
    says `begin` itself."""
    from sqlalchemy import create_engine, event

    from reader.store.database import busy_timeout

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.isolation_level = None  # no implicit BEGIN: ours below
        dbapi_conn.execute(f"PRAGMA busy_timeout={int(busy_timeout() * 1000)}")
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


def _copy(
    src_engine: Engine,
    dst_engine: Engine,
    src: LibraryLocation,
    dst: LibraryLocation,
    say: Callable[[str], None],
    members: dict[str, str],
) -> dict[str, int]:
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    tables = _tables(inspect(src_engine), inspect(dst_engine))
    counts: dict[str, int] = {}
    try:
        with src_engine.connect() as s, dst_engine.begin() as d:
            names = [t.name for t, _cols in tables]
            _require_every_row(s, src, names, "read")
            _require_every_row(d, dst, names, "write")
            _refuse_filled(d, [t for t, _cols in tables], dst)
            members = _with_unnamed(s, members)
            if dst.path is not None:
                _drop_search_triggers(d)  # rebuilt once at the end, not row by row
            for table, columns in tables:
                counts[table.name] = _copy_table(s, d, table, columns, say, members)
            if dst.path is None:
                _reset_sequences(d, [t for t, _cols in tables])
            _rebuild_search(d, dst)
            _verify(s, d, [t for t, _cols in tables], counts)
    except DBAPIError as exc:
        log.info("copying the library failed", exc_info=True)
        raise CopyError(
            f"The copy failed: {_first_line(exc.orig or exc)}; the target was left as it was."
        ) from exc
    return counts


def _tables(src_inspector: Any, dst_inspector: Any) -> list[tuple[Table, list[Any]]]:
    """Every table of the models' metadata that both libraries have, parents before children,
    with the columns both have (a column computed by the database is never written)."""
    from sqlmodel import SQLModel

    import reader.store.models  # noqa: F401  (registers every table on the metadata)

    src_names, dst_names = (
        set(src_inspector.get_table_names()),
        set(dst_inspector.get_table_names()),
    )
    out = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in src_names or table.name not in dst_names:
            continue
        both = {c["name"] for c in src_inspector.get_columns(table.name)} & {
            c["name"] for c in dst_inspector.get_columns(table.name)
        }
        columns = [c for c in table.columns if c.name in both and c.computed is None]
        out.append((table, columns))
    return out


def _require_every_row(
    conn: Connection, location: LibraryLocation, names: list[str], do: str
) -> None:
    """Row-level security (a team library's private notes) would hide other members' rows
    from the copy, or refuse them: a role that cannot pass over it is refused at once, before
    a copy that would quietly lack those rows (their counts agree with what it sees)."""
    if location.path is not None:
        return
    from sqlalchemy import text

    guarded = conn.execute(
        text(
            "SELECT count(*) FROM pg_class WHERE relrowsecurity AND relname = ANY(:names) "
            "AND relnamespace = current_schema()::regnamespace"
        ),
        {"names": names},
    ).scalar_one()
    role, passes = conn.execute(
        text("SELECT rolname, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
    ).one()
    if guarded and not passes:
        raise CopyError(
            f"The role {role} cannot {do} every member's private rows at {location.display}; "
            "copy a team library as a superuser or a role with BYPASSRLS."
        )


def _refuse_filled(d: Connection, tables: list[Table], dst: LibraryLocation) -> None:
    from sqlalchemy import func, select

    filled = []
    for table in tables:
        if d.execute(select(func.count()).select_from(table)).scalar_one():
            filled.append(table.name)
    if filled:
        raise CopyError(
            f"The target {dst.display} is not empty (it holds {', '.join(filled[:3])}"
            f"{'…' if len(filled) > 3 else ''} rows); copy into a new, empty library."
        )


def _with_unnamed(s: Connection, members: dict[str, str]) -> dict[str, str]:
    """A library file writes no creator on some rows of its one user (drafts): when that user
    is renamed, so are those rows."""
    from sqlalchemy import text

    if not members:
        return members
    user = s.execute(
        text("SELECT value FROM setting WHERE key = :key"), {"key": MEMBER_SETTING}
    ).scalar()
    if user in members and "" not in members:
        return {**members, "": members[user]}
    return members


def _member_columns(table: str) -> set[str]:
    """The columns of `table` that name a member (renamed by `copy_library(members=)`)."""
    from reader.library.members import MEMBER_COLUMNS

    named = {column for name, column in MEMBER_COLUMNS if name == table}
    return named | ({"name"} if table == "member" else set())


def _renamed(row: dict[str, Any], table: str, members: dict[str, str]) -> dict[str, Any]:
    for column in _member_columns(table):
        if row.get(column) in members:
            row[column] = members[row[column]]
    if table == "setting" and row.get("key") == MEMBER_SETTING and row.get("value") in members:
        row["value"] = members[row["value"]]
    return row


def _copy_table(
    s: Connection,
    d: Connection,
    table: Table,
    columns: list[Any],
    say: Callable[[str], None],
    members: dict[str, str],
) -> int:
    """Copy one table in batches, in primary-key order (a row that points at another row of
    its own table finds it there), members renamed as asked. Returns the rows copied."""
    from sqlalchemy import LargeBinary, func, insert, select

    total = s.execute(select(func.count()).select_from(table)).scalar_one()
    if not total:
        return 0
    blobs = any(isinstance(c.type, LargeBinary) for c in columns)
    batch = BLOB_BATCH_ROWS if blobs else BATCH_ROWS
    query = select(*columns).order_by(*table.primary_key.columns)
    done, last_said = 0, time.monotonic()
    result = s.execution_options(yield_per=batch).execute(query)
    try:
        for part in result.partitions(batch):
            rows = [dict(row._mapping) for row in part]
            if members:
                rows = [_renamed(r, table.name, members) for r in rows]
            d.execute(insert(table), rows)
            done += len(part)
            if time.monotonic() - last_said >= PROGRESS_EVERY_S:
                say(f"{table.name}: {done:,} of {total:,} rows")
                last_said = time.monotonic()
    except ValueError as exc:  # a stored value its column's type cannot read (a bad date)
        log.info("reading %s failed", table.name, exc_info=True)
        raise CopyError(
            f"A row of {table.name} could not be read ({_first_line(exc)}); the target was "
            "left as it was."
        ) from exc
    return done


def _drop_search_triggers(d: Connection) -> None:
    from reader.store.search import INDEXES

    for index in INDEXES:
        for suffix in ("ai", "ad", "au"):
            d.exec_driver_sql(f"DROP TRIGGER IF EXISTS {index}_{suffix}")


def _rebuild_search(d: Connection, dst: LibraryLocation) -> None:
    """The search index of the copied rows, checked. On SQLite the triggers dropped for the
    copy are put back and FTS5 rebuilds once; on PostgreSQL the index was kept by the
    database itself as the rows arrived (triggers, generated columns)."""
    from reader.store.search import check_search_index, ensure_search_index

    ensure_search_index(d, rebuild=dst.path is not None)
    if not check_search_index(d):
        raise CopyError("The copy's search index failed its check; the target was left as it was.")


def _reset_sequences(d: Connection, tables: list[Table]) -> None:
    """Move each id sequence past the copied ids, so the next article gets a new id."""
    from sqlalchemy import Integer, text

    quote = d.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer):
                continue
            sequence = d.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": quote(table.name), "column": column.name},
            ).scalar()
            if sequence is None:  # a key that is also a foreign key (article_pdf.article_id)
                continue
            top = d.execute(
                text(f"SELECT max({quote(column.name)}) FROM {quote(table.name)}")
            ).scalar()
            d.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": top or 1, "called": top is not None},
            )


def _verify(s: Connection, d: Connection, tables: list[Table], counts: dict[str, int]) -> None:
    """Every table on the target holds what was read; the source still holds that much."""
    from sqlalchemy import func, select

    for table in tables:
        on_target = d.execute(select(func.count()).select_from(table)).scalar_one()
        on_source = s.execute(select(func.count()).select_from(table)).scalar_one()
        copied = counts[table.name]
        if on_target != copied:
            raise CopyError(
                f"The copy of {table.name} holds {on_target:,} rows, not the {copied:,} read; "
                "the target was left as it was."
            )
        if on_source != copied:
            raise CopyError(
                f"The source's {table.name} changed during the copy ({copied:,} rows read, "
                f"{on_source:,} now); copy again when no one is using it."
            )


def _remove_library_file(path: Path) -> None:
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            side.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove %s after a failed copy: %s", side, exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
