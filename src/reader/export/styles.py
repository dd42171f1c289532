"""The look of the PDF export: fonts, paper sizes, colours and paragraph styles.

Also where the paper size comes from when none is asked for (the locale).
"""

from __future__ import annotations

import contextlib
import locale
import os
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reader.errors import ExportError
from reader.export.layout import Color, Frame, Style

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF, SERIF_BOLD, SERIF_ITALIC, SANS = (
    "ReaderSerif",
    "ReaderSerif-Bold",
    "ReaderSerif-Italic",
    "ReaderSans",
)
_FONT_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
}

PAPERS = {"a4": A4, "letter": LETTER}
# glibc's LC_PAPER: these countries use US Letter, the rest of the world A4
LETTER_COUNTRIES = frozenset(
    ["US", "CA", "MX", "CL", "CO", "CR", "GT", "NI", "PA", "PH", "PR", "SV", "VE", "DO"]
)

INK: Color = (0.11, 0.11, 0.12)
GREY: Color = (0.40, 0.40, 0.43)
ACCENT: Color = (0.13, 0.30, 0.52)
RULE: Color = (0.75, 0.76, 0.79)
HIGHLIGHT_COLORS: dict[str, Color] = {
    "yellow": (1.0, 0.89, 0.32),
    "green": (0.62, 0.91, 0.54),
    "blue": (0.62, 0.82, 1.0),
    "pink": (1.0, 0.68, 0.82),
    "purple": (0.82, 0.72, 1.0),
}

KICKER = Style(SANS, 8, 11, ACCENT, space_after=6)
TITLE = Style(SERIF_BOLD, 21, 26, INK, space_after=8)
TITLE_LONG = Style(SERIF_BOLD, 16.5, 21, INK, space_after=8)
META = Style(SANS, 8.5, 12, GREY)
LEGEND = Style(SANS, 7.5, 10.5, GREY)
BODY = Style(SERIF, 10, 15, INK, space_after=7)
HEADING = Style(SERIF_BOLD, 12.5, 16, INK, space_before=10, space_after=5)
PULL = Style(
    SERIF_ITALIC, 11.5, 16.5, ACCENT, indent=22, right_indent=22, space_before=4, space_after=11
)
H1 = Style(SERIF_BOLD, 18, 23, INK, space_after=4)
INTRO = Style(SANS, 8.5, 12, GREY, space_after=12)
SRC_NAME = Style(SERIF_BOLD, 11.5, 15, INK, indent=44, space_before=12, space_after=1)
SRC_META = Style(SANS, 8.5, 12, GREY, indent=44)
SRC_SIGNALS = Style(SANS, 8.5, 12, ACCENT, indent=44, space_after=5)
ENTRY = Style(SERIF, 9.5, 13.5, INK, indent=44, space_after=5)
ENTRY_META = Style(SANS, 7.5, 11, GREY, indent=44, space_before=1, space_after=6)
NOTE = Style(SERIF_ITALIC, 9.5, 13.5, ACCENT, indent=56, space_after=9)
LABEL = Style(SANS, 8, 13.5, GREY)
FURNITURE = Style(SANS, 7.5, 10, GREY)
MARGIN_NOTE = Style(SANS, 6.8, 8.4, (0.18, 0.18, 0.22))  # a note printed beside its passage

KIND_LABELS = {
    "person": "Person",
    "organization": "Organisation",
    "media": "Media outlet",
    "anonymous": "Anonymous source",
    "document": "Document",
    "other": "Other",
}
STATEMENT_LABELS = {"direct": "direct", "indirect": "paraphrase", "mixed": "partial quote"}


def default_paper() -> str:
    """ "letter" for US, Canadian and other Letter locales, else "a4"."""
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(var)
        if value:
            return paper_of(value)
    with contextlib.suppress(ValueError):
        value = locale.getlocale()[0]
        if value:
            return paper_of(value)
    return "a4"


def register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            path = FONT_DIR / filename
            if not path.exists():
                raise ExportError(f"Cannot export a PDF: the font {filename} is missing")
            pdfmetrics.registerFont(TTFont(name, str(path)))


def paper_of(locale_name: str) -> str:
    country = locale_name.split(".")[0].split("@")[0].partition("_")[2].upper()
    return "letter" if country in LETTER_COUNTRIES else "a4"


def page_size(paper: str | None) -> tuple[float, float]:
    name = (paper or default_paper()).lower()
    if name not in PAPERS:
        raise ExportError(f"Unknown paper size {paper!r}: use a4 or letter")
    return PAPERS[name]


def frame_for(size: tuple[float, float]) -> Frame:
    width, height = size
    register_fonts()
    # the wider right margin holds the sticky notes
    return Frame(width, height, left=68, right=width - 104, top=height - 70, bottom=68)
