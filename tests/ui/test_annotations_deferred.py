"""The annotation widgets nobody sees in the first frame (the Annotations tab's panel, the find
bar, the selection toolbar, the note editor) are made on first use, after the first paint: by
the tab shown, a shortcut, a selection, a draft to bring back. Each works the first time as it
did when made with the window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
QUOTE = "We constantly monitor the situation"
OTHER = "the troops did not move toward Ukraine"
NOTE = "who monitors it?"


def _unmade(ann) -> list[str]:
    names = ("_panel", "_find_bar", "_toolbar", "_note_editor")
    return [name for name in names if getattr(ann, name) is not None]


def _select(window, quote: str) -> tuple[int, int]:
    view = window.article_view
    i = view.text.index(quote)
    view.select(i, i + len(quote))
    return i, i + len(quote)


def _drafts(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{data_dir / 'library.sqlite3'}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM note_draft ORDER BY id")]
    finally:
        conn.close()


def test_nothing_hidden_is_made_before_first_use(make_window, qtbot) -> None:
    window = make_window()
    ann = window.annotations
    assert window.current is not None
    assert _unmade(ann) == []  # an article is open, its highlights read: still none made
    tabs = window.side_tabs
    assert "Annotations" in [tabs.tabText(i) for i in range(tabs.count())]
    assert tabs.currentWidget() is window.sources_panel


def test_each_part_works_on_its_first_use(make_window, qtbot) -> None:
    window = make_window()
    window.activateWindow()
    ann, view, tabs = window.annotations, window.article_view, window.side_tabs
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    # a selection by the mouse brings the toolbar
    _select(window, QUOTE)
    ann._mouse_target = True
    qtbot.waitUntil(lambda: ann._toolbar is not None and ann._toolbar.isVisible())

    # Ctrl+H highlights; the tab, shown for the first time, lists it in the page's place
    qtbot.keyClick(view, Qt.Key.Key_H, CTRL)
    marks = window.library.highlights(window.current.info.id)
    assert [h.exact for h in marks] == [QUOTE]
    index = [tabs.tabText(i) for i in range(tabs.count())].index("Annotations")
    count = tabs.count()
    assert ann._panel is None
    tabs.setCurrentIndex(index)
    panel = ann._panel
    assert panel is not None
    assert tabs.currentWidget() is panel and tabs.indexOf(panel) == index
    assert tabs.count() == count and tabs.tabText(index) == "Annotations"
    assert [h.exact for h in panel.model.highlights()] == [QUOTE]
    assert ann.panel is panel  # made once

    # Ctrl+F opens the find bar on the selection's text
    _select(window, OTHER)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    bar = ann._find_bar
    assert bar is not None and bar.isVisible()
    assert bar.edit.text() == OTHER and bar.matches
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()

    # Ctrl+Alt+M opens the note editor; Ctrl+Enter saves the note on a new highlight
    view.setFocus()
    _select(window, OTHER)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | ALT)
    editor = ann._note_editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.isVisible() and editor.edit.hasFocus())
    qtbot.keyClicks(editor.edit, NOTE)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    marks = window.library.highlights(window.current.info.id)
    assert sorted((h.exact, h.note) for h in marks) == sorted([(QUOTE, ""), (OTHER, NOTE)])
    assert len(panel.model.highlights()) == 2


def test_a_draft_left_unsaved_comes_back_in_an_editor_not_made_yet(
    make_window, data_dir: Path, qtbot
) -> None:
    window = make_window()
    window.activateWindow()
    view = window.article_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    _select(window, QUOTE)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | ALT)
    editor = window.annotations._note_editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.isVisible() and editor.edit.hasFocus())
    qtbot.keyClicks(editor.edit, NOTE)
    window.close()  # before the typing pause: closing keeps it
    assert _drafts(data_dir) == [NOTE]

    again = make_window()
    ann = again.annotations
    qtbot.waitUntil(lambda: ann._note_editor is not None and ann._note_editor.isVisible())
    assert ann._note_editor.edit.toPlainText() == NOTE
    assert ann._panel is None and ann._find_bar is None  # the draft made only the editor
