"""Help → Open Log Folder: where the log file is (reader.logs), one click from the window that
told the user "details in …"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices

from reader.logs import log_dir, log_path

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class LogMenu:
    """The Help menu's log entry. `open_url` is how a folder is shown (the desktop's file
    manager); it answers False when there is none, and the window then says where the log is."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.action = QAction("Open &Log Folder", window)
        self.action.setStatusTip(f"The log file, where errors are explained: {log_path()}")
        self.action.setToolTip(str(log_path()))
        self.action.triggered.connect(self.open_folder)
        window.help_menu.addSeparator()
        window.help_menu.addAction(self.action)

    def open_folder(self) -> None:
        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)  # nothing may have been logged yet
        except OSError as exc:
            self.window.show_message(
                f"Cannot make the log folder {folder}: {exc.strerror}", error=True
            )
            return
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            self.window.show_message(f"The log file is {log_path()}")


def install_log_menu(window: MainWindow) -> None:
    window.log_menu = LogMenu(window)  # type: ignore[attr-defined]
