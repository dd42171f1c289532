"""The Sources panel: who is cited in the open article, each with their statements.

A thin view over `SourceModel` (through its sort/filter proxy): a filter box, a sort menu and
a tree drawn by `SourceDelegate`. It tells the window what the reader picked through signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis.model import Analysis, Source
from reader.ui import icons
from reader.ui.source_model import Role, SourceFilterModel, SourceModel

PAD_X, PAD_Y = 8, 7
ICON = 16


def _small(font: QFont, delta: float = -1.5) -> QFont:
    f = QFont(font)
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(6.0, f.pointSizeF() + delta))
    else:
        f.setPixelSize(max(8, f.pixelSize() + round(delta * 1.3)))
    return f


def _value(index: QModelIndex, role: int) -> Any:
    """An item's data asked of the Python model itself: `QModelIndex.data()` turns an empty
    QVariant into None in a way that leaks a reference on PySide6 6.12 (see app.pin_none)."""
    if not index.isValid():
        return None
    model = index.model()
    if isinstance(model, QSortFilterProxyModel):
        return model.sourceModel().data(model.mapToSource(index), role)
    return model.data(index, role)


class SourceDelegate(QStyledItemDelegate):
    """Source rows: icon, name in bold, counts on the right, role · affiliation dimmed below.
    Statement rows: kind icon, the statement in up to two lines, cue and hedges below."""

    STATEMENT_LINES = 2

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        small = QFontMetrics(_small(option.font))
        if _value(index, Role.IsSourceRole):
            h = PAD_Y + fm.height() + 2 + small.height() + PAD_Y
        else:
            h = PAD_Y - 2 + fm.height() * self.STATEMENT_LINES + 3 + small.height() + PAD_Y
        return QSize(max(120, option.rect.width()), h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        pal = opt.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(opt.rect)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        hover = bool(opt.state & QStyle.StateFlag.State_MouseOver)
        if selected or hover:
            bg = QColor(pal.color(QPalette.ColorRole.Highlight))
            if not selected:
                bg.setAlpha(80)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bg)
            painter.drawRoundedRect(QRectF(rect.adjusted(2, 1, -4, -1)), 6, 6)
        text_color = pal.color(QPalette.ColorRole.Text)
        dim = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
        dim = QColor(text_color).lighter(100) if not dim.isValid() else dim
        color: QColor | None = _value(index, Role.ColorRole)
        if _value(index, Role.IsSourceRole):
            self._paint_source(painter, opt, index, rect, text_color, dim, color)
        else:
            self._paint_statement(painter, opt, index, rect, text_color, dim, color)
        painter.restore()

    def _paint_source(self, p, opt, index, rect, text_color, dim, color) -> None:
        fm = QFontMetrics(opt.font)
        small_font = _small(opt.font)
        small = QFontMetrics(small_font)
        x = rect.left() + PAD_X
        top = rect.top() + PAD_Y
        icon = _value(index, Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            icon.paint(p, QRect(x, top + (fm.height() - ICON) // 2, ICON, ICON))
        x += ICON + 8
        direct, para = _value(index, Role.CountsRole) or (0, 0)
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
            str(_value(index, Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            name_w,
        )
        p.drawText(QRect(x, top, name_w, fm.height()), Qt.AlignmentFlag.AlignVCenter, name)
        second = str(_value(index, Role.SecondLineRole) or "")
        p.setFont(small_font)
        p.setPen(dim)
        w2 = rect.right() - PAD_X - x
        second = small.elidedText(second, Qt.TextElideMode.ElideRight, w2)
        p.drawText(
            QRect(x, top + fm.height() + 2, w2, small.height()),
            Qt.AlignmentFlag.AlignVCenter,
            second,
        )

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
        kind = _value(index, Role.KindRole) or "indirect"
        isz = 11
        icons.statement_icon(kind, dim.name()).paint(
            p, QRect(x, top + (fm.height() - isz) // 2, isz, isz)
        )
        x += isz + 7
        width = rect.right() - PAD_X - x
        text = str(_value(index, Qt.ItemDataRole.DisplayRole) or "")
        if kind in ("direct", "mixed") and not text.startswith(("“", '"')):
            text = f"“{text}”"
        p.setFont(opt.font)
        p.setPen(text_color)
        self._draw_lines(
            p, opt.font, text, QRect(x, top, width, fm.height() * self.STATEMENT_LINES)
        )
        second = str(_value(index, Role.SecondLineRole) or "")
        p.setFont(small_font)
        hedges = _value(index, Role.HedgesRole) or ()
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
        lines = []
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


class SourcesPanel(QWidget):
    """Filter box, sort menu and the source → statements tree."""

    statement_activated = Signal(int, int)  # start, end in the article text
    source_selected = Signal(object)  # reader.analysis.model.Source or None

    SORTS = (("statements", "Most statements"), ("name", "Name"), ("kind", "Kind"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SourceModel(self)
        self.proxy = SourceFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter sources and statements")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon("fa5s.search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self._on_filter)
        self.sort_combo = QComboBox(self)
        for key, label in self.SORTS:
            self.sort_combo.addItem(label, key)
        self.sort_combo.setToolTip("Sort sources")
        self.sort_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_sort_key(self.sort_combo.currentData())
        )

        self.tree = QTreeView(self)
        self.tree.setObjectName("sourcesTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setAnimated(False)
        self.tree.setMouseTracking(True)
        self.tree.setWordWrap(True)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(SourceDelegate(self.tree))
        self.tree.clicked.connect(self._activate)
        self.tree.activated.connect(self._activate)
        self.tree.selectionModel().currentChanged.connect(self._on_current)

        self.empty = QLabel("No cited sources found in this article.", self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 6)
        top.setSpacing(6)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.sort_combo)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addWidget(self.stack, 1)
        self.stack.setCurrentWidget(self.empty)

    # ---- feeding ---------------------------------------------------------------------------

    def set_analysis(self, analysis: Analysis | None, colors: dict | None = None) -> None:
        self.model.set_analysis(analysis, colors)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        has = bool(analysis and analysis.sources)
        self.stack.setCurrentWidget(self.tree if has else self.empty)
        if analysis is not None and not has:
            self.empty.setText("No cited sources found in this article.")
        if has:  # sources at a glance; the first one opened to show its statements
            self.tree.collapseAll()
            self.tree.expand(self.proxy.index(0, 0))

    def set_colors(self, colors: dict) -> None:
        self.model.set_colors(colors)
        self.tree.viewport().update()

    # ---- queries ---------------------------------------------------------------------------

    def source_rows(self) -> list[Source]:
        """The sources as listed (sorted and filtered)."""
        return [
            _value(self.proxy.index(r, 0), Role.SourceRole) for r in range(self.proxy.rowCount())
        ]

    def current_source(self) -> Source | None:
        return _value(self.tree.currentIndex(), Role.SourceRole)

    def index_of_statement(self, statement_id: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.statement_index(statement_id))

    def index_of_source(self, source_id: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.source_index(source_id))

    def select_source(self, source_id: str | None) -> None:
        if source_id is None:
            self.tree.clearSelection()
            self.tree.setCurrentIndex(QModelIndex())
            self.source_selected.emit(None)
            return
        self.tree.setCurrentIndex(self.index_of_source(source_id))

    # ---- reactions -------------------------------------------------------------------------

    def _on_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if text:
            self.tree.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and _value(current, Role.IsSourceRole):
            self.tree.expand(current)
        self.source_selected.emit(_value(current, Role.SourceRole) if current.isValid() else None)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or _value(index, Role.IsSourceRole):
            return
        span = _value(index, Role.SpanRole)
        if span:
            self.statement_activated.emit(int(span[0]), int(span[1]))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.tree.currentIndex().isValid():
            self.select_source(None)
            event.accept()
            return
        super().keyPressEvent(event)
