"""The marks drawn over the article, in named layers of ExtraSelections: claims (a tint per
source), the source in focus, the statement the reader went to (with an outline), highlights,
find and search matches, and a fading flash.

Layers draw bottom to top in LAYER_ORDER and Qt draws the text selection above them all. The
selection, matches and highlights must stand out over any source tint in both themes: the
selection and matches take their colours from the theme (lightness opposite to the paper's),
and layers above the tints are drawn opaque, so a highlight looks the same over a tint as on
the bare paper. `ArticleMarks` is mixed into `reader.ui.article_view.ArticleView`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from reader.export.palette import source_ranks
from reader.ui.theme import Theme, flatten

if TYPE_CHECKING:
    from PySide6.QtCore import QVariantAnimation
    from PySide6.QtGui import QTextCursor

    from reader.library.views import Analysis

    _View = QTextBrowser
else:  # a plain mixin at run time: ArticleView brings the QTextBrowser
    _View = object

# bottom to top; Qt draws the text selection above them all
LAYER_ORDER = ("claims", "source-focus", "statement", "highlights", "find", "flash")
OVER_TINTS = ("highlights", "find")  # drawn opaque: the same over any tint
MAX_MARKS = 2000  # matches marked at most (as the find bar)


class ArticleMarks(_View):
    """Layers of marks over the article (a mixin of ArticleView)."""

    # set by ArticleView
    text: str
    analysis: Analysis | None
    theme: Theme
    claims_visible: bool
    focused_source: str | None
    focused_statement: tuple[int, int] | None
    _statement_outline: QColor | None
    _layers: dict[str, list[QTextEdit.ExtraSelection]]
    _flash_anim: QVariantAnimation
    _flash_range: tuple[int, int] | None

    if TYPE_CHECKING:  # ArticleView's offsets

        def _qt(self, pos: int) -> int: ...
        def cursor_for(self, start: int, end: int | None = None) -> QTextCursor: ...
        def offsets_of(self, cursor: QTextCursor) -> tuple[int, int]: ...

    # ---- layers ----------------------------------------------------------------------------

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one named layer of marks; layers draw in LAYER_ORDER (others before find)."""
        self._layers[name] = list(selections)
        self._apply_layers()

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers.get(name, ()))

    def _apply_layers(self) -> None:
        ranked = sorted(
            self._layers,
            key=lambda n: (
                LAYER_ORDER.index(n) if n in LAYER_ORDER else LAYER_ORDER.index("find") - 0.5
            ),
        )
        merged: list[QTextEdit.ExtraSelection] = []
        for name in ranked:
            if name in OVER_TINTS:
                merged.extend(self._opaque(s) for s in self._layers[name])
            else:
                merged.extend(self._layers[name])
        self.setExtraSelections(merged)

    def _opaque(self, sel: QTextEdit.ExtraSelection) -> QTextEdit.ExtraSelection:
        """The same mark with its translucent background flattened onto the paper."""
        brush = sel.format.background()
        if brush.style() != Qt.BrushStyle.SolidPattern or brush.color().alpha() == 255:
            return sel
        out = QTextEdit.ExtraSelection()
        out.cursor = sel.cursor
        out.format = QTextCharFormat(sel.format)
        out.format.setBackground(flatten(brush.color(), self.theme.paper))
        return out

    def match_format(self, current: bool = False) -> QTextCharFormat:
        """How a find or search match is marked: opaque, with ink that reads on it."""
        fmt = QTextCharFormat()
        t = self.theme
        fmt.setBackground(QColor(t.find_current if current else t.find_match))
        fmt.setForeground(QColor(t.find_ink))
        return fmt

    def mark_words(self, words: list[str], current: tuple[int, int] | None = None) -> None:
        """Mark every whole-word occurrence of `words` (any case) as a find match, and the
        range `current` (a search hit) as the current one."""
        spans: set[tuple[int, int]] = set()
        for w in words:
            for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", self.text, re.IGNORECASE):
                spans.add(m.span())
                if len(spans) >= MAX_MARKS:
                    break
        if current is not None:
            spans.add(current)
        ordered = sorted(spans)
        self.mark_matches(ordered, ordered.index(current) if current is not None else -1)

    def mark_matches(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark matched words in the "find" layer (the find bar, a search hit)."""
        self.set_layer(
            "find",
            [
                self.selection(a, b, self.match_format(i == current))
                for i, (a, b) in enumerate(spans)
            ],
        )

    def selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        """An ExtraSelection over text[start:end] with a format (for set_layer)."""
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self.cursor_for(start, end)
        sel.format = fmt
        return sel

    # ---- claims and focus ------------------------------------------------------------------

    def source_colors(self) -> dict[str, QColor]:
        """A stable colour per source: its rank by statements picks from the theme palette."""
        analysis = self.analysis
        if not analysis:
            return {}
        # the rule the PDF export follows too: the most cited sources get the most distinct colours
        return {sid: self.theme.source_color(rank) for sid, rank in source_ranks(analysis).items()}

    def _update_claims(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        if self.claims_visible and self.analysis:
            colors = self.source_colors()
            tint_alpha = 20 if self.theme.name == "light" else 34
            for st in self.analysis.statements:
                color = QColor(colors.get(st.source, QColor(self.theme.dim)))
                fmt = QTextCharFormat()
                tint = QColor(color)
                tint.setAlpha(tint_alpha)
                fmt.setBackground(tint)
                line = QColor(color)
                line.setAlpha(170)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(line)
                fmt.setProperty(QTextFormat.Property.UserProperty, st.id)
                for a, b in st.content:
                    if b > a:
                        sels.append(self.selection(a, b, fmt))
        self._layers["claims"] = sels
        self._update_focus()

    def focus_source(self, source_id: str | None) -> None:
        """Emphasise one source's statements and fade the others (None: no focus)."""
        self.focused_source = source_id
        self._update_focus()

    def _update_focus(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        sid = self.focused_source
        if sid and self.analysis:
            color = self.source_colors().get(sid, QColor(self.theme.accent))
            strong = QTextCharFormat()
            tint = QColor(color)
            tint.setAlpha(52 if self.theme.name == "light" else 80)
            strong.setBackground(tint)
            strong.setForeground(QColor(self.theme.ink))
            strong.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            strong.setUnderlineColor(color)
            faded = QTextCharFormat()
            faded.setForeground(QColor(self.theme.faint))
            faded.setBackground(Qt.GlobalColor.transparent)
            faded.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
            mention = QTextCharFormat()
            mention.setForeground(color)
            for st in self.analysis.statements:
                fmt = strong if st.source == sid else faded
                for a, b in st.content:
                    if b > a:
                        sels.append(self.selection(a, b, fmt))
            src = self.analysis.source(sid)
            for a, b in src.mentions if src else ():
                if b > a:
                    sels.append(self.selection(a, b, mention))
        self._layers["source-focus"] = sels
        self._update_statement()

    def focus_statement(self, span: tuple[int, int] | None) -> bool:
        """Mark the statement the reader went to (from the Sources panel) until another one or
        another article: a stronger tint of its source's colour and a wavy underline, so it
        stands apart from the source's other statements (hidden while another source is in
        focus). False, and no mark, when no statement has that span."""
        statements = self.analysis.statements if self.analysis else []
        if span is not None and not any((s.start, s.end) == span for s in statements):
            span = None
        self.focused_statement = span
        self._update_statement()
        return span is not None

    def _update_statement(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        span = self.focused_statement
        statements = self.analysis.statements if self.analysis else []
        st = next((s for s in statements if (s.start, s.end) == span), None)
        # hidden while another source has the reader's attention
        if st is not None and self.focused_source in (None, st.source):
            color = self.source_colors().get(st.source, QColor(self.theme.accent))
            light = self.theme.name == "light"
            tint = QColor(color)
            tint.setAlphaF(0.42 if light else 0.55)
            fmt = QTextCharFormat()
            fmt.setBackground(flatten(tint, self.theme.paper))
            fmt.setForeground(QColor(self.theme.ink))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(color.darker(130) if light else color.lighter(120))
            ranges = st.content or [(st.start, st.end)]
            sels = [self.selection(a, b, fmt) for a, b in ranges if b > a]
        self._layers["statement"] = sels
        self._statement_outline = QColor(color) if sels else None
        self._apply_layers()
        self.viewport().update()

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the line pieces of text[start:end] (for outlines)."""
        doc, layout = self.document(), self.document().documentLayout()
        a, b = self._qt(start), self._qt(end)
        dy = self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = doc.findBlock(a)
        while block.isValid() and block.position() < b:
            lay, top = block.layout(), layout.blockBoundingRect(block).topLeft()
            n = lay.lineCount() if lay else 0
            for i in range(n):
                line = lay.lineAt(i)
                s0 = block.position() + line.textStart()
                s1 = s0 + line.textLength()
                if s1 <= a or s0 >= b:
                    continue
                x0 = _line_x(line, max(a, s0) - block.position())
                x1 = _line_x(line, min(b, s1) - block.position())
                # half the leading above and below: a paragraph's pieces join into one shape
                pad = (lay.lineAt(1).y() - lay.lineAt(0).y() - line.height()) / 2 if n > 1 else 0
                rects.append(
                    QRectF(
                        top.x() + x0,
                        top.y() + line.y() - dy - pad,
                        x1 - x0,
                        line.height() + 2 * pad,
                    )
                )
            block = block.next()
        return rects

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        color = self._statement_outline
        if color is None:
            return
        # the statement in focus: an outline in its source's colour around each of its pieces
        path = QPainterPath()
        for sel in self._layers.get("statement", ()):
            a, b = self.offsets_of(sel.cursor)
            for r in self._range_rects(a, b):
                path.addRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color.darker(115) if self.theme.name == "light" else color, 1.6))
        painter.drawPath(path.simplified())
        painter.end()

    # ---- flash -----------------------------------------------------------------------------

    def flash(self, start: int, end: int) -> None:
        """Briefly light up text[start:end] (fades out over a second and a half)."""
        self._flash_range = (start, end)
        self._flash_anim.stop()
        self._flash_step(1.0)
        self._flash_anim.start()

    def _flash_step(self, value) -> None:
        if self._flash_range is None:
            return
        color = QColor(self.theme.flash)
        color.setAlphaF(max(0.0, min(1.0, float(value))) * 0.85)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        self.set_layer("flash", [self.selection(*self._flash_range, fmt)])


def _line_x(line, pos: int) -> float:
    """QTextLine.cursorToX as a number (PySide6 returns (x, position))."""
    x = line.cursorToX(pos)
    return float(x[0] if isinstance(x, tuple) else x)
