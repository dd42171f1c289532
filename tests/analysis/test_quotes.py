"""Quotations: marks of every kind, news-style quotes over paragraphs, unbalanced input."""

from __future__ import annotations

import pytest

from reader.analysis.quotes import find_quotations
from reader.analysis.segment import segment


def _quotes(text: str) -> list[str]:
    body = [s.span for s in segment(text) if s.kind == "paragraph"]
    return [text[q.span[0] : q.span[1]] for q in find_quotations(text, body)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The mayor said "we will rebuild the bridge" on Monday.',
            ['"we will rebuild the bridge"'],
        ),
        ("“Prices will fall,” the minister said.", ["“Prices will fall,”"]),
        ("«Nous resterons», a déclaré le maire.", ["«Nous resterons»"]),
        ("She said: „Wir bleiben hier“ and left.", ["„Wir bleiben hier“"]),
        ("''We are not leaving,'' the farmer said.", ["''We are not leaving,''"]),
        (
            "“He told me ‘never again’ and walked out,” the witness said.",
            ["“He told me ‘never again’ and walked out,”"],
        ),
        ("No quotation here at all.", []),
    ],
)
def test_quote_marks(text, expected):
    assert _quotes(text) == expected


def test_quote_running_over_paragraphs_with_reopening_mark():
    text = (
        "“The first part of the answer is long.\n"
        "“And the second paragraph finishes it,” the engineer said.\n"
    )
    (q,) = _quotes(text)
    assert q.startswith("“The first") and q.endswith("finishes it,”")


def test_quote_running_over_paragraphs_closed_without_reopening():
    text = "“We watch the border every day.\nNothing moved at all,” the officer told reporters.\n"
    (q,) = _quotes(text)
    assert q.endswith("at all,”") and "\n" in q


def test_unbalanced_quote_does_not_swallow_the_next_paragraph():
    text = "He said “we will see.\nThe council met on Friday.\n"
    quotes = _quotes(text)
    assert all("council" not in q for q in quotes)


def test_an_opening_mark_misprinted_as_the_closer_ends_the_quote():
    text = "“The hall will stay shut all winter,“ said Olga Brandt. “Nobody wants that.”"
    quotes = find_quotations(text, [(0, len(text))])
    assert [text[s:e] for s, e in (q.span for q in quotes)] == [
        "“The hall will stay shut all winter,“",
        "“Nobody wants that.”",
    ]


def test_mixed_marks_close_a_quote_before_its_attribution():
    text = '“Deals should not be a condition for help," Chairman Tom Ek said.'
    quotes = find_quotations(text, [(0, len(text))])
    assert [text[s:e] for s, e in (q.span for q in quotes)] == [
        '“Deals should not be a condition for help,"'
    ]
