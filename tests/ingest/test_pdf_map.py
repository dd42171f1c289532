"""The way back to the page: every character of a PDF article's text has the page and box it
was printed in, checked against what pdfplumber (pdfminer, another parser) reads there."""

from __future__ import annotations

import io
import itertools
import random
import unicodedata

import pdf_samples as samples
import pdfplumber
import pytest

from reader.ingest.pdf import read_pdf
from reader.ingest.pdf_map import NOT_ON_PAGE, PdfTextMap

TOLERANCE = 1.0  # points


def _inside(ch: dict, box: tuple[int, float, float, float, float]) -> bool:
    _, x0, y0, x1, y1 = box
    return (
        ch["x0"] >= x0 - TOLERANCE
        and ch["x1"] <= x1 + TOLERANCE
        and ch["y0"] >= y0 - TOLERANCE
        and ch["y1"] <= y1 + TOLERANCE
    )


@pytest.mark.parametrize("columns", [1, 2])
def test_sampled_characters_sit_where_pdfplumber_reads_them(columns: int) -> None:
    sample = samples.article(columns, n_paragraphs=14)
    doc = read_pdf(sample.data, "a.pdf", "a.pdf")
    assert doc.pdf is not None
    text_map = doc.pdf.text_map
    assert len(text_map) == len(doc.text)
    printed = [k for k in range(len(doc.text)) if text_map.page[k] != NOT_ON_PAGE]
    rnd = random.Random(columns)
    picks = rnd.sample(printed, 150)
    with pdfplumber.open(io.BytesIO(sample.data)) as pdf:
        chars = [page.chars for page in pdf.pages]
        assert len(text_map.pages) == len(pdf.pages)
        for i, page in enumerate(pdf.pages):
            assert abs(text_map.pages[i].width - float(page.width)) < 0.01
            assert abs(text_map.pages[i].height - float(page.height)) < 0.01
    for k in picks:
        box = text_map.box(k)
        found = [
            ch
            for ch in chars[box[0]]
            if _inside(ch, box) and doc.text[k] in unicodedata.normalize("NFKC", ch["text"])
        ]
        assert found, (k, doc.text[k], box)


def test_what_reader_inserted_is_not_on_a_page() -> None:
    sample = samples.article(2, n_paragraphs=6)
    doc = read_pdf(sample.data, "a.pdf", "a.pdf")
    assert doc.pdf is not None
    text_map = doc.pdf.text_map
    for k, ch in enumerate(doc.text):
        if ch in " \n":
            assert text_map.page[k] == NOT_ON_PAGE
        else:
            assert text_map.page[k] >= 0, (k, ch)


def test_a_hyphenated_word_keeps_both_pieces_boxes() -> None:
    sample = samples.article(2, n_paragraphs=16)
    doc = read_pdf(sample.data, "a.pdf", "a.pdf")
    assert doc.pdf is not None
    text_map = doc.pdf.text_map
    word = unicodedata.normalize("NFKC", sample.broken[0])
    start = doc.text.index(word)
    boxes = [text_map.box(k) for k in range(start, start + len(word))]
    assert all(b[0] >= 0 for b in boxes)
    # the two pieces are on two lines (or columns): the baseline drops, or the pen goes left
    moves = [(b[1] < a[1]) or (b[0] != a[0]) for a, b in itertools.pairwise(boxes)]
    assert sum(moves) == 1


def test_the_map_survives_its_bytes() -> None:
    sample = samples.article(2, n_paragraphs=4)
    doc = read_pdf(sample.data, "a.pdf", "a.pdf")
    assert doc.pdf is not None
    back = PdfTextMap.from_bytes(doc.pdf.text_map.to_bytes())
    assert back.pages == doc.pdf.text_map.pages
    assert [back.box(k) for k in range(len(back))] == [
        doc.pdf.text_map.box(k) for k in range(len(back))
    ]
