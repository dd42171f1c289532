"""The Annotations tab: filter by colour and text, a list of highlight cards, orphans apart.

The view holds no data: it shows `AnnotationFilter` over `AnnotationModel` and emits what
the reader asked for (go to a highlight, edit its note, delete it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.annotations.annotation_model import (
    COLOR_NAMES,
    AnnotationFilter,
    AnnotationModel,
    AnnotationRole,
    color_of,
)
from reader.ui.annotations.selection_toolbar import swatch_icon
from reader.ui.delegates import Index

PAD = 10
BAR = 4
QUOTE_LINES = 4
NOTE_LINES = 6


def _wrapped(text: str, font: QFont, width: int, max_lines: int) -> list[tuple[str, int]]:
    """The text laid out in `width`: (line text, height) for at most max_lines, the last elided."""
    fm = QFontMetrics(font)
    out: list[tuple[str, int]] = []
    for para in text.split("\n"):
        layout = QTextLayout(para, font)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            out.append((para[line.textStart() : line.textStart() + line.textLength()], fm.height()))
        layout.endLayout()
        if not para:
            out.append(("", fm.height()))
    if len(out) > max_lines:
        rest = " ".join(t for t, _ in out[max_lines - 1 :])
        last = (fm.elidedText(rest, Qt.TextElideMode.ElideRight, width), fm.height())
        out = [*out[: max_lines - 1], last]
    return [(t.rstrip(), h) for t, h in out]


class AnnotationDelegate(QStyledItemDelegate):
    """A card: colour bar, the quote in the reading face, the note, the time."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        quote = QFont(base)
        quote.setFamilies(["Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"])
        quote.setPointSizeF(base.pointSizeF() * 1.12)
        note = QFont(base)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        return quote, note, small

    def _layout(self, option: QStyleOptionViewItem, index: Index):
        quote_f, note_f, small_f = self._fonts(option)
        width = max(60, option.rect.width() - 2 * PAD - BAR - 6)
        quote = _wrapped(index.data(AnnotationRole.Quote) or "(empty)", quote_f, width, QUOTE_LINES)
        note_text = index.data(AnnotationRole.Note) or ""
        note = _wrapped(note_text, note_f, width, NOTE_LINES) if note_text else []
        return quote_f, note_f, small_f, quote, note

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(AnnotationRole.IsHeader):
            return QSize(option.rect.width(), QFontMetrics(option.font).height() * 2 + 8)
        _, _, small_f, quote, note = self._layout(option, index)
        h = PAD + sum(hh for _, hh in quote)
        if note:
            h += 6 + sum(hh for _, hh in note)
        h += 6 + QFontMetrics(small_f).height() + PAD
        return QSize(option.rect.width(), h + 6)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = option.palette
        r = option.rect
        if index.data(AnnotationRole.IsHeader):
            f = QFont(option.font)
            f.setBold(True)
            p.setFont(f)
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(
                r.adjusted(PAD, 6, -PAD, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(index.data(Qt.ItemDataRole.DisplayRole)),
            )
            p.setPen(pal.color(QPalette.ColorRole.Mid))
            p.drawLine(r.left() + PAD, r.bottom() - 2, r.right() - PAD, r.bottom() - 2)
            p.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        orphan = bool(index.data(AnnotationRole.Orphaned))
        card = r.adjusted(4, 3, -4, -3)
        bg = pal.color(QPalette.ColorRole.Base)
        if selected:
            bg = pal.color(QPalette.ColorRole.Highlight)
            bg.setAlpha(70)
        elif hover:
            bg = pal.color(QPalette.ColorRole.AlternateBase)
        edge = pal.color(QPalette.ColorRole.Mid)
        edge.setAlpha(90)
        p.setPen(edge)
        p.setBrush(bg)
        p.drawRoundedRect(card, 6, 6)
        p.setPen(Qt.PenStyle.NoPen)
        color = color_of(index.data(AnnotationRole.Color) or "yellow")
        bar = QColor(color)
        if orphan:
            bar.setAlpha(110)
        p.setBrush(bar)
        p.drawRoundedRect(QRect(card.left(), card.top(), BAR, card.height()), 2, 2)
        quote_f, note_f, small_f, quote, note = self._layout(option, index)
        x = card.left() + BAR + PAD
        y = r.top() + PAD
        ink = pal.color(QPalette.ColorRole.Text)
        dim = pal.color(QPalette.ColorRole.PlaceholderText)
        tint = QColor(color)
        tint.setAlpha(60 if not orphan else 30)
        p.setFont(quote_f)
        fm = QFontMetrics(quote_f)
        for line, h in quote:
            w = fm.horizontalAdvance(line)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(tint)
            p.drawRect(QRect(x - 1, y + 1, w + 2, h - 1))
            p.setPen(dim if orphan else ink)
            p.drawText(QRect(x, y, r.width(), h), Qt.AlignmentFlag.AlignLeft, line)
            y += h
        if note:
            y += 6
            p.setFont(note_f)
            p.setPen(ink)
            for line, h in note:
                p.drawText(QRect(x, y, r.width(), h), Qt.AlignmentFlag.AlignLeft, line)
                y += h
        y += 6
        p.setFont(small_f)
        p.setPen(dim)
        meta = index.data(AnnotationRole.Time) or ""
        if author := index.data(AnnotationRole.Author):  # from a PDF, or another member's
            meta = f"{author} · {meta}"
        elif index.data(AnnotationRole.Shared):
            meta = f"shared · {meta}"
        if orphan:
            meta = "not found in the current text · " + meta
        # not clipped to the line: an underscore ("team_ben") is drawn below the descent
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextDontClip)
        p.drawText(QRect(x, y, r.width(), QFontMetrics(small_f).height()), flags, meta)
        p.restore()


