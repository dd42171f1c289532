"""What a selection covers once it becomes a highlight: whole words. A mouse selection that
starts or ends inside a word ("…negotiations with U") is widened to that word's edges, so the
Annotations list, the exports and the PDF all show whole words."""

from __future__ import annotations


def _inside_word(text: str, i: int) -> bool:
    """True when offset `i` falls between two letters or digits of one word."""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole words and without the spaces at its edges. An empty range
    (a note at one point) is left as it is; so is a range of spaces only."""
    if start >= end or not text[start:end].strip():
        return start, end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    while _inside_word(text, start):
        start -= 1
    while _inside_word(text, end):
        end += 1
    return start, end
