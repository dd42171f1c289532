"""Annotated PDF export: the article typeset for reading, the user's highlights and notes as
real PDF annotations, claims shaded, and appendices listing the sources and the notes.

Pure Python (reportlab draws, pypdf adds the annotations); nothing here knows about Qt.
"""

from __future__ import annotations

import contextlib
import io
import locale
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reader import __version__
from reader.analysis.model import Analysis, Segment, Source, Statement
from reader.errors import ExportError
from reader.export.layout import (
    Color,
    Frame,
    Layout,
    Line,
    Shape,
    Style,
    Typesetter,
    advances,
)
from reader.files import open_output

Progress = Callable[[int, int], None]

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
CLAIM: Color = (0.905, 0.925, 0.955)  # light blue-grey under attributed statements
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

KIND_LABELS = {
    "person": "Person",
    "organization": "Organisation",
    "media": "Media outlet",
    "anonymous": "Anonymous source",
    "document": "Document",
    "other": "Other",
}
STATEMENT_LABELS = {"direct": "direct", "indirect": "paraphrase", "mixed": "partial quote"}


class Mark(Protocol):
    """A user highlight or note (reader.library.HighlightInfo fits)."""

    @property
    def id(self) -> int: ...
    @property
    def color(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def note(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


@dataclass(frozen=True)
class PdfHighlight:
    """A highlight or note for callers that have no library record."""

    id: int
    color: str
    start: int
    end: int
    note: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class PdfInput:
    """Everything the PDF shows. Offsets in segments, analysis and highlights index `text`."""

    title: str
    text: str
    origin: str = ""  # URL or file path
    origin_kind: str = ""  # url | file | text | sample
    site: str | None = None
    author: str | None = None
    published: str | None = None
    segments: tuple[Segment, ...] = ()
    analysis: Analysis | None = None
    highlights: Sequence[Mark] = ()
    signals: Mapping[str, str] = field(default_factory=dict)  # source id → signals line

    def origin_line(self) -> str:
        """ "By A. Author · 12 August 2024 · Kyiv Post · https://…" with what is known."""
        parts = []
        if self.author:
            parts.append(f"By {self.author}")
        if self.published:
            parts.append(_nice_date(self.published))
        if self.site:
            parts.append(self.site)
        if self.origin_kind == "sample":
            parts.append("Sample article")
        elif self.origin_kind == "file" and self.origin:
            parts.append(Path(self.origin).name)
        elif self.origin and self.origin != self.site:
            parts.append(self.origin)
        return " · ".join(parts)


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


# ---- public ---------------------------------------------------------------------------------


def default_paper() -> str:
    """ "letter" for US, Canadian and other Letter locales, else "a4"."""
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(var)
        if value:
            return _paper_of(value)
    with contextlib.suppress(ValueError):
        value = locale.getlocale()[0]
        if value:
            return _paper_of(value)
    return "a4"


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
    size = _page_size(paper)
    author = author or os.environ.get("USER") or os.environ.get("USERNAME") or "reader"
    tick = _ticker(progress, len(doc.highlights))
    with open_output(out) as fh:  # checks the path before the slow part
        frame = _frame(size)
        layout, body_pages = _typeset(doc, frame, claims, tick)
        data = _render(layout, doc, tick)
        data, counts = _annotate(data, layout, doc, author, tick)
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
    )


def layout_article(doc: PdfInput, paper: str | None = None) -> Layout:
    """The layout `export_pdf` would produce: where every character of the article lands."""
    layout, _ = _typeset(doc, _frame(_page_size(paper)), True, _ticker(None, 0))
    return layout


def source_signals(analysis: Analysis, source_id: str) -> str:
    """A one-line summary of how a source is reported, as the sources panel shows it: named
    or not, affiliation, statements direct or paraphrased, hedges, doubtful reporting verbs,
    statements of others that corroborate or contradict."""
    sts = analysis.statements_of(source_id)
    n = len(sts)
    kinds = [
        f"{k} {STATEMENT_LABELS[kind]}"
        for kind in ("direct", "indirect", "mixed")
        if (k := sum(1 for st in sts if st.kind == kind))
    ]
    head = f"{n} statement{'s' if n != 1 else ''}" if n else "no statements attributed"
    if kinds:
        head += f" ({', '.join(kinds)})"
    hedged = sum(1 for st in sts if st.hedges)
    doubtful = sum(1 for st in sts if st.stance == "doubtful")
    parts = []  # hedges and stances as the statements carry them, so entries and summary agree
    rich = _engine_signals(analysis).get(source_id)
    if rich is not None:
        parts.append("named" if rich.identity.named else "not named")
        if not rich.affiliation.stated:
            parts.append("no affiliation given")
    parts += [head, f"{hedged} hedged", f"{doubtful} doubtful cue{'s' if doubtful != 1 else ''}"]
    if rich is not None:
        for relation, word in (
            ("corroborating", "corroborated"),
            ("contradicting", "contradicted"),
        ):
            k = sum(1 for r in rich.related if r.relation == relation)
            if k:
                parts.append(f"{word} by {k} other statement{'s' if k != 1 else ''}")
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


_signals_cache: dict[int, tuple[Analysis, dict]] = {}


def _engine_signals(analysis: Analysis) -> dict:
    """The analysis engine's per-source signals when it provides them, else nothing."""
    cached = _signals_cache.get(id(analysis))
    if cached is not None and cached[0] is analysis:
        return cached[1]
    try:
        from reader.analysis.credibility import source_signals as engine_signals

        found = dict(engine_signals(analysis))
    except Exception:  # the engine is optional for an export: fall back to simple counts
        found = {}
    _signals_cache.clear()
    _signals_cache[id(analysis)] = (analysis, found)
    return found


# ---- fonts, paper, files --------------------------------------------------------------------


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            path = FONT_DIR / filename
            if not path.exists():
                raise ExportError(f"Cannot export a PDF: the font {filename} is missing")
            pdfmetrics.registerFont(TTFont(name, str(path)))


def _paper_of(locale_name: str) -> str:
    country = locale_name.split(".")[0].split("@")[0].partition("_")[2].upper()
    return "letter" if country in LETTER_COUNTRIES else "a4"


def _page_size(paper: str | None) -> tuple[float, float]:
    name = (paper or default_paper()).lower()
    if name not in PAPERS:
        raise ExportError(f"Unknown paper size {paper!r}: use a4 or letter")
    return PAPERS[name]


def _frame(size: tuple[float, float]) -> Frame:
    width, height = size
    _register_fonts()
    # the wider right margin holds the sticky notes
    return Frame(width, height, left=68, right=width - 104, top=height - 70, bottom=68)


class _Ticker:
    """Reports progress as (done, total); the callback may raise to cancel."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, n: int = 1, *, final: bool = False) -> None:
        self.done = self.total if final else min(self.total - 1, self.done + n)
        if self.progress is not None:
            self.progress(self.done, self.total)


def _ticker(progress: Progress | None, highlights: int) -> _Ticker:
    return _Ticker(progress, 100 + highlights)


# ---- typesetting ----------------------------------------------------------------------------


def _blocks(doc: PdfInput) -> list[tuple[str, int, int]]:
    """(kind, start, end) of what the body shows: the segments without page furniture, or
    every non-empty line when the document has no segments."""
    text = doc.text
    raw: list[tuple[str, int, int]]
    segments = doc.segments or _engine_segments(text)
    if segments:
        raw = [(s.kind, s.span[0], s.span[1]) for s in sorted(segments, key=lambda s: s.span)]
    else:
        raw = []
        pos = 0
        for line in text.split("\n"):
            raw.append(("paragraph", pos, pos + len(line)))
            pos += len(line) + 1
    blocks = []
    for kind, s, e in raw:
        if kind == "boilerplate":
            continue
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            blocks.append((kind, s, e))
    return blocks


def _engine_segments(text: str) -> tuple[Segment, ...]:
    """The analysis engine's document structure, when the caller gave none."""
    try:
        from reader.analysis.segment import segment

        return tuple(segment(text))
    except Exception:  # structure is a rendering aid: plain paragraphs will do
        return ()


def _typeset(doc: PdfInput, frame: Frame, claims: bool, tick: _Ticker) -> tuple[Layout, int]:
    ts = Typesetter(frame)
    text = doc.text
    blocks = _blocks(doc)
    analysis = doc.analysis

    kicker = (doc.site or "").upper()
    if kicker:
        ts.block(kicker, KICKER)
    title_block = next((b for b in blocks if b[0] == "title"), None)
    title = " ".join((text[title_block[1] : title_block[2]] if title_block else doc.title).split())
    style = TITLE if len(title) <= 90 else TITLE_LONG
    ts.mark(title or "Untitled article", 0)
    if title_block:
        ts.block(text[title_block[1] : title_block[2]], style, offset=title_block[1])
    else:
        ts.block(title or "Untitled article", style)
    origin = doc.origin_line()
    if origin:
        ts.block(origin, META)
    ts.cursor -= 8
    ts.shape(Shape("line", frame.left, ts.cursor, frame.measure, 0, RULE))
    ts.cursor -= 6
    statements = analysis.statements if analysis is not None else ()
    legend = []
    if claims and statements:
        legend.append("Shaded passages are statements the analysis attributes to sources.")
    if doc.highlights:
        legend.append("Highlights and notes are PDF annotations, listed under Notes at the end.")
    # the legend always takes two lines, so that highlights never move the text
    below = ts.cursor - 2 * LEGEND.leading
    if legend:
        ts.block(" ".join(legend), LEGEND)
    ts.cursor = min(ts.cursor, below) - 14

    step = max(1, len(blocks) // 40)
    for i, (kind, s, e) in enumerate(blocks):
        if i % step == 0:
            tick()
        chunk = text[s:e]
        if kind == "title":
            continue
        if kind == "heading":
            ts.keep(HEADING.space_before + HEADING.leading * 2 + BODY.leading * 3)
            ts.space(HEADING.space_before)
            ts.mark(" ".join(chunk.split()), 1)
            ts.block(chunk, replace(HEADING, space_before=0), offset=s)
        elif kind == "pull_quote":
            lines = ts.block(chunk, PULL, offset=s)
            _bar(ts.layout, lines)
        else:
            ts.block(chunk, BODY, offset=s)
    body_pages = ts.page.number
    layout = ts.layout

    if claims and analysis is not None:
        for st in analysis.statements:
            for a, b in st.content:
                for line, x, y in layout.spans(a, b):
                    if text[x:y].strip():
                        x0, x1 = line.x_at(x), line.x_at(y)
                        layout.pages[line.page - 1].under.append(
                            Shape("rect", x0, line.bottom, x1 - x0, line.top - line.bottom, CLAIM)
                        )
    if analysis is not None and analysis.sources:
        _sources_appendix(ts, doc, analysis)
    tick(10)
    if doc.highlights:
        _notes_appendix(ts, doc)
    tick(10)
    return layout, body_pages


def _bar(layout: Layout, lines: list[Line]) -> None:
    """A rule beside a pull quote, one piece per page it spans."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page, ls in by_page.items():
        top, bottom = ls[0].top + 2, ls[-1].bottom - 1
        layout.pages[page - 1].under.append(
            Shape("rect", layout.frame.left + 8, bottom, 2.2, top - bottom, ACCENT)
        )


def _pages_label(pages: list[int]) -> str:
    if not pages:
        return "—"
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


def _clip(s: str, limit: int) -> str:
    s = " ".join(s.split())
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit)
    return s[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _excerpt(text: str, st: Statement, limit: int = 240) -> tuple[str, str]:
    """What a statement says (quoted when verbatim) and a line on how it is reported."""
    body = _clip(" … ".join(text[a:b] for a, b in st.content), limit)
    if st.kind in ("direct", "mixed"):
        body = "“" + body.strip('“”"«»„ ') + "”"
    tags = []
    if st.cue_text:
        tags.append(f"“{' '.join(st.cue_text.split())}”")
    tags.append(STATEMENT_LABELS.get(st.kind, st.kind))
    if st.hedges:
        tags.append("hedged: " + ", ".join(dict.fromkeys(st.hedges)))
    if st.stance == "doubtful":
        tags.append("doubtful reporting verb")
    return body, " · ".join(tags)


def _source_order(analysis: Analysis) -> list[Source]:
    def first(src: Source) -> int:
        starts = [m[0] for m in src.mentions] + [st.start for st in analysis.statements_of(src.id)]
        return min(starts, default=1 << 30)

    return sorted(analysis.sources, key=first)


def _section_break(ts: Typesetter) -> None:
    """An appendix starts on a new page, or below a rule when most of this page is free."""
    frame = ts.frame
    if ts.at_top:
        return
    if ts.cursor - frame.bottom < 0.5 * (frame.top - frame.bottom):
        ts.new_page()
        return
    ts.cursor -= 22
    ts.shape(Shape("line", frame.left, ts.cursor, frame.measure, 0, RULE))
    ts.cursor -= 26


def _sources_appendix(ts: Typesetter, doc: PdfInput, analysis: Analysis) -> None:
    _section_break(ts)
    ts.mark("Sources", 0)
    ts.block("Sources", H1)
    n = len(analysis.sources)
    ts.block(
        f"{n} source{'s' if n != 1 else ''} cited in the article, in order of appearance, "
        "with what each is reported to say. Page numbers refer to this document.",
        INTRO,
    )
    layout = ts.layout
    for src in _source_order(analysis):
        ts.keep(SRC_NAME.space_before + SRC_NAME.leading + 2 * SRC_META.leading + 2 * ENTRY.leading)
        ts.block(src.name, SRC_NAME)
        details = " · ".join(
            p for p in (KIND_LABELS.get(src.kind, src.kind), src.role, src.affiliation) if p
        )
        ts.block(details, SRC_META)
        ts.block(doc.signals.get(src.id) or source_signals(analysis, src.id), SRC_SIGNALS)
        for st in sorted(analysis.statements_of(src.id), key=lambda st: st.start):
            pages = layout.pages_of(st.start, st.start + 1) if st.content else []
            body, how = _excerpt(doc.text, st)
            ts.keep(ENTRY.leading * 2 + ENTRY_META.leading)
            ts.block(body, replace(ENTRY, space_after=0), label=(_pages_label(pages), LABEL))
            ts.block(how, ENTRY_META)


def _notes_appendix(ts: Typesetter, doc: PdfInput) -> None:
    _section_break(ts)
    ts.mark("Notes", 0)
    ts.block("Notes", H1)
    n = len(doc.highlights)
    ts.block(
        f"{n} highlight{'s' if n != 1 else ''} and note{'s' if n != 1 else ''} in reading order. "
        "Page numbers refer to this document.",
        INTRO,
    )
    layout = ts.layout
    text = doc.text
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        pages = layout.pages_of(h.start, h.end)
        label = _pages_label(pages)
        if h.start >= h.end:
            before = text[max(0, h.start - 60) : h.start].split()[1:][-6:]
            after = text[h.start : h.start + 60].split()[:-1][:6]
            body = f"Margin note at “…{' '.join(before)} ‸ {' '.join(after)}…”"
        else:
            body = "“" + _clip(text[h.start : h.end], 700) + "”"
        if not pages:
            body += " (not shown: page furniture left out of this document)"
        ts.keep(ENTRY.leading * 2 + NOTE.leading)
        lines = ts.block(body, ENTRY, label=(label, LABEL))
        color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
        if lines:
            first = lines[0]
            layout.pages[first.page - 1].under.append(
                Shape("rect", ts.frame.left - 12, first.y, 7, 7, color)
            )
        if h.note.strip():
            ts.block(h.note.strip(), NOTE)
        else:
            ts.cursor -= NOTE.space_after - ENTRY.space_after


# ---- drawing --------------------------------------------------------------------------------


def _render(layout: Layout, doc: PdfInput, tick: _Ticker) -> bytes:
    buf = io.BytesIO()
    frame = layout.frame
    c = canvas.Canvas(
        buf, pagesize=(frame.width, frame.height), pageCompression=1, initialFontName=SERIF
    )
    c.setTitle(" ".join(doc.title.split()) or "Untitled article")
    c.setCreator(f"reader {__version__}")
    c.showOutline()
    running = " ".join(doc.title.split()).rstrip("…")
    head_w = frame.measure * 0.75
    while " " in running and pdfmetrics.stringWidth(running + " …", SANS, FURNITURE.size) > head_w:
        running = running.rsplit(" ", 1)[0].rstrip(",;:")
    if running != " ".join(doc.title.split()):
        running += " …"
    total = len(layout.pages)
    outline_by_page: dict[int, list[int]] = {}
    for i, o in enumerate(layout.outline):
        outline_by_page.setdefault(o.page, []).append(i)
    for page in layout.pages:
        for i in outline_by_page.get(page.number, []):
            o = layout.outline[i]
            key = f"o{i}"
            c.bookmarkHorizontal(key, frame.left, o.y)
            c.addOutlineEntry(o.title, key, level=o.level)
        _shapes(c, page.under)
        t = c.beginText()
        font = None
        color = None
        for line in page.lines:
            if (line.font, line.size) != font:
                t.setFont(line.font, line.size)
                font = (line.font, line.size)
            if line.color != color:
                t.setFillColorRGB(*line.color)
                color = line.color
            t.setTextOrigin(line.x0, line.y)
            t.textOut(line.text)
        # page furniture
        t.setFont(FURNITURE.font, FURNITURE.size)
        t.setFillColorRGB(*FURNITURE.color)
        folio = f"{page.number} / {total}"
        fw = pdfmetrics.stringWidth(folio, FURNITURE.font, FURNITURE.size)
        t.setTextOrigin((frame.left + frame.right) / 2 - fw / 2, frame.bottom - 34)
        t.textOut(folio)
        if page.number > 1:
            t.setTextOrigin(frame.left, frame.top + 30)
            t.textOut(running)
            right = f"reader {__version__}"
            rw = pdfmetrics.stringWidth(right, FURNITURE.font, FURNITURE.size)
            t.setTextOrigin(frame.right - rw, frame.top + 30)
            t.textOut(right)
        c.drawText(t)
        if page.number > 1:
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(0.4)
            c.line(frame.left, frame.top + 24, frame.right, frame.top + 24)
        _shapes(c, page.over)
        c.showPage()
        tick(30 // max(1, total) or 1)
    c.save()
    return buf.getvalue()


def _shapes(c: canvas.Canvas, shapes: list[Shape]) -> None:
    for s in shapes:
        if s.kind == "rect":
            c.setFillColorRGB(*s.color)
            c.rect(s.x, s.y, s.w, s.h, stroke=0, fill=1)
        elif s.kind == "line":
            c.setStrokeColorRGB(*s.color)
            c.setLineWidth(0.6)
            c.line(s.x, s.y, s.x + s.w, s.y + s.h)
        elif s.kind == "caret":
            c.setFillColorRGB(*s.color)
            p = c.beginPath()
            p.moveTo(s.x, s.y + s.h)
            p.lineTo(s.x - s.w / 2, s.y)
            p.lineTo(s.x + s.w / 2, s.y)
            p.close()
            c.drawPath(p, stroke=0, fill=1)


# ---- annotations ----------------------------------------------------------------------------


def pdf_date(moment: datetime | None) -> str:
    """A PDF date string, "D:20240812143000+00'00'"; a naive datetime is taken as UTC."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    off = moment.utcoffset()
    minutes = int(off.total_seconds() // 60) if off else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def _nums(values: Sequence[float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 3)) for v in values)


def _form(writer: PdfWriter, bbox: Sequence[float], content: str, blend: bool) -> IndirectObject:
    """An appearance stream: a form XObject drawn in page space inside `bbox`."""
    form = DecodedStreamObject()
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/FormType"): NumberObject(1),
            NameObject("/BBox"): _nums(bbox),
        }
    )
    if blend:
        gs = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/BM"): NameObject("/Multiply"),
                NameObject("/ca"): FloatObject(1),
                NameObject("/CA"): FloatObject(1),
            }
        )
        form[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/ExtGState"): DictionaryObject({NameObject("/R0"): gs})}
        )
        content = "/R0 gs\n" + content
    form.set_data(content.encode("ascii"))
    return writer._add_object(form)


