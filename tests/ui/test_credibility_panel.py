"""The source-credibility panel on the sample, in real windows on a real library: the signal
chips and their evidence tooltips, the details pane (evidence links scroll the article, other
articles open), the user's rating and note (persisted, undoable), the corrections from the
context menu (undoable, surviving restart and re-analysis), sorting by rating and filtering
by kind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QToolTip

from reader.analysis.model import Source
from reader.store.models import Article
from reader.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SECOND_ARTICLE = (
    "Minsk, Aug. 12. Aliaksandr Azarau, who leads a group of former Belarusian security "
    "officers, said the army had moved no new units to the northern border this week. "
    "“Nothing has changed on the ground,” Azarau told reporters on Monday."
)


# ---- helpers -------------------------------------------------------------------------------


def source(window: MainWindow, part: str) -> Source:
    found = [s for s in window.sources_panel.model.sources() if part.lower() in s.name.lower()]
    assert found, f"no source named like {part!r}: {names(window)}"
    return found[0]


def names(window: MainWindow) -> list[str]:
    return [s.name for s in window.sources_panel.model.sources()]


def chips(window: MainWindow, part: str) -> dict[str, object]:
    return {c.key: c for c in window.sources_panel.model.chips_of(source(window, part).id)}


def select(window: MainWindow, part: str) -> Source:
    src = source(window, part)
    window.sources_panel.select_source(src.id)
    assert window.sources_panel.current_source().id == src.id
    return src


def menu_action(menu: QMenu, *path: str):
    """The action at `path` ("Merge into", "Ministry") in a menu and its submenus."""
    for act in menu.actions():
        if path[0].lower() in act.text().lower().replace("&", ""):
            if len(path) == 1:
                return act
            sub = act.menu()
            assert sub is not None, act.text()
            return menu_action(sub, *path[1:])
    raise AssertionError(f"no {path[0]!r} in {[a.text() for a in menu.actions()]}")


def press(window: MainWindow, qtbot, key: Qt.Key, mods=CTRL) -> None:
    """A key on the Sources tree of an active window (window shortcuts need one)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.sources_panel.tree, key, mods)


def library_rating(window: MainWindow, part: str) -> int | None:
    lib_id = window.sources_panel.model.links[source(window, part).id]
    return window.library.library_source(lib_id).rating


@pytest.fixture
def win(window) -> MainWindow:
    assert window.current is not None
    assert window.sources_panel.model.infos  # the library's record arrived
    return window


# ---- chips and tooltips ------------------------------------------------------------------


def test_chips_on_the_sample_quote_their_evidence(win):
    luk = chips(win, "Lukashenko")
    assert luk["identity"].label == "named"
    assert "Alexander Lukashenko" in luk["identity"].tooltip
    assert luk["verb:claimed"].label.startswith("claimed")
    assert "<b>claimed</b>" in luk["verb:claimed"].tooltip  # the words, in their sentence
    assert "allegedly" in luk["hedged"].tooltip
    assert luk["hedged"].label.endswith("hedged")
    assert luk["verbatim"].label.endswith("% verbatim")
    assert "contradicting" in luk
    assert "Azarau" in luk["contradicting"].tooltip  # the other source of the pair
    assert luk["contradicting"].label.startswith("contradicted by")

    border = chips(win, "border forces")
    assert border["identity"].label == "anonymous"
    assert "border forces" in border["identity"].tooltip

    media = chips(win, "opposition media")
    assert media["affiliation"].label == "no affiliation"
    # no opaque score: every chip names the words that produced it
    for key in luk:
        assert luk[key].tooltip


def test_tooltip_of_a_chip_shows_on_hover(win, qtbot):
    panel = win.sources_panel
    src = select(win, "Lukashenko")
    panel.tree.scrollTo(panel.index_of_source(src.id))
    areas = {what: (rect, tip) for what, rect, tip in panel.hit_areas(src.id)}
    rect, tip = areas["verb:claimed"]
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, panel.tree.viewport().mapToGlobal(pos))
    panel.tree.viewportEvent(event)
    qtbot.waitUntil(lambda: "claimed" in QToolTip.text())
    assert QToolTip.text() == tip
    QToolTip.hideText()


# ---- details pane --------------------------------------------------------------------------


def test_details_evidence_scrolls_the_article(win, qtbot):
    panel = win.sources_panel
    select(win, "Lukashenko")
    links = panel.details.links()
    assert any(text == "“allegedly”" for _h, text in links)
    # the last "allegedly" is far down the article
    href = [h for h, text in links if text == "“allegedly”"][-1]
    start, end = (int(x) for x in href.split(":")[1:])
    assert win.current.text[start:end] == "allegedly"
    win.article_view.verticalScrollBar().setValue(0)
    panel.details.body.linkActivated.emit(href)
    assert win.article_view.selection_offsets() == (start, end)
    assert win.article_view.verticalScrollBar().value() > 0
    assert "claimed" in panel.details.body.text()
    assert "Azarau" in panel.details.body.text()  # the related statements by another source


