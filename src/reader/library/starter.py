"""The starter library: on a first launch the shipped library file (the sample, imported and
analysed) is put in place, so the window opens the analysed sample at once; and how that file
is made."""

from __future__ import annotations

from pathlib import Path

from reader.engine import engine_version
from reader.library.paths import library_location, starter_path


def install_starter_library(
    data_dir: Path | str | None = None, database: str | None = None
) -> bool:
    """On a first launch (no library file yet) put the starter library in place, so that the
    window opens the analysed sample at once. False when a library exists or the starter is not
    current; the window then imports the sample the normal way. A team library on PostgreSQL
    is not a file to copy: its first start imports the sample into it (False here)."""
    import sqlite3

    from reader.errors import StoreError
    from reader.store.database import busy_timeout, head_revision
    from reader.store.lockfile import opening_lock
    from reader.store.starter import install_starter, starter_is_current

    location = library_location(data_dir, database)
    db_path = location.path if location is not None else None
    if db_path is None:
        return False
    folder = db_path.parent
    if db_path.exists() or db_path.is_symlink():  # a link to a missing drive is not "no library"
        return False
    if not starter_is_current(starter_path(), head_revision(), engine_version()):
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # under the opening lock: a process creating the library meanwhile is never overwritten
        with opening_lock(folder, busy_timeout(), lambda _message: None) as writable:
            return writable and install_starter(starter_path(), db_path)
    except (OSError, sqlite3.Error, StoreError):
        # the library is then built the normal way, which reports what is wrong in one line
        return False


def build_starter_library(out: Path) -> None:
    """Make the starter library file: a new library with the sample imported and opened."""
    import shutil
    import sqlite3
    import tempfile

    from reader.library.operations import Library

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp))
        lib.open_article(lib.import_sample())
        lib.close()
        db = Path(tmp) / "library.sqlite3"
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
        conn.close()
        shutil.copyfile(db, out)
