"""The geometry of a PDF page's printed characters turned into words, lines and columns in
reading order, with running heads, footers and page numbers found and left out.

Pure functions over plain tuples (no PDF library here): `reader.ingest.pdf` extracts the
characters, `reader.ingest.pdf_text` writes the article text and its map from the lines.
Coordinates are points, origin at the bottom-left of the page (y grows upwards).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

# A printed character: (text, x0, y0, x1, y1, font size), its box the font's full height.
Glyph = tuple[str, float, float, float, float, float]

WORD_GAP = 0.18  # a gap wider than this many ems between two characters separates words
GUTTER_EMS = 0.8  # a column gutter is at least this wide (word gaps are about a third of it)
EDGE_BAND = 0.14  # a bare page number sits in the top or bottom 14 % of the page
PAGE_NUMBER = re.compile(
    r"^\W*(?:page|p\.|seite|pagina|página)?\s*[0-9ivxlc]{1,5}(?:\s*(?:of|/|von|de|di)\s*[0-9]+)?\W*$",
    re.IGNORECASE,
)


@dataclass
class Word:
    glyphs: list[Glyph]
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str = ""  # its characters, joined once

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2

    def add(self, g: Glyph) -> None:
        self.glyphs.append(g)
        self.text += g[0]
        self.x0, self.x1 = min(self.x0, g[1]), max(self.x1, g[3])
        self.y0, self.y1 = min(self.y0, g[2]), max(self.y1, g[4])


@dataclass
class Line:
    """Words on one baseline of one column (or across the columns: `column == -1`)."""

    words: list[Word]
    page: int
    column: int = 0
    band: int = 0  # which of the page's horizontal bands cut by lines spanning the columns
    col_left: float = 0.0  # left edge of the line's column, for first-line indents
    col_right: float = 0.0
    size: float = field(init=False)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        sizes = Counter[float]()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.glyphs)
        self.size = sizes.most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    # a line's words do not change once it is made: its extent and text are worked out once
    # (asked for again and again while the lines are joined into paragraphs)
    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @cached_property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def words_of(glyphs: list[Glyph]) -> list[Word]:
    """Characters in the order the page draws them, grouped into words: a word ends at a space,
    at a gap wider than WORD_GAP ems, when the baseline moves or the pen goes back."""
    groups: list[list[Glyph]] = []
    cur: list[Glyph] | None = None
    last: Glyph | None = None
    for g in glyphs:
        if g[0].isspace():
            cur = last = None
            continue
        if last is not None:
            em = last[5] if last[5] > 1.0 else 1.0
            if (
                g[1] - last[3] > WORD_GAP * em
                or g[1] < last[1] - 0.1  # back to the left: a new line or a new text run
                or abs(g[2] - last[2]) > 0.3 * em
            ):
                cur = None
        if cur is None:
            cur = [g]
            groups.append(cur)
        else:
            cur.append(g)
        last = g
    # the box of each word once, not grown a character at a time (70,000 on 20 pages)
    words = []
    for gs in groups:
        ch, x0, y0, x1, y1, _ = zip(*gs, strict=True)
        words.append(Word(gs, min(x0), min(y0), max(x1), max(y1), gs[0][5], "".join(ch)))
    return words


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped by baseline, top row first: a word joins the row whose height holds its
    middle."""
    rows: list[list[Word]] = []
    top = bottom = 0.0
    for w in sorted(words, key=lambda w: (-w.mid, w.x0)):
        if rows and bottom <= w.mid <= top:
            rows[-1].append(w)
            top, bottom = max(top, w.y1), min(bottom, w.y0)
            continue
        rows.append([w])
        top, bottom = w.y1, w.y0
    return rows


def body_size(sizes: Counter[float]) -> float:
    return sizes.most_common(1)[0][0] if sizes else 10.0


