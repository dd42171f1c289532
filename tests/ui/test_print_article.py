"""File → Print (Ctrl+P) prints what the PDF export makes; File → Paper Size (A4 / Letter)
is remembered and used by Export and Print; the suggested export name ends on a whole word
(issue 13, item 9). The printer is a real QPrinter writing a PDF file, parsed back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter

from reader.export.palette import LIGHT_SOURCES, source_ranks
from reader.ui.paper import PAPER_KEY, file_stem


def printer_to(path: Path, calls: list | None = None):
    """An answer to the print dialog: print to `path` as a PDF file."""

    def ask(printer: QPrinter, parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if calls is not None:
            calls.append(printer.pageLayout().pageSize().id())
        return True

    return ask


def glyphs(page) -> Counter:
    """The page's characters, counted (the print draws words without the spaces between)."""
    return Counter(c["text"] for c in page.chars if not c["text"].isspace())


def test_print_is_ctrl_p_in_the_file_menu(window):
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.print_action in window.file_menu.actions()
    titles = [a.text() for a in window.file_menu.actions()]
    assert titles.index("&Print…") == titles.index("&Export annotated PDF…") + 1
    assert window.paper_menu.menuAction() in window.file_menu.actions()


def test_print_draws_the_pages_of_the_pdf_export(window, tmp_path):
    view = window.current
    text = view.text
    start = text.index("Neither the Ukrainian people")
    note = "Compare with the ministry statement"
    window.library.add_highlight(view.info.id, start, start + 28, "green", note)
    printed = tmp_path / "printed.pdf"
    window.ask_printer = printer_to(printed)
    window.print_action.trigger()
    assert printed.exists()
    exported = tmp_path / "exported.pdf"
    window.library.export_pdf(view.info.id, exported, paper="a4")
    with pdfplumber.open(printed) as p, pdfplumber.open(exported) as e:
        assert len(p.pages) == len(e.pages) >= 3
        assert round(p.pages[0].width) == round(e.pages[0].width) == 595
        for i in (0, len(e.pages) - 1):  # the same characters on the page (spaces aside)
            want, got = glyphs(e.pages[i]), glyphs(p.pages[i])
            assert sum((want & got).values()) >= 0.98 * sum(want.values()), i
        first = "".join(c["text"] for c in p.pages[0].chars)
        assert "Statementsareshadedinthecolouroftheirsource:" in first
        assert "".join(note.split()) in first  # the margin note is printed too
        colours = {
            tuple(round(v, 2) for v in r["non_stroking_color"])
            for r in p.pages[0].rects
            if r["non_stroking_color"] and len(r["non_stroking_color"]) == 3
        }
        assert len(colours) >= 4  # claim shades of several sources and the green highlight
    assert "Sent" in window.statusBar().currentMessage()


def test_a_cancelled_print_dialog_prints_nothing(window, tmp_path):
    asked = []
    window.ask_printer = lambda printer, parent: asked.append(1) and False
    window.print_action.trigger()
    assert asked == [1]
    assert "Sent" not in window.statusBar().currentMessage()


def test_paper_size_is_remembered_and_used_by_export_and_print(make_window, tmp_path):
    window = make_window()
    letter = next(a for a in window.paper_menu.actions() if a.data() == "letter")
    letter.trigger()
    assert window.settings.value(PAPER_KEY) == "letter"
    out = tmp_path / "letter.pdf"
    window.ask_save_pdf = lambda parent, suggested: str(out)
    window.export_pdf_action.trigger()
    window.ops.wait()
    with pdfplumber.open(out) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (612, 792)
    sizes: list = []
    window.ask_printer = printer_to(tmp_path / "printed.pdf", sizes)
    window.print_action.trigger()
    from PySide6.QtGui import QPageSize

    assert sizes == [QPageSize.PageSizeId.Letter]
    window.close()
    again = make_window()
    checked = [a.data() for a in again.paper_menu.actions() if a.isChecked()]
    assert checked == ["letter"]


def test_suggested_export_name_ends_on_a_whole_word():
    title = "The self-proclaimed President of Belarus, Alexander Lukashenko, under whose rule"
    stem = file_stem(title)
    assert len(stem) <= 60
    assert stem == "The-self-proclaimed-President-of-Belarus-Alexander"
    assert file_stem("A" * 80) == "A" * 60
    assert file_stem("…") == "article"


def test_window_and_pdf_give_a_source_the_same_colour(window):
    analysis = window.current.analysis
    colors = window.article_view.source_colors()
    for sid, rank in source_ranks(analysis).items():
        assert colors[sid].name() == LIGHT_SOURCES[rank % len(LIGHT_SOURCES)]
