"""The way back from an article's text to the PDF page it was read from.

An article read from a PDF keeps, for every character of its text, the page and the box the
character was printed in, so that a highlight over article offsets can be drawn on the original
page (QuadPoints) and an annotation found on a page can be mapped back to offsets. The map is
stored with the article as a compact blob (`to_bytes` / `from_bytes`).

Coordinates are PDF user space in points, origin at the bottom-left of the page's MediaBox
(what a /Highlight annotation's QuadPoints use), before any /Rotate of the page.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from dataclasses import dataclass

NOT_ON_PAGE = -1  # a character reader inserted (a paragraph break, a joined hyphen's space)

_MAGIC = b"RPM1"


@dataclass(frozen=True)
class PageSize:
    width: float
    height: float
    rotation: int = 0  # the page's /Rotate, in degrees


@dataclass(frozen=True)
class PdfTextMap:
    """`pages[i]` is the i-th page's size; `page[k]` and `x0[k] … y1[k]` are the page index and
    box of the k-th character of the article text (`page[k] == NOT_ON_PAGE` when the character
    was not printed)."""

    pages: tuple[PageSize, ...]
    page: array  # array("i"), one per character of the text
    x0: array  # array("f") each
    y0: array
    x1: array
    y1: array

    def __post_init__(self) -> None:
        n = len(self.page)
        if not all(len(a) == n for a in (self.x0, self.y0, self.x1, self.y1)):
            raise ValueError("a PDF text map needs one box per character")

    def __len__(self) -> int:
        return len(self.page)

    def box(self, k: int) -> tuple[int, float, float, float, float]:
        return (self.page[k], self.x0[k], self.y0[k], self.x1[k], self.y1[k])

    def to_bytes(self) -> bytes:
        head = struct.pack("<4sII", _MAGIC, len(self.pages), len(self.page))
        pages = b"".join(struct.pack("<ffi", p.width, p.height, p.rotation) for p in self.pages)
        body = b"".join(a.tobytes() for a in (self.page, self.x0, self.y0, self.x1, self.y1))
        return head + zlib.compress(pages + body, 1)

    @classmethod
    def from_bytes(cls, data: bytes) -> PdfTextMap:
        magic, n_pages, n_chars = struct.unpack_from("<4sII", data)
        if magic != _MAGIC:
            raise ValueError("not a reader PDF text map")
        raw = zlib.decompress(data[struct.calcsize("<4sII") :])
        size = struct.calcsize("<ffi")
        pages = tuple(PageSize(*struct.unpack_from("<ffi", raw, i * size)) for i in range(n_pages))
        offset = n_pages * size
        arrays = []
        for code in ("i", "f", "f", "f", "f"):
            a = array(code)
            width = a.itemsize * n_chars
            a.frombytes(raw[offset : offset + width])
            offset += width
            arrays.append(a)
        return cls(pages, *arrays)
