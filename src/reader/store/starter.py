"""The starter library: a library file shipped with the app that already holds the analysed
sample article, copied into place on the window's very first launch so that the first paint
needs neither alembic nor SQLAlchemy. A starter that is not at the newest schema or was
analysed by another engine version is never used (the normal way then builds the library)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def starter_is_current(starter: Path, head: str, engine_version: str) -> bool:
    """The shipped file is at schema `head` and its articles were analysed by `engine_version`."""
    if not starter.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{starter}?mode=ro", uri=True)
        try:
            (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            versions = {r[0] for r in conn.execute("SELECT analysis_version FROM article")}
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return False
    return version == head and versions == {engine_version}


def install_starter(starter: Path, db_path: Path, now: datetime | None = None) -> bool:
    """Copy the starter to `db_path` when there is no library there yet; its articles count as
    added now. Returns whether it was installed. Call it under the data folder's opening lock
    (reader.store.lockfile): the temporary copy's name is the same for every process."""
    if db_path.exists() or db_path.is_symlink():  # a dangling link: a drive not mounted
        return False
    db_path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    tmp = db_path.with_name(db_path.name + ".starter")
    src = sqlite3.connect(f"file:{starter}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("UPDATE article SET added_at = ?, opened_at = NULL", (stamp,))
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    if db_path.exists() or db_path.is_symlink():  # made meanwhile (without the lock): keep it
        tmp.unlink(missing_ok=True)
        return False
    tmp.replace(db_path)
    return True
