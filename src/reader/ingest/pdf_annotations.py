"""Highlights and notes already in a PDF (Okular, Acrobat, Zotero's export, reader's own),
read as reader highlights: each /Highlight, /Underline, /Squiggly or /StrikeOut annotation
becomes the article text under its QuadPoints (the characters whose box centre lies inside a
quad, through the article's PdfTextMap), with its colour, note (/Contents and replies), author
and dates; a /Text sticky note becomes a note at the nearest character.

reader marks what it writes with an /NM starting "reader-"; the parts of one highlight across a
page break are linked by /IRT with /RT /Group and merge back into one highlight, so a PDF that
reader exported gives back exactly the highlights it was exported with.
"""

from __future__ import annotations

import colorsys
import io
import logging
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from itertools import groupby

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject

from reader.export.styles import HIGHLIGHT_COLORS
from reader.ingest.pdf_map import NOT_ON_PAGE, PdfTextMap

log = logging.getLogger(__name__)


class _IntoReadersLog(logging.Handler):
    """pypdf's warnings about a damaged file ("EOF marker not found") go to reader's log file
    with the rest, not to the terminal: the person gets the one line reader writes."""

    def emit(self, record: logging.LogRecord) -> None:
        log.handle(record)


_pypdf_log = logging.getLogger("pypdf")
if not any(isinstance(h, _IntoReadersLog) for h in _pypdf_log.handlers):
    _pypdf_log.addHandler(_IntoReadersLog())
    _pypdf_log.propagate = False

OURS = "reader-"  # the /NM prefix of every annotation reader writes
APPENDIX_KEY = "/ReaderAppendix"  # on the pages reader appended (sources and notes)
# on an annotation reader wrote for a highlight someone else made: its /T is theirs, not the
# user's (whose own highlights are written with the user's name)
THEIRS_KEY = "/ReaderTheirs"
MARKUP = {
    "/Highlight": "highlight",
    "/Underline": "underline",
    "/Squiggly": "squiggly",
    "/StrikeOut": "strikeout",
}
_BUCKET = 6.0  # points of height per bucket of the character index
_DATE = re.compile(
    r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?"
)


@dataclass(frozen=True)
class HighlightCandidate:
    """A highlight (start < end) or a note at one point (start == end) found in a PDF."""

    start: int
    end: int
    color: str  # a reader colour name (the nearest to the annotation's /C)
    note: str = ""
    author: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    kind: str = "highlight"  # highlight | underline | squiggly | strikeout | note
    ours: bool = False  # written by reader
    name: str = ""  # the annotation's /NM
    theirs: bool = False  # written by reader for someone else's highlight (THEIRS_KEY)


def is_ours(annot: DictionaryObject) -> bool:
    return str(annot.get("/NM", "")).startswith(OURS)


def color_name(rgb: object) -> str:
    """The reader colour nearest to a PDF colour array (by hue; grey and missing: yellow)."""
    try:
        values = [float(v) for v in rgb] if isinstance(rgb, list | tuple | ArrayObject) else []
    except (TypeError, ValueError):
        values = []
    if len(values) == 1:
        values *= 3
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(values) != 3:
        return "yellow"
    for name, color in HIGHLIGHT_COLORS.items():
        if all(abs(a - b) < 0.002 for a, b in zip(values, color, strict=True)):
            return name
    h, _l, s = colorsys.rgb_to_hls(*values)
    if s < 0.15:
        return "yellow"

    def distance(name: str) -> float:
        hue = colorsys.rgb_to_hls(*HIGHLIGHT_COLORS[name])[0]
        d = abs(hue - h)
        return min(d, 1 - d)

    return min(HIGHLIGHT_COLORS, key=distance)


def parse_pdf_date(value: object) -> datetime | None:
    """A PDF date ("D:20240812143000+02'00'") as an aware datetime; None when unreadable."""
    m = _DATE.match(str(value or "").strip())
    if m is None:
        return None
    year, mon, day, hh, mm, ss, sign, oh, om = m.groups()
    tz = UTC
    if sign in ("+", "-"):
        delta = timedelta(hours=int(oh or 0), minutes=int(om or 0))
        tz = timezone(delta if sign == "+" else -delta)
    try:
        return datetime(
            int(year), int(mon or 1), int(day or 1), int(hh or 0), int(mm or 0), int(ss or 0),
            tzinfo=tz,
        )  # fmt: skip
    except ValueError:
        return None


