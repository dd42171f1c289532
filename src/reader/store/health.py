"""What a look at a library file says about it, and the error to show for each answer: sound,
corrupt (SQLite's own verdict: CORRUPT, NOTADB, a failed quick_check), busy (another program
holds it), or unreadable for a reason that proves nothing about its content. Only "corrupt"
ever lets the library be set aside (reader.store.database)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.errors import (
    LibraryBusyError,
    LibraryReadOnlyError,
    LibraryUnavailableError,
    StoreError,
)

FIRST_TRY_S = 0.2  # a lock held this briefly is another process's ordinary write: no message
# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_NOTADB = 5, 6, 8, 11, 26
BUSY_CODES = (SQLITE_BUSY, SQLITE_LOCKED)
CORRUPT_CODES = (SQLITE_CORRUPT, SQLITE_NOTADB)


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a sqlite3 error (or of SQLAlchemy's wrapper of one)."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def first_line(exc: BaseException) -> str:
    """SQLite's own words, without the SQL statement SQLAlchemy appends to its message."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else exc.__class__.__name__


def busy_error(db_path: Path) -> LibraryBusyError:
    return LibraryBusyError(
        f"The library {db_path} is in use by another program; it was left as it is "
        "(close the other program, or try again)."
    )


def database_error(exc: BaseException, db_path: Path) -> StoreError | None:
    """The error to show for a database error that says something about the library file
    (busy, read-only, damaged, a missing table); None for the rest, which are bugs."""
    code = sqlite_code(exc)
    text = first_line(exc)
    if code in BUSY_CODES:
        return busy_error(db_path)
    if code == SQLITE_READONLY:
        return LibraryReadOnlyError(f"The library {db_path} is read-only: changes can't be saved.")
    if code in CORRUPT_CODES or text.startswith(("no such table", "no such column")):
        return LibraryUnavailableError(
            f"The library {db_path} is damaged ({text}); restore a backup (File → Restore "
            "Backup) or move the file away to start a new library."
        )
    return None


@dataclass(frozen=True)
class FileState:
    """What a read-only look at an existing library file found."""

    damage: str | None  # SQLite's reason the file is corrupt; None when it is sound
    revision: str | None = None  # the schema revision stamped in it; None when there is none
    tables: frozenset[str] = frozenset()
    empty: bool = True  # no table holds a row


def _inspect_once(uri: str, wait: float) -> FileState:
    conn = sqlite3.connect(uri, uri=True, timeout=wait)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            return FileState(damage=str(row[0]) if row else "integrity check failed")
        tables = frozenset(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revision = None
        if "alembic_version" in tables:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        empty = not any(
            conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()
            for t in tables
            if revision is None and not t.startswith("sqlite_")
        )
        return FileState(None, revision, tables, empty)
    finally:
        conn.close()


def inspect_file(
    uri: str, db_path: Path, timeout: float, on_wait: Callable[[str], None]
) -> FileState:
    """Open the library read-only and run quick_check. Only SQLite's own verdict (CORRUPT,
    NOTADB, a failed check) counts as damage. A file another process has locked is waited for
    up to `timeout` s, then LibraryBusyError; any other error (cannot open, I/O, permission)
    proves nothing about the content: LibraryUnavailableError, the file left as it is."""
    deadline = time.monotonic() + timeout
    told = False
    while True:
        remaining = max(0.0, deadline - time.monotonic())
        try:
            return _inspect_once(uri, remaining if told else min(FIRST_TRY_S, remaining))
        except sqlite3.Error as exc:
            code = sqlite_code(exc)
            if code in CORRUPT_CODES:
                return FileState(damage=str(exc))
            if code not in BUSY_CODES:
                raise LibraryUnavailableError(
                    f"Cannot read the library {db_path}: {first_line(exc)}; it was left as it is."
                ) from exc
            if time.monotonic() >= deadline:
                raise busy_error(db_path) from exc
            if not told:
                on_wait(f"the library is in use by another program; waiting up to {timeout:g} s…")
                told = True
            time.sleep(0.05)
