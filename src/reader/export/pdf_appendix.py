"""The sources-and-notes appendix for an original PDF: the typeset export's appendices
(reader.export.appendices) set on the paper of the original's first page, with page numbers
taken from the article's PdfTextMap, so they name the original's pages; drawn with reportlab
as pages to append after the original's."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from reader import __version__
from reader.export.appendices import notes_appendix, sources_appendix
from reader.export.article import PdfInput
from reader.export.layout import Frame, Layout, Typesetter
from reader.export.pdf_quads import pages_of
from reader.export.render import draw_page
from reader.export.styles import FURNITURE, META, PAPERS, frame_for
from reader.ingest.pdf_map import PdfTextMap


class OriginalPages(Layout):
    """A layout whose article offsets live on the original's pages: the appendices ask it
    which page a statement or a highlight is on."""

    def __init__(self, frame: Frame, tm: PdfTextMap) -> None:
        super().__init__(frame)
        self._tm = tm

    def pages_of(self, start: int, end: int) -> list[int]:
        return pages_of(self._tm, start, max(end, start))


def paper_of(size: tuple[float, float]) -> Frame:
    """The appendix's frame on the original's paper; A4 when that page is too small to hold
    the appendix's text column."""
    frame = frame_for(size)
    if frame.measure < 250 or frame.top - frame.bottom < 300:
        frame = frame_for(PAPERS["a4"])
    return frame


def appendix_pages(
    doc: PdfInput, tm: PdfTextMap, size: tuple[float, float], first_number: int
) -> tuple[bytes, int]:
    """The appendix as a PDF (empty bytes when there is nothing to list) and its page count.
    `first_number` is the page number its first page gets in the exported file."""
    analysis = doc.analysis
    has_sources = analysis is not None and bool(analysis.sources)
    if not has_sources and not doc.highlights:
        return b"", 0
    frame = paper_of(size)
    ts = Typesetter(frame)
    ts.layout = OriginalPages(frame, tm)
    ts.block(f"Added by reader {__version__} to “{doc.display_title()}”", META)
    ts.cursor -= 10
    if analysis is not None and has_sources:
        sources_appendix(ts, doc, analysis)
    if doc.highlights:
        notes_appendix(ts, doc)
    return _draw(ts.layout, first_number), len(ts.layout.pages)


def _draw(layout: Layout, first_number: int) -> bytes:
    frame = layout.frame
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(frame.width, frame.height), pageCompression=1)
    c.setCreator(f"reader {__version__}")
    total = first_number + len(layout.pages) - 1
    for page in layout.pages:
        draw_page(c, page)
        c.setFont(FURNITURE.font, FURNITURE.size)
        c.setFillColorRGB(*FURNITURE.color)
        folio = f"{first_number + page.number - 1} / {total}"
        c.drawCentredString((frame.left + frame.right) / 2, frame.bottom - 34, folio)
        c.showPage()
    c.save()
    return buf.getvalue()
