"""A selection becomes a highlight of whole words (issue 13, item 7)."""

from __future__ import annotations

import pytest

from reader.annotate.selection import snap_to_words
from reader.library import Library

TEXT = "Talks began on Friday, after negotiations with Ukraine stalled."


def span(part: str) -> tuple[int, int]:
    i = TEXT.index(part)
    return i, i + len(part)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("negotiations with U", "negotiations with Ukraine"),  # ends inside a word
        ("gotiations with", "negotiations with"),  # starts inside a word
        ("otiat", "negotiations"),  # inside one word
        (" with Ukraine ", "with Ukraine"),  # spaces at the edges go
        ("Friday,", "Friday,"),  # whole words and punctuation stay as they are
        ("Friday", "Friday"),
    ],
)
def test_selection_widens_to_whole_words(selected, expected):
    start, end = snap_to_words(TEXT, *span(selected))
    assert TEXT[start:end] == expected


def test_a_point_and_blank_ranges_are_left_alone():
    i = TEXT.index("began")
    assert snap_to_words(TEXT, i + 2, i + 2) == (i + 2, i + 2)
    assert snap_to_words(TEXT, 5, 6) == (5, 6)  # one space


def test_library_highlight_from_a_mid_word_selection_holds_whole_words(tmp_path):
    lib = Library(tmp_path / "lib")
    aid = lib.import_text(TEXT, title="Talks")
    start, end = span("negotiations with U")
    h = lib.add_highlight(aid, start, end, "yellow")
    assert (h.start, h.end) == span("negotiations with Ukraine")
    assert h.exact == "negotiations with Ukraine"
    assert lib.highlights(aid)[0].exact == "negotiations with Ukraine"
