"""The library's server lost while the window is open: one clear line in the status bar and
the notice strip, every edit that could not be saved kept (in order) and said so, tried again
periodically and when the change listener is connected again; once they are saved, the message
goes. Edits are the window's ops marked `edit` (reader.ui.operations: highlights, notes and
their drafts, ratings, corrections); a note being typed also stays in its editor and as a
draft kept in memory (reader.ui.annotations.drafts).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from reader.library.changes import connection_lost

log = logging.getLogger(__name__)

RETRY_MS = 3000  # how often kept edits are tried again while the server stays away


class ConnectionStatus(QObject):
    """Keeps the window's failed edits while the library is out of reach, and shows it."""

    def __init__(self, window: Any, live: Any | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.kept: list[Callable[[], None]] = []
        self.lost: str | None = None  # why, while the server is out of reach
        self._replaying = 0
        self.label = QLabel(window)
        self.label.setObjectName("connectionStatus")
        self.label.setStyleSheet("color: #b5452f; font-weight: 600")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self.retry)
        window.ops.keep_failed = self.keep
        window.ops.lost_read = self.read_lost
        self.ask_close: Callable[[Any, int], bool] = ask_close  # tests answer it
        window.installEventFilter(self)  # closing with kept edits asks first
        self.live = live
        if live is not None:
            live.state_changed.connect(self.on_state)

    @property
    def where(self) -> str:
        location = getattr(self.window.library, "location", None)
        return str(getattr(location, "display", "") or "the library")

    # ---- losing --------------------------------------------------------------------------

    def keep(self, again: Callable[[], None], exc: BaseException) -> bool:
        """An edit failed: keep it when the server is out of reach (True), else let it be
        reported as usual (False)."""
        if not connection_lost(exc):
            return False
        log.info("an edit was kept for retry: %s", exc)
        self.kept.append(again)
        self._lose(_first_line(exc))
        return True

    def read_lost(self, exc: BaseException) -> bool:
        """A read failed: when the server is out of reach, say that (once, here) instead of the
        read's own error; what it would have shown is read again once the server is back."""
        if not connection_lost(exc):
            return False
        log.info("a read failed with the server out of reach: %s", exc)
        self._lose(_first_line(exc))
        return True

    def on_state(self, connected: bool, why: str) -> None:
        """The change listener connected again (try the kept edits now) or lost the server."""
        if connected:
            self.retry()
        else:
            self._lose(why)

    def _lose(self, why: str) -> None:
        # "Cannot reach the library at <where>: connection refused" → "connection refused"
        why = why.split(f"{self.where}: ", 1)[-1] if self.where in why else why
        self.lost = why or self.lost or "no answer"
        n = len(self.kept)
        kept = (
            f"{n} change{'s' * (n != 1)} not saved yet — kept, and saved when it is back"
            if n
            else "changes made meanwhile are kept and saved when it is back"
        )
        text = f"Lost the connection to {self.where}: {self.lost}. {kept}. Retrying…"
        self.label.setText(f"Offline — {n} unsaved" if n else "Offline")
        self.label.setToolTip(text)
        self.label.show()
        self.window.statusBar().showMessage(text)
        self.window.notice.show_notice(text, error=True)
        if not self._timer.isActive():
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window while edits wait for the server: they would be lost, so ask."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.kept:
            if not self.ask_close(self.window, len(self.kept)):
                event.ignore()
                return True
            log.warning("the window closed with %d unsaved changes", len(self.kept))
        return False

    # ---- recovering ----------------------------------------------------------------------

    def retry(self) -> None:
        """Run the kept edits again, in order; when none fails, the server is back."""
        live = self.live
        if live is not None and self.lost and not live.connected and live.dialect != "sqlite":
            return  # the listener is still trying: it says when the server answers
        kept, self.kept = self.kept, []
        for again in kept:
            again()
        if self.lost is None:
            return
        self._replaying += 1
        # queued behind the edits on the one database thread: runs once they have
        self.window.ops.run(lambda: None, lambda _r: self._replayed(len(kept)), edit=False)

    def _replayed(self, n: int) -> None:
        self._replaying -= 1
        if self.kept or self._replaying or self.lost is None:
            return  # some failed again: still offline
        self._timer.stop()
        self.lost = None
        self.label.hide()
        said = f"; {n} kept change{'s' * (n != 1)} saved" if n else ""
        self.window.notice.dismiss()
        self.window.show_message(f"The connection to {self.where} is back{said}")


def ask_close(parent: QWidget, n: int) -> bool:
    """True when the person closes anyway, losing the `n` changes kept for the server."""
    from PySide6.QtWidgets import QMessageBox  # here, not at the start (see conflict_box.py)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changes not saved")
    box.setText(
        f"{n} change{'s' * (n != 1)} could not be saved: the library's server is out of reach."
    )
    box.setInformativeText(
        "Keep the window open and they are saved when the server is back; close it now and "
        "they are lost."
    )
    keep = box.addButton("Keep Open", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Close Anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is not keep


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