def test_other_articles_quoting_the_source(make_window, data_dir, qtbot):
    first = make_window()
    sample_id = first.current.info.id
    other_id = first.library.import_text(SECOND_ARTICLE, "Azarau on the northern border")
    first.close()
    win = make_window()
    win.open_article(sample_id)
    azarau = chips(win, "Azarau")
    assert azarau["articles"].label == "in 2 articles"
    assert "Azarau on the northern border" in azarau["articles"].tooltip
    select(win, "Azarau")
    links = dict(win.sources_panel.details.links())
    assert f"article:{other_id}" in links
    win.sources_panel.details.body.linkActivated.emit(f"article:{other_id}")
    assert win.current.info.id == other_id


# ---- rating and note ---------------------------------------------------------------------


def test_rating_persists_shows_in_the_tree_and_undoes(make_window, qtbot):
    win = make_window()
    select(win, "Lukashenko")
    win.sources_panel.details.choose_rating(-2)
    assert library_rating(win, "Lukashenko") == -2
    assert chips(win, "Lukashenko")["rating"].label == "Distrusted"
    press(win, qtbot, Qt.Key.Key_Z)
    assert library_rating(win, "Lukashenko") is None
    assert "rating" not in chips(win, "Lukashenko")
    win.undo_stack.redo()
    assert library_rating(win, "Lukashenko") == -2
    win.close()

    again = make_window()
    assert chips(again, "Lukashenko")["rating"].label == "Distrusted"
    select(again, "Lukashenko")
    assert again.sources_panel.details.rating_buttons[-2].isChecked()
    assert again.sources_panel.details.rating_label.text() == "Distrusted"


def test_anonymous_source_takes_no_rating(win):
    select(win, "border forces")
    assert not win.sources_panel.details.rating_row.isEnabled()


def test_note_is_saved_as_you_type_and_persists(make_window, qtbot):
    win = make_window()
    select(win, "Katkov")
    note = win.sources_panel.details.note
    qtbot.keyClicks(note, "Military analyst; check his numbers")
    lib_id = win.sources_panel.model.links[source(win, "Katkov").id]
    qtbot.waitUntil(
        lambda: win.library.library_source(lib_id).note == "Military analyst; check his numbers",
        timeout=3000,
    )
    assert chips(win, "Katkov")["note"].tooltip.count("check his numbers") == 1
    # switching source saves a pending note at once
    qtbot.keyClicks(note, "!")
    select(win, "Lukashenko")
    assert win.library.library_source(lib_id).note.endswith("numbers!")
    win.close()

    again = make_window()
    select(again, "Katkov")
    details = again.sources_panel.details
    assert details.note.toPlainText() == "Military analyst; check his numbers!"
    details.note.setPlainText("Trust the numbers")
    details.flush()
    assert again.library.library_source(lib_id).note == "Trust the numbers"
    again.undo_stack.undo()  # back to the note of the last session, in the editor too
    assert again.library.library_source(lib_id).note == "Military analyst; check his numbers!"
    assert details.note.toPlainText() == "Military analyst; check his numbers!"


# ---- corrections ---------------------------------------------------------------------------


