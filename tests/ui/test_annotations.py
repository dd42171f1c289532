"""Highlights and notes in a real window: toolbar, find bar, note editor, Annotations tab,
undo/redo of every edit (the database is checked after each step)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from reader.ingest import ImportedDocument
from reader.library import HighlightInfo
from reader.ui.annotations.annotation_model import (
    ORPHAN_HEADER,
    AnnotationFilter,
    AnnotationModel,
    AnnotationRole,
)
from reader.ui.theme import flatten

CTRL = Qt.KeyboardModifier.ControlModifier
QUOTE = "We constantly monitor the situation"
OTHER = "the troops did not move toward Ukraine"


@pytest.fixture
def win(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    window.article_view.setFocus()
    qtbot.waitUntil(window.article_view.hasFocus)
    return window


def _marks(window) -> list[HighlightInfo]:
    return window.library.highlights(window.current.info.id)


def _select(window, quote: str) -> tuple[int, int]:
    i = window.article_view.text.index(quote)
    window.article_view.select(i, i + len(quote))
    return i, i + len(quote)


def _caret(window, pos: int) -> None:
    window.article_view.setTextCursor(window.article_view.cursor_for(pos))


# ---- undo / redo ---------------------------------------------------------------------------


def test_create_undo_redo(win, qtbot) -> None:
    start, end = _select(win, QUOTE)
    qtbot.keyClick(win.article_view, Qt.Key.Key_H, CTRL)
    (h,) = _marks(win)
    assert (h.start, h.end, h.color) == (start, end, "yellow")
    assert win.undo_stack.undoText() == "Highlight"
    qtbot.keyClick(win.article_view, Qt.Key.Key_Z, CTRL)
    assert _marks(win) == []
    qtbot.keyClick(win.article_view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    (again,) = _marks(win)
    assert (again.id, again.start, again.end) == (h.id, start, end)
    assert win.annotations.panel.model.highlights() == [again]


def test_recolour_from_the_toolbar_undo_redo(win, qtbot) -> None:
    _select(win, QUOTE)
    win.annotations.highlight_selection()
    _select(win, QUOTE)
    toolbar = win.annotations.toolbar
    qtbot.waitUntil(toolbar.isVisible)
    assert toolbar.delete_button.isVisibleTo(toolbar)  # it is an existing highlight
    qtbot.mouseClick(toolbar.swatches["green"], Qt.MouseButton.LeftButton)
    assert [h.color for h in _marks(win)] == ["green"]
    assert win.annotations.color == "green"  # the current colour follows the last choice
    win.undo_stack.undo()
    assert [h.color for h in _marks(win)] == ["yellow"]
    win.undo_stack.redo()
    assert [h.color for h in _marks(win)] == ["green"]


def test_note_edit_undo_redo(win, qtbot) -> None:
    _select(win, QUOTE)
    win.annotations.highlight_selection()
    editor = win.annotations.note_editor
    qtbot.keyClick(win.article_view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.edit.hasFocus)
    qtbot.keyClicks(editor.edit, "first thought")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    assert [h.note for h in _marks(win)] == ["first thought"]

    # double-click in the Annotations tab edits it again
    panel = win.annotations.panel
    panel.edit_requested.emit(panel.model.highlights()[0])
    assert editor.isVisible() and editor.edit.toPlainText() == "first thought"
    editor.edit.selectAll()
    qtbot.keyClicks(editor.edit, "second thought")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Enter, CTRL)
    assert [h.note for h in _marks(win)] == ["second thought"]

    win.undo_stack.undo()
    assert [h.note for h in _marks(win)] == ["first thought"]
    win.undo_stack.undo()
    assert [h.note for h in _marks(win)] == [""]
    win.undo_stack.redo()
    win.undo_stack.redo()
    assert [h.note for h in _marks(win)] == ["second thought"]


def test_delete_key_in_article_undo_redo(win, qtbot) -> None:
    start, _end = _select(win, QUOTE)
    win.annotations.highlight_selection(note_color := "pink")
    (h,) = _marks(win)
    win.annotations.set_note(win.annotations.ref_for(h), "keep me")
    _caret(win, start + 3)
    qtbot.keyClick(win.article_view, Qt.Key.Key_Delete)
    assert _marks(win) == []
    win.undo_stack.undo()
    (back,) = _marks(win)
    assert (back.id, back.color, back.note, back.start) == (h.id, note_color, "keep me", start)
    win.undo_stack.redo()
    assert _marks(win) == []


def test_delete_key_in_annotations_list(win, qtbot) -> None:
    _select(win, QUOTE)
    win.annotations.highlight_selection()
    _select(win, OTHER)
    win.annotations.highlight_selection("blue")
    panel = win.annotations.panel
    win.side_tabs.setCurrentWidget(panel)
    panel.select_id(_marks(win)[1].id)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [h.exact for h in _marks(win)] == [QUOTE]
    win.undo_stack.undo()
    assert [h.exact for h in _marks(win)] == [QUOTE, OTHER]


def test_note_without_highlight_is_one_step_and_esc_cancels(win, qtbot) -> None:
    view, editor = win.article_view, win.annotations.note_editor
    _select(win, OTHER)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.edit.hasFocus)
    assert win.annotations._draft is not None  # the range shows while writing
    qtbot.keyClicks(editor.edit, "never mind")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)  # typed text: the first Esc asks
    assert editor.isVisible() and "Esc again discards" in editor.notice.text()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert not editor.isVisible() and _marks(win) == []
    assert QApplication.focusWidget() is view

    _select(win, OTHER)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.edit.hasFocus)
    qtbot.keyClicks(editor.edit, "check")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, CTRL)
    assert [(h.exact, h.note) for h in _marks(win)] == [(OTHER, "check")]
    win.undo_stack.undo()
    assert _marks(win) == []


def test_edits_are_committed_at_once(win, make_window) -> None:
    _select(win, QUOTE)
    win.annotations.highlight_selection("purple")
    from reader.library import Library

    other = Library(win.library.data_dir)  # a second connection sees it: no Save needed
    try:
        assert [h.color for h in other.highlights(win.current.info.id)] == ["purple"]
    finally:
        other.close()


# ---- painting, hover, toolbar, context menu ------------------------------------------------


def test_highlights_layer_is_translucent_and_above_claims(win) -> None:
    start, end = _select(win, QUOTE)
    win.annotations.highlight_selection("blue")
    layer = win.article_view.layer("highlights")
    assert len(layer) == 1
    sel = layer[0]
    assert win.article_view.offsets_of(sel.cursor) == (start, end)
    assert 0 < sel.format.background().color().alpha() < 255
    merged = win.article_view.extraSelections()
    claims = win.article_view.layer("claims")
    assert claims, "the sample has claims"
    # claims are drawn first, so a highlight paints over them and is never hidden; it is drawn
    # opaque (its colour as on the paper), so a source's tint never muddies it
    assert len(merged) >= len(claims) + 1
    last_claim = max(i for i, s in enumerate(merged) if s.format == claims[-1].format)
    drawn = flatten(sel.format.background().color(), win.theme.paper)
    first_mine = min(
        i
        for i, s in enumerate(merged)
        if win.article_view.offsets_of(s.cursor) == (start, end)
        and s.format.background().color() == drawn
    )
    assert last_claim < first_mine


def test_hovering_a_highlight_shows_its_note(win, qtbot) -> None:
    start, _ = _select(win, QUOTE)
    win.annotations.highlight_selection()
    (h,) = _marks(win)
    win.annotations.set_note(win.annotations.ref_for(h), "a <b>bold</b> claim")
    view = win.article_view
    view.scroll_to(start)
    rect = view.cursorRect(view.cursor_for(start + 4))
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    assert win.annotations._tooltip(event)
    assert "a &lt;b&gt;bold&lt;/b&gt; claim" in QToolTip.text()
    QToolTip.hideText()


def test_toolbar_follows_the_selection(win, qtbot) -> None:
    toolbar = win.annotations.toolbar
    _select(win, QUOTE)
    qtbot.waitUntil(toolbar.isVisible)
    assert not toolbar.delete_button.isVisibleTo(toolbar)
    assert toolbar.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(toolbar.swatches["pink"], Qt.MouseButton.LeftButton)
    assert [h.color for h in _marks(win)] == ["pink"]
    assert not toolbar.isVisible()
    assert not win.article_view.textCursor().hasSelection()  # the colour shows at once
    qtbot.mouseClick(toolbar.note_button, Qt.MouseButton.LeftButton)  # hidden: nothing happens


def test_context_menu_has_the_same_entries(win, qtbot) -> None:
    view = win.article_view
    start, _end = _select(win, QUOTE)
    pos = view.cursorRect(view.cursor_for(start + 2)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    assert win.annotations._context_menu(event)
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    texts = [a.text() for a in menu.actions()]
    for name in ("yellow", "green", "blue", "pink", "purple"):
        assert f"Highlight {name}" in texts
    assert "Note…" in texts
    next(a for a in menu.actions() if a.text() == "Highlight purple").trigger()
    menu.close()
    assert [h.color for h in _marks(win)] == ["purple"]


# ---- find ----------------------------------------------------------------------------------


def test_find_next_previous_and_escape(win, qtbot) -> None:
    view, bar = win.article_view, win.annotations.find_bar
    _caret(win, 0)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(bar.edit.hasFocus)
    qtbot.keyClicks(bar.edit, "belarus")
    positions = [a for a, _ in bar.matches]
    assert len(positions) > 3
    first = view.selection_offsets()
    assert first == bar.matches[0]
    assert bar.count.text() == f"1 of {len(positions)}"
    assert len(view.layer("find")) == len(positions)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selection_offsets() == bar.matches[2]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_offsets() == bar.matches[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.layer("find") == []
    a, b = view.selection_offsets()
    assert view.text[a:b].lower() == "belarus"
    assert QApplication.focusWidget() is view


def test_find_reports_no_match(win, qtbot) -> None:
    bar = win.annotations.find_bar
    qtbot.keyClick(win.article_view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(bar.edit, "zzzqqq")
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to go to, no error


# ---- the Annotations tab -------------------------------------------------------------------


def test_tab_click_scrolls_and_flashes(win, qtbot) -> None:
    view = win.article_view
    text = view.text
    far = text.rindex("Belarus ")  # a whole word: a highlight widens to whole words
    view.select(far, far + len("Belarus"))
    win.annotations.highlight_selection("green")
    _caret(win, 0)
    view.verticalScrollBar().setValue(0)
    panel = win.annotations.panel
    win.side_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(panel.list.isVisible)
    index = panel.proxy.index(0, 0)
    rect = panel.list.visualRect(index)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.verticalScrollBar().value() > 0
    flash = view.layer("flash")
    assert flash and view.offsets_of(flash[0].cursor) == (far, far + len("Belarus"))


def test_orphans_are_listed_apart_never_dropped(make_window, qtbot) -> None:
    window = make_window(start=False)
    lib = window.library
    url = "https://news.example.org/border"
    text = "Border guards reported a quiet night.\n\nAnalysts asked for satellite images."

    def doc(t: str) -> ImportedDocument:
        return ImportedDocument(
            text=t, title="Border", origin=url, origin_kind="url", canonical_url=url
        )

    aid = lib.import_document(doc(text))
    i = text.index("asked for satellite images")
    lib.add_highlight(aid, i, i + 26, color="blue", note="ask the agency")
    lib.add_highlight(aid, 0, 13, color="yellow")
    lib.import_document(doc("Border guards reported a quiet night."))
    window.open_article(aid)
    model = window.annotations.panel.model
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    assert [r.data(AnnotationRole.IsHeader) for r in rows] == [False, True, False]
    assert rows[1].data() == ORPHAN_HEADER
    assert rows[2].data(AnnotationRole.Quote) == "asked for satellite images"
    assert rows[2].data(AnnotationRole.Note) == "ask the agency"
    assert rows[2].data(AnnotationRole.Orphaned) is True
    assert window.article_view.layer("highlights")  # only the placed one is painted
    assert len(window.article_view.layer("highlights")) == 1


def _info(i: int, color: str, exact: str, note: str = "", orphaned: bool = False) -> HighlightInfo:
    now = datetime.now(UTC)
    return HighlightInfo(
        i, 1, color, i * 10, i * 10 + len(exact), exact, "", "", note, orphaned, now, now
    )


def test_model_roles_and_filter(qtbot) -> None:
    model = AnnotationModel()
    model.set_highlights(
        [
            _info(2, "green", "troops did not move", "satellite?"),
            _info(1, "yellow", "We constantly monitor"),
            _info(3, "pink", "nothing happened", "check", orphaned=True),
        ]
    )
    assert model.rowCount() == 4
    first = model.index(0, 0)
    assert first.data(AnnotationRole.Id) == 1 and first.data(AnnotationRole.Color) == "yellow"
    assert model.index(1, 0).data(AnnotationRole.Note) == "satellite?"
    assert model.index(1, 0).data(AnnotationRole.Time) == "just now"
    assert not model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsSelectable  # header
    proxy = AnnotationFilter()
    proxy.setSourceModel(model)
    proxy.set_colors({"green"})
    assert [proxy.index(r, 0).data(AnnotationRole.Id) for r in range(proxy.rowCount())] == [2]
    proxy.set_colors({"green", "pink", "yellow"})
    proxy.set_text("CHECK")  # note text, any case; the orphans' header comes along
    assert [proxy.index(r, 0).data(AnnotationRole.IsHeader) for r in range(proxy.rowCount())] == [
        True,
        False,
    ]
    proxy.set_text("monitor")
    assert [proxy.index(r, 0).data(AnnotationRole.Id) for r in range(proxy.rowCount())] == [1]


def test_shortcuts_are_listed(win) -> None:
    keys = {k for k, _ in win.shortcuts_help}
    assert {"Ctrl+F", "Ctrl+H", "Ctrl+Alt+M", "Delete", "Ctrl+Z", "Ctrl+Shift+Z"} <= keys
    edit = [a.text() for a in win.edit_menu.actions()]
    assert "&Highlight Selection" in edit and "&Note on Selection…" in edit


def test_threaded_edits_keep_their_order(data_dir, qtbot, monkeypatch) -> None:
    """With the real worker thread: a note typed before the highlight's insert has come back
    still lands on that highlight, and undo/redo queue behind it."""
    from reader.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.operations import Operations

    monkeypatch.setattr(Operations, "synchronous", False)
    lib = Library(data_dir)
    aid = lib.import_sample()
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(aid)
    ann = window.annotations
    _select(window, QUOTE)
    ann.highlight_selection("green")
    ann.note_on_selection()  # the insert may still be queued: the pending highlight is used
    ann.note_editor.edit.setPlainText("queued note")
    ann.note_editor.save()
    qtbot.waitUntil(
        lambda: [(h.exact, h.note) for h in lib.highlights(aid)] == [(QUOTE, "queued note")]
    )
    window.undo_stack.undo()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: lib.highlights(aid) == [])
    window.undo_stack.redo()
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: [h.note for h in lib.highlights(aid)] == ["queued note"])
    qtbot.waitUntil(lambda: len(ann.panel.model.highlights()) == 1)
    window.ops.wait()
    window.close()
    lib.close()


def test_reload_of_the_same_article_keeps_the_note_being_written(win, qtbot) -> None:
    _select(win, OTHER)
    win.annotations.note_on_selection()
    editor = win.annotations.note_editor
    editor.edit.setPlainText("half a thought")
    win.reload_current()  # e.g. the reader renamed a source
    assert editor.isVisible() and editor.edit.toPlainText() == "half a thought"
    assert len(win.article_view.layer("highlights")) == 1  # the draft is painted again
    editor.save()
    assert [h.note for h in _marks(win)] == ["half a thought"]


def test_toolbar_offers_itself_after_find(win, qtbot) -> None:
    bar, toolbar = win.annotations.find_bar, win.annotations.toolbar
    qtbot.keyClick(win.article_view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(bar.edit, "Lukashenko")
    qtbot.wait(200)
    assert not toolbar.isVisible()  # not while the find bar is in use
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(toolbar.isVisible)