def _common(
    h: Mark, author: str, color: Color, rect: Sequence[float], name: str
) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): _nums(rect),
            NameObject("/C"): _nums(color),
            NameObject("/Contents"): TextStringObject(h.note),
            NameObject("/T"): TextStringObject(author),
            NameObject("/M"): TextStringObject(pdf_date(h.updated_at)),
            NameObject("/CreationDate"): TextStringObject(pdf_date(h.created_at)),
            NameObject("/NM"): TextStringObject(name),
        }
    )


def _rgb(color: Color) -> str:
    return " ".join(f"{v:.3f}" for v in color)


def _highlight(
    writer: PdfWriter, h: Mark, author: str, parts: list[tuple[Line, int, int]], part: int
) -> DictionaryObject:
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    quads: list[float] = []
    boxes = []
    for line, a, b in parts:
        x0, x1, top, bottom = line.x_at(a), line.x_at(b), line.top, line.bottom
        quads += [x0, top, x1, top, x0, bottom, x1, bottom]
        boxes.append((x0, bottom, x1 - x0, top - bottom))
    rect = [
        min(b[0] for b in boxes) - 1,
        min(b[1] for b in boxes) - 1,
        max(b[0] + b[2] for b in boxes) + 1,
        max(b[1] + b[3] for b in boxes) + 1,
    ]
    draw = f"{_rgb(color)} rg\n" + "".join(
        f"{x:.3f} {y:.3f} {w:.3f} {hh:.3f} re f\n" for x, y, w, hh in boxes
    )
    annot = _common(h, author, color, rect, f"reader-highlight-{h.id}-{part}")
    annot[NameObject("/Subtype")] = NameObject("/Highlight")
    annot[NameObject("/QuadPoints")] = _nums(quads)
    annot[NameObject("/F")] = NumberObject(4)  # Print
    annot[NameObject("/CA")] = FloatObject(1)
    annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _form(writer, rect, draw, True)})
    return annot


