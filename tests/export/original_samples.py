"""Test PDFs made with reportlab (one or two columns, words hyphenated at line ends, a link,
a form field, metadata, a folio on every page) and the PdfTextMap of their text, read back
with pdfplumber the way reader's PDF reading does: columns in order, lines joined by a space
reader inserts, a hyphen at a line end dropped and the word joined, a paragraph (an indented
first line) after a blank line."""

from __future__ import annotations

import io
from array import array
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from reader.ingest.pdf_map import NOT_ON_PAGE, PageSize, PdfTextMap

FONT, SIZE, LEADING, INDENT = "Helvetica", 11, 14, 14
TOP, BOTTOM = 770, 72
FOOT_Y = 40  # the folio: page furniture, not article text

PROSE = (
    "the council said on monday that the harbour authority would publish its findings "
    "before the independent commission finished examining the environmental consequences "
    "of dredging while residents questioned whether the administration understood how "
    "thoroughly the neighbourhood associations had documented their objections"
)
WORDS = PROSE.split(" ")


def paragraphs(n: int, words: int = 70, seed: int = 0) -> list[str]:
    """`n` paragraphs of plain words, each different (the long words get hyphenated)."""
    out = []
    for i in range(n):
        ws = [WORDS[(seed + i * 7 + j * 3) % len(WORDS)] for j in range(words)]
        ws[0] = ws[0].capitalize()
        out.append(" ".join(ws) + ".")
    return out


@dataclass
class Sample:
    data: bytes
    text: str  # the article text the map is for
    tm: PdfTextMap
    columns: int = 1


def _wrap(words: list[str], width: float, first_indent: float, size: float = SIZE) -> list[str]:
    """Greedy lines; a long word that does not fit is hyphenated when its first part does."""
    lines: list[str] = []
    cur = ""
    avail = width - first_indent
    queue = list(words)
    while queue:
        w = queue.pop(0)
        trial = f"{cur} {w}" if cur else w
        if stringWidth(trial, FONT, size) <= avail:
            cur = trial
            continue
        cut = 0
        if len(w) >= 8:
            for k in range(len(w) - 3, 3, -1):
                head = f"{cur} {w[:k]}-" if cur else f"{w[:k]}-"
                if stringWidth(head, FONT, size) <= avail:
                    cut = k
                    break
        if cut:
            lines.append(f"{cur} {w[:cut]}-" if cur else f"{w[:cut]}-")
            queue.insert(0, w[cut:])
        else:
            lines.append(cur)
            queue.insert(0, w)
        cur = ""
        avail = width
    if cur:
        lines.append(cur)
    return lines


def make_pdf(paras: list[str], columns: int = 1, extras: bool = True, size: float = SIZE) -> bytes:
    """Draw `paras` on A4 pages in `columns` columns, in type of `size` points; with `extras`,
    metadata, a link on page 1 and a form field on the last page."""
    leading = LEADING * size / SIZE
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    if extras:
        c.setTitle("Harbour council findings")
        c.setAuthor("A. Reporter")
        c.setSubject("A test document")
        c.setKeywords("harbour, council")
    left, right = 72, A4[0] - 72
    gutter = 24
    col_w = (right - left - gutter * (columns - 1)) / columns
    lines = [
        (i == 0, line) for p in paras for i, line in enumerate(_wrap(p.split(), col_w, INDENT))
    ]
    page, col, y = 1, 0, TOP
    c.setFont(FONT, size)
    for first, line in lines:
        if y < BOTTOM:
            col += 1
            y = TOP
            if col == columns:
                c.setFont(FONT, 8)
                c.drawCentredString(A4[0] / 2, FOOT_Y, f"{page}")
                c.showPage()
                c.setFont(FONT, size)
                page, col = page + 1, 0
        x = left + col * (col_w + gutter) + (INDENT if first else 0)
        c.drawString(x, y, line)
        if extras and page == 1 and y == TOP and col == 0:
            c.linkURL("https://example.org/harbour", (x, y - 3, x + 60, y + size), relative=0)
        y -= leading
    if extras:
        c.acroForm.textfield(name="reviewer", x=72, y=20, width=160, height=16, value="R. Viewer")
    c.setFont(FONT, 8)
    c.drawCentredString(A4[0] / 2, FOOT_Y, f"{page}")
    c.showPage()
    c.save()
    return buf.getvalue()


