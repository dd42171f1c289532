"""File → Restore Backup lists the backups and restores one after the user confirms."""

from datetime import datetime

from reader.store.backup import make_backup


def test_restore_backup_from_the_menu(make_window, data_dir) -> None:
    window = make_window()
    library = window.library
    first = window.current.info.id
    snap = make_backup(library.db.path, data_dir, now=datetime(2026, 1, 2, 3, 4, 5))
    library.import_text("A later article, written after the backup.", title="Later")
    assert library.article_count() == 2

    menu = window.backup_menu
    asked: list[str] = []
    menu.confirm = lambda label, proceed: (asked.append(label), proceed())
    menu.fill()
    labels = [a.text() for a in menu.menu.actions()]
    assert "2026-01-02 03:04" in labels
    next(a for a in menu.menu.actions() if a.text() == "2026-01-02 03:04").trigger()

    assert asked == ["2026-01-02 03:04"]
    assert window.library.article_count() == 1
    assert window.current is not None and window.current.info.id == first
    assert snap.exists()
    assert len(window.library.backups()) >= 2  # the state before the restore was kept


def test_cancelled_restore_changes_nothing(make_window, data_dir) -> None:
    window = make_window()
    make_backup(window.library.db.path, data_dir, now=datetime(2026, 1, 2, 3, 4, 5))
    window.library.import_text("Kept because the restore was cancelled.", title="Kept")
    menu = window.backup_menu
    menu.confirm = lambda label, proceed: None  # the user pressed Cancel
    menu.fill()
    next(a for a in menu.menu.actions() if a.text() == "2026-01-02 03:04").trigger()
    assert window.library.article_count() == 2
