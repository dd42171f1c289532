"""Marks in the article over a selected source's tint (issue 13, item 1): the text selection,
find matches, highlights and the statement the reader went to must each stand out from the
tint, in both themes. Read from the pixels of the article as drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QImage

from reader.ui.theme import flatten


def _luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _distance(a: QColor, b: QColor) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) ** 0.5


def _background_at(view, image: QImage, pos: int) -> QColor:
    """The commonest colour in the character cell at text offset `pos` (glyph pixels are fewer
    than background ones)."""
    rect = view.cursorRect(view.cursor_for(pos))
    dpr = image.devicePixelRatio()
    seen: Counter[int] = Counter()
    for dx in range(1, 8):
        for y in range(rect.top() + 1, rect.bottom()):
            seen[image.pixel(int((rect.left() + dx) * dpr), int(y * dpr))] += 1
    return QColor.fromRgb(seen.most_common(1)[0][0])


def _focused(window, theme: str):
    """Theme set, the most quoted source selected; returns (view, one of its statements)."""
    window.resize(1200, 800)
    window.set_theme(theme)
    view = window.article_view
    counts = Counter(st.source for st in view.analysis.statements)
    sid = counts.most_common(1)[0][0]
    window.sources_panel.select_source(sid)
    assert view.focused_source == sid
    st = max(
        (s for s in view.analysis.statements if s.source == sid),
        key=lambda s: max(b - a for a, b in s.content),
    )
    a, b = max(st.content, key=lambda r: r[1] - r[0])
    assert b - a > 40
    view.scroll_to(a)
    return view, st, a, b


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_selection_and_find_matches_stand_out_from_the_tint(window, qtbot, theme) -> None:
    view, _st, a, _b = _focused(window, theme)
    view.select(a + 10, a + 30)
    view.setFocus()
    image = view.viewport().grab().toImage()
    tint = _background_at(view, image, a + 2)
    paper = QColor(window.theme.paper)
    assert _distance(tint, paper) > 10, "the statement is tinted"
    selected = _background_at(view, image, a + 15)
    assert _contrast(selected, tint) >= 3.0, (selected.name(), tint.name())

    # the find bar marks every match; the current one is the selection
    view.setTextCursor(view.cursor_for(a))
    word = view.text[a + 10 : a + 16]
    bar = window.annotations.find_bar
    bar.open()
    bar.edit.setText(word)
    assert len(bar.matches) >= 1
    view.setTextCursor(view.cursor_for(a))  # no selection over the match we look at
    image = view.viewport().grab().toImage()
    match = _background_at(view, image, a + 12)
    assert _distance(match, tint) >= 60, (match.name(), tint.name())
    assert _distance(match, paper) >= 60
    bar.close_bar()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_new_highlight_shows_at_once_over_the_tint(window, theme) -> None:
    view, _st, a, _b = _focused(window, theme)
    view.select(a + 5, a + 25)
    window.annotations.highlight_selection("yellow")
    # the selection makes way for the colour; the caret stays in the highlight
    assert not view.textCursor().hasSelection()
    assert window.annotations.target()[0] is not None
    image = view.viewport().grab().toImage()
    tint = _background_at(view, image, a + 2)
    marked = _background_at(view, image, a + 15)
    # drawn opaque: the same colour as on bare paper, not mixed with the tint
    (sel,) = view.layer("highlights")
    expected = flatten(sel.format.background().color(), window.theme.paper)
    assert _distance(marked, expected) <= 3, (marked.name(), expected.name())
    assert _distance(marked, tint) >= 40


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_clicked_statement_stands_apart_from_its_sources_others(window, theme) -> None:
    view, st, a, _b = _focused(window, theme)
    other = next(s for s in view.analysis.statements if s.source == st.source and s.id != st.id)
    window.show_statement(st.start, st.end)
    assert view.focused_statement == (st.start, st.end)
    assert not view.textCursor().hasSelection()  # a selection would hide the mark
    assert view.offsets_of(view.textCursor())[0] == st.start
    view._flash_anim.stop()
    view.set_layer("flash", [])
    image = view.viewport().grab().toImage()
    marked = _background_at(view, image, a + 12)
    focus = view.layer("source-focus")
    other_bg = next(
        s.format.background().color()
        for s in focus
        if view.offsets_of(s.cursor)[0] == other.content[0][0]
    )
    assert _distance(marked, flatten(other_bg, window.theme.paper)) >= 30
    # and an outline in the source's colour around it
    rect = view.cursorRect(view.cursor_for(a))
    outline = view.source_colors()[st.source]
    column = [QColor(image.pixel(rect.left() - 2 + dx, rect.center().y())) for dx in range(-2, 3)]
    assert min(_distance(c, outline.darker(115)) for c in column) < 90

    # another article, or another source in focus: the mark goes
    window.sources_panel.select_source(
        next(s.id for s in view.analysis.sources if s.id != st.source)
    )
    assert view.layer("statement") == []


def test_evidence_words_are_selected_not_marked(window) -> None:
    view = window.article_view
    i = view.text.index("allegedly")
    window.show_statement(i, i + len("allegedly"))
    assert view.selection_offsets() == (i, i + len("allegedly"))
    assert view.layer("statement") == []
