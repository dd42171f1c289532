"""Start-up's shortcuts through PySide6: the viewports wrapped without a search of the widget
classes (reader.ui.viewports) — the same widgets PySide6 gives."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeView

from reader.ui.article_view import ArticleView
from reader.ui.viewports import wrap_viewport


def test_the_wrapped_viewport_is_the_one_qt_gives(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    assert view.viewport() is wrap_viewport(view)
    assert not view.viewport().acceptDrops()  # files dropped on the article go to the window
    tree = QTreeView()
    qtbot.addWidget(tree)
    assert wrap_viewport(tree) is tree.viewport()
