"""The whole annotation flow by keyboard on the sample in a real window, then `reader export`."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.cli import main

SENTENCE = "We constantly monitor the situation"
NOTE = "Who is we here: the ministry or the border guards?"
CTRL = Qt.KeyboardModifier.ControlModifier


def test_find_highlight_note_by_keyboard(
    make_window, data_dir: Path, qtbot, tmp_path: Path
) -> None:
    window = make_window()
    view = window.article_view
    assert window.current is not None and SENTENCE in view.text
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    ann = window.annotations

    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    bar = ann.find_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.edit.hasFocus())
    qtbot.keyClicks(bar.edit, SENTENCE)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is view
    start, end = view.selection_offsets()
    assert view.text[start:end] == SENTENCE

    qtbot.keyClick(view, Qt.Key.Key_H, CTRL)
    (h,) = window.library.highlights(window.current.info.id)
    assert (h.start, h.end, h.exact, h.color) == (start, end, SENTENCE, "yellow")

    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    editor = ann.note_editor
    qtbot.waitUntil(lambda: editor.isVisible() and editor.edit.hasFocus())
    qtbot.keyClicks(editor.edit, NOTE)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    assert not editor.isVisible()
    assert QApplication.focusWidget() is view
    (h,) = window.library.highlights(window.current.info.id)
    assert h.note == NOTE

    out = tmp_path / "annotations.json"
    aid = str(window.current.info.id)
    assert main(["export", aid, "--annotations-json", str(out), "--data-dir", str(data_dir)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    (item,) = doc["items"]
    quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert quote["exact"] == SENTENCE
    assert item["body"]["type"] == "TextualBody"
    assert item["body"]["value"] == NOTE

    qtbot.keyClick(view, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
