"""Reading a PDF's bytes into an article: its printed characters (with pdfium), laid out in
reading order without running heads and page numbers, its title, author and date, and the map
from the text back to the pages (`ImportedDocument.pdf`).

Why pdfium (pypdfium2) and not pdfplumber: both give every character with its box, but
pdfium's parser is C++; on a 20-page two-column test file pdfplumber (pure-Python pdfminer)
took 5.0 s to list the characters and pdfium 0.4 s, and the issue asks for ≤ 1 s with the
analysis. Words, lines and columns are ours (`pdf_layout`), from the boxes.

A PDF that cannot be read is one line: encrypted (`PasswordNeeded`; give `password`), pages
that are only scanned images, a damaged or cut-short file, more text than reader opens.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import Cancelled, InputError, PasswordNeeded
from reader.ingest.document import ImportedDocument, PdfSource, title_from_text
from reader.ingest.limits import MAX_TEXT_CHARS, check_text_size
from reader.ingest.pdf_map import PageSize

if TYPE_CHECKING:  # the layout modules load with the first PDF read, not with every import
    from reader.ingest.pdf_layout import Glyph, Word

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 50 * 1024 * 1024  # a local PDF (pictures included); a download: MAX_PAGE_BYTES
PDF_LIMIT_NOTE = f"reader opens PDF files up to {MAX_PDF_BYTES // 1048576} MB"
SCANNED = "no text to read: this PDF is scanned images; OCR is not supported"
# pdfium's library is not thread-safe: one document is read at a time in this process
_PDFIUM = threading.Lock()
_APPENDIX_MARK = b"/ReaderAppendix"  # reader.ingest.pdf_annotations.APPENDIX_KEY, on its pages

PageProgress = Callable[[int, int], None]  # (pages read, pages in all); may raise Cancelled

__all__ = [  # the two errors live in reader.errors; here too for whoever reads PDFs
    "MAX_PDF_BYTES",
    "PDF_LIMIT_NOTE",
    "SCANNED",
    "Cancelled",
    "PageProgress",
    "PasswordNeeded",
    "is_pdf",
    "read_pdf",
]


def is_pdf(data: bytes, lenient: bool = False) -> bool:
    """PDF bytes: "%PDF-" at the start; `lenient` (a file named .pdf), anywhere in the first
    KB, as PDF readers allow."""
    if lenient:
        return b"%PDF-" in data[:1024]
    return data.lstrip(b"\xef\xbb\xbf \t\r\n\x00")[:5] == b"%PDF-"


def read_pdf(
    data: bytes,
    name: str,
    origin: str,
    *,
    origin_kind: str = "file",
    password: str | None = None,
    progress: PageProgress | None = None,
) -> ImportedDocument:
    """The article in a PDF file's bytes (`name` for messages). `progress(done, total)` is
    called after each page and may raise `Cancelled` to stop."""
    import pypdfium2 as pdfium

    from reader.ingest.pdf_layout import body_size, furniture, page_lines
    from reader.ingest.pdf_text import compose

    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"Cannot open {name}: the PDF file is incomplete (cut short)")
    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError as exc:
            raise _open_error(exc, name, password) from exc
        try:
            meta = doc.get_metadata_dict(skip_empty=True)
            pages, sizes, images, annotated = _read_pages(doc, name, progress)
        finally:
            doc.close()
    # the sources and notes reader appended on export: only then is pypdf loaded (0.1 s) and
    # the file parsed again to find their pages
    if _APPENDIX_MARK in data:
        from reader.ingest.pdf_annotations import appendix_pages

        for i in appendix_pages(data, password):
            pages[i] = []
    if not any(pages):
        if images:
            raise InputError(f"Cannot open {name}: {SCANNED}")
        raise InputError(f"Cannot open {name}: no text to read: the PDF's pages have no text")
    em = body_size(Counter(round(w.size, 1) for words in pages for w in words))
    kept, dropped = furniture(pages, [s.height for s in sizes])
    if dropped:
        log.info("%s: left out %d running heads, footers and page numbers", name, len(dropped))
    lines = [ln for i, words in enumerate(kept) for ln in page_lines(words, i, em)]
    if not lines:
        raise InputError(f"Cannot open {name}: no text to read: the PDF's pages have no text")
    composed = compose(lines, tuple(sizes))
    check_text_size(composed.text, name)
    title = _meta_title(meta.get("Title")) or composed.first_heading
    return ImportedDocument(
        text=composed.text,
        title=title or title_from_text(composed.text),
        origin=origin,
        origin_kind=origin_kind,
        author=_meta_author(meta.get("Author")),
        published=_meta_date(meta.get("CreationDate")),
        headings=composed.headings,
        pdf=PdfSource(data, composed.text_map, annotated=annotated, password=password),
    )


def _open_error(exc, name: str, password: str | None) -> InputError:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        if password:
            return PasswordNeeded(f"Cannot open {name}: wrong password", wrong=True)
        return PasswordNeeded(f"Cannot open {name}: the PDF is encrypted; give its password", False)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return InputError(f"Cannot open {name}: the PDF uses an encryption reader cannot read")
    log.info("pdfium refused %s: %s", name, exc)
    return InputError(f"Cannot open {name}: not a readable PDF (the file is damaged)")


def _read_pages(doc, name: str, progress: PageProgress | None):
    """Each page's words (in the order drawn), the pages' sizes, whether any page holds a
    picture (to tell a scan from an empty file) and whether any has an annotation."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from reader.ingest.pdf_layout import words_of

    total = len(doc)
    if total == 0:
        raise InputError(f"Cannot open {name}: the PDF has no pages")
    pages: list[list[Word]] = []
    sizes: list[PageSize] = []
    images = annotated = False
    count = 0
    for i in range(total):
        try:
            page = doc[i]
        except pdfium.PdfiumError as exc:
            raise InputError(f"Cannot open {name}: page {i + 1} of the PDF is damaged") from exc
        try:
            left, bottom, right, top = page.get_mediabox()
            sizes.append(PageSize(right - left, top - bottom, page.get_rotation()))
            glyphs = _glyphs(page, left, bottom)
            annotated = annotated or pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0
            if not glyphs and not images:
                images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        finally:
            page.close()
        count += len(glyphs)
        if count > MAX_TEXT_CHARS:
            raise InputError(
                f"Cannot open {name}: too large: more than {MAX_TEXT_CHARS:,} characters of "
                f"text by page {i + 1} of {total}; reader opens articles up to "
                f"{MAX_TEXT_CHARS:,} characters"
            )
        pages.append(words_of(glyphs))
        if progress is not None:
            progress(i + 1, total)
    return pages, sizes, images, annotated


