"""Markdown to plain text: one heading, paragraph or list item per line; markup removed."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.ingest.markdown import document_from_markdown, inline_text


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**bold** and *em* and __b__ and _e_", "bold and em and b and e"),
        ("***both*** ~~gone~~", "both gone"),
        ("a [link](https://example.com/a_(b)) here", "a link here"),
        ("a [ref link][1] here", "a ref link here"),
        ("text ![a photo](p.jpg) more", "text more"),
        ("see <https://example.com>", "see https://example.com"),
        ("`code *not em*` stays", "code *not em* stays"),
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        (r"\*literal stars\*", "*literal stars*"),
        ("AT&amp;T <span>said</span>", "AT&T said"),
    ],
)
def test_inline(markdown: str, expected: str) -> None:
    assert inline_text(markdown) == expected


@pytest.mark.parametrize(
    ("markdown", "title", "lines"),
    [
        (
            "# One\n\nPara one\ncontinues here.\n\n## Two\n\nPara two.",
            "One",
            ["One", "Para one continues here.", "Two", "Para two."],
        ),
        (
            "Setext title\n============\n\nBody.\n\nSub\n---\n\nMore.",
            "Setext title",
            ["Setext title", "Body.", "Sub", "More."],
        ),
        (
            "---\nlayout: post\ntitle: x\n---\n# Real title\n\nText.",
            "Real title",
            ["Real title", "Text."],
        ),
        (
            "# Lists\n\n- one\n* two\n+ three\n1. four\n2) five\n   - nested\n- [x] done",
            "Lists",
            ["Lists", "one", "two", "three", "four", "five", "nested", "done"],
        ),
        (
            "# Q\n\n> quoted line\n> continues\n\nafter",
            "Q",
            ["Q", "quoted line continues", "after"],
        ),
        (
            "# Code\n\n```python\nx = 1\n\ny = 2\n```\n\nEnd.",
            "Code",
            ["Code", "x = 1", "y = 2", "End."],
        ),
        (
            "# T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n***\n\n[1]: https://x",
            "T",
            ["T", "a · b", "1 · 2"],
        ),
        (
            "No heading here, just a line.\n\nAnd another.",
            "No heading here, just a line.",
            ["No heading here, just a line.", "And another."],
        ),
        ("#  Closing hashes  ##\n\nx", "Closing hashes", ["Closing hashes", "x"]),
    ],
)
def test_blocks(markdown: str, title: str, lines: list[str]) -> None:
    doc = document_from_markdown(markdown, origin="n.md")
    assert doc.title == title
    assert doc.text.splitlines() == lines


def test_nothing_but_markup() -> None:
    with pytest.raises(InputError, match="no text"):
        document_from_markdown("![only an image](a.png)\n\n---\n", origin="n.md", name="n.md")
