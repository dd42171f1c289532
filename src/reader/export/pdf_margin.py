"""Notes printed in the margin of an original PDF: each note a /FreeText annotation with the
Print flag, placed in the page's wider margin beside its highlight, and an appearance of its
own (the note's text set in reader's sans font, embedded, on a tint of the highlight's colour)
so that every viewer shows it and prints it the same.

The appearances are drawn with reportlab, one small page per note, and each page becomes the
form XObject of its annotation.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfgen import canvas

from reader.export.layout import Color, advances, break_lines, drawable
from reader.export.palette import tint
from reader.export.styles import MARGIN_NOTE, register_fonts

PAD = 3.0  # inside the note's box
GAP = 6.0  # between the text column, the note and the page's edge
MAX_WIDTH = 150.0
MIN_WIDTH = 40.0
MAX_LINES = 14  # the rest of a long note is in /Contents (and the Notes appendix)


@dataclass(frozen=True)
class Margins:
    """A page's box and the extent of its text, in PDF user space."""

    left: float  # the MediaBox
    bottom: float
    right: float
    top: float
    text_left: float
    text_right: float

    def column(self, left_side: bool = False) -> tuple[float, float]:
        """x and width of the notes' column: the margin on the highlight's side when it has
        room, else the wider one, else the page's edge (the note then covers the edge of the
        text, still printed)."""
        room_left = self.text_left - self.left
        room_right = self.right - self.text_right
        room = MIN_WIDTH + 2 * GAP
        if left_side and room_left >= room:
            use_right = False
        elif not left_side and room_right >= room:
            use_right = True
        else:
            use_right = room_right >= room_left
        if use_right:
            width = max(MIN_WIDTH, min(MAX_WIDTH, room_right - 2 * GAP))
            x = min(self.text_right + GAP, self.right - GAP - width)
        else:
            width = max(MIN_WIDTH, min(MAX_WIDTH, room_left - 2 * GAP))
            x = max(self.left + GAP, self.text_left - GAP - width)
        return x, width


@dataclass
class MarginNote:
    page: int
    anchor_top: float  # the top of the highlight's first line
    anchor_x: float  # … and its middle
    text: str
    color: Color
    annotation: DictionaryObject  # /T, /M, /CreationDate, /NM … already filled in
    lines: tuple[str, ...] = ()
    rect: tuple[float, float, float, float] = (0, 0, 0, 0)


def _wrap(text: str, width: float) -> tuple[str, ...]:
    out: list[str] = []
    for para in text.strip().splitlines() or [""]:
        para = drawable(" ".join(para.split()))
        if not para:
            continue
        cum = advances(para, MARGIN_NOTE.font, MARGIN_NOTE.size)
        out += [para[a:b] for a, b in break_lines(para, cum, width, width)]
    if len(out) > MAX_LINES:
        out = out[:MAX_LINES]
        out[-1] = out[-1].rstrip(" ,;:.") + " …"
    return tuple(out)


def place(notes: list[MarginNote], margins: dict[int, Margins]) -> None:
    """Give each note its lines and box: beside its highlight, below the note above it on the
    same page when they would overlap, and inside the page."""
    register_fonts()
    by_side: dict[tuple[int, bool], list[MarginNote]] = {}
    for n in notes:
        m = margins[n.page]
        left_side = n.anchor_x < (m.left + m.right) / 2
        by_side.setdefault((n.page, m.column(left_side)[0] < m.text_left), []).append(n)
    for (page, left_side), ns in by_side.items():
        m = margins[page]
        x, width = m.column(left_side)
        floor = m.top - GAP
        for n in sorted(ns, key=lambda n: -n.anchor_top):
            n.lines = _wrap(n.text, width - 2 * PAD) or ("…",)
            height = len(n.lines) * MARGIN_NOTE.leading + 2 * PAD
            top = min(n.anchor_top + 2, floor)
            if top - height < m.bottom + GAP:  # at the foot of the page: moved up into view
                top = m.bottom + GAP + height
            n.rect = (x, top - height, x + width, top)
            floor = top - height - 3


def _appearances(notes: list[MarginNote]) -> bytes:
    """One page per note, the size of its box: the tinted box, a bar in the highlight's
    colour, and the lines."""
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=1)
    for n in notes:
        x0, y0, x1, y1 = n.rect
        w, h = x1 - x0, y1 - y0
        c.setPageSize((w, h))
        c.setFillColorRGB(*tint(n.color, 0.35))
        c.rect(0, 0, w, h, stroke=0, fill=1)
        c.setFillColorRGB(*n.color)
        c.rect(0, 0, 1.6, h, stroke=0, fill=1)
        c.setFillColorRGB(*MARGIN_NOTE.color)
        t = c.beginText()
        t.setFont(MARGIN_NOTE.font, MARGIN_NOTE.size)
        y = h - PAD - 0.8 * MARGIN_NOTE.size - (MARGIN_NOTE.leading - MARGIN_NOTE.size) / 2
        for line in n.lines:
            t.setTextOrigin(PAD + 1.5, y)
            t.textOut(line)
            y -= MARGIN_NOTE.leading
        c.drawText(t)
        c.showPage()
    c.save()
    return buf.getvalue()


def add_margin_notes(writer: PdfWriter, notes: list[MarginNote]) -> int:
    """Add the placed notes to `writer`'s pages as printed /FreeText annotations."""
    if not notes:
        return 0
    drawn = PdfReader(io.BytesIO(_appearances(notes)))
    shared: dict[object, DictionaryObject] = {}  # the notes' pages share their fonts
    for n, page in zip(notes, drawn.pages, strict=True):
        x0, y0, x1, y1 = n.rect
        form = DecodedStreamObject()
        contents = page.get_contents()  # a ContentStream is falsy: it is an empty dictionary
        form.set_data(contents.get_data() if contents is not None else b"")
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/FormType"): NumberObject(1),
                NameObject("/BBox"): _rect((0, 0, x1 - x0, y1 - y0)),
                NameObject("/Resources"): _resources(page, writer, shared),
            }
        )
        annot = n.annotation
        annot[NameObject("/Subtype")] = NameObject("/FreeText")
        annot[NameObject("/Rect")] = _rect(n.rect)
        annot[NameObject("/Contents")] = TextStringObject(n.text)
        annot[NameObject("/DA")] = TextStringObject(
            f"/Helv {MARGIN_NOTE.size:g} Tf {' '.join(f'{v:.3f}' for v in MARGIN_NOTE.color)} rg"
        )
        annot[NameObject("/F")] = NumberObject(4)  # Print
        annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): writer._add_object(form)})
        writer.add_annotation(n.page, annot)
    return len(notes)


def _rect(values: tuple[float, float, float, float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 3)) for v in values)


def _resources(
    page: PageObject, writer: PdfWriter, shared: dict[object, DictionaryObject]
) -> DictionaryObject:
    """The drawn page's fonts, copied into the file being written once."""
    ref = page.get("/Resources")
    key = getattr(ref, "idnum", None) or id(ref)
    if key not in shared:
        res = ref.get_object() if ref is not None else None
        shared[key] = res.clone(writer) if isinstance(res, DictionaryObject) else DictionaryObject()
    return shared[key]
