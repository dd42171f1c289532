"""A source named inside another's statement ("the mayor said that Tom Vik told her …") has no
statement of its own: its row shows who cites it, and its details list the citing statements,
each a link that selects the statement in the text like a statement row does."""

from __future__ import annotations

import os

from reader.analysis import analyze
from reader.analysis.credibility import source_signals
from reader.library.rows import citations
from reader.ui.source_model import SourceModel
from reader.ui.sources_panel import SourcesPanel

TEXT = (
    "The mayor, Ann Roe, said on Monday that harbour master Tom Vik told her the sea wall would"
    " fail within a year. \u201cWe were told,\u201d Roe said.\n\n"
    "Councillors met on Tuesday to discuss the repairs. The engineer, Liv Dahl, said the harbour"
    " master Tom Vik had asked for money in May.\n"
)


def test_chip_and_details_of_a_cited_source(qtbot):
    analysis = analyze(TEXT)
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 800)
    panel.show()
    qtbot.waitExposed(panel)
    # as the window gives it: the view's signals and citations, computed by the library
    panel.set_analysis(analysis, {}, source_signals(analysis), citations(analysis))
    vik = next(s for s in analysis.sources if s.name == "Tom Vik")
    assert not analysis.statements_of(vik.id)
    cited = panel.model.cited_of(vik.id)
    names = {s.id: s.name for s in analysis.sources}
    by = {names[c.by] for c in cited}
    assert by == {"Ann Roe", "Liv Dahl"}

    chips = {c.key: c for c in panel.model.chips_of(vik.id)}
    assert chips["cited"].label == "cited in 2 statements"
    assert "<b>Ann Roe</b>" in chips["cited"].tooltip and "Vik</b>" in chips["cited"].tooltip
    roe = next(s for s in analysis.sources if s.name == "Ann Roe")
    assert "cited" not in {c.key for c in panel.model.chips_of(roe.id)}  # she speaks

    panel.select_source(vik.id)
    body = panel.details.body.text()
    assert "cited in 2 statements" in body and "named in another source" in body
    statements = {st.id: st for st in analysis.statements}
    for c in cited:
        st = statements[c.statement]
        href = f"span:{st.start}:{st.end}"
        assert href in dict(panel.details.links())
        with qtbot.waitSignal(panel.statement_activated) as act:
            panel.details.activate(href)  # a click on the link
        assert tuple(act.args) == (st.start, st.end)  # the statement, as its row selects it
    if os.environ.get("READER_SHOT"):
        panel.grab().save(os.environ["READER_SHOT"])


def test_one_citing_source_names_it():
    analysis = analyze(TEXT.split("\n\n")[0])
    model = SourceModel()
    model.set_analysis(analysis, None, source_signals(analysis), citations(analysis))
    vik = next(s for s in analysis.sources if s.name == "Tom Vik")
    assert {c.key: c.label for c in model.chips_of(vik.id)}["cited"] == "cited by Ann Roe"
