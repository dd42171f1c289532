"""Automatic backups of the library with SQLite's online backup API: one a day, the last 7 kept,
and restoring one (the current file is itself backed up first, so a restore is never a loss)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reader.errors import StoreError

KEEP = 7
PREFIX = "library-"
SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime

    @property
    def label(self) -> str:
        return self.made.strftime("%Y-%m-%d %H:%M")


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def list_backups(data_dir: Path) -> list[Backup]:
    """Backups, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob(f"{PREFIX}*{SUFFIX}"):
        stamp = p.name[len(PREFIX) : -len(SUFFIX)]
        try:
            made = _stamp_time(stamp)
        except ValueError:
            continue
        out.append(Backup(p, made))
    return sorted(out, key=lambda b: b.made, reverse=True)


def _stamp_time(stamp: str) -> datetime:
    """The time in a backup's name (YYYYmmdd-HHMMSS), read without strptime, whose first use
    compiles its patterns: milliseconds of every start-up that makes a backup."""
    digits = stamp[:8] + stamp[9:]
    if len(stamp) != 15 or stamp[8] != "-" or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not a backup's time: {stamp}")
    year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
    return datetime(year, month, day, int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:]))


def make_backup(db_path: Path, data_dir: Path, now: datetime | None = None) -> Path:
    """Copy the live database consistently (WAL included) into backups/; prune to KEEP."""
    now = now or datetime.now()
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{now.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
    tmp = target.with_suffix(".part")
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    for old in list_backups(data_dir)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return target


def backup_if_due(db_path: Path, data_dir: Path, today: date | None = None) -> Path | None:
    """Make today's backup unless one exists already (called at every start)."""
    today = today or date.today()
    if not db_path.exists():
        return None
    if any(b.made.date() == today for b in list_backups(data_dir)):
        return None
    return make_backup(db_path, data_dir)


def restore_backup(backup: Path, db_path: Path, data_dir: Path) -> Path:
    """Replace the live database with `backup` (the engine must be disposed by the caller).
    Returns the safety backup of the database as it was before the restore."""
    if not backup.exists():
        raise StoreError(f"Cannot restore {backup.name}: no such backup")
    safety = make_backup(db_path, data_dir) if db_path.exists() else db_path
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Cannot restore {backup.name}: {exc}") from exc
    finally:
        src.close()
    return safety
