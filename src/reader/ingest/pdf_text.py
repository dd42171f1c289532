"""The article text written from a PDF's lines in reading order, and beside it the map from
every character of that text to the page and box it was printed in (`PdfTextMap`).

A paragraph is one line of text, paragraphs are separated by a blank line; a word hyphenated
at a line end is joined (the hyphen left out, both pieces keeping their boxes); ligatures and
compatibility spaces are normalised (NFKC), one map entry for each character written.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass

from reader.ingest.pdf_layout import Glyph, Line, body_size
from reader.ingest.pdf_map import NOT_ON_PAGE, PageSize, PdfTextMap

HEADING_SCALE = 1.2  # a line set this much larger than the body is a heading
PARAGRAPH_STEP = 1.35  # a baseline step this much over the usual line spacing starts a paragraph
_HYPHENS = {"-", "\x02", "\u00ad", "\u2010"}  # pdfium reports a line-end soft hyphen as U+0002
_SOFT = {"\x02", "\u00ad"}
_SENTENCE_END = tuple('.!?:"”’)')
_LIST_MARKER = re.compile(r"^(?:[•◦▪■●○·*–—-]|[0-9]{1,2}[.)]|[a-z][.)])$")


@dataclass(frozen=True)
class PdfText:
    text: str
    text_map: PdfTextMap
    headings: tuple[str, ...]  # paragraphs set in a larger type than the body
    first_heading: str | None  # the largest type on the first page, for a title


class _Out:
    """The text being written and its map, one entry per character."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.page = array("i")
        self.x0, self.y0, self.x1, self.y1 = array("f"), array("f"), array("f"), array("f")

    def __len__(self) -> int:
        return len(self.chars)

    def inserted(self, text: str) -> None:
        for ch in text:
            self.chars.append(ch)
            self.page.append(NOT_ON_PAGE)
            for a in (self.x0, self.y0, self.x1, self.y1):
                a.append(0.0)

    def printed(self, word: str, glyphs: list[Glyph], page: int) -> None:
        """A word's characters `word` (or all but its line-end hyphen), with their boxes."""
        _, x0, y0, x1, y1, _ = zip(*glyphs, strict=True)
        if word.isascii() and word.isprintable():  # nearly every word: as it is, in bulk
            self.chars.extend(word)
            self.page.extend([page] * len(glyphs))
            self.x0.extend(x0)
            self.y0.extend(y0)
            self.x1.extend(x1)
            self.y1.extend(y1)
            return
        for g in glyphs:
            self._printed_one(g[0], page, g[1], g[2], g[3], g[4])

    def _printed_one(self, ch: str, page: int, x0: float, y0: float, x1: float, y1: float) -> None:
        if " " < ch < "\x7f":  # printable ASCII: as it is
            self.chars.append(ch)
            self.page.append(page)
            self.x0.append(x0)
            self.y0.append(y0)
            self.x1.append(x1)
            self.y1.append(y1)
            return
        out = _normal(ch)
        if not out:
            return
        step = (x1 - x0) / len(out)  # a ligature's box shared out between its letters
        for i, c in enumerate(out):
            self.chars.append(c)
            self.page.append(page)
            self.x0.append(x0 + i * step)
            self.y0.append(y0)
            self.x1.append(x0 + (i + 1) * step)
            self.y1.append(y1)


def _normal(ch: str) -> str:
    """What a printed character is written as: ligatures (ﬁ ﬂ) and odd spaces by NFKC, a
    soft hyphen inside a line as a hyphen, other control characters left out."""
    if ch.isascii():
        return ch if ch >= " " else ("-" if ch == "\x02" else "")
    if ch == "\u00ad":
        return "-"
    if "\ufb00" <= ch <= "\ufb4f" or unicodedata.category(ch) in ("Zs", "Cf"):
        return unicodedata.normalize("NFKC", ch).strip() if ch != "\u200b" else ""
    if unicodedata.category(ch) == "Cc":
        return ""
    return ch


