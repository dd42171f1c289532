"""Segments: body paragraphs versus headings, related headlines, page furniture, pull quotes."""

from __future__ import annotations

import pytest

from reader.analysis.segment import segment

ARTICLE = """Port Workers Vote to End the Strike
The dockers' union voted on Tuesday to return to work after a three-week strike, its leaders said.
SUBSCRIBE TO OUR NEWSLETTER
Follow our coverage of the strike on our website.
Freight Rates Climb to a Record in 2024 as Ships Queue
“We got most of what we asked for,” said Maria Lopez, the union's regional secretary.
What the Deal Means
The agreement raises wages by nine percent over two years.
We got most of what we asked for.
Employers said the deal would cost them less than a longer stoppage.
You can also highlight the text and press Ctrl + Enter
"""


def _kinds() -> dict[str, str]:
    return {ARTICLE[s.span[0] : s.span[1]]: s.kind for s in segment(ARTICLE)}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Port Workers Vote to End the Strike", "title"),
        ("SUBSCRIBE TO OUR NEWSLETTER", "boilerplate"),
        ("Follow our coverage of the strike on our website.", "boilerplate"),
        ("Freight Rates Climb to a Record in 2024 as Ships Queue", "boilerplate"),
        ("What the Deal Means", "heading"),
        ("We got most of what we asked for.", "pull_quote"),
        ("You can also highlight the text and press Ctrl + Enter", "boilerplate"),
        ("The agreement raises wages by nine percent over two years.", "paragraph"),
    ],
)
def test_segment_kinds(line, kind):
    assert _kinds()[line] == kind


def test_segments_index_crlf_text():
    text = "First paragraph here.\r\nSecond paragraph here.\r\n"
    spans = [s.span for s in segment(text)]
    assert [text[a:b] for a, b in spans] == ["First paragraph here.", "Second paragraph here."]
