"""“What the signals mean”: one page explaining every signal and how it is computed, opened
from the panel's ? button, from the details pane's links (at the signal's section) and named
in every chip's tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.signals_help import ANCHORS, PAGE, SignalsHelp, anchor_for


def _help(window) -> SignalsHelp | None:
    return window.findChild(SignalsHelp, "signalsHelp")


def test_the_page_explains_each_signal_and_how_it_is_computed():
    text = PAGE.lower()
    for words in (
        "anonymous",
        "verbatim",
        "hedge",
        "claimed",
        "assertive",
        "related",
        "corroborat",
        "contradict",
        "articles of your library",
        "your own judgement",
    ):
        assert words in text, words
    assert text.count("<i>how:</i>") >= 6  # each signal says how it is computed
    for anchor in set(ANCHORS.values()):
        assert f'name="{anchor}"' in PAGE, anchor
    assert anchor_for("verb:claimed") == "verbs"
    assert anchor_for("contradicting") == "related"


def test_question_button_opens_the_page_once(window, qtbot):
    panel = window.sources_panel
    assert _help(window) is None
    qtbot.mouseClick(panel.help_button, Qt.MouseButton.LeftButton)
    page = _help(window)
    assert page is not None and page.isVisible()
    assert "What the signals mean" in page.browser.toPlainText()
    qtbot.mouseClick(panel.help_button, Qt.MouseButton.LeftButton)
    assert len(window.findChildren(SignalsHelp)) == 1


def test_a_signal_in_the_details_opens_its_section(window, qtbot):
    panel = window.sources_panel
    panel.select_source(panel.source_rows()[0].id)
    links = dict(panel.details.links())
    assert "help:verbatim" in links
    assert "help:top" in links  # "what do these mean?" by the Signals heading
    page_top = None
    panel.details.body.linkActivated.emit("help:top")
    page = _help(window)
    assert page is not None and page.isVisible()
    page_top = page.browser.verticalScrollBar().value()
    panel.details.body.linkActivated.emit("help:related")
    qtbot.waitUntil(lambda: page.browser.verticalScrollBar().value() > page_top)


def test_every_chip_tooltip_says_where_to_read_what_it_means(window):
    panel = window.sources_panel
    for src in panel.source_rows()[:3]:
        areas = [(what, tip) for what, _r, tip in panel.hit_areas(src.id) if what != "affiliation"]
        assert areas
        for what, tip in areas:
            assert "What does this mean?" in tip, what
