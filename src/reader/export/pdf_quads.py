"""Where a stretch of article text lies on the original PDF's pages: one box per printed line.

A highlight over article offsets becomes, through the article's PdfTextMap, the boxes of its
characters; consecutive characters of one page that share a baseline and follow each other make
one line's box (a /Highlight quad). A line break, a column break, a page break or a wide gap
(a gutter) starts a new box. Characters reader inserted (paragraph breaks, the space that
joins two lines) and whitespace are not drawn: a box spans its first to its last printed
character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.ingest.pdf_map import NOT_ON_PAGE, PdfTextMap

_GAP = 3.0  # a horizontal gap wider than this many character heights is a gutter
_BACK = 0.5  # a character may start this many heights left of the previous one's end (kerning)
_SHARED = 0.5  # boxes on one line overlap vertically by at least this share of the smaller


@dataclass(frozen=True)
class LineBox:
    """The printed part of one line of a highlight: page index and box in PDF user space
    (points, origin bottom-left of the MediaBox, as the PdfTextMap)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    first: int  # article offsets of the first and last character inside
    last: int

    def quad(self, dx: float = 0.0, dy: float = 0.0) -> list[float]:
        """QuadPoints as viewers read them: top-left, top-right, bottom-left, bottom-right."""
        x0, x1, y0, y1 = self.x0 + dx, self.x1 + dx, self.y0 + dy, self.y1 + dy
        return [x0, y1, x1, y1, x0, y0, x1, y0]


def _same_line(tm: PdfTextMap, prev: int, k: int) -> bool:
    if tm.page[k] != tm.page[prev]:
        return False
    h = min(tm.y1[k] - tm.y0[k], tm.y1[prev] - tm.y0[prev])
    if h <= 0:
        h = 1.0
    overlap = min(tm.y1[k], tm.y1[prev]) - max(tm.y0[k], tm.y0[prev])
    if overlap < _SHARED * h:
        return False
    gap = tm.x0[k] - tm.x1[prev]
    return -_BACK * h <= gap <= _GAP * h


def line_boxes(
    text: str,
    tm: PdfTextMap,
    start: int,
    end: int,
    skip: Iterable[tuple[int, int]] = (),
) -> list[LineBox]:
    """The line boxes of article text [start, end), in text order. `skip` holds spans of the
    text not to draw (page furniture between the two halves of a highlight)."""
    end = min(end, len(tm), len(text))
    hidden = sorted((a, b) for a, b in skip if b > start and a < end)
    boxes: list[LineBox] = []
    cur: list[float] | None = None  # x0, y0, x1, y1 of the open box
    first = prev = -1
    h_i = 0
    k = max(0, start)
    while k < end:
        while h_i < len(hidden) and hidden[h_i][1] <= k:
            h_i += 1
        if h_i < len(hidden) and hidden[h_i][0] <= k:
            k = hidden[h_i][1]
            continue
        if tm.page[k] == NOT_ON_PAGE or text[k].isspace():
            k += 1
            continue
        if cur is not None and _same_line(tm, prev, k):
            cur[0] = min(cur[0], tm.x0[k])
            cur[1] = min(cur[1], tm.y0[k])
            cur[2] = max(cur[2], tm.x1[k])
            cur[3] = max(cur[3], tm.y1[k])
        else:
            if cur is not None:
                boxes.append(LineBox(tm.page[prev], cur[0], cur[1], cur[2], cur[3], first, prev))
            cur = [tm.x0[k], tm.y0[k], tm.x1[k], tm.y1[k]]
            first = k
        prev = k
        k += 1
    if cur is not None:
        boxes.append(LineBox(tm.page[prev], cur[0], cur[1], cur[2], cur[3], first, prev))
    return boxes


def first_printed(tm: PdfTextMap, start: int, limit: int = 400) -> int | None:
    """The offset of the first character at or after `start` that is on a page (a note at a
    paragraph break sits on the next printed character)."""
    for k in range(max(0, start), min(len(tm), start + limit)):
        if tm.page[k] != NOT_ON_PAGE:
            return k
    for k in range(min(start, len(tm)) - 1, max(-1, start - limit), -1):
        if tm.page[k] != NOT_ON_PAGE:
            return k
    return None


def pages_of(tm: PdfTextMap, start: int, end: int) -> list[int]:
    """Page numbers (1-based) where article text [start, end) is printed; for an empty or
    unprinted span, the page of the next printed character."""
    end = min(end, len(tm))
    found = {tm.page[k] + 1 for k in range(max(0, start), end) if tm.page[k] != NOT_ON_PAGE}
    if not found:
        k = first_printed(tm, start)
        return [tm.page[k] + 1] if k is not None else []
    return sorted(found)
