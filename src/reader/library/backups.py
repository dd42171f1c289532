"""Today's automatic backup of the library, made when it is opened: one that cannot be made
does not stop the opening, it is logged and said once. A team library on PostgreSQL has no
file to copy: its backups are the server's (pg_dump, the DBA's schedule)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.database import Database

log = logging.getLogger(__name__)

SERVER_BACKUPS = (
    "A team library on PostgreSQL is backed up by its server (pg_dump or the administrator's "
    "backups), not by reader."
)


def backup_today(db: Database, data_dir: Path) -> str | None:
    """Make today's backup if it is due. One that cannot be made (a full disk, a read-only
    backups folder, a busy file) is logged, and the line to say returned, unless the library
    opened read-only, which has already been said."""
    from reader.store.backup import backup_dir, backup_if_due

    if db.location.path is None:
        return None  # SERVER_BACKUPS: nothing to copy here
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
