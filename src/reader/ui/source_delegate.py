"""How a source tree row looks: `SourceDelegate` paints source rows (an expand triangle, icon,
name, counts, role · affiliation, signal chips) and statement rows (kind icon, two lines of
text, cue and hedges), sizes them, lays out the chips (scaled with the text zoom), answers
their tooltips and edits a name in place. `SourceTree` is the view: it lays rows out again
when its width changes (chips wrap) and a click on a row's triangle opens or closes it
without selecting the row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QPolygonF,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from reader.library.views import Source
from reader.ui import icons
from reader.ui.delegates import Index, item_value, paint_row_background
from reader.ui.delegates import small_font as _small
from reader.ui.source_chips import RATING_COLORS, TONE_COLORS, Chip
from reader.ui.source_model import Role

PAD_X, PAD_Y = 8, 7
ICON = 16
CHIP_GAP, CHIP_PAD, CHIP_LINES = 4, 6, 3
TOGGLE = 12  # the expand triangle's column, left of the icon
HELP_HINT = (
    "<div style='margin-top:6px;color:#7b8591'>What does this mean? The <b>?</b> button above"
    " the list (or Help → What the signals mean) explains each signal.</div>"
)


def is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def tone_color(tone: str, pal: QPalette) -> QColor:
    if tone.startswith("rating:"):
        rating = int(tone.split(":", 1)[1])
        c = QColor(RATING_COLORS.get(rating, TONE_COLORS["neutral"]))
        return c.lighter(125) if is_dark(pal) else c
    c = QColor(TONE_COLORS.get(tone, TONE_COLORS["neutral"]))
    return c.lighter(150) if is_dark(pal) else c


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SourceDelegate(QStyledItemDelegate):
    """Source rows: icon, name in bold, counts on the right, role · affiliation dimmed below.
    Statement rows: kind icon, the statement in up to two lines, cue and hedges below."""

    STATEMENT_LINES = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_scale = 1.0  # the article's text zoom, applied to the chips

    # ---- chips (shared by painting, sizing and tooltips) -------------------------------------

    def chip_font(self, font: QFont) -> QFont:
        """The chips' small font, grown or shrunk with the text zoom (Ctrl+= / Ctrl+-)."""
        f = _small(font, -1.5)
        if self.text_scale != 1.0:
            if f.pointSizeF() > 0:
                f.setPointSizeF(f.pointSizeF() * self.text_scale)
            else:
                f.setPixelSize(max(8, round(f.pixelSize() * self.text_scale)))
        return f

    def chip_layout(
        self, font: QFont, chips: list[Chip], left: int, top: int, width: int
    ) -> list[tuple[Chip, QRect]]:
        """Chips placed in up to CHIP_LINES lines from (left, top); what does not fit becomes
        a "+N" chip whose tooltip lists the rest."""
        fm = QFontMetrics(self.chip_font(font))
        h = fm.height() + 4
        out: list[tuple[Chip, QRect]] = []
        x, y, line = left, top, 0
        for i, chip in enumerate(chips):
            w = fm.horizontalAdvance(chip.label) + 2 * CHIP_PAD
            if x > left and x + w > left + width:
                line += 1
                x, y = left, y + h + CHIP_GAP
            if line >= CHIP_LINES:
                rest = chips[i:]
                if out:
                    last, rect = out.pop()
                    rest = [last, *rest]
                    x, y = rect.left(), rect.top()
                more = Chip(
                    "more",
                    f"+{len(rest)}",
                    "neutral",
                    "<br>".join(c.tooltip for c in rest),
                )
                mw = fm.horizontalAdvance(more.label) + 2 * CHIP_PAD
                out.append((more, QRect(x, y, mw, h)))
                return out
            out.append((chip, QRect(x, y, w, h)))
            x += w + CHIP_GAP
        return out

    def _chip_lines(self, font: QFont, chips: list[Chip], width: int) -> int:
        rects = self.chip_layout(font, chips, 0, 0, width)
        return len({r.top() for _c, r in rects})

    def _text_left(self, rect: QRect) -> int:
        return rect.left() + PAD_X + TOGGLE + ICON + 8

    @staticmethod
    def toggle_rect(font: QFont, rect: QRect) -> QRect:
        """Where a source row's expand triangle is drawn and clicked: left of the icon, on the
        name's line (a little taller than the line, for an easy click)."""
        fm = QFontMetrics(font)
        return QRect(rect.left() + 2, rect.top() + PAD_Y - 3, PAD_X + TOGGLE - 2, fm.height() + 6)

    def _paint_toggle(self, p: QPainter, font: QFont, rect: QRect, index: Index, color) -> None:
        view = self.parent()
        if not isinstance(view, QTreeView) or not index.model().hasChildren(index):
            return
        r = QRectF(self.toggle_rect(font, rect))
        cx, cy, s = r.center().x() + 1, r.center().y(), 3.5
        if view.isExpanded(index):  # ▾
            pts = [QPointF(cx - s, cy - s / 2), QPointF(cx + s, cy - s / 2), QPointF(cx, cy + s)]
        else:  # ▸
            pts = [QPointF(cx - s / 2, cy - s), QPointF(cx + s, cy), QPointF(cx - s / 2, cy + s)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPolygon(QPolygonF(pts))

    def source_hit_areas(
        self, font: QFont, rect: QRect, index: Index
    ) -> list[tuple[str, QRect, str]]:
        """(what, rect, tooltip) of a source row's parts: the second line and the chips (the
        rating first)."""
        fm = QFontMetrics(font)
        small = QFontMetrics(_small(font))
        x = self._text_left(rect)
        top = rect.top() + PAD_Y
        width = rect.right() - PAD_X - x
        out: list[tuple[str, QRect, str]] = []
        second = QRect(x, top + fm.height() + 2, width, small.height())
        src: Source | None = item_value(index, Role.SourceRole)
        sig = item_value(index, Role.SignalsRole)
        if src is not None and sig is not None and sig.affiliation.stated:
            words = ", ".join(f"“{_esc(e.text)}”" for e in sig.affiliation.evidence)
            out.append(("affiliation", second, f"<b>As the article describes them</b><br>{words}"))
        chips = item_value(index, Role.ChipsRole) or []
        ctop = top + fm.height() + 2 + small.height() + 5
        for chip, r in self.chip_layout(font, chips, x, ctop, width):
            out.append((chip.key, r, chip.tooltip + HELP_HINT))
        return out

    @staticmethod
    def _counts_width(font: QFont, index: Index) -> int:
        small = QFontMetrics(_small(font))
        direct, para = item_value(index, Role.CountsRole) or (0, 0)
        return sum(small.horizontalAdvance(str(n)) + 10 + 12 for n in (direct, para))

    def helpEvent(self, event, view, option, index) -> bool:
        """Tooltips of the parts of a row: each chip quotes its evidence."""
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return False
        tip = ""
        if item_value(index, Role.IsSourceRole):
            for _what, rect, text in self.source_hit_areas(option.font, option.rect, index):
                if rect.contains(event.pos()):
                    tip = text
                    break
        if not tip:
            tip = str(item_value(index, Qt.ItemDataRole.ToolTipRole) or "")
        if tip:
            QToolTip.showText(event.globalPos(), tip, view, option.rect)
        else:
            QToolTip.hideText()
        return True

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        small = QFontMetrics(_small(option.font))
        if item_value(index, Role.IsSourceRole):
            h = PAD_Y + fm.height() + 2 + small.height() + PAD_Y
            chips = item_value(index, Role.ChipsRole) or []
            if chips:
                view = self.parent()
                width = 300
                if isinstance(view, QTreeView):
                    width = view.viewport().width() - 2 * PAD_X - TOGGLE - ICON - 12
                lines = self._chip_lines(option.font, chips, max(120, width))
                ch = QFontMetrics(self.chip_font(option.font)).height() + 4
                h += 5 + lines * ch + (lines - 1) * CHIP_GAP
        else:
            h = PAD_Y - 2 + fm.height() * self.STATEMENT_LINES + 3 + small.height() + PAD_Y
        return QSize(max(120, option.rect.width()), h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        pal = opt.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(opt.rect)
        paint_row_background(painter, opt)
        text_color = pal.color(QPalette.ColorRole.Text)
        dim = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
        dim = QColor(text_color).lighter(100) if not dim.isValid() else dim
        color: QColor | None = item_value(index, Role.ColorRole)
        if item_value(index, Role.IsSourceRole):
            self._paint_source(painter, opt, index, rect, text_color, dim, color)
        else:
            self._paint_statement(painter, opt, index, rect, text_color, dim, color)
        painter.restore()

    def _paint_source(self, p, opt, index, rect, text_color, dim, color) -> None:
        fm = QFontMetrics(opt.font)
        small_font = _small(opt.font)
        small = QFontMetrics(small_font)
        self._paint_toggle(p, opt.font, rect, index, dim)
        x = rect.left() + PAD_X + TOGGLE
        top = rect.top() + PAD_Y
        icon = item_value(index, Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            icon.paint(p, QRect(x, top + (fm.height() - ICON) // 2, ICON, ICON))
        x += ICON + 8
        direct, para = item_value(index, Role.CountsRole) or (0, 0)
        # counts on the right: ❝ direct   ≈ paraphrased
        right = rect.right() - PAD_X - 4
        p.setFont(small_font)
        p.setPen(dim)
        cw = 0
        for n, name in ((para, "fa5s.comment"), (direct, "fa5s.quote-left")):
            label = str(n)
            w = small.horizontalAdvance(label)
            p.drawText(QRect(right - w, top, w, fm.height()), Qt.AlignmentFlag.AlignVCenter, label)
            isz = 10
            icons.icon(name, dim.name()).paint(
                p, QRect(right - w - isz - 3, top + (fm.height() - isz) // 2, isz, isz)
            )
            right -= w + isz + 12
            cw += w + isz + 12
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        p.setFont(bold)
        p.setPen(text_color)
        name_w = max(10, right - x)
        name = QFontMetrics(bold).elidedText(
            str(item_value(index, Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            name_w,
        )
        p.drawText(QRect(x, top, name_w, fm.height()), Qt.AlignmentFlag.AlignVCenter, name)
        second = str(item_value(index, Role.SecondLineRole) or "")
        p.setFont(small_font)
        p.setPen(dim)
        w2 = rect.right() - PAD_X - x
        second = small.elidedText(second, Qt.TextElideMode.ElideRight, w2)
        p.drawText(
            QRect(x, top + fm.height() + 2, w2, small.height()),
            Qt.AlignmentFlag.AlignVCenter,
            second,
        )
        pal = opt.palette
        chips = item_value(index, Role.ChipsRole) or []
        ctop = top + fm.height() + 2 + small.height() + 5
        for chip, r in self.chip_layout(opt.font, chips, x, ctop, w2):
            if r.bottom() > rect.bottom():
                break
            filled = chip.tone.startswith("rating:")
            color = tone_color(chip.tone, pal)
            self._draw_chip(p, r, chip.label, color, pal, opt.font, filled=filled)

    def _draw_chip(
        self,
        p: QPainter,
        r: QRect,
        label: str,
        color: QColor,
        pal: QPalette,
        font: QFont,
        filled: bool = False,
    ) -> None:
        bg = QColor(color)
        bg.setAlpha(200 if filled else (46 if is_dark(pal) else 26))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), r.height() / 2, r.height() / 2)
        p.setFont(self.chip_font(font))
        p.setPen(QColor("#ffffff") if filled else color)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_statement(self, p, opt, index, rect, text_color, dim, color) -> None:
        fm = QFontMetrics(opt.font)
        small_font = _small(opt.font)
        small = QFontMetrics(small_font)
        x = rect.left() + PAD_X - 2
        top = rect.top() + PAD_Y - 2
        if color is not None:
            bar = QColor(color)
            bar.setAlpha(150)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar)
            p.drawRoundedRect(QRectF(x, top + 2, 2.5, fm.height() * self.STATEMENT_LINES - 4), 1, 1)
        x += 9
        kind = item_value(index, Role.KindRole) or "indirect"
        isz = 11
        icons.statement_icon(kind, dim.name()).paint(
            p, QRect(x, top + (fm.height() - isz) // 2, isz, isz)
        )
        x += isz + 7
        width = rect.right() - PAD_X - x
        text = str(item_value(index, Qt.ItemDataRole.DisplayRole) or "")
        if kind in ("direct", "mixed") and not text.startswith(("“", '"')):
            text = f"“{text}”"
        p.setFont(opt.font)
        p.setPen(text_color)
        self._draw_lines(
            p, opt.font, text, QRect(x, top, width, fm.height() * self.STATEMENT_LINES)
        )
        second = str(item_value(index, Role.SecondLineRole) or "")
        p.setFont(small_font)
        hedges = item_value(index, Role.HedgesRole) or ()
        p.setPen(dim)
        y2 = top + fm.height() * self.STATEMENT_LINES + 3
        line = small.elidedText(second, Qt.TextElideMode.ElideRight, width)
        p.drawText(QRect(x, y2, width, small.height()), Qt.AlignmentFlag.AlignVCenter, line)
        if hedges and line == second:
            # hedge words in a warm colour, after the kind and cue
            plain = " · ".join(second.split(" · ")[: -len(hedges)]) + " · "
            hx = x + small.horizontalAdvance(plain)
            p.setPen(QColor("#b07a16"))
            p.drawText(
                QRect(hx, y2, width - (hx - x), small.height()),
                Qt.AlignmentFlag.AlignVCenter,
                " · ".join(hedges),
            )

    # ---- renaming in place -----------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index):
        if not item_value(index, Role.IsSourceRole):
            return None
        editor = QLineEdit(parent)
        editor.setObjectName("sourceNameEditor")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(item_value(index, Qt.ItemDataRole.DisplayRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        fm = QFontMetrics(option.font)
        x = self._text_left(option.rect) - 5
        editor.setGeometry(
            QRect(
                x, option.rect.top() + PAD_Y - 4, option.rect.right() - PAD_X - x, fm.height() + 8
            )
        )

    @staticmethod
    def _draw_lines(p: QPainter, font: QFont, text: str, rect: QRect) -> None:
        """Wrap text into the rect's lines; the last visible line is elided."""
        fm = QFontMetrics(font)
        max_lines = max(1, rect.height() // fm.height())
        layout = QTextLayout(text, font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.beginLayout()
        lines: list[tuple[int, int]] = []
        while len(lines) < max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()
        for i, (start, length) in enumerate(lines):
            chunk = text[start : start + length]
            if i == len(lines) - 1 and start + length < len(text):
                chunk = fm.elidedText(text[start:], Qt.TextElideMode.ElideRight, rect.width())
            p.drawText(
                QRect(rect.left(), rect.top() + i * fm.height(), rect.width(), fm.height()),
                Qt.AlignmentFlag.AlignVCenter,
                chunk.rstrip("\n"),
            )


class SourceTree(QTreeView):
    """The tree; rows are laid out again when its width changes (chips wrap). Its own
    triangles replace Qt's branch indicators, which sit apart from the tall rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)

    def toggle_at(self, pos) -> bool:
        """Open or close the source row whose triangle is at `pos` (viewport coordinates)."""
        index = self.indexAt(pos)
        delegate = self.itemDelegate()
        if (
            not index.isValid()
            or index.parent().isValid()
            or not self.model().hasChildren(index)
            or not isinstance(delegate, SourceDelegate)
        ):
            return False
        if not delegate.toggle_rect(self.font(), self.visualRect(index)).contains(pos):
            return False
        self.setExpanded(index, not self.isExpanded(index))
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.toggle_at(
            event.position().toPoint()
        ):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.toggle_at(event.position().toPoint()):  # a quick second click toggles again
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()
