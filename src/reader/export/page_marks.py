"""What the body pages of the PDF export carry besides the article's text, so that a printed
page still tells who said what and what the reader wrote: each statement shaded in its
source's colour, a legend of the sources under the title, and each note printed in the
margin beside the passage it belongs to (it is also the annotation's /Contents and an entry
in the Notes appendix).
"""

from __future__ import annotations

from reader.analysis.model import Analysis
from reader.export.appendices import source_order
from reader.export.article import PdfInput
from reader.export.layout import Layout, Line, Shape, Style, Typesetter, advances, break_lines
from reader.export.palette import claim_colors
from reader.export.styles import HIGHLIGHT_COLORS, LEGEND, MARGIN_NOTE

LEGEND_NAMES = 16  # beyond this the legend points to the Sources appendix
MARGIN_GAP = 10  # points between the text frame and a margin note
MARGIN_LINES = 9  # a longer note is cut here on the page; the appendix has it whole


def shade_claims(layout: Layout, text: str, analysis: Analysis) -> None:
    """A rectangle in the source's shade under each line of each statement."""
    colors = claim_colors(analysis)
    for st in analysis.statements:
        color = colors.get(st.source)
        if color is None:
            continue
        for a, b in st.content:
            for line, x, y in layout.spans(a, b):
                if text[x:y].strip():
                    x0, x1 = line.x_at(x), line.x_at(y)
                    layout.pages[line.page - 1].under.append(
                        Shape("rect", x0, line.bottom, x1 - x0, line.top - line.bottom, color)
                    )


def source_legend(ts: Typesetter, analysis: Analysis) -> list[Line]:
    """ "Statements are shaded in the colour of their source: A  B  C": each name on its own
    shade, the sources in order of appearance. Nothing when no source has a statement."""
    colors = claim_colors(analysis)
    speaking = {st.source for st in analysis.statements}
    names = [(s.name, colors[s.id]) for s in source_order(analysis) if s.id in speaking]
    if not names:
        return []
    intro = "Statements are shaded in the colour of their source:"
    shown = names[:LEGEND_NAMES]
    parts = [intro]
    spans = []
    pos = len(intro)
    for name, color in shown:
        name = " ".join(name.split())
        pos += 2  # two spaces between names, so their shades do not touch
        spans.append((pos, pos + len(name), color))
        parts.append(name)
        pos += len(name)
    text = "  ".join(parts)
    more = len(names) - len(shown)
    if more:
        text += f"  and {more} more (see Sources)"
    lines = ts.block(text, LEGEND)
    # where each line's text starts in `text` (the typesetter drops the spaces at a break)
    starts = []
    at = 0
    for line in lines:
        at = text.index(line.text, at)
        starts.append(at)
        at += len(line.text)
    for a, b, color in spans:
        for line, start in zip(lines, starts, strict=True):
            lo, hi = max(a, start), min(b, start + len(line.text))
            if lo < hi:
                x0, x1 = line.xs[lo - start], line.xs[hi - start]
                ts.layout.pages[line.page - 1].under.append(
                    Shape("rect", x0 - 1, line.bottom, x1 - x0 + 2, line.top - line.bottom, color)
                )
    return lines


def margin_notes(layout: Layout, doc: PdfInput) -> None:
    """Each note's text in the right margin, level with the first line of its highlight (a
    note without a range: below its icon), beside a bar in the highlight's colour. Notes on
    one page stack downwards and never overlap."""
    frame = layout.frame
    x0 = frame.right + MARGIN_GAP
    width = frame.width - x0 - 22
    if width < 40:
        return
    lowest: dict[int, float] = {}  # page → the bottom of the last note placed on it
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        note = " ".join(h.note.split())
        if not note:
            continue
        if h.start < h.end:
            first = next(
                (ln for ln, a, b in layout.spans(h.start, h.end) if doc.text[a:b].strip()), None
            )
            top = first.top if first is not None else 0.0
        else:
            first = layout.line_at(h.start)
            top = first.y - 8 if first is not None else 0.0  # under the note's icon
        if first is None:
            continue
        page = first.page
        top = min(top, lowest.get(page, frame.height))
        lines = _note_lines(note, MARGIN_NOTE, width)
        fit = int((top - frame.bottom + 24) // MARGIN_NOTE.leading)
        if fit < 1:
            continue
        lines = _cut(lines, fit)
        placed = _place(layout, page, lines, x0 + 4, top, MARGIN_NOTE)
        color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
        bottom = placed[-1].bottom
        layout.pages[page - 1].under.append(Shape("rect", x0, bottom, 1.8, top - bottom, color))
        lowest[page] = bottom - 6


def _note_lines(note: str, style: Style, width: float) -> list[str]:
    cum = advances(note, style.font, style.size)
    lines = [note[s:e] for s, e in break_lines(note, cum, width, width)]
    return _cut(lines, MARGIN_LINES)


def _cut(lines: list[str], n: int) -> list[str]:
    """At most `n` lines, the last one ending in "…" when some were left out."""
    if len(lines) <= n:
        return lines
    return [*lines[: n - 1], lines[n - 1].rstrip(" ,;:.") + " …"]


def _place(
    layout: Layout, page: int, texts: list[str], x0: float, top: float, style: Style
) -> list[Line]:
    placed = []
    y = top - style.size * 0.95
    for text in texts:
        cum = advances(text, style.font, style.size)
        line = Line(page, x0, y, style.font, style.size, text, [x0 + w for w in cum], style.color)
        layout.pages[page - 1].lines.append(line)
        placed.append(line)
        y -= style.leading
    return placed