def _glyphs(page, left: float, bottom: float) -> list[Glyph]:
    """The page's printed characters with their loose boxes (the font's full height, as a
    highlight covers), moved so that the MediaBox's corner is the origin. Spaces, pdfium's
    own included, are kept as word breaks without a box."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        n = pdfium_c.FPDFText_CountChars(raw)
        text = textpage.get_text_range(0, n) if n > 0 else ""
        if len(text) != n:  # characters beyond the BMP: one index each, two UTF-16 units
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, k) or 0xFFFD) for k in range(n))
        box = pdfium_c.FPDFText_GetLooseCharBox
        font_size = pdfium_c.FPDFText_GetFontSize
        rect = pdfium_c.FS_RECTF()
        out: list[Glyph] = []
        size = height = 0.0
        space = True
        for k, ch in enumerate(text):
            if ch.isspace():
                if not space:
                    out.append((" ", 0.0, 0.0, 0.0, 0.0, size))
                    space = True
                continue
            if not box(raw, k, rect):
                continue
            if ch == "\ufffe":  # pdfium's text for a soft hyphen at a line end
                ch = "\x02"
            top, low = rect.top, rect.bottom
            # the size asked once a word, or when the box's height says the type changed
            if space or abs(top - low - height) > 0.01:
                size = font_size(raw, k)
                height = top - low
            space = False
            out.append((ch, rect.left - left, low - bottom, rect.right - left, top - bottom, size))
        return out if any(g[0] != " " for g in out) else []
    finally:
        textpage.close()


_PLACEHOLDER_TITLES = {"untitled", "anonymous", "unknown", "title", "document", "none"}
_SOFTWARE_TITLE = re.compile(r"^microsoft (word|powerpoint|excel) - |\.(docx?|pdf|indd|qxd)$", re.I)


def _meta_title(value: str | None) -> str | None:
    """The document's /Title, unless it is a placeholder or a file name an editor left."""
    title = " ".join((value or "").split())
    if not title or title.lower() in _PLACEHOLDER_TITLES or _SOFTWARE_TITLE.search(title):
        return None
    return title


def _meta_author(value: str | None) -> str | None:
    author = " ".join((value or "").split())
    return author if author and author.lower() not in _PLACEHOLDER_TITLES else None


def _meta_date(value: str | None) -> str | None:
    """ "D:20260601120000+02'00'" as "2026-06-01"."""
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", (value or "").strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    if not ("1900" < year < "2200" and "01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"
