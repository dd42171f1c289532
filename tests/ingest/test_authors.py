"""A page's author field is printed as a byline only when it names people (issue 13, item 6)."""

from __future__ import annotations

import pdfplumber
import pytest

from reader.export.pdf import PdfInput, export_pdf
from reader.ingest.authors import byline
from reader.ingest.html import document_from_html


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Ann Lee and Tom Park", "Ann Lee and Tom Park"),
        ("By Ann Lee", "Ann Lee"),
        ("Ann Lee, Tom Park; Olga Berg", "Ann Lee, Tom Park; Olga Berg"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Анна Ли", "Анна Ли"),
        ("The Russian; Syrian defense ministries", None),
        ("staff", None),
        ("news desk 24", None),
        ("", None),
        (None, None),
    ],
)
def test_byline(author, expected):
    assert byline(author) == expected


PAGE = """<html><head><title>Talks in Geneva</title>
<meta name="author" content="{author}"></head><body><article><h1>Talks in Geneva</h1>
<p>The two delegations met on Friday in Geneva for a third round of talks, officials said.</p>
<p>Both sides said the talks would continue next week, according to a statement.</p>
<p>Diplomats said the next round could take place in Vienna or in Istanbul in May.</p>
</article></body></html>"""


def test_a_phrase_in_the_author_field_is_no_byline(tmp_path):
    bad = document_from_html(
        PAGE.format(author="The Russian; Syrian defense ministries"), origin="talks.html"
    )
    good = document_from_html(PAGE.format(author="Ann Lee"), origin="talks.html")
    assert bad.author is None
    assert good.author == "Ann Lee"


def test_a_stored_phrase_is_not_printed_as_by(tmp_path):
    text = "Talks in Geneva\nThe two delegations met on Friday, officials said.\n"
    out = tmp_path / "a.pdf"
    export_pdf(
        PdfInput(title="Talks in Geneva", text=text, author="The Russian; Syrian ministries"),
        out,
        paper="a4",
    )
    with pdfplumber.open(out) as pdf:
        assert "By " not in pdf.pages[0].extract_text()
    export_pdf(PdfInput(title="Talks in Geneva", text=text, author="Ann Lee"), out, paper="a4")
    with pdfplumber.open(out) as pdf:
        assert "By Ann Lee" in pdf.pages[0].extract_text()
