"""Printing an article (File → Print…, Ctrl+P) and the paper it is laid out for.

Print makes the annotated PDF export (to a temporary file) and draws that export's pages on
the QPrinter chosen in Qt's print dialog. QtPdf, which could rasterise the file, is not part
of PySide6-Essentials, so the pages are painted from the export's own layout instead — every
line of text, claim shade, highlight, margin note, folio and running head at the place the
PDF has it, in the same fonts — which keeps the print sharp (vector, not a bitmap) and the
same as the file. The paper size (A4 or Letter, by default from the locale) is a setting
shared by Export and Print.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from reader.errors import ExportError, ReaderError
from reader.export.annotations import marks_on_paper
from reader.export.layout import Color, Layout, Line, Shape
from reader.export.pdf import PdfReport, default_paper
from reader.export.render import page_furniture
from reader.export.styles import FONT_DIR, SANS, SERIF, SERIF_BOLD, SERIF_ITALIC

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PAPER_KEY = "export/paper"
PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}
_QT_PAPER = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_WORD = re.compile(r"\S+")

AskPrinter = Callable[[QPrinter, QWidget], bool]


class PdfExporter(Protocol):
    def __call__(
        self, article_id: int, out_path: Path, *, paper: str | None, claims: bool
    ) -> PdfReport: ...


# ---- paper ----------------------------------------------------------------------------------


def saved_paper(settings: QSettings) -> str:
    """The paper chosen in File → Paper Size, else the locale's ("letter" in the US …)."""
    value = str(settings.value(PAPER_KEY, "") or "")
    return value if value in PAPER_NAMES else default_paper()


def paper_menu(parent: QWidget, settings: QSettings) -> QMenu:
    """File → Paper Size: A4 or US Letter for Export and Print, remembered in the settings."""
    menu = QMenu("Paper &Size", parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = saved_paper(settings)
    for key, name in PAPER_NAMES.items():
        act = QAction(name, menu, checkable=True)
        act.setData(key)
        act.setChecked(key == current)
        act.triggered.connect(lambda _on=False, k=key: settings.setValue(PAPER_KEY, k))
        group.addAction(act)
        menu.addAction(act)
    return menu


def file_stem(title: str, limit: int = 60) -> str:
    """A file name for an article's export: its title's words joined by hyphens, cut after a
    whole word ("…-Alexander-Lukashenko", never "…-Alexander-Lukashenk")."""
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    words = keep.split()
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > limit:
            break
        stem = longer
    return stem or (words[0][:limit] if words else "") or "article"


# ---- printing -------------------------------------------------------------------------------


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """Qt's print dialog; True when the user chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print article")
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_article(
    parent: QWidget,
    export: PdfExporter,
    article_id: int,
    title: str,
    *,
    paper: str,
    claims: bool = True,
    ask: AskPrinter = ask_printer,
) -> int:
    """Ask for a printer, then print the article's PDF export on it. Returns the pages printed
    (0 when the dialog was cancelled); a failure is an ExportError with one clear line."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(_QT_PAPER.get(paper, QPageSize.PageSizeId.A4)))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    if not ask(printer, parent):
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        with tempfile.TemporaryDirectory(prefix="reader-print-") as folder:
            report = export(article_id, Path(folder) / "print.pdf", paper=paper, claims=claims)
        return paint_pages(printer, report)
    finally:
        QApplication.restoreOverrideCursor()


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


# ---- the window's File menu -----------------------------------------------------------------


def install_print(window: MainWindow) -> None:
    """File → Print… (Ctrl+P) and File → Paper Size, after Export annotated PDF."""
    window.ask_printer = ask_printer  # type: ignore[attr-defined]  # tests answer for the dialog
    act = window._action(
        "&Print…", lambda: print_current(window), ("Ctrl+P",), "fa5s.print", "Print the article"
    )
    window.print_action = act  # type: ignore[attr-defined]
    menu = paper_menu(window, window.settings)
    window.paper_menu = menu  # type: ignore[attr-defined]
    actions = window.file_menu.actions()
    at = actions.index(window.export_pdf_action) + 1
    before = actions[at] if at < len(actions) else None
    window.file_menu.insertAction(before, act)  # type: ignore[arg-type]
    window.file_menu.insertMenu(before, menu)  # type: ignore[arg-type]


def print_current(window: MainWindow) -> None:
    view = window.current
    if view is None:
        window.show_message("Open an article first", error=True)
        return
    try:
        pages = print_article(
            window,
            window.library.export_pdf,
            view.info.id,
            view.info.title,
            paper=saved_paper(window.settings),
            claims=window.article_view.claims_visible,
            ask=window.ask_printer,  # type: ignore[attr-defined]
        )
    except ReaderError as exc:
        window.show_message(str(exc), error=True)
        return
    except OSError as exc:  # the temporary folder: a full or read-only disk
        log.warning("print failed: %s", exc)
        window.show_message(f"Cannot print: {exc.strerror or exc}", error=True)
        return
    if pages:
        window.show_message(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer")
