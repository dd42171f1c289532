"""Where the library's files are: the data folder, the bundled sample article and the shipped
starter library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.location import LibraryLocation

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


def library_location(
    data_dir: Path | str | None = None, database: str | None = None
) -> LibraryLocation | None:
    """Where the library of `data_dir` (or `database`) is, for the steps a start takes before
    opening it; None for a URL that cannot be read (a bad READER_DATABASE_URL): opening the
    library says what is wrong with it."""
    from reader.errors import ReaderError
    from reader.store.location import resolve_location

    try:
        return resolve_location(Path(data_dir) if data_dir else default_data_dir(), database)
    except ReaderError:
        return None


def prepare_opening(data_dir: Path | str | None = None, database: str | None = None) -> None:
    """Import what `Library(data_dir, database=database)` will need to create or migrate its
    database (nothing for a library file at the newest schema; psycopg for a team library).
    The window calls it before loading Qt: see reader.store.database.import_for_opening."""
    from reader.store.database import import_for_opening

    location = library_location(data_dir, database)
    if location is None:
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

    from reader.store.location import DB_NAME

    folder = Path(data_dir) if data_dir else default_data_dir()
    location = library_location(folder, database)
    if location is None or location.path == folder / DB_NAME:
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