def furniture(pages: list[list[Word]], heights: list[float]) -> tuple[list[list[Word]], list[str]]:
    """Each page's words without its running head, footer and page number; and the lines
    left out. A row near the top or bottom edge is furniture when the same text (digits aside)
    stands at the same height on at least half of the pages (two at least), or when it is a
    bare page number; on a document of one page, when it is the first or last row and set
    smaller than the body."""
    rows = [rows_of(words) for words in pages]
    seen: Counter[tuple[str, int]] = Counter()
    keys: list[list[tuple[str, int]]] = []
    texts = [[_row_text(r) for r in page_rows] for page_rows in rows]
    for page_rows, page_texts in zip(rows, texts, strict=True):
        page_keys = [_row_key(r, t) for r, t in zip(page_rows, page_texts, strict=True)]
        keys.append(page_keys)
        seen.update(set(page_keys))
    repeat = max(2, (len(pages) + 1) // 2)
    sizes: Counter[float] = Counter(round(w.size, 1) for words in pages for w in words)
    small = body_size(sizes) * 0.95
    kept: list[list[Word]] = []
    dropped: list[str] = []
    for page_rows, page_keys, page_texts, height in zip(rows, keys, texts, heights, strict=True):
        words: list[Word] = []
        for i, (row, key, text) in enumerate(zip(page_rows, page_keys, page_texts, strict=True)):
            mid = sum(w.mid for w in row) / len(row)
            at_edge = mid < height * EDGE_BAND or mid > height * (1 - EDGE_BAND)
            # a repeating row is furniture at a page's edge, and never a page's only row
            # ("Section 3" atop each page of a report is its text)
            repeated = at_edge and len(page_rows) > 1 and _repeats(key, seen, repeat)
            # one page has no repeating: its first and last rows in small type are taken
            # for the letterhead or running head and the footer
            outer = len(pages) == 1 and i in (0, len(page_rows) - 1) and len(page_rows) > 2
            lone = outer and at_edge and max(w.size for w in row) < small
            if repeated or lone or (at_edge and PAGE_NUMBER.match(text)):
                dropped.append(text)
                continue
            words.extend(row)
        kept.append(words)
    return kept, dropped


def _x0(w: Word) -> float:
    return w.x0


def _row_text(row: list[Word]) -> str:
    return " ".join(w.text for w in sorted(row, key=_x0))


def _row_key(row: list[Word], text: str) -> tuple[str, int]:
    norm = re.sub(r"[0-9]+", "#", text.lower())
    return norm, round(sum(w.mid for w in row) / len(row) / 4)


def _repeats(key: tuple[str, int], seen: Counter[tuple[str, int]], repeat: int) -> bool:
    text, y = key
    if len(text) < 2 and not text.strip("#"):
        return False  # a lone digit is judged as a page number, by its place
    # the same height within 4 pt: a neighbouring bucket counts too
    return seen[key] + seen[(text, y - 1)] + seen[(text, y + 1)] >= repeat


def gutters(words: list[Word], em: float) -> list[float]:
    """Where a page's columns part: the x of each gutter, a vertical band at least GUTTER_EMS
    wide that (nearly) no word crosses, with text on both sides. A headline across the columns
    may cross it; the cut is at the band's emptiest point."""
    if len(words) < 12:
        return []
    left = int(min(w.x0 for w in words))
    right = int(max(w.x1 for w in words)) + 1
    cover = [0] * (right - left + 2)
    # headlines (larger type) may run across the columns: only body type is counted
    body = [w for w in words if w.size <= em * 1.15]
    for w in body:
        cover[int(w.x0) - left] += 1
        cover[int(w.x1) - left + 1] -= 1
    total = 0
    for i, d in enumerate(cover):
        total += d
        cover[i] = total
    low = 1 + len(body) // 400  # a caption line or two across the gutter
    width = max(6.0, GUTTER_EMS * em)
    found: list[float] = []
    start = None
    for i, c in enumerate(cover[: right - left]):
        if c <= low and start is None:
            start = i
        elif c > low and start is not None:
            if i - start >= width and start > 0:
                least = min(cover[start:i])
                emptiest = [j for j in range(start, i) if cover[j] == least]
                cut = left + (emptiest[0] + emptiest[-1] + 1) / 2
                lhs = sum(1 for w in words if w.x1 <= cut)
                rhs = sum(1 for w in words if w.x0 >= cut)
                if lhs >= 6 and rhs >= 6:
                    found.append(cut)
            start = None
    return found


def _spanning(words: list[Word], cuts: list[float], em: float) -> list[Word]:
    """The words of lines that run across a gutter: those crossing a cut, and the words beside
    them on their line (the rest of a headline)."""
    across = [w for w in words if any(w.x0 < c < w.x1 for c in cuts)]
    if not across:
        return []
    chosen = {id(w) for w in across}
    grown = True
    while grown:
        grown = False
        for w in words:
            if id(w) in chosen:
                continue
            for a in across:
                if a.y0 <= w.mid <= a.y1 and (w.x0 - a.x1 < 2 * em and a.x0 - w.x1 < 2 * em):
                    across.append(w)
                    chosen.add(id(w))
                    grown = True
                    break
    return across


def page_lines(words: list[Word], page: int, em: float) -> list[Line]:
    """A page's lines in reading order: down the first column, then the next, each band
    between lines that run across the columns (a headline, a picture caption) on its own."""
    cuts = gutters(words, em)
    if not cuts:
        lines = [Line(r, page) for r in rows_of(words)]
        if lines:
            lo, hi = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
            for ln in lines:
                ln.col_left, ln.col_right = lo, hi
        return lines
    columns: dict[int, list[Word]] = {}
    spanning = _spanning(words, cuts, em)
    chosen = {id(w) for w in spanning}
    for w in words:
        if id(w) not in chosen:
            columns.setdefault(sum(1 for c in cuts if w.x0 >= c), []).append(w)
    across = [Line(r, page, column=-1) for r in rows_of(spanning)]  # top first
    marks = [(ln.y0 + ln.y1) / 2 for ln in across]
    bands: dict[tuple[int, int], list[Line]] = {}
    for col, col_words in columns.items():
        lo, hi = min(w.x0 for w in col_words), max(w.x1 for w in col_words)
        for r in rows_of(col_words):
            ln = Line(r, page, column=col)
            mid = (ln.y0 + ln.y1) / 2
            ln.band = sum(1 for m in marks if m > mid)
            ln.col_left, ln.col_right = lo, hi
            bands.setdefault((ln.band, col), []).append(ln)
    for i, ln in enumerate(across):
        ln.band = i
        ln.col_left = min(w.x0 for w in words)
        ln.col_right = max(w.x1 for w in words)
    ordered: list[Line] = []
    for band in range(len(across) + 1):
        for col in sorted(columns):
            ordered.extend(bands.get((band, col), []))
        if band < len(across):
            ordered.append(across[band])
    return ordered