def page_runs(tm: PdfTextMap) -> dict[int, list[tuple[int, int]]]:
    """Page index → the [start, end) spans of the text printed on it, every character of a
    span on that page (a span ends at a character reader inserted, such as a line's space)."""
    cached = _runs_cache.get(id(tm))
    if cached is not None and cached[0] is tm:
        return cached[1]
    out: dict[int, list[tuple[int, int]]] = {}
    pos = 0
    for p, group in groupby(tm.page):
        n = len(list(group))
        if p != NOT_ON_PAGE:
            out.setdefault(p, []).append((pos, pos + n))
        pos += n
    _runs_cache.clear()
    _runs_cache[id(tm)] = (tm, out)
    return out


_runs_cache: dict[int, tuple[PdfTextMap, dict[int, list[tuple[int, int]]]]] = {}


class _CharIndex:
    """The characters of each page, bucketed by height, to find those under a quad quickly;
    a page is indexed when first asked for."""

    def __init__(self, tm: PdfTextMap, text: str) -> None:
        self.tm = tm
        self.text = text
        self.buckets: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
        self.indexed: set[int] = set()

    def _index(self, page: int) -> None:
        if page in self.indexed:
            return
        self.indexed.add(page)
        tm, text = self.tm, self.text
        for a, b in page_runs(tm).get(page, ()):
            for k in range(a, min(b, len(text))):
                if text[k].isspace():
                    continue
                cx, cy = (tm.x0[k] + tm.x1[k]) / 2, (tm.y0[k] + tm.y1[k]) / 2
                self.buckets.setdefault((page, int(cy // _BUCKET)), []).append((cx, cy, k))

    def under(self, page: int, x0: float, y0: float, x1: float, y1: float) -> set[int]:
        self._index(page)
        found = set()
        for b in range(int(y0 // _BUCKET), int(y1 // _BUCKET) + 1):
            for cx, cy, k in self.buckets.get((page, b), ()):
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    found.add(k)
        return found

    def nearest(self, page: int, x: float, y: float) -> int | None:
        """The character whose top-left corner is nearest to (x, y) on `page`."""
        self._index(page)
        best: tuple[float, int] | None = None
        tm = self.tm
        for (p, _b), chars in self.buckets.items():
            if p != page:
                continue
            for _cx, _cy, k in chars:
                d = (tm.x0[k] - x) ** 2 + (tm.y1[k] - y) ** 2
                if best is None or d < best[0]:
                    best = (d, k)
        return best[1] if best else None

    def runs(self, ks: set[int]) -> list[tuple[int, int]]:
        """Sorted offsets as [start, end) spans: a printed character left out ends a span."""
        out: list[tuple[int, int]] = []
        order = sorted(ks)
        if not order:
            return out
        start = prev = order[0]
        for k in order[1:]:
            between = range(prev + 1, k)
            if any(self.tm.page[j] != NOT_ON_PAGE and not self.text[j].isspace() for j in between):
                out.append((start, prev + 1))
                start = k
            prev = k
        out.append((start, prev + 1))
        return out


def _quads(annot: DictionaryObject) -> list[tuple[float, float, float, float]]:
    raw = annot.get("/QuadPoints")
    values = [float(v) for v in raw] if isinstance(raw, ArrayObject) else []
    if len(values) < 8:  # no quads: the annotation's rectangle
        rect = annot.get("/Rect")
        if not isinstance(rect, ArrayObject) or len(rect) != 4:
            return []
        x0, y0, x1, y1 = (float(v) for v in rect)
        return [(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]
    out = []
    for i in range(0, len(values) - 7, 8):
        xs, ys = values[i : i + 8 : 2], values[i + 1 : i + 8 : 2]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _base(
    annot: DictionaryObject, color: str, start: int, end: int, kind: str
) -> HighlightCandidate:
    return HighlightCandidate(
        start=start,
        end=end,
        color=color,
        note=str(annot.get("/Contents", "") or "").strip(),
        author=str(annot.get("/T", "") or ""),
        created_at=parse_pdf_date(annot.get("/CreationDate")),
        updated_at=parse_pdf_date(annot.get("/M")),
        kind=kind,
        ours=is_ours(annot),
        name=str(annot.get("/NM", "") or ""),
        theirs=bool(annot.get(THEIRS_KEY)),
    )


def highlight_author(c: HighlightCandidate) -> str:
    """The author a reader highlight gets from an annotation: who wrote it (/T) when that was
    someone else; "" when it is the user's own, written by reader's export under the user's
    name."""
    if c.ours and not c.theirs:
        return ""
    return " ".join(c.author.split())


def _reader(data: bytes | PdfReader, password: str | None) -> PdfReader:
    reader = data if isinstance(data, PdfReader) else PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return reader


def read_highlights(
    data: bytes | PdfReader,
    tm: PdfTextMap,
    text: str,
    *,
    theirs_only: bool = False,
    password: str | None = None,
) -> list[HighlightCandidate]:
    """The highlights and notes of the PDF `data`, as spans of `text` (read from that PDF,
    `tm` its map), in text order. Annotations on pages reader appended are left out, and
    with `theirs_only` those reader wrote."""
    reader = _reader(data, password)
    index = _CharIndex(tm, text)
    found: dict[int, list[HighlightCandidate]] = {}  # by the annotation's object number
    replies: list[tuple[int, DictionaryObject]] = []
    order: list[int] = []
    for pi, page in enumerate(reader.pages):
        if pi >= len(tm.pages) or page.get(APPENDIX_KEY):
            continue
        box = page.mediabox
        dx, dy = float(box.left), float(box.bottom)
        for ref in page.get("/Annots", None) or []:
            try:
                annot = ref.get_object()
            except PdfReadError as e:  # a broken reference: the rest still counts
                log.warning("annotation on page %d unreadable: %s", pi + 1, e)
                continue
            if not isinstance(annot, DictionaryObject) or (theirs_only and is_ours(annot)):
                continue
            sub = str(annot.get("/Subtype", ""))
            key = ref.idnum if hasattr(ref, "idnum") else id(annot)
            parent = annot.get("/IRT")
            if parent is not None and sub in MARKUP and str(annot.get("/RT", "")) == "/Group":
                replies.append((key, annot))  # the rest of a grouped highlight: merged below
            elif parent is not None and sub == "/Text":
                replies.append((key, annot))  # a reply: its text joins the parent's note
                continue
            color = color_name(annot.get("/C"))
            if sub in MARKUP:
                ks: set[int] = set()
                for x0, y0, x1, y1 in _quads(annot):
                    ks |= index.under(pi, x0 - dx, y0 - dy, x1 - dx, y1 - dy)
                found[key] = [_base(annot, color, a, b, MARKUP[sub]) for a, b in index.runs(ks)]
                order.append(key)
            elif sub == "/Text":
                rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
                k = index.nearest(pi, min(rect[0], rect[2]) - dx, min(rect[1], rect[3]) - dy)
                if k is not None and str(annot.get("/Contents", "") or "").strip():
                    found[key] = [_base(annot, color, k, k, "note")]
                    order.append(key)
    for key, annot in replies:
        parent_ref = annot.get("/IRT")
        pkey = getattr(parent_ref, "idnum", None)
        if pkey not in found or not found[pkey]:
            continue
        parent = found[pkey]
        if str(annot.get("/Subtype")) == "/Text":
            said = str(annot.get("/Contents", "") or "").strip()
            if said:
                who = str(annot.get("/T", "") or "")
                head = parent[0]
                extra = f"{who}: {said}" if who else said
                parent[0] = replace(head, note=f"{head.note}\n\n{extra}".strip())
            continue
        part = found.pop(key, [])
        if key in order:
            order.remove(key)
        if part:
            head = parent[0]
            parent[0] = replace(
                head,
                start=min(head.start, *(c.start for c in part)),
                end=max(head.end, *(c.end for c in part)),
            )
    out = [c for key in order for c in found.get(key, [])]
    return sorted(out, key=lambda c: (c.start, c.end, c.name))


def appendix_pages(data: bytes | PdfReader, password: str | None = None) -> list[int]:
    """Indexes of the pages reader appended to an exported PDF (its sources and notes): not
    the article's text, left out when the PDF is read again. A file whose structure cannot be
    read has none (its text is read as it comes)."""
    if isinstance(data, bytes) and APPENDIX_KEY.encode() not in data:
        return []  # the usual case, without parsing the file
    try:
        reader = _reader(data, password)
        return [i for i, page in enumerate(reader.pages) if page.get(APPENDIX_KEY)]
    except (PyPdfError, ValueError, KeyError) as e:
        log.warning("pages reader appended not found: %s", e)
        return []
