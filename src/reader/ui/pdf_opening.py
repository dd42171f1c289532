"""What opening a PDF adds to opening a file: the password of an encrypted one (asked in a
dialog, or given with `reader X.pdf --password P`), and page progress with Cancel in the status
bar while a long one is read off the GUI thread.

`PdfOpening` belongs to a window (`Opening.open_path` uses it); the reading itself is
`reader.ingest.pdf`, whose progress callback raises `Cancelled` once Cancel was pressed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from reader.errors import Cancelled
from reader.ui.import_dialog import ImportProgress

SHOW_FROM_PAGES = 20  # a shorter PDF is read before a progress bar would be seen


def ask_password(parent: QWidget | None, name: str, wrong: bool) -> str | None:
    """The password for the encrypted PDF `name`, or None when the person cancels."""
    prompt = (
        f"Wrong password for {name}. Try again:" if wrong else f"{name} is encrypted. Its password:"
    )
    text, ok = QInputDialog.getText(
        parent, "Encrypted PDF", prompt, QLineEdit.EchoMode.Password, ""
    )
    return text if ok and text else None


class PdfOpening(QObject):
    """A window's PDF passwords (for this session only, never stored) and its page-progress
    strip with Cancel."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.passwords: dict[str, str] = {}
        self.progress = ImportProgress(window)
        self.progress.cancel_button.setToolTip("Stop reading this PDF; nothing is stored")
        self.progress.cancel_requested.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)
        self._reading: dict[str, threading.Event] = {}

    def start(self, target: str, name: str) -> Callable[[int, int], None]:
        """A page-progress callback for the worker reading `target` (raises Cancelled after
        Cancel); `shown` is called on the GUI thread with each report."""
        cancel = threading.Event()
        self._reading[target] = cancel

        def check(done: int, total: int) -> None:
            if cancel.is_set():
                raise Cancelled(f"Opening {name} was cancelled; nothing was stored")

        return check

    def shown(self, target: str, name: str, done: int, total: int) -> None:
        """A page read (on the GUI thread): the strip shows from SHOW_FROM_PAGES pages on."""
        cancel = self._reading.get(target)
        if cancel is None or cancel.is_set() or total < SHOW_FROM_PAGES:
            return
        self.progress.set_pages(done, total, name)
        if not self.progress.isVisible():
            self.progress.cancel_button.setEnabled(True)
            self.progress.show()
        if done >= total:  # every page read: the analysis runs on, and can no longer stop
            self.progress.label.setText(f"Analysing {name}…")
            self.progress.cancel_button.setEnabled(False)

    def finished(self, target: str) -> None:
        self._reading.pop(target, None)
        if not self._reading:
            self.progress.hide()

    def cancel(self) -> None:
        """Stop every PDF being read (the worker stops at the next page)."""
        for cancel in self._reading.values():
            cancel.set()
        self.progress.cancel_button.setEnabled(False)
        self.progress.label.setText("Cancelling…")

    def ask(self, target: str, name: str, wrong: bool) -> str | None:
        """The password for `target`, asked of the person; remembered for this session."""
        password = ask_password(self.window, name, wrong)
        if password is not None:
            self.passwords[target] = password
        return password
