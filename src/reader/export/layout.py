"""Page layout for the PDF export: line breaking and the place of every character.

The typesetter breaks lines itself with the fonts' metrics, so it knows for every character
offset of the article the page, the line and the x position where it lands; highlights,
claim shading and the appendices' page numbers are all computed from that map.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics

Color = tuple[float, float, float]

ASCENT = 0.95  # highlight and shading boxes reach this far above the baseline (× font size)
DESCENT = 0.27  # … and this far below it
_WORD_RE = re.compile(r"\S+")
_HARD_LINE_RE = re.compile(r"[^\n]+")
_URL_BREAK = "/-?&=_.,;"
_widths: dict[str, dict[str, float]] = {}


def drawable(text: str) -> str:
    """`text` with tabs and control characters as spaces: one character for one, so offsets hold."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)


def advances(text: str, font: str, size: float) -> list[float]:
    """Cumulative advance widths: `result[k]` is the width of `text[:k]` in points."""
    table = _widths.get(font)
    if table is None:
        table = _widths[font] = {}
    face = pdfmetrics.getFont(font)
    out = [0.0]
    acc = 0.0
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = face.stringWidth(ch, 1.0)
        acc += w * size
        out.append(acc)
    return out


def break_lines(text: str, cum: list[float], first: float, rest: float) -> list[tuple[int, int]]:
    """Greedy line breaking at spaces; `\\n` forces a break; an overlong word (a URL) is cut,
    after a slash or hyphen when one fits. Returns [start, end) spans of `text`; the spaces
    at a break belong to no line."""
    lines: list[tuple[int, int]] = []
    for hard in _HARD_LINE_RE.finditer(text):
        base = hard.start()
        words = [(m.start() + base, m.end() + base) for m in _WORD_RE.finditer(hard.group())]
        i = 0
        while i < len(words):
            avail = first if not lines else rest
            s = words[i][0]
            j = i
            while j + 1 < len(words) and cum[words[j + 1][1]] - cum[s] <= avail:
                j += 1
            e = words[j][1]
            if cum[e] - cum[s] <= avail:
                lines.append((s, e))
                i = j + 1
                continue
            k = s + 1  # one word wider than the line: cut it
            while k < e - 1 and cum[k + 1] - cum[s] <= avail:
                k += 1
            cut = max((p + 1 for p in range(s + 1, k) if text[p] in _URL_BREAK), default=k)
            lines.append((s, cut))
            words[i] = (cut, words[i][1])
    return lines


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    leading: float
    color: Color = (0.1, 0.1, 0.1)
    indent: float = 0.0  # from the left of the text frame
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0


@dataclass
class Line:
    """One typeset line. `start` is the article offset of `text[0]` (None for text that is
    not the article's: titles, appendices); `xs[k]` is the x where `text[k]` begins."""

    page: int
    x0: float
    y: float  # baseline
    font: str
    size: float
    text: str
    xs: list[float]
    color: Color
    start: int | None = None

    @property
    def end(self) -> int:
        return (self.start or 0) + len(self.text)

    def x_at(self, offset: int) -> float:
        assert self.start is not None
        return self.xs[max(0, min(len(self.text), offset - self.start))]

    @property
    def top(self) -> float:
        return self.y + ASCENT * self.size

    @property
    def bottom(self) -> float:
        return self.y - DESCENT * self.size


@dataclass(frozen=True)
class Shape:
    """A filled rectangle (`rect`), a stroked line (`line`: x,y to x+w,y+h) or a caret mark."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    color: Color


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    under: list[Shape] = field(default_factory=list)  # drawn before the text
    over: list[Shape] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    title: str
    level: int
    page: int
    y: float


@dataclass
class Frame:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def measure(self) -> float:
        return self.right - self.left


class Layout:
    """Pages of lines and shapes, and the map from article offsets to lines."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.pages: list[Page] = [Page(1)]
        self.outline: list[Outline] = []
        self.article_lines: list[Line] = []  # in text order
        self._starts: list[int] = []

    def add_article_line(self, line: Line) -> None:
        self.article_lines.append(line)
        self._starts.append(line.start or 0)

    def spans(self, start: int, end: int) -> Iterator[tuple[Line, int, int]]:
        """The lines holding article text [start, end), each with the part it holds."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        for line in self.article_lines[i:]:
            if line.start is None or line.start >= end:
                break
            a, b = max(start, line.start), min(end, line.end)
            if a < b:
                yield line, a, b

    def line_at(self, offset: int) -> Line | None:
        """The line showing `offset`, else the next line (for a break space or a margin note)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.article_lines[i].end:
            return self.article_lines[i]
        return self.article_lines[i + 1] if i + 1 < len(self.article_lines) else None

    def pages_of(self, start: int, end: int) -> list[int]:
        """Pages where article text [start, end) appears (empty when it is not in the body)."""
        if end <= start:
            line = self.line_at(start)
            return [line.page] if line is not None else []
        return sorted({line.page for line, _, _ in self.spans(start, end)})


