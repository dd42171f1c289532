"""Annotated PDF export: the article typeset for reading, the user's highlights and notes as
real PDF annotations, claims shaded, and appendices listing the sources and the notes.

This module is the entry point and writes the file; the work is done by `typeset` (layout),
`appendices`, `render` (drawing, reportlab) and `annotations` (pypdf). Nothing here knows
about Qt.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from reader.export.annotations import annotate, pdf_date
from reader.export.appendices import source_signals
from reader.export.article import Mark, PdfHighlight, PdfInput
from reader.export.layout import Layout, advances
from reader.export.render import render
from reader.export.styles import (
    HIGHLIGHT_COLORS,
    PAPERS,
    default_paper,
    frame_for,
    page_size,
    paper_of,
)
from reader.export.typeset import Progress, ticker, typeset
from reader.files import open_output

_paper_of = paper_of  # the name the tests have always used


@dataclass(frozen=True)
class PdfReport:
    path: Path
    pages: int
    body_pages: int
    highlights: int  # /Highlight annotations written (one per page a highlight touches)
    notes: int  # /Text sticky notes written
    unplaced: tuple[int, ...]  # ids of highlights whose text is not in the PDF body
    layout: Layout
    seconds: float
    doc: PdfInput | None = None  # what was exported (printing draws the layout with its marks)


def export_pdf(
    doc: PdfInput,
    out: Path | str,
    *,
    paper: str | None = None,
    claims: bool = True,
    author: str | None = None,
    progress: Progress | None = None,
) -> PdfReport:
    """Write `doc` as an annotated PDF at `out`, through `reader.files.open_output`: the file
    appears complete or not at all, a symlink's target is written, a folder or device is
    refused, and an exception from `progress` (a cancel) or a failure leaves `out` as it was."""
    started = time.perf_counter()
    out = Path(out).expanduser()
    size = page_size(paper)
    author = author or os.environ.get("USER") or os.environ.get("USERNAME") or "reader"
    tick = ticker(progress, len(doc.highlights))
    with open_output(out) as fh:  # checks the path before the slow part
        frame = frame_for(size)
        layout, body_pages = typeset(doc, frame, claims, tick)
        data = render(layout, doc, tick)
        data, counts = annotate(data, layout, doc, author, tick)
        fh.write(data)
        tick(final=True)  # a cancel here still leaves no new file
    return PdfReport(
        path=out,
        pages=len(layout.pages),
        body_pages=body_pages,
        highlights=counts[0],
        notes=counts[1],
        unplaced=counts[2],
        layout=layout,
        seconds=time.perf_counter() - started,
        doc=doc,
    )


def layout_article(doc: PdfInput, paper: str | None = None) -> Layout:
    """The layout `export_pdf` would produce: where every character of the article lands."""
    layout, _ = typeset(doc, frame_for(page_size(paper)), True, ticker(None, 0))
    return layout


__all__ = [
    "HIGHLIGHT_COLORS",
    "PAPERS",
    "Mark",
    "PdfHighlight",
    "PdfInput",
    "PdfReport",
    "advances",
    "default_paper",
    "export_pdf",
    "layout_article",
    "pdf_date",
    "source_signals",
]
