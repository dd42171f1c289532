"""The Library dock on a real window and library: lists articles with their counts, sorts,
filters, opens on double-click and Enter, deletes after confirmation, and undo brings the
article back with its highlights and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.ui.library_model import Column, Role

ARTICLES = {
    "bridge.md": (
        "# City council approves repairs to the Elm Street bridge\n\n"
        "The council voted on Tuesday to fund repairs to the Elm Street bridge.\n\n"
        '"We cannot keep sending school buses on a detour," said Mayor Helen Ortiz.\n\n'
        "Councillor David Brandt said the cost had doubled since the first estimate.\n"
    ),
    "drought.txt": (
        "Farmers brace for a third dry summer\n\n"
        "Water levels in the reservoir have fallen to 38 percent, the water authority said.\n\n"
        '"We are asking every household to cut its use by a fifth," said Tom Reilly, '
        "a spokesman for the authority.\n"
    ),
    "zoo.txt": (
        "Zoo welcomes two red pandas\n\n"
        "The city zoo has two new residents from a breeding programme in Germany.\n\n"
        '"They settled in within a day," said keeper Nora Blake.\n'
    ),
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    out = {}
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


@pytest.fixture
def win(make_window, files, qtbot):
    w = make_window()
    for p in files.values():
        w.library.import_path(p)
    feature = w.library_feature
    feature.show_library()
    panel = feature.panel
    panel.mark_dirty()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)  # three files and the sample
    return w


def _titles(panel) -> list[str]:
    p = panel.proxy
    return [str(p.data(p.index(r, Column.TITLE))) for r in range(p.rowCount())]


def _id_of(panel, word: str) -> int:
    for a in panel.model._rows:
        if word.lower() in a.title.lower():
            return a.id
    raise AssertionError(word)


def test_dock_is_installed_with_view_menu_and_shortcuts(window) -> None:
    f = window.library_feature
    assert f.dock.objectName() == "LibraryDock"
    assert window.dockWidgetArea(f.dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert f.toggle_action in window.view_menu.actions()
    assert f.toggle_action.shortcut().toString() == "Ctrl+Shift+L"
    assert f.search_action.shortcut().toString() == "Ctrl+Shift+F"
    assert f.import_action in window.file_menu.actions()
    keys = [k for k, _ in window.shortcuts_help]
    assert {"Ctrl+Shift+L", "Ctrl+Shift+F", "Ctrl+Shift+O"} <= set(keys)


def test_toggle_shows_and_hides_the_dock(window, qtbot) -> None:
    f = window.library_feature
    f.toggle_action.trigger()
    qtbot.waitUntil(lambda: f.dock.isVisible())
    assert f.tabs.currentWidget() is f.panel
    f.toggle_action.trigger()
    qtbot.waitUntil(lambda: not f.dock.isVisible())


def test_lists_articles_with_site_date_and_counts(win) -> None:
    panel = win.library_feature.panel
    titles = _titles(panel)
    assert any("Elm Street bridge" in t for t in titles)
    assert any("red pandas" in t for t in titles)
    m = panel.model
    row = m.row_of(_id_of(panel, "bridge"))
    info = m.data(m.index(row, 0), Role.InfoRole)
    assert m.data(m.index(row, Column.SITE)) == "bridge.md"
    assert m.data(m.index(row, Column.DATE))  # added today: a date shows
    assert int(m.data(m.index(row, Column.SOURCES))) == info.sources >= 2  # Ortiz, Brandt
    assert m.data(m.index(row, Column.NOTES)) == "·"
    assert panel.count_label.text() == "4 articles"


def test_note_count_follows_an_annotation(win, qtbot) -> None:
    panel = win.library_feature.panel
    aid = _id_of(panel, "red pandas")
    win.library.add_highlight(aid, 5, 20, note="ask the zoo for photos")
    win.ops.changed.emit("annotations")
    m = panel.model
    qtbot.waitUntil(lambda: m.data(m.index(m.row_of(aid), Column.NOTES)) == "1")


def test_sorting_by_title_and_sources(win) -> None:
    panel = win.library_feature.panel
    panel.table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = _titles(panel)
    assert titles == sorted(titles, key=str.casefold)
    panel.table.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert _titles(panel) == sorted(titles, key=str.casefold, reverse=True)
    panel.table.sortByColumn(Column.SOURCES, Qt.SortOrder.DescendingOrder)
    p = panel.proxy
    counts = [p.data(p.index(r, 0), Role.InfoRole).sources for r in range(p.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_filter_by_title_and_site(win, qtbot) -> None:
    panel = win.library_feature.panel
    qtbot.keyClicks(panel.filter_edit, "panda")
    assert _titles(panel) == ["Zoo welcomes two red pandas"]
    assert panel.count_label.text() == "1 of 4 articles"
    panel.filter_edit.setText("drought.txt")
    assert _titles(panel) == ["Farmers brace for a third dry summer"]
    panel.filter_edit.setText("nothing like this")
    assert panel.proxy.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty
    assert "No article matches" in panel.empty.text()
    panel.filter_edit.clear()
    assert panel.proxy.rowCount() == 4


def test_double_click_and_enter_open_the_article(win, qtbot) -> None:
    panel = win.library_feature.panel
    aid = _id_of(panel, "bridge")
    panel.select_article(aid)
    index = panel.table.currentIndex()
    rect = panel.table.visualRect(index)
    viewport = panel.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # the press a
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # view expects
    qtbot.waitUntil(lambda: win.current is not None and win.current.info.id == aid)
    other = _id_of(panel, "pandas")
    panel.select_article(other)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current.info.id == other)
    assert win.article_view.text.startswith("Zoo welcomes")


def test_delete_asks_first_and_cancel_keeps_the_article(win, qtbot) -> None:
    panel = win.library_feature.panel
    asked = []
    panel.confirm = lambda parent, title, text, on_yes: asked.append((title, text))
    aid = _id_of(panel, "Farmers")
    panel.select_article(aid)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert asked and "Farmers brace" in asked[0][1]
    assert win.library.article_count() == 4  # not confirmed: nothing deleted
    assert win.undo_stack.count() == 0


def test_delete_and_undo_restore_article_highlights_and_notes(win, qtbot) -> None:
    panel = win.library_feature.panel
    lib = win.library
    aid = _id_of(panel, "bridge")
    text = lib.open_article(aid).text
    at = text.find("the cost had doubled")
    lib.add_highlight(aid, at, at + 20, color="green", note="check the first estimate")
    lib.add_highlight(aid, 0, 4)
    before = lib.highlights(aid)
    win.ops.changed.emit("annotations")
    qtbot.waitUntil(lambda: panel.model.article_at(panel.model.row_of(aid)).notes == 1)

    questions = []

    def confirm(parent, title, text, on_yes):
        questions.append(text)
        on_yes()

    panel.confirm = confirm
    win.open_article(aid)
    panel.select_article(aid)
    panel.delete_selected()
    assert "1 note" in questions[0]
    assert lib.article_count() == 3
    assert aid not in {a.id for a in lib.articles()}
    qtbot.waitUntil(lambda: panel.model.row_of(aid) < 0)
    # the open article was deleted: a neighbour shows instead
    qtbot.waitUntil(lambda: win.current is not None and win.current.info.id != aid)

    win.undo_stack.undo()
    assert lib.article_count() == 4
    restored = lib.highlights(aid)
    assert [(h.id, h.start, h.end, h.color, h.note) for h in restored] == [
        (h.id, h.start, h.end, h.color, h.note) for h in before
    ]
    assert lib.open_article(aid).text == text
    assert [h.article_id for h in lib.search("first estimate") if h.field == "note"] == [aid]
    qtbot.waitUntil(lambda: panel.model.row_of(aid) >= 0)
    qtbot.waitUntil(lambda: panel.selected_ids() == [aid])

    win.undo_stack.redo()
    assert lib.article_count() == 3


def test_deleting_the_last_article_clears_the_window(make_window, qtbot) -> None:
    w = make_window()  # shows the sample: the only article
    panel = w.library_feature.panel
    w.library_feature.show_library()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.confirm = lambda parent, title, text, on_yes: on_yes()
    panel.select_article(w.current.info.id)
    panel.delete_selected()
    assert w.current is None
    assert w.article_view.text == ""
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty)
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: w.current is not None)


def test_default_confirm_is_non_modal(win, qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    panel = win.library_feature.panel
    aid = _id_of(panel, "pandas")
    panel.select_article(aid)
    panel.delete_selected()  # the real box, opened with .open(): the call returns at once
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
    qtbot.waitUntil(box.isVisible)
    assert "red pandas" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    delete.click()
    qtbot.waitUntil(lambda: win.library.article_count() == 3)
