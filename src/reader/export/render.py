"""Drawing a laid-out PDF export with reportlab: text, shapes, outline, folios and running
heads. The annotations are added afterwards (reader.export.annotations)."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from reader import __version__
from reader.export.article import PdfInput
from reader.export.layout import Layout, Shape
from reader.export.styles import FURNITURE, RULE, SANS, SERIF
from reader.export.typeset import Ticker


def render(layout: Layout, doc: PdfInput, tick: Ticker) -> bytes:
    buf = io.BytesIO()
    frame = layout.frame
    c = canvas.Canvas(
        buf, pagesize=(frame.width, frame.height), pageCompression=1, initialFontName=SERIF
    )
    c.setTitle(doc.display_title())
    c.setCreator(f"reader {__version__}")
    c.showOutline()
    running = doc.display_title().rstrip("…")
    head_w = frame.measure * 0.75
    while " " in running and pdfmetrics.stringWidth(running + " …", SANS, FURNITURE.size) > head_w:
        running = running.rsplit(" ", 1)[0].rstrip(",;:")
    if running != doc.display_title():
        running += " …"
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
        _shapes(c, page.under)
        t = c.beginText()
        font = None
        color = None
        for line in page.lines:
            if (line.font, line.size) != font:
                t.setFont(line.font, line.size)
                font = (line.font, line.size)
            if line.color != color:
                t.setFillColorRGB(*line.color)
                color = line.color
            t.setTextOrigin(line.x0, line.y)
            t.textOut(line.text)
        # page furniture
        t.setFont(FURNITURE.font, FURNITURE.size)
        t.setFillColorRGB(*FURNITURE.color)
        folio = f"{page.number} / {total}"
        fw = pdfmetrics.stringWidth(folio, FURNITURE.font, FURNITURE.size)
        t.setTextOrigin((frame.left + frame.right) / 2 - fw / 2, frame.bottom - 34)
        t.textOut(folio)
        if page.number > 1:
            t.setTextOrigin(frame.left, frame.top + 30)
            t.textOut(running)
            right = f"reader {__version__}"
            rw = pdfmetrics.stringWidth(right, FURNITURE.font, FURNITURE.size)
            t.setTextOrigin(frame.right - rw, frame.top + 30)
            t.textOut(right)
        c.drawText(t)
        if page.number > 1:
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(0.4)
            c.line(frame.left, frame.top + 24, frame.right, frame.top + 24)
        _shapes(c, page.over)
        c.showPage()
        tick(30 // max(1, total) or 1)
    c.save()
    return buf.getvalue()


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
