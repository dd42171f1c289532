"""Adding a document to the library: stored once (the same content, or a page at the same
address, is found again), a changed page replacing its old text with the user's highlights
re-anchored, and its analysis stored with it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.ingest import ImportedDocument
from reader.library.analyses import store_analysis
from reader.library.pdf_export import add_pdf_highlights
from reader.library.pdfs import store_pdf

if TYPE_CHECKING:
    from sqlmodel import Session

    from reader.store.database import Database
    from reader.store.models import Article


def import_document(db: Database, doc: ImportedDocument) -> int:
    """Store a document (or find the stored one with the same content); returns its id."""
    if "\r" in doc.text:  # the window maps one text offset to one document position
        from reader.ingest.decoding import normalize_newlines

        doc = replace(doc, text=normalize_newlines(doc.text))
    from sqlmodel import select

    from reader.store.models import Article

    digest = doc.content_hash
    with db.session() as s:
        existing = s.exec(select(Article).where(Article.content_hash == digest)).first()
        if existing is None and doc.canonical_url:
            existing = s.exec(
                select(Article).where(Article.canonical_url == doc.canonical_url)
            ).first()
            if existing is not None:
                article_id = _replace_text(s, existing, doc)
                store_pdf(s, article_id, doc, replace=True)
                return article_id
        if existing is not None:
            assert existing.id is not None
            if existing.text == doc.text:  # the map fits it: the same text, once from a PDF
                store_pdf(s, existing.id, doc, replace=False)
            return existing.id
        article = Article(
            title=doc.title,
            text=doc.text,
            origin=doc.origin,
            origin_kind=doc.origin_kind,
            canonical_url=doc.canonical_url,
            site=doc.site,
            author=doc.author,
            published=doc.published,
            content_hash=digest,
        )
        s.add(article)
        s.flush()
        assert article.id is not None
        store_analysis(s, article)
        store_pdf(s, article.id, doc, replace=False)
        add_pdf_highlights(s, article.id, doc)  # the PDF's own highlights and notes
        return article.id


def _replace_text(s: Session, article: Article, doc: ImportedDocument) -> int:
    """A changed page re-imported: new text, derived rows recomputed, highlights re-anchored."""

    from reader.library.highlights import reanchor_highlights

    article.text = doc.text
    article.title = doc.title or article.title
    article.content_hash = doc.content_hash
    s.add(article)
    reanchor_highlights(s, article)  # on PostgreSQL the importer's; the others' when opened
    store_analysis(s, article)
    assert article.id is not None
    return article.id