def compose(lines: list[Line], pages: tuple[PageSize, ...]) -> PdfText:
    """The text and map of `lines` (every page's, in reading order)."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += sum(len(w.glyphs) for w in ln.words)
    body = body_size(sizes)
    steps = _line_steps(lines)
    joins = [_join(a, b, body, steps) for a, b in itertools.pairwise(lines)]
    out = _Out()
    paragraphs: list[tuple[int, int, float, int]] = []  # start, end, size, page
    start = 0
    for i, ln in enumerate(lines):
        words = ln.words
        hyphen_next = i < len(joins) and joins[i] == "hyphen"
        for k, w in enumerate(words):
            if k:
                out.inserted(" ")
            if hyphen_next and k == len(words) - 1:
                if len(w.glyphs) > 1:
                    out.printed(w.text[:-1], w.glyphs[:-1], ln.page)
            else:
                out.printed(w.text, w.glyphs, ln.page)
        if i == len(joins) or joins[i] == "paragraph":
            paragraphs.append((start, len(out), ln.size, ln.page))
            if i < len(joins):
                out.inserted("\n\n")
                start = len(out)
        elif joins[i] == "space":
            out.inserted(" ")
    text = "".join(out.chars)
    text_map = PdfTextMap(pages, out.page, out.x0, out.y0, out.x1, out.y1)
    heads = [(s, e, size, page) for s, e, size, page in paragraphs if size >= body * HEADING_SCALE]
    headings = tuple(text[s:e] for s, e, _, _ in heads)
    first = [h for h in heads if h[3] == 0]
    title = text[slice(*max(first, key=lambda h: h[2])[:2])] if first else None
    return PdfText(text, text_map, headings, title)


def _line_steps(lines: list[Line]) -> dict[float, float]:
    """The usual distance from one baseline to the next, for each type size."""
    found: dict[float, list[float]] = defaultdict(list)
    for a, b in itertools.pairwise(lines):
        if _same_flow(a, b) and a.size == b.size and a.y0 > b.y0:
            found[a.size].append(a.y0 - b.y0)
    return {size: statistics.median(v) for size, v in found.items()}


def _same_flow(a: Line, b: Line) -> bool:
    return a.page == b.page and a.column == b.column and a.band == b.band


def _text_start(line: Line) -> float:
    """Where a line's text starts: after a list marker ("•", "–", "3.", "b)") hanging in the
    margin, which the item's next lines do not repeat."""
    first = line.words[0].text
    if len(line.words) > 1 and _LIST_MARKER.match(first):
        return line.words[1].x0
    return line.x0


def _join(prev: Line, cur: Line, body: float, steps: dict[float, float]) -> str:
    """How line `cur` follows `prev`: "paragraph", "hyphen" (a word broken at the line end)
    or "space"."""
    heading = prev.size >= body * HEADING_SCALE or cur.size >= body * HEADING_SCALE
    if heading and abs(prev.size - cur.size) > 0.5:
        return "paragraph"
    ends = prev.text.endswith(_SENTENCE_END)
    if _same_flow(prev, cur):
        step = steps.get(cur.size, cur.size * 1.2)
        if prev.y0 - cur.y0 > step * PARAGRAPH_STEP or prev.y0 <= cur.y0:
            return "paragraph"
    elif ends or heading:
        return "paragraph"  # a column or page ends with a sentence: so does its paragraph
    # an indented first line: further in than the line before (in a column's flow) or than
    # the column's edge (at the top of a column); a block quote indented throughout is not
    indent_from = _text_start(prev) if _same_flow(prev, cur) else cur.col_left
    if not heading and cur.x0 > indent_from + 0.9 * cur.size:
        return "paragraph"
    last = prev.words[-1].glyphs
    first = cur.words[0].glyphs[0][0]
    broken = len(last) > 1 and last[-1][0] in _HYPHENS and last[-2][0].isalpha()
    if broken and (last[-1][0] in _SOFT or first.islower()):
        return "hyphen"
    return "space"
