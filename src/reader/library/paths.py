"""Where the library's files are: the data folder, the bundled sample article and the shipped
starter library."""

from __future__ import annotations

import os
from pathlib import Path

SAMPLE_NAME = "sample-article.txt"
STARTER_NAME = "starter-library.sqlite3"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/reader


def default_data_dir() -> Path:
    """READER_DATA_DIR, else the platform's per-user data folder."""
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False)


def prepare_opening(data_dir: Path | str | None = None, database: str | None = None) -> None:
    """Import what `Library(data_dir, database=database)` will need to create or migrate its
    database (nothing for a library file at the newest schema; psycopg for a team library).
    The window calls it before loading Qt: see reader.store.database.import_for_opening."""
    from reader.errors import ReaderError
    from reader.store.database import import_for_opening
    from reader.store.location import resolve_location

    folder = Path(data_dir) if data_dir else default_data_dir()
    try:
        location = resolve_location(folder, database)
    except ReaderError:  # a bad READER_DATABASE_URL: opening the library says so
        return
    if location.path is None:
        from reader.store.psycopg_import import import_psycopg

        import_psycopg()  # what the first query needs, imported before Qt

        return
    import_for_opening(location.path)


def instance_key(data_dir: Path | str | None = None, database: str | None = None) -> Path:
    """What names one library for the one-window-per-library rule (reader.ui.single_instance):
    the data folder for its own file; for another library (--database, READER_DATABASE_URL)
    the folder and a digest of its URL, so that a window on a team library and one on the
    folder's file are two windows, not one handed to the other."""
    import hashlib

    from reader.errors import ReaderError
    from reader.store.location import DB_NAME, resolve_location

    folder = Path(data_dir) if data_dir else default_data_dir()
    try:
        location = resolve_location(folder, database)
    except ReaderError:  # opening the library says what is wrong with it
        return folder
    if location.path == folder / DB_NAME:
        return folder
    return folder / f"library-{hashlib.sha1(location.url.encode()).hexdigest()[:16]}"


def starter_path() -> Path:
    """The shipped starter library (the sample, imported and analysed)."""
    return PACKAGE_DIR / "resources" / STARTER_NAME


def sample_path() -> Path:
    """The bundled sample article (shipped inside the package, with a copy under data/)."""
    here = PACKAGE_DIR / "resources" / SAMPLE_NAME
    if here.exists():
        return here
    return PACKAGE_DIR.parents[1] / "data" / SAMPLE_NAME
