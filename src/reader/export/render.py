"""Drawing a laid-out PDF export with reportlab: text, shapes, outline, folios and running
heads. The annotations are added afterwards (reader.export.annotations)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from reader import __version__
from reader.export.article import PdfInput
from reader.export.layout import Layout, Line, Page, Shape, advances
from reader.export.styles import FURNITURE, RULE, SANS, SERIF
from reader.export.typeset import Ticker


def page_furniture(layout: Layout, title: str) -> dict[int, tuple[list[Line], list[Shape]]]:
    """Page number → what surrounds the text on it: the folio ("2 / 7"), and from page 2 the
    running head (the title, cut at a word) and its rule. The printed copy draws the same."""
    frame = layout.frame
    running = title.rstrip("…")
    head_w = frame.measure * 0.75
    while " " in running and pdfmetrics.stringWidth(running + " …", SANS, FURNITURE.size) > head_w:
        running = running.rsplit(" ", 1)[0].rstrip(",;:")
    if running != title:
        running += " …"
    total = len(layout.pages)
    out = {}
    for page in layout.pages:
        folio = f"{page.number} / {total}"
        fw = pdfmetrics.stringWidth(folio, FURNITURE.font, FURNITURE.size)
        lines = [
            _line(page.number, (frame.left + frame.right) / 2 - fw / 2, frame.bottom - 34, folio)
        ]
        shapes = []
        if page.number > 1:
            right = f"reader {__version__}"
            rw = pdfmetrics.stringWidth(right, FURNITURE.font, FURNITURE.size)
            lines.append(_line(page.number, frame.left, frame.top + 30, running))
            lines.append(_line(page.number, frame.right - rw, frame.top + 30, right))
            shapes.append(Shape("line", frame.left, frame.top + 24, frame.measure, 0, RULE))
        out[page.number] = (lines, shapes)
    return out


def _line(page: int, x0: float, y: float, text: str) -> Line:
    cum = advances(text, FURNITURE.font, FURNITURE.size)
    return Line(
        page, x0, y, FURNITURE.font, FURNITURE.size, text, [x0 + w for w in cum], FURNITURE.color
    )


def render(layout: Layout, doc: PdfInput, tick: Ticker) -> bytes:
    buf = io.BytesIO()
    frame = layout.frame
    c = canvas.Canvas(
        buf, pagesize=(frame.width, frame.height), pageCompression=1, initialFontName=SERIF
    )
    c.setTitle(doc.display_title())
    c.setCreator(f"reader {__version__}")
    c.showOutline()
    furniture = page_furniture(layout, doc.display_title())
    total = len(layout.pages)
    outline_by_page: dict[int, list[int]] = {}
    for i, o in enumerate(layout.outline):
        outline_by_page.setdefault(o.page, []).append(i)
    for page in layout.pages:
        for i in outline_by_page.get(page.number, []):
            o = layout.outline[i]
            key = f"o{i}"
            c.bookmarkHorizontal(key, frame.left, o.y)
            c.addOutlineEntry(o.title, key, level=o.level)
        extra_lines, extra_shapes = furniture[page.number]
        draw_page(c, page, extra_lines, extra_shapes)
        c.showPage()
        tick(30 // max(1, total) or 1)
    c.save()
    return buf.getvalue()


def draw_page(
    c: canvas.Canvas,
    page: Page,
    extra_lines: Sequence[Line] = (),
    extra_shapes: Sequence[Shape] = (),
) -> None:
    """A typeset page's content: the shapes under the text, its lines (and `extra_lines`), then
    `extra_shapes` and the shapes over the text."""
    _shapes(c, page.under)
    t = c.beginText()
    font = None
    color = None
    for line in [*page.lines, *extra_lines]:
        if (line.font, line.size) != font:
            t.setFont(line.font, line.size)
            font = (line.font, line.size)
        if line.color != color:
            t.setFillColorRGB(*line.color)
            color = line.color
        t.setTextOrigin(line.x0, line.y)
        t.textOut(line.text)
    c.drawText(t)
    _shapes(c, [*extra_shapes, *page.over])


def _shapes(c: canvas.Canvas, shapes: list[Shape]) -> None:
    for s in shapes:
        if s.kind == "rect":
            c.setFillColorRGB(*s.color)
            c.rect(s.x, s.y, s.w, s.h, stroke=0, fill=1)
        elif s.kind == "line":
            c.setStrokeColorRGB(*s.color)
            c.setLineWidth(0.6)
            c.line(s.x, s.y, s.x + s.w, s.y + s.h)
        elif s.kind == "caret":
            c.setFillColorRGB(*s.color)
            p = c.beginPath()
            p.moveTo(s.x, s.y + s.h)
            p.lineTo(s.x - s.w / 2, s.y)
            p.lineTo(s.x + s.w / 2, s.y)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
