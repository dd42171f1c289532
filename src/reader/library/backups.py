"""Today's automatic backup of the library, made when it is opened: one that cannot be made
does not stop the opening, it is logged and said once. A team library on PostgreSQL has no
file to copy: its backups are the server's (pg_dump, the DBA's schedule)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.database import Database

log = logging.getLogger(__name__)

SERVER_BACKUPS = (
    "A team library on PostgreSQL is backed up by its server (pg_dump or the administrator's "
    "backups), not by reader."
)

# library files this process has just made from the starter library (a first launch): a copy of
# a file that is itself a copy of one shipped with reader saves nothing, and costs the first
# start a file copy and a sync; tomorrow's start backs it up, with whatever was done to it
_INSTALLED_NOW: set[Path] = set()


def installed_now(data_dir: Path | str | None, database: str | None = None) -> None:
    """Say that the library file of `data_dir` (or `database`) was put in place from the
    starter library by this start (reader.library.starter.install_starter_library)."""
    from reader.library.paths import library_location

    location = library_location(data_dir, database)
    if location is not None and location.path is not None:
        _INSTALLED_NOW.add(location.path.absolute())


def back_up_ahead(data_dir: Path | str | None, database: str | None = None) -> None:
    """Today's backup of the library file of `data_dir` (or `database`), made before the library
    is opened: the window calls it on the thread that installs and prepares the library while
    Qt loads (reader.ui.app), so the day's copy and its sync are off the first paint's path —
    the opening then finds it made. One that cannot be made is left to the opening
    (`backup_today`), which tries again and says why."""
    from reader.library.paths import library_location

    location = library_location(data_dir, database)
    path = location.path if location is not None else None
    if path is None or path.absolute() in _INSTALLED_NOW or _made_today(path.parent):
        return
    from reader.store.backup import backup_if_due

    try:
        backup_if_due(path, path.parent)  # the folder of its file, as Library._backup_folder
    except (OSError, sqlite3.Error) as exc:
        log.info("today's backup left to the opening: %s", exc)


def backup_today(db: Database, data_dir: Path) -> str | None:
    """Make today's backup if it is due. One that cannot be made (a full disk, a read-only
    backups folder, a busy file) is logged, and the line to say returned, unless the library
    opened read-only, which has already been said."""
    path = db.location.path
    if path is None:
        return None  # SERVER_BACKUPS: nothing to copy here
    if path.absolute() in _INSTALLED_NOW or _made_today(data_dir):
        return None
    from reader.store.backup import backup_dir, backup_if_due

    try:
        backup_if_due(db.path, data_dir)
    except (OSError, sqlite3.Error) as exc:
        folder = backup_dir(data_dir)
        log.warning("today's backup in %s could not be made", folder, exc_info=exc)
        if not db.read_only:
            from reader.logs import log_path

            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return (
                f"Today's backup of the library could not be made in {folder}: {reason} "
                f"(details in {log_path()})"
            )
    return None


def _made_today(data_dir: Path) -> bool:
    """Whether a backup named for today is there: what nearly every start finds, seen from the
    names alone (reader.store.backup reads each name's time with strptime, whose first use
    compiles its patterns: some milliseconds before the window's first paint)."""
    from reader.store.backup import PREFIX, SUFFIX, backup_dir

    stamp = date.today().strftime("%Y%m%d")
    try:
        return any(
            backup_dir(data_dir).glob(f"{PREFIX}{stamp}-[0-9][0-9][0-9][0-9][0-9][0-9]{SUFFIX}")
        )
    except OSError:  # an unreadable folder: backup_if_due says what is wrong
        return False
