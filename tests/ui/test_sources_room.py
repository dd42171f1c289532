"""The Sources panel gives its room to the list: the details pane shows only once a source is
selected (at the height the reader left it, remembered in the settings), the rows' triangles
sit on the name's line and open or close a source without selecting it, and an article in
another language says why no source is found."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFontMetrics

from reader.analysis.model import Analysis
from reader.ui.main_window import MainWindow
from reader.ui.sources_panel import NOT_ENGLISH, SPLITTER_KEY, SourcesPanel

GERMAN = (
    "Die Bundesregierung hat am Montag angekündigt, dass sie die Hilfen für die Ukraine "
    "ausweiten will. Der Kanzler sagte, es gebe keine Alternative zu einer engen Zusammenarbeit "
    "mit den europäischen Partnern. Die Opposition kritisierte das Vorhaben als zu teuer und "
    "forderte eine Debatte im Bundestag. Nach Angaben des Ministeriums sollen die Mittel noch "
    "in diesem Jahr fließen, teilte ein Sprecher mit.\n"
)


def visible_sources(panel: SourcesPanel) -> int:
    view = panel.tree.viewport().rect()
    rows = [panel.index_of_source(s.id) for s in panel.source_rows()]
    return sum(1 for i in rows if panel.tree.visualRect(i).intersects(view))


def test_details_pane_waits_for_a_selection_and_the_list_has_the_room(window, qtbot):
    window.resize(900, 600)
    panel = window.sources_panel
    qtbot.waitUntil(lambda: panel.tree.height() > 0)
    assert panel.details.isHidden()
    assert panel.pick_hint.isVisible()
    assert panel.pick_hint.height() < 3 * panel.fontMetrics().height()  # a thin line
    assert panel.tree.height() > 0.8 * panel.splitter.height()
    qtbot.waitUntil(lambda: visible_sources(panel) >= 4)  # was 1–2 at 900×600

    panel.select_source(panel.source_rows()[1].id)
    assert panel.details.isVisible()
    assert not panel.pick_hint.isVisible()
    assert panel.details.height() > 100

    panel.select_source(None)  # Esc in the list: back to the list alone
    assert panel.details.isHidden()
    assert panel.pick_hint.isVisible()


def test_details_height_is_remembered(make_window, qtbot):
    first = make_window()
    panel = first.sources_panel
    panel.select_source(panel.source_rows()[0].id)
    total = sum(panel.splitter.sizes())
    panel.splitter.moveSplitter(total // 4, 1)  # as a drag of the handle does
    qtbot.waitUntil(lambda: panel.splitter.sizes()[1] > total // 2)
    wanted = panel.splitter.sizes()
    settings = QSettings(first.settings.fileName(), QSettings.Format.IniFormat)
    assert settings.value(SPLITTER_KEY) is not None
    first.close()

    second = make_window()
    again = second.sources_panel
    assert again.details.isHidden()
    again.select_source(again.source_rows()[0].id)
    sizes = again.splitter.sizes()
    # the same share of the panel (the window may open at another height)
    assert abs(sizes[1] / sum(sizes) - wanted[1] / sum(wanted)) < 0.03, (sizes, wanted)
    assert sizes[1] / sum(sizes) > 0.6  # not the default 4/9


def _toggle_point(panel: SourcesPanel, source_id: str) -> QPoint:
    index = panel.index_of_source(source_id)
    return panel.delegate.toggle_rect(panel.tree.font(), panel.tree.visualRect(index)).center()


def test_triangle_sits_on_the_name_line_and_toggles_without_selecting(window, qtbot):
    panel = window.sources_panel
    tree = panel.tree
    src = panel.source_rows()[2]
    index = panel.index_of_source(src.id)
    assert not tree.isExpanded(index)
    assert not tree.rootIsDecorated()  # Qt's own indicator, apart from the row, is gone
    row = tree.visualRect(index)
    point = _toggle_point(panel, src.id)
    fm = QFontMetrics(tree.font())
    assert row.left() <= point.x() < row.left() + 24
    assert point.y() < row.top() + 8 + fm.height()  # on the name's line, not mid-row

    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert tree.isExpanded(index)
    assert panel.current_source() is None
    assert not tree.selectionModel().hasSelection()
    assert panel.details.isHidden()

    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=_toggle_point(panel, src.id))
    assert not tree.isExpanded(index)
    assert panel.current_source() is None

    # a click on the name still selects
    name_at = tree.visualRect(index).topLeft() + QPoint(80, 12)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=name_at)
    assert panel.current_source().id == src.id


def test_an_article_in_another_language_says_detection_reads_english(
    make_window, tmp_path: Path
) -> None:
    path = tmp_path / "nachricht.txt"
    path.write_text(GERMAN, encoding="utf-8")
    window: MainWindow = make_window(str(path))
    panel = window.sources_panel
    assert window.current is not None and not window.current.analysis.statements
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == NOT_ENGLISH
    assert "English only" in panel.empty.text()


def test_an_english_article_without_sources_keeps_the_plain_message(qtbot):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    text = "The weather was fine on Sunday and the market was busy. " * 8
    panel.set_analysis(Analysis(text=text, sources=(), statements=()))
    assert panel.empty.text() == "No cited sources found in this article."
