"""An article read from a PDF, exported into its original file (Ctrl+E, `reader export --pdf`)
and the annotations found in a PDF brought in as its highlights when it is imported.

Every other article, or one asked for `--typeset`, gets the typeset export
(`Library.export_pdf`).
"""

from __future__ import annotations

import logging
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ExportError
from reader.library.exports import pdf_input

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlmodel import Session

    from reader.export.pdf import PdfReport
    from reader.export.pdf_original import OriginalReport
    from reader.ingest import ImportedDocument
    from reader.library import Library

log = logging.getLogger(__name__)


def export_article_pdf(
    lib: Library,
    article_id: int,
    out_path: str | Path,
    *,
    original: bool = True,
    no_appendix: bool = False,
    paper: str | None = None,
    claims: bool = True,
    progress: Callable[[int, int], None] | None = None,
    author: str | None = None,
    password: str | None = None,
) -> PdfReport | OriginalReport:
    """Write the article as PDF at `out_path`: into the PDF it was read from, with the
    highlights as annotations (and the appendix unless `no_appendix`), when there is one and
    `original`; else the typeset export (`paper` and `claims` apply to it only)."""
    found = lib.pdf_original(article_id) if original else None
    if found is None:
        return lib.export_pdf(
            article_id, out_path, paper=paper, claims=claims, progress=progress, author=author
        )
    from reader.export.pdf_original import export_original

    data, text_map = found
    view = lib.open_article(article_id, mark_opened=False)  # exporting is not reading
    if len(text_map) != len(view.text):
        raise ExportError(
            "Cannot export into the original PDF: the article's text no longer matches it "
            "(export it typeset instead)"
        )
    view, me = lib.as_written(view)
    doc = pdf_input(view)  # the signals computed with the view, as every export uses
    return export_original(
        data,
        text_map,
        doc,
        Path(out_path),
        author=author or me,
        no_appendix=no_appendix,
        progress=progress,
        password=password,
    )


def add_pdf_highlights(s: Session, article_id: int, doc: ImportedDocument) -> int:
    """Add the highlights and notes found in `doc`'s PDF (someone else's, or reader's own from
    an earlier export) to the article just stored from it, in the import's transaction.
    Returns how many. Annotations that cannot be read are logged and left out: they never
    stop the import. An encrypted PDF's are read with the password it was opened with."""
    if doc.pdf is None or not doc.pdf.annotated:
        return 0  # pypdf not even loaded: most PDFs come without annotations
    from pypdf.errors import PyPdfError

    from reader.annotate.anchoring import quote_selector
    from reader.ingest.pdf_annotations import highlight_author, read_highlights
    from reader.library.members import identity_in
    from reader.store.models import Highlight

    try:
        found = read_highlights(
            doc.pdf.original, doc.pdf.text_map, doc.text, password=doc.pdf.password
        )
    except (PyPdfError, ValueError, KeyError) as e:
        log.warning("annotations of %s not read: %s", doc.origin, e)
        return 0
    creator = identity_in(s, keep=True)  # who imported them (their /T stays the author)
    for c in found:
        exact, prefix, suffix = quote_selector(doc.text, c.start, c.end)
        row = Highlight(
            article_id=article_id,
            color=c.color,
            start=c.start,
            end=c.end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            note=c.note,
            author=highlight_author(c),
            creator=creator,
        )
        if c.created_at is not None:
            row.created_at = c.created_at.astimezone(UTC)
        if c.updated_at is not None:
            row.updated_at = c.updated_at.astimezone(UTC)
        s.add(row)
    return len(found)