def read_map(data: bytes, columns: int = 1) -> tuple[str, PdfTextMap]:
    """The article text and its map, read back from the PDF with pdfplumber."""
    left, right, gutter = 72, A4[0] - 72, 24
    col_w = (right - left - gutter * (columns - 1)) / columns
    out: list[str] = []
    page_i, x0s, y0s, x1s, y1s = array("i"), array("f"), array("f"), array("f"), array("f")
    sizes = []

    def put(ch: str, box: tuple[int, float, float, float, float] | None) -> None:
        out.append(ch)
        p, a, b, c_, d = box if box else (NOT_ON_PAGE, 0.0, 0.0, 0.0, 0.0)
        page_i.append(p)
        x0s.append(a)
        y0s.append(b)
        x1s.append(c_)
        y1s.append(d)

    pending_hyphen = False
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for pi, page in enumerate(pdf.pages):
            sizes.append(PageSize(float(page.width), float(page.height)))
            chars = [ch for ch in page.chars if ch["y0"] > FOOT_Y + 10]
            lines: dict[tuple[int, float], list[dict]] = {}
            for ch in chars:
                col = min(columns - 1, int((ch["x0"] - left) // (col_w + gutter / 2)))
                lines.setdefault((col, round(ch["y0"], 1)), []).append(ch)
            for (col, _y), cs in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
                cs.sort(key=lambda ch: ch["x0"])
                indented = cs[0]["x0"] > left + col * (col_w + gutter) + INDENT / 2
                if out:
                    if indented:
                        put("\n", None)
                        put("\n", None)
                    elif not pending_hyphen:
                        put(" ", None)
                pending_hyphen = cs[-1]["text"] == "-"
                if pending_hyphen:
                    cs = cs[:-1]
                for ch in cs:
                    put(ch["text"], (pi, ch["x0"], ch["y0"], ch["x1"], ch["y1"]))
    return "".join(out), PdfTextMap(tuple(sizes), page_i, x0s, y0s, x1s, y1s)


def sample(paras: list[str], columns: int = 1, extras: bool = True) -> Sample:
    data = make_pdf(paras, columns, extras)
    text, tm = read_map(data, columns)
    assert text == "\n\n".join(paras), "the test map does not read the test PDF back"
    return Sample(data, text, tm, columns)


_chars: dict[tuple[int, int], list[dict]] = {}


def text_under(data: bytes, page: int, quad: list[float]) -> str:
    """What pdfplumber reads inside one quad: the characters whose centre lies in it."""
    xs, ys = quad[0::2], quad[1::2]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    key = (hash(data), page)
    if key not in _chars:
        if len(_chars) > 64:
            _chars.clear()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _chars[key] = pdf.pages[page].chars
    chars = _chars[key]
    inside = [
        ch
        for ch in chars
        if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and y0 <= (ch["y0"] + ch["y1"]) / 2 <= y1
    ]
    inside.sort(key=lambda ch: (-round(ch["y0"]), ch["x0"]))
    return " ".join("".join(ch["text"] for ch in inside).split())


def word_span(text: str, first: str, last: str, start: int = 0) -> tuple[int, int]:
    """[start, end) from the word `first` to the end of the word `last` after it."""
    a = text.index(first, start)
    b = text.index(last, a + len(first)) + len(last)
    return a, b


def char_quads(text: str, tm: PdfTextMap, a: int, b: int, page: int | None = None) -> list[float]:
    """QuadPoints over each printed character of text[a:b] (on `page`, or on any), as another
    viewer writes a highlight."""
    out: list[float] = []
    for k in range(a, b):
        on = tm.page[k] != NOT_ON_PAGE if page is None else tm.page[k] == page
        if on and not text[k].isspace():
            out += [tm.x0[k], tm.y1[k], tm.x1[k], tm.y1[k], tm.x0[k], tm.y0[k], tm.x1[k], tm.y0[k]]
    return out


def with_their_highlight(
    data: bytes,
    quads: list[float],
    color: tuple[float, float, float],
    author: str | None = None,
    note: str | None = None,
) -> bytes:
    """`data` with a /Highlight on its first page as another program writes one."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject
    from pypdf.generic import TextStringObject as T

    fields = {
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Highlight"),
        NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (0, 0, 600, 800)),
        NameObject("/QuadPoints"): ArrayObject(FloatObject(v) for v in quads),
        NameObject("/C"): ArrayObject(FloatObject(v) for v in color),
    }
    if author is not None:
        fields[NameObject("/T")] = T(author)
    if note is not None:
        fields[NameObject("/Contents")] = T(note)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_annotation(0, DictionaryObject(fields))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def okular_pdf(path: Path) -> tuple[int, int]:
    """A PDF with a green highlight by "Okular User" noted "Important"; its span in the text."""
    data = make_pdf(paragraphs(3), 1)
    text, tm = read_map(data, 1)
    a, b = word_span(text, "harbour", "findings")
    quads = char_quads(text, tm, a, b, page=0)
    path.write_bytes(with_their_highlight(data, quads, (0.2, 0.9, 0.2), "Okular User", "Important"))
    return a, b