_NOTE_ICON = (
    "0.30 0.30 0.33 RG 0.7 w {rgb} rg\n"
    "1.5 5 m 1.5 16.5 l 16.5 16.5 l 16.5 5 l 9 5 l 5 1.5 l 6 5 l h B\n"
    "0.8 w 4 13.5 m 14 13.5 l S 4 11 m 14 11 l S 4 8.5 m 11 8.5 l S\n"
)


def _sticky(writer: PdfWriter, h: Mark, author: str, x: float, y: float) -> DictionaryObject:
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    rect = [x, y, x + 18, y + 18]
    draw = f"1 0 0 1 {x:.3f} {y:.3f} cm\n" + _NOTE_ICON.format(rgb=_rgb(color))
    annot = _common(h, author, color, rect, f"reader-note-{h.id}")
    annot[NameObject("/Subtype")] = NameObject("/Text")
    annot[NameObject("/Name")] = NameObject("/Comment")
    annot[NameObject("/Open")] = BooleanObject(False)
    annot[NameObject("/F")] = NumberObject(4 | 8 | 16)  # Print, NoZoom, NoRotate
    annot[NameObject("/AP")] = DictionaryObject(
        {NameObject("/N"): _form(writer, rect, draw, False)}
    )
    return annot


def _annotate(
    data: bytes, layout: Layout, doc: PdfInput, author: str, tick: _Ticker
) -> tuple[bytes, tuple[int, int, tuple[int, ...]]]:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    highlights = notes = 0
    unplaced: list[int] = []
    per_line: dict[int, int] = {}  # notes already beside a line (by id of the line)
    text = doc.text
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        tick()
        if h.start >= h.end:
            if not h.note.strip():
                continue
            line = layout.line_at(h.start)
            if line is None:
                unplaced.append(h.id)
                continue
            k = per_line.get(id(line), 0)
            per_line[id(line)] = k + 1
            x = layout.frame.right + 14 + 20 * k
            writer.add_annotation(line.page - 1, _sticky(writer, h, author, x, line.y - 4))
            caret = Shape("caret", line.x_at(h.start), line.bottom - 1.5, 5, 4, GREY)
            _draw_over(writer, line.page - 1, caret)
            notes += 1
            continue
        parts = [p for p in layout.spans(h.start, h.end) if text[p[1] : p[2]].strip()]
        if not parts:
            unplaced.append(h.id)
            continue
        by_page: dict[int, list[tuple[Line, int, int]]] = {}
        for p in parts:
            by_page.setdefault(p[0].page, []).append(p)
        first: DictionaryObject | None = None
        for i, (page, ps) in enumerate(sorted(by_page.items())):
            annot = _highlight(writer, h, author, ps, i)
            if first is not None:  # the rest of a highlight that crosses a page break
                annot[NameObject("/IRT")] = first.indirect_reference
                annot[NameObject("/RT")] = NameObject("/Group")
            added = writer.add_annotation(page - 1, annot)
            first = first or added
            highlights += 1
    writer.add_metadata(_metadata(doc, author))
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue(), (highlights, notes, tuple(unplaced))