def test_merge_survives_restart_and_reanalysis_and_undoes(make_window, qtbot):
    win = make_window()
    panel = win.sources_panel
    minsk, ministry = source(win, "official Minsk"), source(win, "Ministry of Defense")
    before = len(win.current.analysis.statements_of(ministry.id))
    menu = panel.context_menu(panel.index_of_source(minsk.id))
    menu_action(menu, "Merge into", "Ministry of Defense").trigger()
    assert minsk.id not in [s.id for s in panel.model.sources()]
    assert len(win.current.analysis.statements_of(ministry.id)) == before + 1
    assert panel.current_source().id == ministry.id  # the merged source stays selected

    press(win, qtbot, Qt.Key.Key_Z)
    assert minsk.id in [s.id for s in panel.model.sources()]
    press(win, qtbot, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert minsk.id not in [s.id for s in panel.model.sources()]
    article_id = win.current.info.id
    win.close()

    again = make_window()
    assert minsk.id not in [s.id for s in again.sources_panel.model.sources()]
    with again.library.db.session() as s:  # force a re-analysis on the next open
        a = s.get(Article, article_id)
        a.analysis_version = None
        s.add(a)
    again.close()
    third = make_window()
    with third.library.db.session() as s:
        assert s.get(Article, article_id).analysis_version is not None
    assert minsk.id not in [s.id for s in third.sources_panel.model.sources()]
    assert len(third.current.analysis.statements_of(ministry.id)) == before + 1


def test_move_statement_and_undo(win, qtbot):
    panel = win.sources_panel
    martynova, azarau = source(win, "Martynova"), source(win, "Azarau")
    st = win.current.analysis.statements_of(martynova.id)[0]
    n = len(win.current.analysis.statements_of(azarau.id))
    select(win, "Martynova")
    menu = panel.context_menu(panel.index_of_statement(st.id))
    menu_action(menu, "Move statement to", "Azarau").trigger()
    assert [x.source for x in win.current.analysis.statements if x.id == st.id] == [azarau.id]
    assert len(win.current.analysis.statements_of(azarau.id)) == n + 1
    assert panel.current_source().id == azarau.id
    win.undo_stack.undo()
    assert [x.source for x in win.current.analysis.statements if x.id == st.id] == [martynova.id]


def test_not_a_statement_and_undo(win):
    panel = win.sources_panel
    katkov = source(win, "Katkov")
    st = win.current.analysis.statements_of(katkov.id)[0]
    menu = panel.context_menu(panel.index_of_statement(st.id))
    menu_action(menu, "Not a statement").trigger()
    assert st.id not in [x.id for x in win.current.analysis.statements]
    assert win.undo_stack.undoText() == "Mark as not a statement"
    win.undo_stack.undo()
    assert st.id in [x.id for x in win.current.analysis.statements]


def test_rename_in_place_persists(make_window, qtbot):
    win = make_window()
    panel = win.sources_panel
    media = source(win, "opposition media")
    menu = panel.context_menu(panel.index_of_source(media.id))
    menu_action(menu, "Rename source").trigger()
    editor = panel.tree.findChild(QLineEdit, "sourceNameEditor")
    assert editor is not None and editor.text() == media.name
    editor.selectAll()
    qtbot.keyClicks(editor, "Zerkalo and Nasha Niva")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: "Zerkalo and Nasha Niva" in names(win))
    assert panel.current_source().id == media.id
    win.close()
    again = make_window()
    assert "Zerkalo and Nasha Niva" in names(again)


# ---- sorting and filtering ---------------------------------------------------------------


def test_sort_by_rating_and_filter_by_kind(win, qtbot):
    panel = win.sources_panel
    select(win, "Katkov")
    panel.details.choose_rating(2)
    select(win, "Lukashenko")
    panel.details.choose_rating(-1)
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findText("Your rating"))
    rows = [s.name for s in panel.source_rows()]
    assert "Katkov" in rows[0]
    assert "Lukashenko" in rows[1]  # rated sources first, trusted first
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findText("Anonymous"))
    rows = panel.source_rows()
    assert rows and all(s.kind == "anonymous" for s in rows)
    assert any("border forces" in s.name for s in rows)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findText("Person"))
    assert {s.kind for s in panel.source_rows()} == {"person"}
    panel.kind_combo.setCurrentIndex(0)
    assert len(panel.source_rows()) == len(win.current.analysis.sources)


def test_context_menu_never_blocks(win, qtbot):
    """The menu pops up (non-modal) and the tree stays usable."""
    panel = win.sources_panel
    src = source(win, "Azarau")
    rect = panel.tree.visualRect(panel.index_of_source(src.id))
    panel.tree.customContextMenuRequested.emit(QPoint(rect.center()))
    menus = [m for m in panel.findChildren(QMenu) if m.isVisible()]
    assert menus
    for m in menus:
        m.close()


def test_threaded_rating_and_merge(qtbot, tmp_path):
    """The same requests through the real worker thread (no synchronous operations)."""
    from reader.library import Library

    library = Library(tmp_path / "threaded")
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    win.open_start()
    qtbot.waitUntil(
        lambda: win.current is not None and bool(win.sources_panel.model.infos), timeout=10000
    )
    try:
        select(win, "Lukashenko")
        win.sources_panel.details.choose_rating(1)
        qtbot.waitUntil(lambda: "rating" in chips(win, "Lukashenko"), timeout=5000)
        assert library_rating(win, "Lukashenko") == 1
        minsk = source(win, "official Minsk")
        panel = win.sources_panel
        menu_action(
            panel.context_menu(panel.index_of_source(minsk.id)), "Merge into", "Ministry"
        ).trigger()
        qtbot.waitUntil(lambda: minsk.id not in [s.id for s in panel.model.sources()], timeout=5000)
        win.undo_stack.undo()
        qtbot.waitUntil(lambda: minsk.id in [s.id for s in panel.model.sources()], timeout=5000)
        assert "rating" in chips(win, "Lukashenko")  # the library's record came back too
    finally:
        win.close()
        win.ops.wait()
        library.close()
