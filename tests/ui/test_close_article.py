"""File → Close article (Ctrl+W): the window without an article and a hint to open one; the
next start opens nothing until an article is opened again. Help → What the signals mean."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from reader.ui.closing import EMPTY_HINT, NO_ARTICLE_KEY
from reader.ui.signals_help import SignalsHelp


def _hint(window) -> QLabel | None:
    return window.article_view.viewport().findChild(QLabel, "noArticleHint")


def _menu_texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions()]


def test_ctrl_w_closes_the_article_and_the_next_start_opens_nothing(make_window, qtbot):
    first = make_window()
    assert first.current is not None
    sample_id = first.current.info.id
    assert "Close article" in _menu_texts(first.file_menu)
    first.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    qtbot.keyClick(first.article_view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)

    assert first.current is None
    assert first.article_view.toPlainText() == ""
    hint = _hint(first)
    assert hint is not None and hint.isVisible() and hint.text() == EMPTY_HINT
    assert "Ctrl+O" in EMPTY_HINT
    assert hint.width() == first.article_view.viewport().width()
    assert first.sources_panel.empty.text() == "No article is open."
    assert first.sources_panel.model.sources() == []
    assert first.windowTitle() == "reader"
    assert first.settings.value(NO_ARTICLE_KEY) is not None
    first.close()

    second = make_window()  # the usual start, no PATH
    second.ops.wait()
    assert second.current is None
    assert _hint(second) is not None and _hint(second).isVisible()

    second.open_article(sample_id)  # opening anything ends the "no article" state
    assert second.current is not None and second.current.info.id == sample_id
    assert not second.settings.contains(NO_ARTICLE_KEY)
    assert not _hint(second).isVisible()
    second.close()

    third = make_window()
    assert third.current is not None and third.current.info.id == sample_id


def test_close_article_with_nothing_open_does_nothing(window):
    window.close_article_action.trigger()
    assert window.current is None
    window.close_article_action.trigger()  # a second time: no error, same state
    assert window.current is None
    assert window.windowTitle() == "reader"


def test_help_menu_opens_what_the_signals_mean(window):
    assert "What the signals mean" in _menu_texts(window.help_menu)
    window.signals_help_action.trigger()
    page = window.findChild(SignalsHelp, "signalsHelp")
    assert page is not None and page.isVisible()
    assert "how" in page.browser.toPlainText().lower()