def _draw_over(writer: PdfWriter, page_index: int, shape: Shape) -> None:
    """Append a small vector mark to a page's content (the caret of a margin note)."""
    page = writer.pages[page_index]
    s = shape
    ops = (
        f"q {_rgb(s.color)} rg {s.x:.3f} {s.y + s.h:.3f} m {s.x - s.w / 2:.3f} {s.y:.3f} l "
        f"{s.x + s.w / 2:.3f} {s.y:.3f} l h f Q\n"
    )
    extra = DecodedStreamObject()
    extra.set_data(ops.encode("ascii"))
    ref = writer._add_object(extra)
    contents = page.get("/Contents")
    arr = ArrayObject()
    if isinstance(contents, IndirectObject) and isinstance(
        target := contents.get_object(), ArrayObject
    ):
        arr.extend(target)
    elif isinstance(contents, ArrayObject):
        arr.extend(contents)
    elif contents is not None:
        arr.append(contents)
    arr.append(ref)
    page[NameObject("/Contents")] = arr


def _metadata(doc: PdfInput, annotator: str) -> dict[str, str]:
    names: list[str] = []
    if doc.analysis is not None:
        for src in _source_order(doc.analysis):
            if src.kind != "anonymous" and src.name not in names:
                names.append(src.name)
    subject = "Annotated article"
    if doc.site or doc.origin:
        subject += f" from {doc.site or doc.origin}"
    subject += ", with highlights, notes and its sources"
    meta = {
        "/Title": " ".join(doc.title.split()) or "Untitled article",
        "/Subject": subject,
        "/Creator": f"reader {__version__}",
        "/Keywords": ", ".join(names),
        "/Author": "",
        "/CreationDate": pdf_date(None),
        "/ModDate": pdf_date(None),
    }
    meta["/Author"] = doc.author or annotator
    return meta


def _nice_date(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{moment.day} {moment:%B %Y}"


__all__ = [
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
