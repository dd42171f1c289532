"""The Sources panel: who is cited in the open article, each with their statements, the
signals a reader can check (each chip quoting its evidence on hover), the user's rating, and a
details pane for the selected source.

A thin view over `SourceModel` (through its sort/filter proxy): a filter box, kind and sort
menus, a tree drawn by `SourceDelegate` and `SourceDetails` below it. It tells the window what
the reader picked or asked for through signals; `reader.ui.source_actions` turns the requests
(rating, note, corrections) into undoable library operations.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.analysis.model import Analysis, Source, Statement
from reader.ui import icons
from reader.ui.delegates import Index, configure_card_tree, item_value, paint_row_background
from reader.ui.delegates import small_font as _small
from reader.ui.source_chips import RATING_COLORS, TONE_COLORS, Chip
from reader.ui.source_details import SourceDetails
from reader.ui.source_model import KIND_LABELS, Role, SourceFilterModel, SourceModel

PAD_X, PAD_Y = 8, 7
ICON = 16
CHIP_GAP, CHIP_PAD, CHIP_LINES = 4, 6, 3


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

    # ---- chips (shared by painting, sizing and tooltips) -------------------------------------

    @staticmethod
    def chip_font(font: QFont) -> QFont:
        return _small(font, -1.5)

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
        return rect.left() + PAD_X + ICON + 8

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
            out.append((chip.key, r, chip.tooltip))
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
                    width = view.viewport().width() - view.indentation() - 2 * PAD_X - ICON - 12
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
        x = rect.left() + PAD_X
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
    """The tree; rows are laid out again when its width changes (chips wrap)."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class SourcesPanel(QWidget):
    """Filter box, kind and sort menus, the source → statements tree and the details pane.

    Requests go out as signals (the panel changes no data): `rename_requested`,
    `merge_requested`, `move_requested`, `not_statement_requested`, `rating_requested`,
    `note_changed`, `article_requested`."""

    statement_activated = Signal(int, int)  # start, end in the article text
    source_selected = Signal(object)  # reader.analysis.model.Source or None
    rename_requested = Signal(str, str)  # source key, new name
    merge_requested = Signal(str, str)  # from source key, into source key
    move_requested = Signal(str, str)  # statement key, to source key
    not_statement_requested = Signal(str)  # statement key
    rating_requested = Signal(int, object)  # library source id, rating −2…+2 or None
    note_changed = Signal(int, str)  # library source id, note (debounced)
    article_requested = Signal(int)  # another article quoting the source

    SORTS = (
        ("statements", "Most statements"),
        ("name", "Name"),
        ("kind", "Kind"),
        ("rating", "Your rating"),
    )
    KINDS = (None, "person", "organization", "media", "anonymous", "document")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SourceModel(self)
        self.proxy = SourceFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.model.rename_requested.connect(self.rename_requested)
        self._keep: str | None = None  # source to select again after the next analysis

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter sources and statements")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon("fa5s.search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self._on_filter)
        self.kind_combo = QComboBox(self)
        for kind in self.KINDS:
            self.kind_combo.addItem("All kinds" if kind is None else KIND_LABELS[kind])
        self.kind_combo.setToolTip("Show one kind of source")
        self.kind_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_kind(self.KINDS[i] if 0 <= i < len(self.KINDS) else None)
        )
        self.sort_combo = QComboBox(self)
        for _key, label in self.SORTS:
            self.sort_combo.addItem(label)
        self.sort_combo.setToolTip("Sort sources")
        self.sort_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_sort_key(self.SORTS[i][0] if 0 <= i < len(self.SORTS) else "")
        )

        self.tree = SourceTree(self)
        self.tree.setObjectName("sourcesTree")
        self.tree.setModel(self.proxy)
        configure_card_tree(self.tree, indentation=14)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.delegate = SourceDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
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

        self.details = SourceDetails(self)
        self.details.evidence_activated.connect(self.statement_activated)
        self.details.rating_chosen.connect(self.rating_requested)
        self.details.note_edited.connect(self.note_changed)
        self.details.article_requested.connect(self.article_requested)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("sourcesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(7)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.addWidget(self.filter_edit, 1)
        menus = QHBoxLayout()
        menus.setContentsMargins(8, 0, 8, 6)
        menus.setSpacing(6)
        menus.addWidget(self.kind_combo, 1)
        menus.addWidget(self.sort_combo, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addLayout(menus)
        lay.addWidget(self.splitter, 1)
        self.stack.setCurrentWidget(self.empty)

    # ---- feeding ---------------------------------------------------------------------------

    def set_analysis(self, analysis: Analysis | None, colors: dict | None = None) -> None:
        """Show an analysis; the source selected before (or the one `keep_source` named)
        stays selected when the new analysis still has it (a reload after a correction)."""
        same = analysis is not None and analysis.text == self.model.text
        current = self.current_source()
        keep = (self._keep or (current.id if current else None)) if same else None
        self._keep = None
        self.details.flush()
        self.model.set_analysis(analysis, colors)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        has = bool(analysis and analysis.sources)
        self.stack.setCurrentWidget(self.tree if has else self.empty)
        if analysis is not None and not has:
            self.empty.setText("No cited sources found in this article.")
        self.details.show_source(None, self.model)
        if has:  # sources at a glance; the first one opened to show its statements
            self.tree.collapseAll()
            keep_index = self.index_of_source(keep) if keep else QModelIndex()
            if keep_index.isValid():
                self.tree.setCurrentIndex(keep_index)
                self.tree.scrollTo(keep_index)
            else:
                self.tree.expand(self.proxy.index(0, 0))

    def keep_source(self, source_id: str | None) -> None:
        """Select this source after the next `set_analysis` (e.g. the target of a merge)."""
        self._keep = source_id

    def set_library(self, links: dict, infos: dict, appearances: dict | None = None) -> None:
        """The library's record of the article's sources (ratings, notes, other articles)."""
        self.model.set_library(links, infos, appearances)
        self.proxy.invalidate()
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.tree.scheduleDelayedItemsLayout()
        self.details.show_source(self.current_source(), self.model)

    def update_info(self, info: Any) -> None:
        """A library source's rating or note changed."""
        self.model.update_info(info)
        if self.proxy.sort_key == "rating":
            self.proxy.invalidate()
            self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.tree.scheduleDelayedItemsLayout()
        self.details.refresh_info(self.model)

    def set_colors(self, colors: dict) -> None:
        self.model.set_colors(colors)
        self.tree.viewport().update()
        self.details.refresh()  # the theme may have changed

    # ---- queries ---------------------------------------------------------------------------

    def source_rows(self) -> list[Source]:
        """The sources as listed (sorted and filtered)."""
        return [
            item_value(self.proxy.index(r, 0), Role.SourceRole)
            for r in range(self.proxy.rowCount())
        ]

    def current_source(self) -> Source | None:
        index = self.tree.currentIndex()
        return item_value(index, Role.SourceRole) if index.isValid() else None

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

    def hit_areas(self, source_id: str) -> list[tuple[str, QRect, str]]:
        """(what, rect in the tree's viewport, tooltip) of a source row's parts and chips."""
        index = self.index_of_source(source_id)
        if not index.isValid():
            return []
        return self.delegate.source_hit_areas(self.tree.font(), self.tree.visualRect(index), index)

    def rename_source(self, source_id: str) -> None:
        """Edit the source's name in place (Enter asks for the rename, Escape cancels)."""
        index = self.index_of_source(source_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self.tree.edit(index)

    # ---- context menu ----------------------------------------------------------------------

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The corrections menu of a row: rename, merge into ▸ for a source; move to ▸ and
        not a statement for a statement. Actions emit the panel's request signals."""
        if not index.isValid():
            return None
        src: Source | None = item_value(index, Role.SourceRole)
        if src is None:
            return None
        others = [s for s in self.model.sources() if s.id != src.id]
        menu = QMenu(self)
        if item_value(index, Role.IsSourceRole):
            menu.addAction(
                icons.icon("fa5s.i-cursor"), "Rename source…", lambda: self.rename_source(src.id)
            )
            merge = menu.addMenu(icons.icon("fa5s.compress-alt"), "Merge into")
            for other in others:
                merge.addAction(
                    icons.kind_icon(other.kind),
                    other.name,
                    lambda o=other.id: self._request_merge(src.id, o),
                )
            merge.setEnabled(bool(others))
        else:
            st: Statement | None = item_value(index, Role.StatementRole)
            if st is None:
                return None
            move = menu.addMenu(icons.icon("fa5s.exchange-alt"), "Move statement to")
            for other in others:
                move.addAction(
                    icons.kind_icon(other.kind),
                    other.name,
                    lambda o=other.id, k=st.id: self.move_requested.emit(k, o),
                )
            move.setEnabled(bool(others))
            menu.addAction(
                icons.icon("fa5s.ban"),
                "Not a statement",
                lambda k=st.id: self.not_statement_requested.emit(k),
            )
        return menu

    def _request_merge(self, from_key: str, into_key: str) -> None:
        self.keep_source(into_key)
        self.merge_requested.emit(from_key, into_key)

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(pos))
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.tree.viewport().mapToGlobal(pos))  # never a modal exec()

    # ---- reactions -------------------------------------------------------------------------

    def _on_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if text:
            self.tree.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if (
            current.isValid()
            and item_value(current, Role.IsSourceRole)
            and not self.filter_edit.text()
        ):
            # one source open at a time, at the top: its statements under it
            for r in range(self.proxy.rowCount()):
                other = self.proxy.index(r, 0)
                if other != current:
                    self.tree.collapse(other)
            self.tree.expand(current)
            self.tree.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtTop)
        elif current.isValid() and item_value(current, Role.IsSourceRole):
            self.tree.expand(current)
        source = item_value(current, Role.SourceRole) if current.isValid() else None
        self.details.show_source(source, self.model)
        self.source_selected.emit(source)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or item_value(index, Role.IsSourceRole):
            return
        span = item_value(index, Role.SpanRole)
        if span:
            self.statement_activated.emit(int(span[0]), int(span[1]))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.tree.currentIndex().isValid():
            self.select_source(None)
            event.accept()
            return
        super().keyPressEvent(event)
