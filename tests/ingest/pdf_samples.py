"""Test PDFs made with reportlab: a news article in one or two columns with a running head, a
footer and page numbers, words hyphenated at line ends, ligatures (ﬁ) and metadata; and the
text reader should read from each."""

from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT = "DejaVuSerif"
HEAD = "The Daily Planet · Monday 1 June 2026"
HEADLINE = "Harbour council approves flood wall"

_NAMES = ["Maria Lopez", "the mayor", "John Carter", "a council spokesperson", "Helen Marsh"]
_THINGS = ["the ﬂood wall", "the harbour budget", "the ﬁnance plan", "the new ferry terminal"]
_VERBS = ["said", "told reporters", "insisted", "conceded", "wrote in a statement"]
_WHAT = [
    "construction would begin before the autumn storms",
    "residents had been consulted repeatedly about the design",
    "the ofﬁcial estimate underplayed the environmental consequences",
    "independent engineers had confirmed the structural calculations",
    "the committee would publish every objection it received",
    "fishermen would keep access to the northern slipway",
]


@dataclass
class Sample:
    data: bytes
    paragraphs: list[str]  # what reader should read, ligatures decomposed
    headline: str
    broken: list[str]  # words printed hyphenated across a line end

    @property
    def expected(self) -> str:
        return "\n\n".join([self.headline, *self.paragraphs])


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE))


def paragraphs(n: int, seed: int = 1, sentences: int = 4) -> list[str]:
    """`n` distinct paragraphs of news prose (with ligature characters, as printed)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        sent = []
        for j in range(sentences):
            name = rnd.choice(_NAMES)
            sent.append(
                f"{name[0].upper() + name[1:]} {rnd.choice(_VERBS)} that {rnd.choice(_THINGS)} "
                f"was discussed in session {i * sentences + j + 1} and that {rnd.choice(_WHAT)}."
            )
        out.append(" ".join(sent))
    return out


def _wrap(text: str, width: float, size: float, broken: list[str]) -> list[str]:
    """Lines no wider than `width`; a long word that does not fit is hyphenated."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if pdfmetrics.stringWidth(trial, FONT, size) <= width:
            cur = trial
            continue
        if len(word) >= 8 and word.isalpha():
            for cut in range(len(word) - 3, 2, -1):
                head = f"{cur} {word[:cut]}-" if cur else f"{word[:cut]}-"
                if pdfmetrics.stringWidth(head, FONT, size) <= width:
                    lines.append(head)
                    broken.append(word)
                    cur = word[cut:]
                    break
            else:
                lines.append(cur)
                cur = word
            continue
        lines.append(cur)
        cur = word
    if cur:
        lines.append(cur)
    return lines


def article(
    columns: int = 2,
    n_paragraphs: int = 14,
    *,
    title: str | None = "Flood wall approved",
    author: str | None = "Helen Marsh",
    running_head: bool = True,
    seed: int = 1,
    encrypt: str | None = None,
    headline: str = HEADLINE,
) -> Sample:
    """A news article over as many pages as it takes."""
    _register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    c.setTitle(title or "")
    if author:
        c.setAuthor(author)
    width, height = A4
    margin, gutter, size, leading = 56.0, 22.0, 10.0, 13.0
    col_w = (width - 2 * margin - (columns - 1) * gutter) / columns
    paras = paragraphs(n_paragraphs, seed)
    broken: list[str] = []
    blocks = [_wrap(p, col_w, size, broken) for p in paras]
    page = 1

    def furniture() -> None:
        if running_head:
            c.setFont(FONT, 8)
            c.drawString(margin, height - 36, HEAD)
            c.drawRightString(width - margin, 30, "planet.example/news")
        c.setFont(FONT, 9)
        c.drawCentredString(width / 2, 30, str(page))

    furniture()
    c.setFont(FONT, 20)
    c.drawString(margin, height - 80, headline)
    top = height - 112
    col, y = 0, top
    for lines in blocks:
        for line in lines:
            if y < 60:
                col += 1
                y = top
                if col == columns:
                    c.showPage()
                    page += 1
                    furniture()
                    col, top = 0, height - 70
                    y = top
            c.setFont(FONT, size)
            c.drawString(margin + col * (col_w + gutter), y, line)
            y -= leading
        y -= leading * 0.8  # space between paragraphs
    c.showPage()
    c.save()
    expected = [unicodedata.normalize("NFKC", p) for p in paras]
    return Sample(buf.getvalue(), expected, headline, broken)


def image_only() -> bytes:
    """A scan: one page holding a picture and no text."""
    from reportlab.lib.utils import ImageReader

    png = _png(40, 40)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(png)), 50, 50, 400, 600)
    c.showPage()
    c.save()
    return buf.getvalue()


def _png(w: int, h: int) -> bytes:
    import struct
    import zlib

    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 6 % 256, y * 6 % 256, 90)) for x in range(w))
        for y in range(h)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def many_pages(n: int) -> bytes:
    """`n` pages of one short paragraph each (fast to make and to read)."""
    _register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle("A very long report")
    for i in range(n):
        c.setFont(FONT, 10)
        c.drawString(56, 780, f"Section {i + 1}: the inspector said the harbour was safe.")
        c.showPage()
    c.save()
    return buf.getvalue()


def dense_pages(n: int) -> bytes:
    """`n` pages packed with text (about 5,000 characters each), drawn without wrapping."""
    _register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    line = "The inspector said the harbour wall was safe and the council agreed with him. "
    for i in range(n):
        c.setFont(FONT, 7)
        for k in range(64):
            c.drawString(30, 800 - k * 12, f"{i}.{k} {line}")
        c.showPage()
    c.save()
    return buf.getvalue()
