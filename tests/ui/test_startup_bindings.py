"""Start-up's shortcuts through PySide6: the viewports wrapped without a search of the widget
classes (reader.ui.viewports), and PySide6's question about each imported module answered
from the file (reader.ui.pyside_imports) — with the answers PySide6 itself gives."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QTreeView

import reader.ui.article_view as article_view_module
from reader.ui.article_view import ArticleView
from reader.ui.pyside_imports import FEATURE_MODULE, read_sources_quickly
from reader.ui.viewports import wrap_viewport


def test_the_wrapped_viewport_is_the_one_qt_gives(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    assert view.viewport() is wrap_viewport(view)
    assert not view.viewport().acceptDrops()  # files dropped on the article go to the window
    tree = QTreeView()
    qtbot.addWidget(tree)
    assert wrap_viewport(tree) is tree.viewport()


def test_modules_using_pyside_are_told_apart_as_pyside_does(qtbot):
    read_sources_quickly()
    read_sources_quickly()  # twice: wrapped once
    feature = sys.modules[FEATURE_MODULE]
    ask = feature._mod_uses_pyside
    assert ask(article_view_module) is True  # a module of ours that imports PySide6
    assert ask(sys.modules["reader.errors"]) is False  # one that does not
    assert ask(sys) is False  # built in: no file
    assert getattr(ask, "_reader_reads_bytes", False)
