"""The window in a library shared by several people: sharing a highlight from its context menu,
another member's note named and not editable, the team's spread beside the user's rating, a
note or rating saved meanwhile elsewhere offered as theirs / mine / both, and Preferences →
Your name. Real windows; the other person is a second Library (on PostgreSQL, another login)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from reader.library import Library
from reader.ui.annotations.annotation_model import AnnotationRole
from reader.ui.main_window import MainWindow

QUOTE = "We constantly monitor the situation"


@pytest.fixture
def open_window(window_on: Callable[[str], MainWindow]) -> Callable[[str], MainWindow]:
    """open_window(url) → a shown window on the library at `url`, the sample open in it."""
    return window_on


def _span(window: MainWindow) -> tuple[int, int]:
    i = window.article_view.text.index(QUOTE)
    return i, i + len(QUOTE)


def _menu_on(window: MainWindow, pos_in_text: int) -> QMenu:
    view = window.article_view
    view.setTextCursor(view.cursor_for(pos_in_text))
    pos = view.cursorRect(view.cursor_for(pos_in_text)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    assert window.annotations._context_menu(event)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())


def _conflict_box() -> QMessageBox:
    return next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "conflictBox" and w.isVisible()
    )


def _click(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


def _select_source(window: MainWindow, part: str) -> int:
    panel = window.sources_panel
    src = next(s for s in panel.model.sources() if part.lower() in s.name.lower())
    panel.select_source(src.id)
    return panel.model.links[src.id]


def test_a_highlight_is_shared_from_its_context_menu_and_undone(open_window, tmp_path) -> None:
    window = open_window(f"sqlite:///{tmp_path / 'lib.sqlite3'}")
    start, end = _span(window)
    window.article_view.select(start, end)
    window.annotations.highlight_selection("green")
    aid = window.current.info.id
    (h,) = window.library.highlights(aid)
    assert not h.shared
    menu = _menu_on(window, start + 2)
    share = next(a for a in menu.actions() if a.text() == "Shared with the Team")
    assert share.isCheckable() and not share.isChecked()
    share.trigger()
    menu.close()
    assert window.library.highlights(aid)[0].shared
    assert window.undo_stack.undoText() == "Share with the team"
    row = window.annotations.panel.model.index(0, 0)
    assert row.data(AnnotationRole.Shared) is True
    assert "shared with the team" in row.data(Qt.ItemDataRole.AccessibleTextRole)
    window.undo_stack.undo()
    assert not window.library.highlights(aid)[0].shared


def test_a_note_saved_meanwhile_elsewhere_is_offered_as_theirs_mine_or_both(
    open_window, tmp_path, qtbot
) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    window = open_window(url)
    start, end = _span(window)
    aid = window.current.info.id
    window.article_view.select(start, end)
    window.annotations.highlight_selection("yellow")
    (h,) = window.library.highlights(aid)
    elsewhere = Library(tmp_path / "elsewhere", database=url)  # the same person, another window
    elsewhere.update_highlight(h.id, note="theirs", base_version=h.version)
    ref = window.annotations.ref_for(h)
    window.annotations.set_note(ref, "mine")
    box = _conflict_box()
    assert "Theirs:\ntheirs" in box.informativeText() and "Yours:\nmine" in box.informativeText()
    assert window.library.highlights(aid)[0].note == "theirs"  # nothing written over
    _click(box, "Keep Both")
    assert window.library.highlights(aid)[0].note == "theirs\n\nmine"
    # undecided, what was typed stays an unsaved draft of the note
    now = window.library.highlights(aid)[0]
    elsewhere.update_highlight(h.id, note="again theirs", base_version=now.version)
    window.annotations.set_note(window.annotations.ref_for(now), "mine again")
    _click(_conflict_box(), "Decide Later")
    (draft,) = window.library.note_drafts(aid)
    assert (draft.highlight_id, draft.text) == (h.id, "mine again")
    elsewhere.close()


def test_a_rating_saved_meanwhile_elsewhere_is_not_written_over(open_window, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    window = open_window(url)
    lib_id = _select_source(window, "Lukashenko")
    details = window.sources_panel.details
    details.choose_rating(1)
    assert window.library.library_source(lib_id).rating == 1
    elsewhere = Library(tmp_path / "elsewhere", database=url)
    elsewhere.rate_source(lib_id, -2, base_version=1)
    details.choose_rating(2)  # based on version 1: refused
    assert window.library.library_source(lib_id).rating == -2
    assert "changed elsewhere" in window.statusBar().currentMessage()
    assert details.rating_buttons[-2].isChecked()  # the panel shows what is stored
    elsewhere.close()


def test_preferences_name_is_the_identity_of_a_library_file(open_window, tmp_path, qtbot) -> None:
    window = open_window(f"sqlite:///{tmp_path / 'lib.sqlite3'}")
    start, end = _span(window)
    window.article_view.select(start, end)
    window.annotations.highlight_selection("green")
    dialog = window.preferences.show()
    assert dialog.name.text() == window.library.member().name
    dialog.name.setText("Ana Novak")
    dialog.save()
    assert not dialog.isVisible()
    assert window.library.member().name == "Ana Novak"
    assert window.library.highlights(window.current.info.id)[0].creator == "Ana Novak"
    assert "Ana Novak" in window.statusBar().currentMessage()


# ---- two logins on PostgreSQL ---------------------------------------------------------------


def test_another_members_shared_note_is_named_and_the_team_spread_shown(
    open_window, tmp_path, postgres_url, make_role, qtbot
) -> None:
    ana, ben = make_role("ana", "ana-pw"), make_role("ben", "ben-pw")
    window = open_window(ana.url)
    assert window.annotations.team.me == ana.name
    aid = window.current.info.id
    start, end = _span(window)
    other = Library(tmp_path / "ben", database=ben.url)
    other.set_member_name("Ben Ortiz")
    other.add_highlight(aid, start, end, "blue", "check with the border guards", shared=True)
    other.add_highlight(aid, 0, 5, "pink", "ben's private doubt")
    lib_id = _select_source(window, "Lukashenko")
    other.rate_source(lib_id, -1)
    window.annotations.team.load()
    window.open_article(aid)  # read again (live updates do this in a running window)
    window.annotations.reload()
    rows = window.annotations.panel.model.highlights()
    assert [h.note for h in rows] == ["check with the border guards"]  # not the private one
    row = window.annotations.panel.model.index(0, 0)
    assert row.data(AnnotationRole.Author) == f"Ben Ortiz ({ben.name})"
    menu = _menu_on(window, start + 2)
    texts = [a.text() for a in menu.actions()]
    menu.close()
    assert f"Shared by Ben Ortiz ({ben.name})" in texts
    assert "Remove highlight" not in texts and "Edit note…" not in texts
    window.annotations.edit_note(rows[0])  # a double-click in the Annotations tab
    assert not window.annotations.note_editor.isVisible()
    assert "only they can change it" in window.statusBar().currentMessage()
    _select_source(window, "Lukashenko")
    window.sources_panel.details.choose_rating(2)
    _select_source(window, "Lukashenko")
    label = window.sources_panel.details.team_label
    qtbot.waitUntil(label.isVisible)
    assert "Team: 2 ratings, mean +0.5" in label.text()
    assert f"{ben.name}: " in label.toolTip() and f"{ana.name}: " in label.toolTip()
    # a correction says who made it
    key = next(s.id for s in window.current.analysis.sources if "Lukashenko" in s.name)
    other.rename_source(aid, key, "President Lukashenko")
    window.open_article(aid)
    _select_source(window, "Lukashenko")
    made_by = window.sources_panel.details.made_by
    qtbot.waitUntil(made_by.isVisible)
    assert f"Renamed by Ben Ortiz ({ben.name})" in made_by.text()
    other.close()
