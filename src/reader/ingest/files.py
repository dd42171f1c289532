"""Reading local files: size and type checks, encoding detection, dispatch by kind (a PDF by
its suffix or its first bytes)."""

from __future__ import annotations

import logging
from pathlib import Path

from reader.errors import InputError
from reader.ingest.decoding import decode_text
from reader.ingest.document import ImportedDocument, title_for_text_file
from reader.ingest.limits import (
    MAX_PAGE_BYTES,
    MAX_TEXT_FILE_BYTES,
    PAGE_LIMIT_NOTE,
    TEXT_LIMIT_NOTE,
    check_text_size,
    megabytes,
)
from reader.ingest.pdf import MAX_PDF_BYTES, PDF_LIMIT_NOTE, PageProgress, is_pdf, read_pdf

log = logging.getLogger(__name__)

MAX_BYTES = MAX_PAGE_BYTES
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}


def read_bytes(path: Path, max_bytes: int | None = None, note: str | None = None) -> bytes:
    """The file's bytes, or an InputError saying in one line why they cannot be had.

    `note` says what the size limit is for ("reader opens …"), after the file's size."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    name = path.name or str(path)
    try:
        if not path.exists():
            raise InputError(f"Cannot open {name}: no such file")
        if path.is_dir():
            raise InputError(f"Cannot open {name}: it is a folder, not a file")
        size = path.stat().st_size
        if size > limit:
            why = note or f"reader opens files up to {megabytes(limit)}"
            raise InputError(f"Cannot open {name}: too large: {megabytes(size)}; {why}")
        if size == 0:
            raise InputError(f"Cannot open {name}: the file is empty")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"Cannot open {name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"Cannot open {name}: {(exc.strerror or str(exc)).lower()}") from exc
    except ValueError as exc:  # a NUL character in the name
        raise InputError(f"Cannot open {name!r}: not a valid file name") from exc
    if not data.strip():
        raise InputError(f"Cannot open {name}: the file is empty")
    return data


def read_path(
    path: str | Path,
    max_bytes: int | None = None,
    *,
    password: str | None = None,
    progress: PageProgress | None = None,
) -> ImportedDocument:
    """Read a .txt, .md, .html or .pdf file into an ImportedDocument (the text offsets will
    index). `password` opens an encrypted PDF; `progress(page, pages)` follows a PDF's pages.

    A text or Markdown file is refused by its size when even four bytes a character would be
    over reader's text limit; every article by its text's length (`reader.ingest.limits`)."""
    p = Path(path).expanduser()
    suffix = p.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    if suffix in PDF_SUFFIXES:
        data = read_bytes(p, MAX_PDF_BYTES if max_bytes is None else max_bytes, PDF_LIMIT_NOTE)
    elif max_bytes is None:
        data = read_bytes(
            p,
            MAX_PAGE_BYTES if is_html else MAX_TEXT_FILE_BYTES,
            PAGE_LIMIT_NOTE if is_html else TEXT_LIMIT_NOTE,
        )
    else:
        data = read_bytes(p, max_bytes)
    origin = str(p.resolve())
    if suffix in PDF_SUFFIXES or is_pdf(data):  # a PDF saved as .txt or with no suffix
        if not is_pdf(data, lenient=True):
            raise InputError(f"Cannot open {p.name}: not a PDF file (it does not start %PDF-)")
        return read_pdf(data, p.name, origin, password=password, progress=progress)
    if is_html:
        from reader.ingest.html import decode_html, document_from_html

        doc = document_from_html(decode_html(data, p.name), origin=origin, name=p.name)
    else:
        text = decode_text(data, p.name)
        check_text_size(text, p.name)
        if suffix in MARKDOWN_SUFFIXES:
            from reader.ingest.markdown import document_from_markdown

            doc = document_from_markdown(text, origin=origin)
        else:
            if not text.strip():
                raise InputError(f"Cannot open {p.name}: the file has no text")
            doc = ImportedDocument(
                text=text, title=title_for_text_file(text, p.name), origin=origin
            )
    check_text_size(doc.text, p.name)
    return doc