class AnnotationsPanel(QWidget):
    """Emits `activated(info)` on a click or Enter, `edit_requested(info)` on a double-click
    or F2, `delete_requested(info)` on Delete."""

    activated = Signal(object)
    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPanel")
        self.model = AnnotationModel(self)
        self.proxy = AnnotationFilter(self)
        self.proxy.setSourceModel(self.model)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter highlights and notes")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter annotations")
        self.search.textChanged.connect(self.proxy.set_text)
        lay.addWidget(self.search)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.color_buttons: dict[str, QToolButton] = {}
        for name in COLOR_NAMES:
            b = QToolButton(self)
            b.setCheckable(True)
            b.setChecked(False)
            b.setIcon(swatch_icon(name, 16))
            b.setToolTip(f"Show only {name} highlights (click several to combine)")
            b.setAccessibleName(f"Filter {name}")
            b.setAutoRaise(True)
            b.toggled.connect(self._colors_changed)
            row.addWidget(b)
            self.color_buttons[name] = b
        row.addStretch(1)
        self.summary = QLabel("", self)
        self.summary.setObjectName("annotationsSummary")
        row.addWidget(self.summary)
        lay.addLayout(row)
        self.list = QListView(self)
        self.list.setObjectName("annotationsList")
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(AnnotationDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setAccessibleName("Annotations")
        self.list.setStyleSheet("QListView { background: palette(window); }")
        self.list.clicked.connect(self._clicked)
        self.list.doubleClicked.connect(self._double_clicked)
        self.list.installEventFilter(self)
        lay.addWidget(self.list, 1)
        self.empty = QLabel(
            "No highlights yet.\nSelect text in the article and pick a colour,\nor press Ctrl+H.",
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("annotationsEmpty")
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        lay.addWidget(self.empty, 1)
        self.model.modelReset.connect(self._update_empty)
        self._update_empty()

    def set_highlights(self, highlights) -> None:
        keep = self.current_info()
        self.model.set_highlights(highlights)
        if keep is not None:
            self.select_id(keep.id, scroll=False)

    def select_id(self, highlight_id: int, scroll: bool = True) -> None:
        row = self.model.row_of(highlight_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            self.list.setCurrentIndex(idx)
            if scroll:
                self.list.scrollTo(idx)

    def current_info(self):
        idx = self.list.currentIndex()
        return idx.data(AnnotationRole.Info) if idx.isValid() else None

    def _colors_changed(self) -> None:
        chosen = {n for n, b in self.color_buttons.items() if b.isChecked()}
        self.proxy.set_colors(chosen or set(COLOR_NAMES))

    def _update_empty(self) -> None:
        hl = self.model.highlights()
        has = bool(hl)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        notes = sum(1 for h in hl if h.note)
        orphans = sum(1 for h in hl if h.orphaned)
        parts = [f"{len(hl)} highlight{'s' * (len(hl) != 1)}"] if hl else []
        if notes:
            parts.append(f"{notes} note{'s' * (notes != 1)}")
        if orphans:
            parts.append(f"{orphans} unplaced")
        self.summary.setText(" · ".join(parts))

    def _clicked(self, index: QModelIndex) -> None:
        info = index.data(AnnotationRole.Info)
        if info is not None:
            self.activated.emit(info)

    def _double_clicked(self, index: QModelIndex) -> None:
        info = index.data(AnnotationRole.Info)
        if info is not None:
            self.edit_requested.emit(info)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.list and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            info = self.current_info()
            if info is not None and key in (
                Qt.Key.Key_Delete,
                Qt.Key.Key_Backspace,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_F2,
            ):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.delete_requested.emit(info)
                elif key == Qt.Key.Key_F2:
                    self.edit_requested.emit(info)
                else:
                    self.activated.emit(info)
                return True
        return super().eventFilter(obj, event)
