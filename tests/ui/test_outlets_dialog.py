"""View → Outlets… on a real window and library (articles of tests/library/outlet_articles.py):
the figures in the table, "too few" in place of numbers, the chart's months, the top sources,
what is behind a figure, and opening the article at a statement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from outlet_articles import build
from PySide6.QtCore import Qt

from reader.library import Library
from reader.ui.operations import Operations
from reader.ui.outlets_model import FIGURE_COLUMNS, FIRST_FIGURE, Role


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[int]]]:
    """The articles are analysed once; each test gets its own copy of the library."""
    folder = tmp_path_factory.mktemp("outlets-ui") / "library"
    lib = Library(folder)
    made = build(lib)
    lib.close()
    return folder, made


@pytest.fixture
def ids(built, data_dir: Path) -> dict[str, list[int]]:
    folder, made = built
    shutil.copytree(folder, data_dir)
    return made


def column(name: str) -> int:
    return FIRST_FIGURE + FIGURE_COLUMNS.index(name)


def test_the_table_chart_and_sources(make_window, ids) -> None:
    window = make_window()
    assert window.outlets.action in window.view_menu.actions()
    dialog = window.outlets.show()
    model, table = dialog.model, dialog.table
    assert model.rowCount() == 2
    cell = lambda row, name: model.index(row, column(name)).data()  # noqa: E731
    assert model.index(0, 0).data() == "Harbor Times"
    assert (model.index(0, 1).data(), model.index(0, 2).data()) == (10, 60)
    assert [cell(0, n) for n in FIGURE_COLUMNS] == ["6.0", "67%", "33%", "50%", "17%", "17%"]
    # Bay Post: the words instead of the numbers, across the figure columns
    assert model.index(1, 0).data() == "Bay Post"
    assert cell(1, "named") == "too few articles to say"
    assert table.columnSpan(1, FIRST_FIGURE) == len(FIGURE_COLUMNS)
    assert table.columnSpan(0, FIRST_FIGURE) == 1
    # the selected outlet: its months in the chart, its sources
    assert dialog.profile().name == "Harbor Times"
    months = dialog.chart.points
    assert [m.month for m in months] == ["2026-01", "2026-02"]
    assert months[0].values["hedged"] == 0.0
    assert months[1].values["hedged"] == pytest.approx(1 / 3)
    src = dialog.sources_model
    assert [src.index(r, 0).data() for r in range(src.rowCount())] == [
        "Jane Roe",
        "Officials",
        "John Smith",
    ]
    table.selectRow(1)
    assert dialog.profile().name == "Bay Post"
    assert [list(m.values.values()) for m in dialog.chart.points] == [[None] * 4]
    assert src.index(0, 0).data() == "Jane Roe" and src.rowCount() == 2


def test_behind_a_figure_and_back_to_the_text(make_window, ids, qtbot) -> None:
    window = make_window()
    dialog = window.outlets.show()
    table = dialog.table
    index = dialog.model.index(0, column("hedged"))
    rect = table.visualRect(index)
    qtbot.waitExposed(dialog)
    # a double-click as Qt sees it: press and release, then the second press
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.tabs.currentIndex() == 1
    assert "hedged — 10 of 60" in dialog.behind_title.text()
    behind = dialog.behind.model()
    assert behind.rowCount() == 5  # February's articles, two hedged statements each
    assert [behind.index(r, 0).data(Role.ArticleIdRole) for r in range(5)] == ids["Harbor Times"][
        5:
    ]
    first = behind.index(0, 0)
    assert behind.rowCount(first) == 2
    st_index = behind.index(1, 0, first)
    st = st_index.data(Role.StatementRole)
    assert st.hedged and st.doubtful and st.source == "John Smith"
    # opening it: the article, at that statement
    dialog.behind.activated.emit(st_index)
    assert window.current is not None and window.current.info.id == st.article_id
    cursor = window.article_view.textCursor()
    assert st.start <= cursor.position() <= st.end
    assert window.article_view.toPlainText()[st.start : st.end] == st.text
    # a source: all its statements; a month: its articles
    dialog._source_activated(dialog.sources_model.index(2, 0))
    assert "John Smith — 10 statements in 5 articles" in dialog.behind_title.text()
    dialog.chart.month_clicked.emit("2026-01")
    assert dialog.behind_title.text().startswith("Harbor Times in 2026-01: 5 articles")
    assert dialog.behind.model().rowCount() == 5
    # a too-few figure still lists what it counted
    cell = dialog.model.index(1, column("named"))
    dialog._figure_activated(cell)
    assert "too few articles to say" in dialog.behind_title.text()
    assert dialog.behind.model().rowCount() == 3


def test_read_off_the_gui_thread(make_window, ids, qtbot, monkeypatch) -> None:
    window = make_window()
    monkeypatch.setattr(Operations, "synchronous", False)
    dialog = window.outlets.show()
    assert dialog.status.text() == "Reading the library…"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10000)
    assert dialog.status.text().startswith("2 outlets.")
    assert dialog.refresh_button.isEnabled()


def test_a_library_without_outlets(make_window) -> None:
    window = make_window()  # the sample article: a file, no site
    dialog = window.outlets.show()
    assert dialog.model.rowCount() == 0
    assert dialog.status.text().startswith("No outlets yet")
    assert dialog.chart.points == []


def test_read_again_when_the_library_changes(make_window, ids, qtbot) -> None:
    window = make_window()
    dialog = window.outlets.show()
    assert [p.name for p in dialog.model.profiles] == ["Harbor Times", "Bay Post"]
    for aid in ids["Harbor Times"][:6]:
        window.library.delete_article(aid)
    window.ops.changed.emit("library")  # as an operation that deleted them says
    window.ops.changed.emit("sources")  # and another right after: read once, a moment later
    assert dialog._again.isActive()
    qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == 4, timeout=5000)
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["Harbor Times", "Bay Post"]
    assert dialog.model.index(0, 1).data() == 4
    assert dialog.model.index(0, column("named")).data() == "too few articles to say"
