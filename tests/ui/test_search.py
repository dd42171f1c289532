"""Search in the Library dock: finds text in an article, in a statement and in a note, shows
results grouped by article with a count, a "No results" state, never breaks on syntax, and a
click on a hit opens the article and scrolls to the hit. One test takes the threaded path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.search_model import Role

FILLER = "\n\n".join(
    f"Paragraph {i} of the council report lists routine business and nothing else." * 3
    for i in range(40)
)
LONG = (
    "Council approves the harbour plan\n\n"
    f"{FILLER}\n\n"
    "Near the end, the engineer Maria Kovacs found corrosion in the eastern span.\n\n"
    '"The pylons are older than anyone thought," said Maria Kovacs, the city engineer.\n'
)
SHORT = (
    "Farmers brace for a dry summer\n\n"
    "Water levels have fallen to 38 percent, the authority said on Monday.\n\n"
    '"We are asking every household to save water," said Tom Reilly, a spokesman.\n'
)


@pytest.fixture
def win(make_window, tmp_path: Path):
    w = make_window()
    for name, text in (("harbour.txt", LONG), ("farm.txt", SHORT)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        w.library.import_path(p)
    w.library_feature.show_search()
    return w


def _search(win, qtbot, query: str) -> None:
    panel = win.library_feature.search_panel
    with qtbot.waitSignal(panel.searched, timeout=3000):
        qtbot.keyClicks(panel.query_edit, query)  # debounced: one search after typing stops


def _hits(panel) -> list:
    m = panel.model
    out = []
    for r in range(m.rowCount()):
        parent = m.index(r, 0)
        out += [m.hit_at(m.index(i, 0, parent)) for i in range(m.rowCount(parent))]
    return out


def _article_id(win, word: str) -> int:
    return next(a.id for a in win.library.articles() if word in a.title)


def test_finds_text_in_an_article_grouped_with_a_count(win, qtbot) -> None:
    panel = win.library_feature.search_panel
    _search(win, qtbot, "corrosion")
    hits = _hits(panel)
    assert [h.field for h in hits] == ["text"]
    assert hits[0].article_id == _article_id(win, "harbour")
    m = panel.model
    assert m.data(m.index(0, 0), Role.IsArticleRole) is True
    assert m.data(m.index(0, 0)) == "Council approves the harbour plan"
    assert "<b>corrosion</b>" in m.data(m.index(0, 0, m.index(0, 0)), Role.SnippetHtmlRole)
    assert panel.count_label.text() == "1 hit in 1 article"
    assert panel.stack.currentWidget() is panel.tree


def test_finds_a_statement_and_a_note(win, qtbot) -> None:
    panel = win.library_feature.search_panel
    farm = _article_id(win, "Farmers")
    text = win.library.open_article(farm).text
    at = text.find("38 percent")
    win.library.add_highlight(farm, at, at + 10, note="compare with the zebra mussel survey")
    _search(win, qtbot, "household")
    assert "statement" in {h.field for h in _hits(panel)}
    panel.query_edit.clear()
    _search(win, qtbot, "zebra")
    hits = _hits(panel)
    assert [(h.field, h.article_id) for h in hits] == [("note", farm)]


def test_no_results_state_and_syntax_never_breaks(win, qtbot) -> None:
    panel = win.library_feature.search_panel
    _search(win, qtbot, "xylophone")
    assert panel.model.rowCount() == 0
    assert panel.count_label.text() == "No results"
    assert panel.stack.currentWidget() is panel.empty
    assert "xylophone" in panel.empty.text()
    for query in ('"unbalanced', "NEAR(", "a AND OR *", "col:on ^x", "-)"):
        panel.set_query(query)
        panel.search_now()
        assert panel.count_label.text() != "Search failed"
    assert not win.notice.isVisible()


def test_click_on_a_hit_opens_the_article_and_flashes_the_words(win, qtbot) -> None:
    panel = win.library_feature.search_panel
    farm = _article_id(win, "Farmers")
    win.open_article(farm)
    _search(win, qtbot, "pylons older")
    m = panel.model
    parent = m.index(0, 0)
    hit_index = next(
        m.index(i, 0, parent)
        for i in range(m.rowCount(parent))
        if m.hit_at(m.index(i, 0, parent)).field == "text"
    )
    rect = panel.tree.visualRect(hit_index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    harbour = _article_id(win, "harbour")
    qtbot.waitUntil(lambda: win.current is not None and win.current.info.id == harbour)
    view = win.article_view
    assert view.verticalScrollBar().value() > 0  # the hit is far down the article
    flash = view.layer("flash")
    assert flash
    start, end = view.offsets_of(flash[0].cursor)
    assert (start, end) == (view.text.find("pylons"), view.text.find("pylons") + 6)


def test_a_hit_in_the_open_article_scrolls_without_reopening(win, qtbot) -> None:
    harbour = _article_id(win, "harbour")
    win.open_article(harbour)
    view = win.article_view
    view.verticalScrollBar().setValue(0)
    panel = win.library_feature.search_panel
    _search(win, qtbot, "Maria Kovacs")
    hit = next(h for h in _hits(panel) if h.field == "text")
    opened = []
    win.article_opened.connect(opened.append)
    panel.hit_activated.emit(hit)
    assert not opened
    assert view.verticalScrollBar().value() > 0
    start, end = view.offsets_of(view.layer("flash")[0].cursor)
    assert view.text[start:end] == "Maria Kovacs"


def test_library_change_runs_the_search_again(win, qtbot) -> None:
    panel = win.library_feature.search_panel
    _search(win, qtbot, "harbour")
    assert panel.model.article_count() == 1
    aid = _article_id(win, "Farmers")
    win.library.add_highlight(aid, 0, 7, note="harbour dues too?")
    with qtbot.waitSignal(panel.searched, timeout=3000):
        win.ops.changed.emit("annotations")
    assert panel.model.article_count() == 2


def test_search_runs_on_the_worker_thread(qtbot, tmp_path: Path) -> None:
    """No synchronous ops here: the query runs on a worker thread of its own."""
    library = Library(tmp_path / "threaded")
    try:
        p = tmp_path / "farm.txt"
        p.write_text(SHORT, encoding="utf-8")
        library.import_path(p)
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        panel = window.library_feature.search_panel
        window.library_feature.show_search()
        qtbot.keyClicks(panel.query_edit, "spokesman")
        qtbot.waitUntil(lambda: panel.model.hit_count() > 0, timeout=5000)
        assert panel.count_label.text().endswith("in 1 article")
        window.ops.wait()
        window.close()
    finally:
        library.close()
