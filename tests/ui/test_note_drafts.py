"""A note being typed is never lost: kept as a draft while typing (after a pause, at once on
focus loss, before another article opens, when the window closes), back in the editor when its
article opens again (in a new window, after SIGKILL too), gone once saved or discarded."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt

from reader.ui.annotations.note_editor import DRAFT_DELAY_MS

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
OTHER = "the troops did not move toward Ukraine"
QUOTE = "We constantly monitor the situation"
NOTE = "which troops, and who saw them?"


def _kept(data_dir: Path) -> list[tuple[int | None, str]]:
    """(highlight id, text) of every draft in the library file, read as another process would."""
    conn = sqlite3.connect(f"file:{data_dir / 'library.sqlite3'}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT highlight_id, text FROM note_draft ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(r[0], r[1]) for r in rows]


def _start(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    window.article_view.setFocus()
    qtbot.waitUntil(window.article_view.hasFocus)
    return window


def _note_on(window, qtbot, quote: str) -> tuple[int, int]:
    view, editor = window.article_view, window.annotations.note_editor
    i = view.text.index(quote)
    view.select(i, i + len(quote))
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | ALT)
    qtbot.waitUntil(lambda: editor.isVisible() and editor.edit.hasFocus())
    return i, i + len(quote)


def test_closing_the_window_keeps_the_note_and_reopening_brings_it_back(
    make_window, data_dir: Path, qtbot
) -> None:
    window = _start(make_window, qtbot)
    rng = _note_on(window, qtbot, OTHER)
    qtbot.keyClicks(window.annotations.note_editor.edit, NOTE)
    assert _kept(data_dir) == []  # typing has not paused yet: only closing can keep it
    window.close()
    assert _kept(data_dir) == [(None, NOTE)]

    again = make_window()  # a new window on the same library
    ann = again.annotations
    editor = ann.note_editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.edit.toPlainText() == NOTE
    assert editor.notice.isVisible() and editor.notice.text().startswith("Unsaved draft")
    assert ann._draft == rng  # the passage is marked again
    qtbot.waitUntil(editor.edit.hasFocus)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    marks = again.library.highlights(again.current.info.id)
    assert [(h.exact, h.note) for h in marks] == [(OTHER, NOTE)]
    assert _kept(data_dir) == []  # saved: no draft left to come back


def test_opening_another_article_keeps_the_note_and_coming_back_restores_it(
    make_window, data_dir: Path, qtbot
) -> None:
    window = _start(make_window, qtbot)
    first = window.current.info.id
    second = window.library.import_text("Second story\nThe mayor said the bridge will open.", "2")
    editor = window.annotations.note_editor
    _note_on(window, qtbot, OTHER)
    qtbot.keyClicks(editor.edit, NOTE)
    with qtbot.waitSignal(window.article_opened):
        window.open_article(second)
    assert _kept(data_dir) == [(None, NOTE)]
    assert window.current.info.id == second and not editor.isVisible()

    with qtbot.waitSignal(window.article_opened):
        window.open_article(first)
    qtbot.waitUntil(editor.isVisible)
    assert editor.edit.toPlainText() == NOTE and "Unsaved draft" in editor.notice.text()

    # Esc asks first, the second Esc discards: the draft goes, nothing is saved
    qtbot.waitUntil(editor.edit.hasFocus)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.cancel_button.text() == "Discard"
    assert _kept(data_dir) == [(None, NOTE)]
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert _kept(data_dir) == [] and window.library.highlights(first) == []


def test_an_edited_note_of_a_highlight_is_kept_on_focus_loss(
    make_window, data_dir: Path, qtbot
) -> None:
    window = _start(make_window, qtbot)
    ann, editor = window.annotations, window.annotations.note_editor
    _note_on(window, qtbot, QUOTE)
    qtbot.keyClicks(editor.edit, "first thought")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    (h,) = window.library.highlights(window.current.info.id)
    assert h.note == "first thought" and _kept(data_dir) == []

    ann.edit_note(h)
    qtbot.waitUntil(editor.edit.hasFocus)
    qtbot.keyClicks(editor.edit, ", then a second")
    window.article_view.setFocus()  # the reader clicks back into the article
    qtbot.waitUntil(lambda: not editor.edit.hasFocus())
    assert _kept(data_dir) == [(h.id, "first thought, then a second")]

    window.close()
    again = make_window()
    editor = again.annotations.note_editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.edit.toPlainText() == "first thought, then a second"
    editor.save()
    (h2,) = again.library.highlights(again.current.info.id)
    assert (h2.id, h2.note) == (h.id, "first thought, then a second")
    assert _kept(data_dir) == []
    again.undo_stack.undo()  # saving a draft is an ordinary, undoable note edit
    assert [x.note for x in again.library.highlights(again.current.info.id)] == ["first thought"]


def test_a_pause_in_typing_writes_the_draft(make_window, data_dir: Path, qtbot) -> None:
    window = _start(make_window, qtbot)
    _note_on(window, qtbot, OTHER)
    qtbot.keyClicks(window.annotations.note_editor.edit, "half")
    typed = time.monotonic()
    assert _kept(data_dir) == []
    qtbot.waitUntil(lambda: _kept(data_dir) == [(None, "half")], timeout=5000)
    assert time.monotonic() - typed >= DRAFT_DELAY_MS / 1000 - 0.05
    # back to the stored note (nothing, for a new one): the draft goes
    window.annotations.note_editor.edit.clear()
    qtbot.waitUntil(lambda: _kept(data_dir) == [], timeout=5000)


def test_a_draft_of_a_deleted_article_goes_quietly(make_window, data_dir: Path, qtbot) -> None:
    window = _start(make_window, qtbot)
    editor = window.annotations.note_editor
    _note_on(window, qtbot, OTHER)
    qtbot.keyClicks(editor.edit, NOTE)
    window.library.delete_article(window.current.info.id)  # e.g. from the Library panel
    editor.flush()
    assert _kept(data_dir) == []
    assert not window.notice.isVisible()  # no error for a note whose article is gone


CHILD = """
import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.main_window import MainWindow

app = QApplication([])
window = MainWindow(Library(Path(sys.argv[1])))
window.show()


def type_note(article):
    window.article_opened.disconnect(type_note)
    view, ann = window.article_view, window.annotations
    i = view.text.index(sys.argv[2])
    view.select(i, i + len(sys.argv[2]))
    ann.note_on_selection()
    QTest.keyClicks(ann.note_editor.edit, sys.argv[3])
    print("typed", flush=True)


window.article_opened.connect(type_note)
window.open_start()
app.exec()
"""


def test_a_note_typed_before_sigkill_comes_back(make_window, data_dir: Path, qtbot) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), OTHER, NOTE],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        typed = time.monotonic()
        while _kept(data_dir) != [(None, NOTE)] and time.monotonic() - typed < 20:
            time.sleep(0.05)
        kept_after = time.monotonic() - typed
        assert _kept(data_dir) == [(None, NOTE)], "the draft was never written"
        assert child.poll() is None  # still running: nothing was closed or saved
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    print(f"draft on disk {kept_after:.2f} s after the last keystroke")

    window = make_window()  # this process: a new window on the library the child left
    editor = window.annotations.note_editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.edit.toPlainText() == NOTE
    assert editor.notice.text().startswith("Unsaved draft")
    assert _kept(data_dir) == [(None, NOTE)]  # kept until saved or discarded
