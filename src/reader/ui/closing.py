"""File → Close article (Ctrl+W): the window without an article, a hint to open one, and the
next start remembering that nothing was open.

"No article" is the window's state, kept in its settings (`session/no_article`), not in the
library: the library still knows its last article, and opening any article clears the mark.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

log = logging.getLogger(__name__)

NO_ARTICLE_KEY = "session/no_article"
HINT_MARGIN = 36  # px around the hint in the empty view
EMPTY_HINT = (
    "No article is open.\n\n"
    "Open a file with File → Open… (Ctrl+O), a web page with File → Open URL… (Ctrl+L), "
    "drop a file here, or pick an article in the Library (Ctrl+Shift+L)."
)


def close_article(window: Any) -> None:
    """Close the open article: its note draft and reading position are kept, the view and the
    Sources panel empty, and the next start opens nothing."""
    if window.current is None:
        return
    window.leaving.emit()  # a note being written stays a draft of its article
    window.save_scroll()
    show_no_article(window)
    if window.persist:
        window.settings.setValue(NO_ARTICLE_KEY, True)
    window.statusBar().showMessage("Article closed", 3000)


def show_no_article(window: Any) -> None:
    """The empty state: no article, a hint in the view, the Sources panel saying why it is
    empty. Opening an article (any way) clears the "no article" mark."""
    window.current = None
    window.article_view.set_article(None)
    _hint(window).show()
    panel = window.sources_panel
    panel.set_analysis(None)
    panel.empty.setText("No article is open.")
    panel.stack.setCurrentWidget(panel.empty)
    window.setWindowTitle("reader")
    window._update_status()
    if not getattr(window, "_no_article_hooked", False):
        window._no_article_hooked = True
        window.article_opened.connect(lambda _view: _opened(window))


def start_without_article(window: Any) -> bool:
    """At start (no PATH asked for): when the article was closed last time, show the empty
    state and say so (True); else False and the usual start goes on."""
    if not window.persist:  # a --screenshot run pictures an article, whatever was left open
        return False
    if not closed_last_time(window.settings):
        return False
    show_no_article(window)
    return True


def closed_last_time(settings: QSettings) -> bool:
    """Whether the article was closed when the window last closed (nothing to reopen)."""
    return str(settings.value(NO_ARTICLE_KEY, False)).lower() in ("true", "1")


class EmptyHint(QLabel):
    """The hint over the empty article view, as large as its viewport; hidden again when an
    article opens."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(EMPTY_HINT, view.viewport())
        self.setObjectName("noArticleHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setContentsMargins(HINT_MARGIN, HINT_MARGIN, HINT_MARGIN, HINT_MARGIN)
        self.setEnabled(False)  # drawn dimmed, like other empty states
        view.viewport().installEventFilter(self)
        self.setGeometry(view.viewport().rect())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.setGeometry(obj.rect())
        return False


def _hint(window: Any) -> EmptyHint:
    view = window.article_view
    hint = view.viewport().findChild(EmptyHint, "noArticleHint")
    return hint if hint is not None else EmptyHint(view)


def _opened(window: Any) -> None:
    hint = window.article_view.viewport().findChild(EmptyHint, "noArticleHint")
    if hint is not None:
        hint.hide()
    if window.persist and window.settings.contains(NO_ARTICLE_KEY):
        window.settings.remove(NO_ARTICLE_KEY)
        log.debug("an article opened: the next start reopens it")
