"""The Sources tree model and panel on a hand-made analysis: structure, roles, counts, sorting,
filtering, and the signals the panel sends when the reader picks something."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.analysis.credibility import source_signals
from reader.analysis.model import Analysis, Source, Statement
from reader.ui.source_model import Role, SourceFilterModel, SourceModel, statement_counts
from reader.ui.sources_panel import SourcesPanel

TEXT = (
    "Mayor Ann Lee said “the bridge will reopen in May.” "
    "The transport ministry claimed the repairs were allegedly finished. "
    "“We saw no workers,” residents told reporters. "
    "Lee added that the budget was “fully covered.”"
)


def _span(s: str) -> tuple[int, int]:
    start = TEXT.index(s)
    return start, start + len(s)


@pytest.fixture
def analysis() -> Analysis:
    lee = Source("lee", "Ann Lee", "person", role="mayor", mentions=(_span("Ann Lee"),))
    ministry = Source(
        "min", "Transport Ministry", "organization", mentions=(_span("transport ministry"),)
    )
    residents = Source(
        "res", "Residents", "anonymous", role="residents", mentions=(_span("residents"),)
    )
    statements = (
        Statement(
            "s1",
            "lee",
            "direct",
            (_span("the bridge will reopen in May."),),
            cue=_span("said"),
            cue_text="said",
        ),
        Statement(
            "s2",
            "min",
            "indirect",
            (_span("the repairs were allegedly finished"),),
            cue=_span("claimed"),
            cue_text="claimed",
            hedges=("allegedly",),
            stance="doubtful",
        ),
        Statement(
            "s3",
            "res",
            "direct",
            (_span("We saw no workers,"),),
            cue=_span("told"),
            cue_text="told",
        ),
        Statement(
            "s4",
            "lee",
            "mixed",
            (_span("the budget was “fully covered.”"),),
            cue=_span("added"),
            cue_text="added",
        ),
    )
    return Analysis(text=TEXT, sources=(lee, ministry, residents), statements=statements)


def test_model_is_a_valid_tree(qtbot, analysis):
    model = SourceModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_analysis(analysis)
    assert model.rowCount() == 3
    lee = model.index(0, 0)
    assert model.rowCount(lee) == 2
    first = model.index(0, 0, lee)
    assert model.parent(first) == lee
    assert not model.parent(lee).isValid()
    assert model.rowCount(first) == 0
    assert model.index(5, 0) == QModelIndex()


def test_roles_of_sources_and_statements(analysis):
    model = SourceModel()
    model.set_analysis(analysis)
    lee = model.index(0, 0)
    assert model.data(lee) == "Ann Lee"
    assert model.data(lee, Role.IsSourceRole) is True
    assert model.data(lee, Role.SourceKeyRole) == "lee"
    assert model.data(lee, Role.KindRole) == "person"
    assert model.data(lee, Role.SecondLineRole) == "mayor"
    assert model.data(lee, Role.CountsRole) == (2, 0)  # a partial quote counts as direct
    assert model.data(lee, Qt.ItemDataRole.DecorationRole) is not None
    ministry = model.index(1, 0)
    st = model.index(0, 0, ministry)
    assert model.data(st) == "the repairs were allegedly finished"
    assert model.data(st, Role.StatementKeyRole) == "s2"
    assert model.data(st, Role.SpanRole) == _span("the repairs were allegedly finished")
    assert model.data(st, Role.HedgesRole) == ("allegedly",)
    assert model.data(st, Role.CueRole) == "claimed"
    assert model.data(st, Role.SecondLineRole) == "Paraphrase · claimed · allegedly"
    assert "allegedly" in model.data(st, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(2, 0), Role.SecondLineRole) == "Anonymous"


def test_statement_counts():
    sts = [
        Statement(str(i), "a", k, ((0, 1),)) for i, k in enumerate(["direct", "indirect", "mixed"])
    ]
    assert statement_counts(sts) == (2, 1)


def test_sorting_by_statements_name_and_kind(analysis):
    model = SourceModel()
    model.set_analysis(analysis)
    proxy = SourceFilterModel()
    proxy.setSourceModel(model)
    names = lambda: [proxy.index(r, 0).data() for r in range(proxy.rowCount())]  # noqa: E731
    proxy.set_sort_key("statements")
    assert names()[0] == "Ann Lee"
    proxy.set_sort_key("name")
    assert names() == ["Ann Lee", "Residents", "Transport Ministry"]
    proxy.set_sort_key("kind")
    assert names() == ["Ann Lee", "Transport Ministry", "Residents"]


def test_filter_keeps_matching_sources_with_their_statements(analysis):
    model = SourceModel()
    model.set_analysis(analysis)
    proxy = SourceFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filter_text("workers")  # a statement's words
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Residents"
    assert proxy.rowCount(proxy.index(0, 0)) == 1
    proxy.set_filter_text("mayor")  # a source's role: all its statements stay
    assert proxy.rowCount() == 1
    assert proxy.rowCount(proxy.index(0, 0)) == 2
    proxy.set_filter_text("")
    assert proxy.rowCount() == 3


def test_panel_signals(qtbot, analysis):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_analysis(analysis, {})
    assert panel.stack.currentWidget() is panel.tree
    assert [s.id for s in panel.source_rows()] == ["lee", "res", "min"]  # ties by name

    with qtbot.waitSignal(panel.source_selected) as sel:
        panel.tree.setCurrentIndex(panel.index_of_source("min"))
    assert sel.args[0].id == "min"
    assert panel.current_source().id == "min"

    target = panel.index_of_statement("s2")
    panel.tree.scrollTo(target)
    with qtbot.waitSignal(panel.statement_activated) as act:
        qtbot.mouseClick(
            panel.tree.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.tree.visualRect(target).center(),
        )
    assert tuple(act.args) == _span("the repairs were allegedly finished")

    with qtbot.waitSignal(panel.source_selected) as cleared:
        panel.select_source(None)
    assert cleared.args[0] is None


def test_panel_filter_box_and_empty_state(qtbot, analysis):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.set_analysis(analysis)
    panel.filter_edit.setText("ministry")
    assert [s.id for s in panel.source_rows()] == ["min"]
    panel.filter_edit.clear()
    panel.sort_combo.setCurrentIndex(1)  # by name
    assert [s.id for s in panel.source_rows()] == ["lee", "res", "min"]
    panel.set_analysis(Analysis(text="Nothing quoted here."))
    assert panel.stack.currentWidget() is panel.empty


def test_delegate_paints_and_sizes_rows(qtbot, analysis):
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    panel.set_analysis(analysis)
    panel.tree.expandAll()
    image = panel.grab().toImage()
    assert not image.isNull()
    src_rect = panel.tree.visualRect(panel.index_of_source("lee"))
    st_rect = panel.tree.visualRect(panel.index_of_statement("s1"))
    assert src_rect.height() >= 30
    assert st_rect.height() >= 40  # two lines of statement and its cue


def test_chips_of_the_hand_made_analysis(analysis):
    model = SourceModel()
    model.set_analysis(analysis, signals=source_signals(analysis))  # as the library gives them
    ministry = {c.key: c for c in model.chips_of("min")}
    assert ministry["verb:claimed"].label == "claimed"
    assert "<b>claimed</b>" in ministry["verb:claimed"].tooltip
    assert ministry["hedged"].label == "1 hedged"
    assert "allegedly" in ministry["hedged"].tooltip
    assert ministry["affiliation"].label == "no affiliation"
    assert ministry["verbatim"].label == "0% verbatim"
    residents = {c.key: c for c in model.chips_of("res")}
    assert residents["identity"].label == "anonymous"
    assert "“residents”" in residents["identity"].tooltip
    lee = {c.key: c for c in model.chips_of("lee")}
    assert lee["identity"].label == "named"
    assert lee["verbatim"].label == "50% verbatim"  # one quote, one partial quote
    assert "affiliation" not in lee  # "mayor" is stated


def test_kind_filter_and_rating_sort(analysis):
    from reader.library import LibrarySourceInfo

    model = SourceModel()
    model.set_analysis(analysis, signals=source_signals(analysis))
    infos = {
        1: LibrarySourceInfo(1, "Ann Lee", "person", "mayor", None, 1, 2, -2, ""),
        2: LibrarySourceInfo(2, "Transport Ministry", "organization", None, None, 1, 1, 1, "x"),
    }
    model.set_library({"lee": 1, "min": 2}, infos)
    proxy = SourceFilterModel()
    proxy.setSourceModel(model)
    proxy.set_sort_key("rating")
    order = [model.source_at(proxy.mapToSource(proxy.index(r, 0))).id for r in range(3)]
    assert order == ["min", "lee", "res"]  # trusted first, not rated last
    assert model.data(model.source_index("lee"), Role.RatingRole) == -2
    assert {c.key for c in model.chips_of("min")} >= {"rating", "note"}
    proxy.set_kind("anonymous")
    assert proxy.rowCount() == 1
    proxy.set_kind(None)
    assert proxy.rowCount() == 3
