"""Articles read from a PDF: their original file and text map, stored beside the article (table
`article_pdf`) in the import's own transaction, and read back for writing annotations into the
original (`Library.pdf_original`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ingest.pdf_map import PdfTextMap

if TYPE_CHECKING:
    from sqlmodel import Session

    from reader.ingest import ImportedDocument
    from reader.store.database import Database


def store_pdf(s: Session, article_id: int, doc: ImportedDocument, *, replace: bool) -> None:
    """Keep `doc`'s PDF with the article. An article already stored keeps the PDF it came from
    (the same text printed again, or exported by reader with notes, is not a new original)
    unless `replace` (its text was replaced by this document's, and the old map no longer
    fits it)."""
    from reader.store.models import ArticlePdf

    row = s.get(ArticlePdf, article_id)
    if doc.pdf is None:
        if row is not None and replace:
            s.delete(row)  # the address now answers with a page, not this PDF
        return
    if row is not None and not replace:
        return
    if len(doc.pdf.text_map) != len(doc.text):
        raise ValueError("a PDF's text map must have one entry per character of its text")
    blob = doc.pdf.text_map.to_bytes()
    if row is None:
        s.add(ArticlePdf(article_id=article_id, original=doc.pdf.original, text_map=blob))
    else:
        row.original, row.text_map = doc.pdf.original, blob
        s.add(row)


def pdf_original(db: Database, article_id: int) -> tuple[bytes, PdfTextMap] | None:
    """The PDF `article_id` was read from and the map from its text to the pages; None when the
    article did not come from a PDF."""
    from reader.store.models import ArticlePdf

    with db.session() as s:
        row = s.get(ArticlePdf, article_id)
        if row is None:
            return None
        return bytes(row.original), PdfTextMap.from_bytes(bytes(row.text_map))


def pdf_blobs(s: Session, article_id: int) -> tuple[bytes, bytes] | None:
    """The stored original and text map of `article_id`, as kept for undoing its deletion."""
    from reader.store.models import ArticlePdf

    row = s.get(ArticlePdf, article_id)
    return None if row is None else (bytes(row.original), bytes(row.text_map))


def restore_pdf(s: Session, article_id: int, blobs: tuple[bytes, bytes] | None) -> None:
    """Put back what `pdf_blobs` kept, with the article it belongs to."""
    from reader.store.models import ArticlePdf

    if blobs is not None:
        s.add(ArticlePdf(article_id=article_id, original=blobs[0], text_map=blobs[1]))
