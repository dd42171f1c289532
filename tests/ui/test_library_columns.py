"""The Library's Title column takes the room the other columns do not need: Site and Date are
as wide as what they hold, a title that fits is shown whole, a long one is elided with the
full title in its tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reader.ui.library_model import Column

SHORT = "Farmers brace for a third dry summer"
LONG = (
    "Minister says talks on the new trade agreement with the neighbouring countries will "
    "resume in the spring after a winter of disputes over tariffs and quotas"
)


def test_title_column_stretches_and_elides_only_when_needed(make_window, tmp_path: Path, qtbot):
    w = make_window()
    for i, title in enumerate((SHORT, LONG)):
        path = tmp_path / f"{i}.md"
        path.write_text(f"# {title}\n\nThe council met on Tuesday, said Mayor Ann Lee.\n")
        w.library.import_path(path)
    feature = w.library_feature
    feature.show_library()
    panel = feature.panel
    panel.mark_dirty()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    table = panel.table
    head = table.horizontalHeader()
    fm = table.fontMetrics()

    others = sum(head.sectionSize(c) for c in Column if c != Column.TITLE)
    assert head.sectionSize(Column.TITLE) >= table.viewport().width() - others - 1  # stretches
    for col in (Column.SITE, Column.DATE):  # as wide as their content, not a fixed guess
        widest = max(
            fm.horizontalAdvance(str(panel.model.data(panel.model.index(r, col)) or ""))
            for r in range(panel.model.rowCount())
        )
        assert widest <= head.sectionSize(col) <= widest + 40, col
    assert head.sectionSize(Column.TITLE) >= fm.horizontalAdvance(SHORT) + 8  # shown whole

    row = next(r for r in range(panel.model.rowCount()) if panel.model.article_at(r).title == LONG)
    tip = panel.model.data(panel.model.index(row, Column.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert LONG in tip
    assert table.textElideMode() == Qt.TextElideMode.ElideRight

    # a column the reader resized keeps its width when the list is read again
    head.resizeSection(Column.SITE, 150)
    panel.mark_dirty()
    panel.refresh()
    assert head.sectionSize(Column.SITE) == 150
