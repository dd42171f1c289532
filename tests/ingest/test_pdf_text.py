"""A PDF read as an article: reading order across columns, no running head, footer or page
number, hyphenated words joined, ligatures decomposed, paragraphs kept, title and metadata."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdf_samples as samples
import pytest

from reader.ingest import read_path
from reader.ingest.pdf import read_pdf


def _read(sample: samples.Sample):
    return read_pdf(sample.data, "article.pdf", "/tmp/article.pdf")


@pytest.mark.parametrize("paragraphs", [4, 16])  # one page (no repeating to go by), three
@pytest.mark.parametrize("columns", [1, 2])
def test_text_in_reading_order_without_furniture(columns: int, paragraphs: int) -> None:
    sample = samples.article(columns, n_paragraphs=paragraphs)
    doc = _read(sample)
    assert doc.text == sample.expected
    assert samples.HEAD not in doc.text
    assert "planet.example" not in doc.text
    assert not any(line.strip().isdigit() for line in doc.text.splitlines())


def test_two_columns_read_down_the_first_then_the_second() -> None:
    sample = samples.article(2, n_paragraphs=6)
    doc = _read(sample)
    # each paragraph whole and in order, though the page prints them side by side
    positions = [doc.text.index(p) for p in sample.paragraphs]
    assert positions == sorted(positions)


def test_words_hyphenated_at_line_ends_are_joined() -> None:
    sample = samples.article(2, n_paragraphs=16)
    assert len(sample.broken) >= 3  # the sample breaks words at line ends
    doc = _read(sample)
    for word in sample.broken:
        assert unicodedata.normalize("NFKC", word) in doc.text
    assert not re.search(r"\w- \w", doc.text)


def test_a_hyphen_inside_a_line_stays() -> None:
    sample = samples.article(
        1, n_paragraphs=2, headline="Cross-party talks resume", running_head=False
    )
    assert _read(sample).text.startswith("Cross-party talks resume\n\n")


def test_ligatures_are_decomposed() -> None:
    sample = samples.article(1, n_paragraphs=30)
    doc = _read(sample)
    assert "\ufb01" not in doc.text and "\ufb02" not in doc.text
    assert "finance plan" in doc.text or "flood wall" in doc.text


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    sample = samples.article(2, n_paragraphs=12)
    doc = _read(sample)
    assert doc.text.split("\n\n") == [sample.headline, *sample.paragraphs]


def test_metadata_title_author_and_date() -> None:
    doc = _read(samples.article(2, n_paragraphs=3))
    assert doc.title == "Flood wall approved"
    assert doc.author == "Helen Marsh"
    assert doc.published is not None and len(doc.published) == 10
    assert doc.headings == (samples.HEADLINE,)


def test_title_from_the_first_heading_without_metadata() -> None:
    doc = _read(samples.article(1, n_paragraphs=3, title=None, author=None))
    assert doc.title == samples.HEADLINE
    assert doc.author is None


def test_a_pdf_file_opens_by_its_suffix_and_by_its_bytes(tmp_path: Path) -> None:
    # one page: a running head is only known by its repeating, so this one has none
    sample = samples.article(1, n_paragraphs=3, running_head=False)
    named = tmp_path / "story.pdf"
    named.write_bytes(sample.data)
    unnamed = tmp_path / "download"  # saved without a suffix: told by "%PDF-"
    unnamed.write_bytes(sample.data)
    for path in (named, unnamed):
        doc = read_path(path)
        assert doc.text == sample.expected
        assert doc.pdf is not None and doc.pdf.original == sample.data
        assert doc.origin == str(path.resolve())
