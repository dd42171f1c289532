"""The chips' small text follows the article's text zoom (Ctrl+= / Ctrl+- / Ctrl+0), also
when the zoom is restored at start."""

from __future__ import annotations

from PySide6.QtGui import QFont


def test_chip_text_follows_the_text_zoom(window, qtbot):
    panel = window.sources_panel
    font = QFont(panel.tree.font())
    before = panel.delegate.chip_font(font).pointSizeF()
    src = panel.source_rows()[0]
    height_before = panel.tree.visualRect(panel.index_of_source(src.id)).height()
    for _ in range(3):
        window.zoom_in()
    assert window.article_view.zoom > 1.2
    after = panel.delegate.chip_font(font).pointSizeF()
    assert after > before * 1.2
    qtbot.waitUntil(
        lambda: panel.tree.visualRect(panel.index_of_source(src.id)).height() > height_before
    )
    window.zoom_reset()
    assert abs(panel.delegate.chip_font(font).pointSizeF() - before) < 0.01


def test_chip_scale_of_a_restored_zoom(make_window, qtbot):
    first = make_window()
    first.zoom_in()
    first.zoom_in()
    zoom = first.article_view.zoom
    first.close()
    second = make_window()
    assert abs(second.article_view.zoom - zoom) < 0.01
    assert abs(second.sources_panel.delegate.text_scale - zoom) < 0.01
