"""Help → Keyboard shortcuts (F1) shows every description whole: long ones wrap, the dialog is
sized to its content."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from reader.ui.dialogs import ShortcutsDialog

LONG = (
    "Note on the selection (Ctrl+Enter saves, Esc cancels; twice on changed text), and a "
    "description written far longer than any line of the dialog can hold, so that it wraps"
)


def _cut(dlg: ShortcutsDialog) -> list[str]:
    """Descriptions that do not fit their cell."""
    table = dlg.table
    fm = QFontMetrics(table.font())
    width = table.columnWidth(1) - 8  # the cell's own margins
    out = []
    for row in range(table.rowCount()):
        text = table.item(row, 1).text()
        need = fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        if need.height() > table.rowHeight(row) or need.width() > width:
            out.append(text)
    return out


def test_f1_dialog_shows_each_description_whole(window, qtbot):
    dlg = window.show_shortcuts()
    qtbot.waitExposed(dlg)
    assert dlg.table.rowCount() >= 20
    assert _cut(dlg) == []
    viewport = dlg.table.viewport().width()
    assert dlg.table.columnWidth(0) + dlg.table.columnWidth(1) <= viewport + 1
    rows = sum(dlg.table.rowHeight(r) for r in range(dlg.table.rowCount()))
    assert (
        rows <= dlg.table.viewport().height() or dlg.height() > 0.8 * dlg.screen().size().height()
    )


def test_a_long_description_wraps_instead_of_being_cut(qtbot):
    dlg = ShortcutsDialog([("Ctrl+O", "Open a file"), ("Ctrl+Alt+M", LONG)])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.table.wordWrap()
    line = QFontMetrics(dlg.table.font()).height()
    assert dlg.table.rowHeight(1) >= 2 * line
    assert _cut(dlg) == []
