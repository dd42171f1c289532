"""Corrections that no longer fit, in the window: when an article opens (or opens again after a
re-analysis or an edit) its orphaned corrections are read from the library and shown under the
Sources panel's menus (reader.ui.orphan_list); Discard deletes one through the library.

A correction is orphaned when a new analysis no longer has the source or statement it was made
on; the library keeps it and never applies it to another source (reader.library.corrections).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from reader.errors import ReaderError

if TYPE_CHECKING:  # a plug-in of the window (installed by name): no import cycle
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class OrphanedCorrections(QObject):
    """Keeps the Sources panel's line (`window.sources_panel.orphans`) on the open article."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.line = window.sources_panel.orphans
        self.line.discard_requested.connect(self.discard)
        window.article_opened.connect(lambda view: self.refresh(view, say=True))

    def refresh(self, view: Any = None, say: bool = False) -> None:
        """Read the open article's orphaned corrections (on the database thread, once: not on
        the GUI thread before the first paint); `say` them in the status bar too (an article
        opened, or opened again after a re-analysis)."""
        current = view if view is not None else self.window.current
        if current is None:
            self.line.set_orphans(None, [])
            return
        article_id = current.info.id
        library = self.window.library
        self.window.ops.run(
            lambda: library.orphaned_corrections(article_id),
            lambda rows: self._show(article_id, rows, say),
            self._not_read,
        )

    def _show(self, article_id: int, rows: list[Any], say: bool = False) -> None:
        current = self.window.current
        if current is None or current.info.id != article_id:
            return  # another article opened meanwhile: its own read follows
        self.line.set_orphans(article_id, list(rows))
        if say and rows:  # the engine changed: they are kept, not applied to another source
            n = len(rows)
            self.window.show_message(
                f"{n} correction{'s' if n > 1 else ''} of this article no longer "
                f"fit{'' if n > 1 else 's'} its analysis (the engine changed): kept, not applied"
            )

    def _not_read(self, exc: BaseException) -> None:
        if not isinstance(exc, ReaderError | OSError | sqlite3.Error):
            raise exc  # a bug: the window's hook logs it and says so
        log.warning("orphaned corrections not read: %s", exc)

    def discard(self, correction_id: int) -> None:
        """Delete a correction that no longer fits; the article is read again."""
        library = self.window.library

        def failed(exc: BaseException) -> None:
            self.window._failed(exc, "Cannot discard the correction")
            self.refresh()  # its Discard button comes back

        self.window.ops.run(
            lambda: library.undo_correction(correction_id), None, failed, changes="sources"
        )


def install_orphaned_corrections(window: MainWindow) -> OrphanedCorrections:
    """Show the open article's corrections that no longer fit (kept as
    `window.orphaned_corrections`)."""
    feature = OrphanedCorrections(window)
    window.orphaned_corrections = feature  # type: ignore[attr-defined]
    if window.current is not None:
        feature.refresh(window.current)
    return feature
