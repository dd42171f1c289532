"""Typesetting the PDF export: the article's title, origin and body laid out on pages, the
claims shaded, then the appendices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.analysis.segment import segment
from reader.export.appendices import notes_appendix, sources_appendix
from reader.export.article import PdfInput
from reader.export.layout import Frame, Layout, Line, Shape, Typesetter
from reader.export.page_marks import margin_notes, shade_claims, source_legend
from reader.export.styles import (
    ACCENT,
    BODY,
    HEADING,
    KICKER,
    LEGEND,
    META,
    PULL,
    RULE,
    TITLE,
    TITLE_LONG,
)

Progress = Callable[[int, int], None]


class Ticker:
    """Reports progress as (done, total); the callback may raise to cancel."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, n: int = 1, *, final: bool = False) -> None:
        self.done = self.total if final else min(self.total - 1, self.done + n)
        if self.progress is not None:
            self.progress(self.done, self.total)


def ticker(progress: Progress | None, highlights: int) -> Ticker:
    return Ticker(progress, 100 + highlights)


def _blocks(doc: PdfInput) -> list[tuple[str, int, int]]:
    """(kind, start, end) of what the body shows: the segments without page furniture, or
    every non-empty line when the document has no segments."""
    text = doc.text
    raw: list[tuple[str, int, int]]
    segments = doc.segments or tuple(segment(text))
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


def typeset(doc: PdfInput, frame: Frame, claims: bool, tick: Ticker) -> tuple[Layout, int]:
    ts = Typesetter(frame)
    text = doc.text
    blocks = _blocks(doc)
    analysis = doc.analysis

    kicker = (doc.site or "").upper()
    if kicker:
        ts.block(kicker, KICKER)
    title_block = next((b for b in blocks if b[0] == "title"), None)
    title = " ".join(
        (text[title_block[1] : title_block[2]] if title_block else doc.display_title()).split()
    )
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
    # the legend of sources depends on the analysis only, and the line about highlights is
    # always reserved, so that adding a highlight never moves the text
    if claims and analysis is not None:
        source_legend(ts, analysis)
    below = ts.cursor - LEGEND.leading
    if doc.highlights:
        ts.block(
            "Highlights are PDF annotations; notes are printed in the margin and listed under "
            "Notes at the end.",
            LEGEND,
        )
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
        shade_claims(layout, text, analysis)
    margin_notes(layout, doc)
    if analysis is not None and analysis.sources:
        sources_appendix(ts, doc, analysis)
    tick(10)
    if doc.highlights:
        notes_appendix(ts, doc)
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
