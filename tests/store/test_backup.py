"""Daily backups with SQLite's backup API, pruning to 7, and restoring one."""

from datetime import datetime, timedelta
from pathlib import Path

from reader.library import Library
from reader.store.backup import KEEP, backup_if_due, list_backups, make_backup, restore_backup


def test_daily_backup_made_once(tmp_path: Path) -> None:
    lib = Library(tmp_path)  # opening the library makes today's backup
    lib.import_text("Backed up article.", title="A")
    assert len(list_backups(tmp_path)) == 1
    assert backup_if_due(lib.db.path, tmp_path) is None
    Library(tmp_path)
    assert len(list_backups(tmp_path)) == 1
    tomorrow = list_backups(tmp_path)[0].made.date() + timedelta(days=1)
    made = backup_if_due(lib.db.path, tmp_path, today=tomorrow)
    assert made is not None and made.exists()


def test_keeps_last_seven(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    start = datetime.now() + timedelta(days=1)
    for i in range(10):
        make_backup(lib.db.path, tmp_path, now=start + timedelta(days=i))
    kept = list_backups(tmp_path)
    assert len(kept) == KEEP
    assert kept[0].made.date() == (start + timedelta(days=9)).date()
    assert kept[-1].made.date() == (start + timedelta(days=3)).date()


def test_restore_brings_back_old_state(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.import_text("Before the backup.", title="A")
    snap = make_backup(lib.db.path, tmp_path, now=datetime(2026, 1, 1))
    lib.import_text("After the backup.", title="B")
    assert lib.article_count() == 2
    lib.close()
    safety = restore_backup(snap, lib.db.path, tmp_path)
    again = Library(tmp_path)
    assert [a.title for a in again.articles()] == ["A"]
    assert safety.exists() and safety != snap
