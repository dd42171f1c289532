"""The start-up article, read while the window is being built.

A launch without a PATH reopens the last article (`Library.reopen_last`: SQLite through the
standard library, the stored analysis turned into views, the signals). None of that needs Qt,
so a thread does it while the main thread builds the window, and the window's first paint has
the article: no empty window painted first, no waiting for the database thread after `show()`.
The SQLite reads and the write marking the article opened release the GIL, so they overlap
the window's construction.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from reader.library import ArticleView, Library


class ReadAhead:
    """`Library.reopen_last()` run on a thread from construction; `result()` waits for it."""

    def __init__(self, library: Library) -> None:
        self._view: ArticleView | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._read, args=(library,), name="reader-read-ahead", daemon=True
        )
        self._thread.start()

    def _read(self, library: Library) -> None:
        try:
            self._view = library.reopen_last()
        except BaseException as exc:  # as an operation's (ui/operations.py): handed to the
            self._error = exc  # GUI thread, which shows it as the usual start would

    def result(self) -> tuple[ArticleView | None, BaseException | None]:
        """(the last article, or None when there is none to reopen; the error reading it)."""
        self._thread.join()
        return self._view, self._error


def read_ahead(
    library: Library, settings: QSettings, path: str | None, screenshot: bool
) -> ReadAhead | None:
    """The read started for a launch that reopens the last article: no PATH, and (unless a
    screenshot is asked for, which pictures an article whatever was left open) the article was
    not closed last time (reader.ui.closing), so reading it marks no article opened for nothing."""
    from reader.ui.closing import closed_last_time

    if path or (not screenshot and closed_last_time(settings)):
        return None
    return ReadAhead(library)
