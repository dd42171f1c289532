"""The article, rendered for reading; its layers of marks are `ArticleMarks` (article_marks.py).

The document holds one block per line of the article's text, so a document position is the
text offset (each newline is one block separator). `cursor_for` and `offsets_of` are the only
way in and out, and they also handle characters outside the Basic Multilingual Plane (two
UTF-16 units in Qt, one character in Python).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPoint, Qt, QUrl, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from reader.ui.article_marks import LAYER_ORDER as LAYER_ORDER  # where tests look for it
from reader.ui.article_marks import ArticleMarks
from reader.ui.theme import LIGHT, Theme
from reader.ui.viewports import wrap_viewport

if TYPE_CHECKING:
    from reader.library import ArticleView as OpenArticle
    from reader.library.views import Analysis

SERIF_FAMILIES = (
    "Noto Serif",
    "Source Serif 4",
    "Source Serif Pro",
    "Literata",
    "Charter",
    "Georgia",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
)
SANS_FAMILIES = ("Noto Sans", "Inter", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Arial")
BASE_PX = 18.0
MEASURE = 72  # characters per line
ZOOM_MIN, ZOOM_MAX = 0.6, 2.5


def _first_available(families: Iterable[str], fallback: str) -> str:
    have = set(QFontDatabase.families())
    return next((f for f in families if f in have), fallback)


class ArticleView(ArticleMarks, QTextBrowser):
    """A read-only, selectable article. Others add marks with `set_layer` (article_marks.py)."""

    zoom_requested = Signal(int)  # +1 / -1 from Ctrl+wheel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(False)  # files dropped here go to the window
        wrap_viewport(self).setAcceptDrops(False)
        self.text = ""
        self.article: OpenArticle | None = None
        self.analysis: Analysis | None = None
        self.theme: Theme = LIGHT
        self.zoom = 1.0
        self.claims_visible = True
        self.focused_source: str | None = None
        self.focused_statement: tuple[int, int] | None = None  # the statement clicked last
        self._statement_outline: QColor | None = None
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._utf16: list[int] | None = None
        self._serif = _first_available(SERIF_FAMILIES, "serif")
        self._sans = _first_available(SANS_FAMILIES, "sans-serif")
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(1600)
        self._flash_anim.setStartValue(1.0)
        self._flash_anim.setEndValue(0.0)
        self._flash_anim.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash_anim.valueChanged.connect(self._flash_step)
        self._flash_anim.finished.connect(lambda: self.set_layer("flash", []))
        self._flash_range: tuple[int, int] | None = None
        self._apply_palette()
        self.setDocument(self._new_document(""))
        self.setCursorWidth(0)  # a page, not an editor: selection shows, no blinking caret

    # ---- content ---------------------------------------------------------------------------

    def set_article(self, article: OpenArticle | None) -> None:
        """Show an opened article (reader.library.ArticleView); layers are cleared."""
        self.article = article
        self.analysis = article.analysis if article else None
        self.text = article.text if article else ""
        self.focused_source = None
        self.focused_statement = None
        self._flash_anim.stop()
        self._layers.clear()
        self._utf16 = None
        if any(ord(c) > 0xFFFF for c in self.text):
            table, pos = [], 0
            for c in self.text:
                table.append(pos)
                pos += 2 if ord(c) > 0xFFFF else 1
            table.append(pos)
            self._utf16 = table
        old = self.document()
        doc = self._new_document(self.text)
        # formatted and given its margins before the view has it: set on the view, the text
        # is laid out once, not once plain and again for the fonts and again for the margins
        self._format(doc)
        self.setDocument(doc)
        self.setCursorWidth(0)  # setDocument resets it
        if old is not None and old.parent() is self:
            old.deleteLater()
        self._update_margins()  # unchanged unless the view's width did (a hidden view's can)
        self._update_claims()
        self.verticalScrollBar().setValue(0)

    def _new_document(self, text: str) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(0)
        doc.setPlainText(text)  # one block per line: position == offset
        return doc

    def _segment_kinds(self) -> tuple[list[int], list[tuple[int, str]]]:
        segs = sorted(self.analysis.segments, key=lambda s: s.span[0]) if self.analysis else []
        return [s.span[0] for s in segs], [(s.span[1], s.kind) for s in segs]

    def _kind_at(self, starts: list[int], ends: list[tuple[int, str]], a: int, b: int) -> str:
        """The segment kind of the line [a, b) (a segment overlapping it), else paragraph."""
        i = bisect_right(starts, max(a, b - 1)) - 1
        if i >= 0 and ends[i][0] > a:
            return ends[i][1]
        return "paragraph"

    def reading_font(self, scale: float = 1.0) -> QFont:
        f = QFont(self._serif)
        f.setFamilies([self._serif, *SERIF_FAMILIES, "serif"])
        f.setPixelSize(max(8, round(BASE_PX * self.zoom * scale)))
        f.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
        return f

    def _format(self, new: QTextDocument | None = None) -> None:
        """(Re)apply fonts, spacing and colours to the current document, in place, or to the
        `new` one of this article before it is shown."""
        doc = new if new is not None else self.document()
        px = BASE_PX * self.zoom
        doc.setDefaultFont(self.reading_font())
        ink, dim, faint = QColor(self.theme.ink), QColor(self.theme.dim), QColor(self.theme.faint)
        starts, ends = self._segment_kinds()
        cur = QTextCursor(doc)
        cur.beginEditBlock()
        block = doc.begin()
        while block.isValid():
            a = self._py(block.position())
            b = self._py(block.position() + block.length() - 1)
            kind = self._kind_at(starts, ends, a, b) if block.length() > 1 else "empty"
            bf = QTextBlockFormat()
            cf = QTextCharFormat()
            cf.setForeground(ink)
            cf.setFont(self.reading_font())
            bf.setLineHeight(158, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            bf.setBottomMargin(px * 0.9)
            if kind == "title":
                cf.setFont(self.reading_font(1.65))
                cf.setFontWeight(QFont.Weight.Bold)
                bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                bf.setBottomMargin(px * 1.2)
            elif kind == "heading":
                cf.setFont(self.reading_font(1.25))
                cf.setFontWeight(QFont.Weight.Bold)
                bf.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                bf.setTopMargin(px * 0.8)
                bf.setBottomMargin(px * 0.5)
            elif kind == "boilerplate":
                f = QFont(self._sans)
                f.setPixelSize(max(7, round(px * 0.7)))
                f.setCapitalization(QFont.Capitalization.MixedCase)
                cf.setFont(f)
                cf.setForeground(faint)
                bf.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                bf.setBottomMargin(px * 0.5)
            elif kind == "pull_quote":
                cf.setFont(self.reading_font(0.92))
                cf.setFontItalic(True)
                cf.setForeground(dim)
                bf.setLeftMargin(px * 1.5)
                bf.setRightMargin(px * 1.5)
            elif kind == "empty":
                bf.setLineHeight(40, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                bf.setBottomMargin(0)
            cur.setPosition(block.position())
            cur.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cur.setBlockFormat(bf)
            cur.setBlockCharFormat(cf)
            cur.setCharFormat(cf)
            block = block.next()
        if self.claims_visible and self.analysis:
            colors = self.source_colors()
            for st in self.analysis.statements:
                if st.cue and st.cue[1] > st.cue[0]:
                    cue = QTextCharFormat()
                    cue.setFontWeight(QFont.Weight.Medium)
                    cue.setForeground(colors.get(st.source, ink).darker(115))
                    self.cursor_for(*st.cue, doc=doc).mergeCharFormat(cue)
        cur.endEditBlock()
        self._update_margins(new)

    # ---- layout ----------------------------------------------------------------------------

    def column_width(self) -> float:
        fm = QFontMetricsF(self.reading_font())
        return fm.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26 * MEASURE * 1.06

    def _update_margins(self, new: QTextDocument | None = None) -> None:
        doc = new if new is not None else self.document()
        if doc is None:
            return
        top = self.top_offset() if self.text and new is None else 0
        avail = self.viewport().width()
        side = max(20.0, (avail - self.column_width()) / 2)
        root = doc.rootFrame()
        ff = root.frameFormat()
        if abs(ff.leftMargin() - side) < 0.5 and abs(ff.topMargin() - 44 * self.zoom) < 0.5:
            return
        ff.setLeftMargin(side)
        ff.setRightMargin(side)
        ff.setTopMargin(44 * self.zoom)
        ff.setBottomMargin(max(120.0, self.viewport().height() * 0.4))
        root.setFrameFormat(ff)
        if top:
            self.set_top_offset(top)

    def resizeEvent(self, event) -> None:
        top = self.top_offset() if self.text else 0
        super().resizeEvent(event)
        self._update_margins()
        if top:
            self.set_top_offset(top)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def set_zoom(self, zoom: float) -> None:
        zoom = min(ZOOM_MAX, max(ZOOM_MIN, round(zoom, 2)))
        if zoom == self.zoom:
            return
        top = self.top_offset()
        self.zoom = zoom
        self._format()
        self.set_top_offset(top)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._apply_palette()
        self._format()
        self._update_claims()

    def _apply_palette(self) -> None:
        p = self.palette()
        t = self.theme
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            p.setColor(group, QPalette.ColorRole.Base, QColor(t.paper))
            p.setColor(group, QPalette.ColorRole.Text, QColor(t.ink))
            p.setColor(group, QPalette.ColorRole.Highlight, QColor(t.text_selection))
            p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(t.text_selection_ink))
            p.setColor(group, QPalette.ColorRole.Link, QColor(t.accent))
        self.setPalette(p)
        self.viewport().setPalette(p)

    def set_claims_visible(self, visible: bool) -> None:
        if visible == self.claims_visible:
            return
        self.claims_visible = visible
        self._format()
        self._update_claims()

    # ---- offsets ---------------------------------------------------------------------------

    def _qt(self, pos: int) -> int:
        pos = max(0, min(pos, len(self.text)))
        return self._utf16[pos] if self._utf16 is not None else pos

    def _py(self, qpos: int) -> int:
        if self._utf16 is None:
            return max(0, min(qpos, len(self.text)))
        return max(0, bisect_right(self._utf16, qpos) - 1)

    def cursor_for(
        self, start: int, end: int | None = None, doc: QTextDocument | None = None
    ) -> QTextCursor:
        """A cursor selecting text[start:end] (or placed at start), in the article's document
        (or `doc`)."""
        c = QTextCursor(doc if doc is not None else self.document())
        c.setPosition(self._qt(start))
        if end is not None:
            c.setPosition(self._qt(end), QTextCursor.MoveMode.KeepAnchor)
        return c

    def offsets_of(self, cursor: QTextCursor) -> tuple[int, int]:
        """The (start, end) text offsets of a cursor's selection."""
        return self._py(cursor.selectionStart()), self._py(cursor.selectionEnd())

    @staticmethod
    def selected_text(cursor: QTextCursor) -> str:
        """A cursor's selected text with newlines as in the article (Qt uses U+2029)."""
        return cursor.selectedText().replace("\u2029", "\n")

    def selection_offsets(self) -> tuple[int, int] | None:
        c = self.textCursor()
        return self.offsets_of(c) if c.hasSelection() else None

    def select(self, start: int, end: int) -> None:
        self.setTextCursor(self.cursor_for(start, end))

    # ---- scrolling -------------------------------------------------------------------------

    def _line_top(self, qpos: int) -> float:
        doc = self.document()
        block = doc.findBlock(qpos)
        if not block.isValid():
            return 0.0
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        y = rect.top()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(qpos - block.position())
            if line.isValid():
                y += line.y()
        return y

    def scroll_to(self, start: int) -> None:
        """Scroll so that the text offset `start` sits about a quarter down the view."""
        y = self._line_top(self._qt(start))
        bar = self.verticalScrollBar()
        bar.setValue(int(y - self.viewport().height() / 4))

    def top_offset(self) -> int:
        """The text offset of the first line visible at the top of the view."""
        doc = self.document()
        if doc is None or not self.text:
            return 0
        y = self.verticalScrollBar().value()
        if y <= 0:
            return 0
        layout = doc.documentLayout()
        block = doc.findBlock(layout.hitTest(self._doc_point(y), Qt.HitTestAccuracy.FuzzyHit))
        if block.isValid() and block.previous().isValid():
            block = block.previous()  # hitTest can land one block late in a margin
        if not block.isValid():
            block = doc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.bottom() > y:
                lay = block.layout()
                for i in range(lay.lineCount() if lay else 0):
                    line = lay.lineAt(i)
                    if rect.top() + line.y() + line.height() / 2 >= y:
                        return self._py(block.position() + line.textStart())
            block = block.next()
        return len(self.text)

    def _doc_point(self, y: float):
        from PySide6.QtCore import QPointF

        ff = self.document().rootFrame().frameFormat()
        return QPointF(ff.leftMargin() + 2, y)

    def set_top_offset(self, pos: int) -> None:
        """Scroll so that the line holding text offset `pos` is at the top of the view."""
        if pos <= 0:
            self.verticalScrollBar().setValue(0)
            return
        self.verticalScrollBar().setValue(round(self._line_top(self._qt(pos))))

    # ---- misc ------------------------------------------------------------------------------

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def offset_at(self, point: QPoint) -> int:
        """The text offset under a viewport point."""
        return self._py(self.cursorForPosition(point).position())
