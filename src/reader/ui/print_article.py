"""Printing an article (File → Print…, Ctrl+P) and the File menu's Print and Paper Size.

Print makes the annotated PDF export (to a temporary file) and draws that export's pages on
the QPrinter chosen in Qt's print dialog (reader.ui.print_pages, loaded when something is
printed: the export is not needed at start-up, nor Qt's print support, loaded with the first
print). The paper size is reader.ui.paper's setting, shared by Export and Print.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reader.errors import ReaderError
from reader.ui.paper import paper_menu, saved_paper

if TYPE_CHECKING:  # a plug-in of the window (installed by name): no import cycle
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.main_window import MainWindow
    from reader.ui.print_pages import PdfExporter

log = logging.getLogger(__name__)

AskPrinter = Callable[["QPrinter", QWidget], bool]


# ---- printing -------------------------------------------------------------------------------


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """Qt's print dialog; True when the user chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog

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
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    sizes = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
    printer.setPageSize(QPageSize(sizes.get(paper, QPageSize.PageSizeId.A4)))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    if not ask(printer, parent):
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        with tempfile.TemporaryDirectory(prefix="reader-print-") as folder:
            report = export(article_id, Path(folder) / "print.pdf", paper=paper, claims=claims)
        from reader.ui.print_pages import paint_pages

        return paint_pages(printer, report)
    finally:
        QApplication.restoreOverrideCursor()


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
