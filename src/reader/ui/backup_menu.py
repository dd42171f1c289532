"""File → Restore Backup: the library's daily backups, newest first; restoring one asks first,
backs up the current library, and reopens the window's article from the restored one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from reader.ui import icons

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

Confirm = Callable[[str, Callable[[], None]], None]


def ask_confirmation(window: MainWindow) -> Confirm:
    """A question box opened without blocking; `proceed` runs on Yes."""

    def confirm(label: str, proceed: Callable[[], None]) -> None:
        from PySide6.QtWidgets import QMessageBox  # here, not at the start (see conflict_box.py)

        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore backup",
            f"Replace the library with the backup of {label}?\n\nThe library as it is now is "
            "backed up first, so this can be reversed by restoring that backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(proceed)
        box.open()

    return confirm


class BackupMenu:
    """Keeps the submenu filled and runs restores through the window's operations."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.confirm: Confirm = ask_confirmation(window)
        self.menu = QMenu("Restore &Backup", window)
        self.menu.setIcon(icons.icon("fa5s.undo-alt"))
        self.menu.aboutToShow.connect(self.fill)
        actions = window.file_menu.actions()
        before = actions[-1] if actions else None  # keep Quit last
        # Qt appends on a null `before`; PySide6 types the argument QAction, not QAction | None
        window.file_menu.insertMenu(before, self.menu)  # type: ignore[arg-type]

    def fill(self) -> None:
        self.menu.clear()
        backups = self.window.library.backups()
        if not backups:
            # a team library's backups are its server's: the menu says so
            empty = self.menu.addAction(self.window.library.backup_note or "No backups yet")
            empty.setEnabled(False)
            return
        for b in backups:
            action = self.menu.addAction(b.label)
            action.triggered.connect(
                lambda _=False, path=b.path, label=b.label: self.ask(path, label)
            )

    def ask(self, path: Path, label: str) -> None:
        self.confirm(label, lambda: self.restore(path, label))

    def restore(self, path: Path, label: str) -> None:
        window = self.window
        library = window.library

        def done(_result: object) -> None:
            window.show_message(f"Restored the library from the backup of {label}")
            window.current = None
            window.open_start()

        window.ops.run(
            lambda: library.restore_backup(path),
            done,
            lambda exc: window.show_message(f"Cannot restore the backup: {exc}", error=True),
            changes="library",
        )


def install_backups(window: MainWindow) -> None:
    window.backup_menu = BackupMenu(window)  # type: ignore[attr-defined]
