"""The credibility signals the Sources panel shows are the ones the library computed with the
opened article (off the GUI thread), not computed again by the window."""

from __future__ import annotations

from reader.analysis.credibility import source_signals


def test_the_panel_shows_the_signals_of_the_view(window) -> None:
    view = window.current
    assert view is not None and view.analysis.sources
    assert view.signals == source_signals(view.analysis)
    model = window.sources_panel.model
    for src in view.analysis.sources:
        assert model.signals_of(src.id) is view.signals[src.id]
    assert any(model.chips_of(src.id) for src in view.analysis.sources)


def test_a_panel_given_no_signals_computes_none(window) -> None:
    view = window.current
    panel = window.sources_panel
    panel.set_analysis(view.analysis, {})
    assert all(panel.model.signals_of(src.id) is None for src in view.analysis.sources)
