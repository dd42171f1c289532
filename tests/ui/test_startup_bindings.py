"""Start-up's shortcuts: the viewports wrapped without a search of the widget classes
(reader.ui.viewports), PySide6's question about each imported module answered from the file
(reader.ui.pyside_imports) — with the answers PySide6 itself gives — and an article formatted
before the view lays it out, as it would be after."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from PySide6.QtWidgets import QTreeView

import reader.ui.article_view as article_view_module
from reader.analysis.model import Analysis, Source, Statement
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


def test_an_article_is_formatted_before_it_is_shown_as_it_would_be_after(qtbot):
    """set_article formats the new document before the view lays it out (once, not three
    times): its fonts, spacing, cue colours and margins are those a later format gives."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    text = "A title\n\nShe said the plan “will work” today.\nA second paragraph follows."
    start, end = text.index("“"), text.index("”") + 1
    st = Statement("q1", "s1", "direct", ((start, end),), cue=(4, 8), cue_text="said")
    analysis = Analysis(text=text, sources=(Source("s1", "She", "person"),), statements=(st,))
    view.set_article(SimpleNamespace(text=text, analysis=analysis))

    def formats() -> list[object]:
        doc = view.document()
        frame = doc.rootFrame().frameFormat()
        seen: list[object] = [doc.defaultFont(), frame.leftMargin(), frame.topMargin()]
        block = doc.begin()
        while block.isValid():
            seen += [block.blockFormat(), block.charFormat()]
            seen += [(r.start, r.length, r.format) for r in block.layout().formats()]
            it = block.begin()
            while not it.atEnd():
                f = it.fragment()
                seen.append((f.position(), f.length(), f.charFormat()))
                it += 1
            block = block.next()
        return seen

    before = formats()
    assert view.cursor_for(4, 8).charFormat().fontWeight() > 400  # the cue stands out
    view._format()  # formatting the shown document again changes nothing
    assert formats() == before
