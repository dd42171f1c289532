"""Quotation marks that do not pair as written: a stray straight mark before a paragraph's
curly quotation (the curly pair is the quotation when no straight mark comes to close the
stray one), and a nested single mark right before two closing apostrophes."""

from __future__ import annotations

from reader.analysis import analyze
from reader.analysis.quotes import find_quotations


def _quotes(text: str) -> list[str]:
    return [text[q.span[0] : q.span[1]] for q in find_quotations(text, [(0, len(text))])]


def test_a_stray_straight_mark_does_not_open_the_curly_quotation() -> None:
    text = '"Ines Moreau walked onto the stage, chanting “Open the harbour!”'
    assert _quotes(text) == ["“Open the harbour!”"]


def test_a_curly_quotation_inside_a_straight_one_stays_inside() -> None:
    text = '"He called the plan “a mess” on Friday," Ines Moreau said.'
    assert _quotes(text) == ['"He called the plan “a mess” on Friday,"']


def test_a_misprinted_curly_closer_still_closes_a_straight_quotation() -> None:
    text = '"We will win, here,“ said Ines Moreau.'
    assert _quotes(text) == ['"We will win, here,“']


def test_a_nested_single_mark_before_the_closing_apostrophes_ends_inside() -> None:
    text = "''The neighbours told me, 'Go home,''' said Ines Moreau, who has lived here for years."
    assert _quotes(text) == ["''The neighbours told me, 'Go home,'''"]
    statements = analyze(f"Harbour\n\n{text}").statements
    assert [st.kind for st in statements] == ["direct"]