class Typesetter:
    """Places blocks of text top to bottom, page after page, into a Layout."""

    def __init__(self, frame: Frame) -> None:
        self.layout = Layout(frame)
        self.frame = frame
        self.cursor = frame.top

    @property
    def page(self) -> Page:
        return self.layout.pages[-1]

    @property
    def at_top(self) -> bool:
        return self.cursor >= self.frame.top - 0.01

    def new_page(self) -> None:
        self.layout.pages.append(Page(len(self.layout.pages) + 1))
        self.cursor = self.frame.top

    def space(self, height: float) -> None:
        if not self.at_top:
            self.cursor -= height

    def keep(self, height: float) -> None:
        """Start a new page unless `height` points are left on this one."""
        if not self.at_top and self.cursor - height < self.frame.bottom:
            self.new_page()

    def mark(self, title: str, level: int) -> None:
        self.layout.outline.append(Outline(title, level, self.page.number, self.cursor + 4))

    def shape(self, shape: Shape, *, over: bool = False) -> None:
        (self.page.over if over else self.page.under).append(shape)

    def block(
        self,
        text: str,
        style: Style,
        *,
        offset: int | None = None,
        label: tuple[str, Style] | None = None,
    ) -> list[Line]:
        """Typeset one paragraph. With `offset`, `text` is the article's text from that offset
        and its lines go into the offset map. `label` (a page number in an appendix) hangs in
        the indent, on the first line's baseline."""
        text = drawable(text)
        cum = advances(text, style.font, style.size)
        width = self.frame.measure - style.indent - style.right_indent
        spans = break_lines(text, cum, width, width)
        if not spans:
            return []
        if not self.at_top:
            self.cursor -= style.space_before
        placed: list[Line] = []
        n = len(spans)
        i = 0
        while i < n:
            fit = int((self.cursor - self.frame.bottom) // style.leading + 1e-6)
            left = n - i
            take = left
            if fit < left:
                take = fit
                if i == 0 and take == 1:  # no lone first line at the foot of a page
                    take = 0
                if left - take == 1 and take > 1:  # … nor a lone last line at the head of one
                    take -= 1
                if take <= 0:
                    if self.at_top:
                        take = max(1, fit)
                    else:
                        self.new_page()
                        continue
            for s, e in spans[i : i + take]:
                baseline = self.cursor - (style.leading - style.size) / 2 - 0.8 * style.size
                x0 = self.frame.left + style.indent
                line = Line(
                    page=self.page.number,
                    x0=x0,
                    y=baseline,
                    font=style.font,
                    size=style.size,
                    text=text[s:e],
                    xs=[x0 + cum[k] - cum[s] for k in range(s, e + 1)],
                    color=style.color,
                    start=None if offset is None else offset + s,
                )
                self.page.lines.append(line)
                if offset is not None:
                    self.layout.add_article_line(line)
                placed.append(line)
                self.cursor -= style.leading
            i += take
            if i < n:
                self.new_page()
        if label is not None:
            text_, lstyle = label
            first = placed[0]
            lcum = advances(text_, lstyle.font, lstyle.size)
            x0 = self.frame.left
            page = self.layout.pages[first.page - 1]
            page.lines.append(
                Line(first.page, x0, first.y, lstyle.font, lstyle.size, text_,
                     [x0 + w for w in lcum], lstyle.color)
            )  # fmt: skip
        self.cursor -= style.space_after
        return placed
