"""Bringing a library's analyses up to the engine: after a new engine (reader/engine.py), the
articles an older one analysed are analysed again in the background, one per operation on the
window's database pool — so an article the user opens meanwhile waits for at most one — with
"Updating analyses i of n" in the status bar. Closing the window stops it between articles;
the rest is done at the next start (an article opened before then is analysed as it opens)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)
START_DELAY_MS = 1500  # after the first paint, and not at all for a --screenshot run


class Reanalysis(QObject):
    """The chain of `Library.reanalyze` operations for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.todo: list[int] = []
        self.total = 0
        self.done = 0
        self.updated = 0
        self.stopped = False
        window.installEventFilter(self)  # a Close event stops the chain before closeEvent waits

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stopped = True
        return False

    def start(self) -> None:
        """Look for stale articles (a plain sqlite3 read) and analyse them one at a time."""
        if self.stopped or not self.window.persist:
            return  # a screenshot run: leave the library as it is
        try:
            self.todo = self.window.library.stale_articles()
        except (ReaderError, OSError) as exc:  # the library will say so when next used
            log.warning("stale analyses not looked up: %s", exc)
            return
        self.total = len(self.todo)
        if self.todo:
            log.info("%d articles were analysed by an older engine", self.total)
            self._next()

    def _next(self) -> None:
        if self.stopped or not self.todo:
            self._finish()
            return
        article_id = self.todo.pop(0)
        library = self.window.library
        self.window.ops.run(
            lambda: library.reanalyze(article_id), self._step, self._failed, changes=None
        )

    def _step(self, changed: object) -> None:
        self.done += 1
        self.updated += bool(changed)  # False: read-only, or opened (so analysed) meanwhile
        self.window.statusBar().showMessage(
            f"Updating analyses to the new engine: {self.done} of {self.total}", 3000
        )
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.stopped = True
        self.window._failed(exc, "Updating the analyses stopped")

    def _finish(self) -> None:
        if self.updated:
            self.window.statusBar().showMessage(
                f"Analyses updated to the new engine ({self.updated} articles)", 6000
            )
            self.window.ops.changed.emit("library")
            self.window.ops.changed.emit("sources")


def install_reanalysis(window: MainWindow) -> None:
    window.reanalysis = Reanalysis(window)  # type: ignore[attr-defined]
    QTimer.singleShot(START_DELAY_MS, window.reanalysis.start)  # type: ignore[attr-defined]
