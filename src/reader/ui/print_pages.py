"""Painting an article's PDF export on a QPrinter: every line of text, claim shade, highlight,
margin note, folio and running head at the place the PDF has it, in the same fonts, from the
export's own layout (QtPdf, which could rasterise the file, is not part of
PySide6-Essentials). This keeps the print sharp (vector, not a bitmap) and the same as the file.

Loaded by reader.ui.print_article when something is printed, not at start-up: it brings in
the PDF export (reportlab, pypdf).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen, QPolygonF
from PySide6.QtPrintSupport import QPrinter

from reader.errors import ExportError
from reader.export.annotations import marks_on_paper
from reader.export.layout import Color, Layout, Line, Shape
from reader.export.pdf import PdfReport
from reader.export.render import page_furniture
from reader.export.styles import FONT_DIR, SANS, SERIF, SERIF_BOLD, SERIF_ITALIC

_WORD = re.compile(r"\S+")


class PdfExporter(Protocol):
    def __call__(
        self, article_id: int, out_path: Path, *, paper: str | None, claims: bool
    ) -> PdfReport: ...


def paint_pages(printer: QPrinter, report: PdfReport) -> int:
    """Draw every page of an export on `printer`, scaled to fit its paper; returns the pages."""
    layout, doc = report.layout, report.doc
    if doc is None:
        raise ExportError("Cannot print: the export did not say what it laid out")
    families = _load_fonts()
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportError("Cannot print: the printer did not start (is it connected?)")
    try:
        paper = printer.pageLayout().fullRectPixels(printer.resolution())
        scale = min(paper.width() / layout.frame.width, paper.height() / layout.frame.height)
        page = _Page(painter, layout, scale, families, painter.device().logicalDpiY())
        furniture = page_furniture(layout, doc.display_title())
        marks = marks_on_paper(layout, doc)
        for p in layout.pages:
            if p.number > 1 and not printer.newPage():
                raise ExportError(f"Cannot print: the printer stopped at page {p.number}")
            lines, shapes = furniture[p.number]
            carets = [s for s in marks.get(p.number, []) if s.kind == "caret"]
            page.shapes(p.under)
            page.shapes([s for s in marks.get(p.number, []) if s.kind != "caret"])
            page.lines(p.lines + lines)
            page.shapes(shapes + p.over + carets)
    finally:
        painter.end()
    return len(layout.pages)


class _Page:
    """Paints the export's lines and shapes (PDF points, origin bottom left) in device pixels."""

    def __init__(
        self, painter: QPainter, layout: Layout, scale: float, families: dict, dpi: int
    ) -> None:
        self.p = painter
        self.height = layout.frame.height
        self.k = scale
        self.families = families
        self.dpi = dpi
        self.fonts: dict[tuple[str, float], QFont] = {}

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.k, (self.height - y) * self.k)

    def font(self, name: str, size: float) -> QFont:
        font = self.fonts.get((name, size))
        if font is None:
            family, bold, italic = self.families.get(name) or self.families[SERIF]
            font = QFont(family)
            font.setBold(bold)
            font.setItalic(italic)
            font.setPointSizeF(size * self.k * 72 / self.dpi)  # `size` points at this scale
            font.setKerning(False)  # positions come from the export's layout, glyph by glyph
            self.fonts[(name, size)] = font
        return font

    def lines(self, lines: list[Line]) -> None:
        for line in lines:
            self.p.setFont(self.font(line.font, line.size))
            self.p.setPen(_qcolor(line.color))
            for m in _WORD.finditer(line.text):
                self.p.drawText(self.point(line.xs[m.start()], line.y), m.group())

    def shapes(self, shapes: list[Shape]) -> None:
        for s in shapes:
            color = _qcolor(s.color)
            if s.kind == "rect":
                top_left = self.point(s.x, s.y + s.h)
                self.p.fillRect(
                    QRectF(top_left.x(), top_left.y(), s.w * self.k, s.h * self.k), color
                )
            elif s.kind == "line":
                self.p.setPen(QPen(color, 0.6 * self.k))
                self.p.drawLine(self.point(s.x, s.y), self.point(s.x + s.w, s.y + s.h))
            elif s.kind == "caret":
                self.p.setPen(Qt.PenStyle.NoPen)
                self.p.setBrush(color)
                self.p.drawPolygon(
                    QPolygonF(
                        [
                            self.point(s.x, s.y + s.h),
                            self.point(s.x - s.w / 2, s.y),
                            self.point(s.x + s.w / 2, s.y),
                        ]
                    )
                )


def _qcolor(color: Color) -> QColor:
    return QColor.fromRgbF(*color)


_FONT_FILES = {
    SERIF: ("DejaVuSerif.ttf", False, False),
    SERIF_BOLD: ("DejaVuSerif-Bold.ttf", True, False),
    SERIF_ITALIC: ("DejaVuSerif-Italic.ttf", False, True),
    SANS: ("DejaVuSans.ttf", False, False),
}
_families: dict[str, tuple[str, bool, bool]] = {}


def _load_fonts() -> dict[str, tuple[str, bool, bool]]:
    """The export's fonts given to Qt (once): export font name → (family, bold, italic)."""
    if not _families:
        for name, (filename, bold, italic) in _FONT_FILES.items():
            fid = QFontDatabase.addApplicationFont(str(FONT_DIR / filename))
            found = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            if not found:
                raise ExportError(f"Cannot print: the font {filename} could not be loaded")
            _families[name] = (found[0], bold, italic)
    return _families
