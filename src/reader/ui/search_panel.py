"""The Search panel: find anything across the library (article text, statements, source
names, notes) as you type, results grouped by article, a click opens the article at the hit.

A thin view over `SearchModel`. The query (debounced) runs on a worker of the general pool,
neither the GUI thread nor the database thread, on a read connection of its own, so edits
never queue behind it; a newer query or closing the window cancels it, answers to an older
query are dropped, and one that takes too long says so. `SearchDelegate` draws each hit's
snippet as rich text with the matched words marked.
"""

from __future__ import annotations

import logging
import re
import threading
import time

from PySide6.QtCore import QEvent, QModelIndex, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.library.search import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchCancelledError,
    SearchHit,
    SearchTimeoutError,
)
from reader.ui import icons
from reader.ui.delegates import Index, configure_card_tree, item_value, paint_row_background
from reader.ui.delegates import small_font as _small
from reader.ui.search_model import FIELD_LABELS, Role, SearchModel

DEBOUNCE_MS = 200
RESULT_LIMIT = 200
PAD_X, PAD_Y = 8, 6
FIELD_ICONS = {
    "title": "fa5s.heading",
    "text": "fa5s.align-left",
    "statement": "fa5s.quote-left",
    "source": "fa5s.user",
    "note": "fa5s.sticky-note",
}
MARK_LIGHT, MARK_DARK = "#f7e39c", "#6b5a1e"
TOO_SLOW = "Search took too long; try more specific words."

log = logging.getLogger(__name__)


class SearchDelegate(QStyledItemDelegate):
    """Article rows: title in bold with the number of hits on the right. Hit rows: a small
    icon and label for where the match is, then the snippet with the matches marked."""

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int):
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        pal = option.palette
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        mark = MARK_DARK if dark else MARK_LIGHT
        text = pal.color(QPalette.ColorRole.Text).name()
        doc.setDefaultStyleSheet(
            f"body {{ color: {text}; }} b {{ background-color: {mark}; font-weight: 600; }}"
        )
        doc.setHtml(f"<body>{item_value(index, Role.SnippetHtmlRole) or ''}</body>")
        doc.setTextWidth(max(40, width))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        width = max(120, option.rect.width())
        if item_value(index, Role.IsArticleRole):
            return QSize(width, PAD_Y + fm.height() + PAD_Y + 2)
        small = QFontMetrics(_small(option.font))
        text_w = option.rect.right() - PAD_X - self._text_left(option)
        if text_w <= 40:
            text_w = max(120, width - 60)
        doc = self._document(option, index, text_w)
        h = min(doc.size().height(), fm.lineSpacing() * 3 + 2)
        return QSize(width, int(PAD_Y + small.height() + 2 + h + PAD_Y))

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
        if item_value(index, Role.IsArticleRole):
            self._paint_article(painter, opt, index, rect, text_color, dim)
        else:
            self._paint_hit(painter, opt, index, rect, dim)
        painter.restore()

    def _paint_article(self, p, opt, index, rect, text_color, dim) -> None:
        fm = QFontMetrics(opt.font)
        small_font = _small(opt.font)
        small = QFontMetrics(small_font)
        top = rect.top() + PAD_Y
        right = rect.right() - PAD_X - 4
        n = int(item_value(index, Role.CountRole) or 0)
        label = f"{n} hit{'s' * (n != 1)}"
        w = small.horizontalAdvance(label)
        p.setFont(small_font)
        p.setPen(dim)
        p.drawText(QRect(right - w, top, w, fm.height()), Qt.AlignmentFlag.AlignVCenter, label)
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        p.setFont(bold)
        p.setPen(text_color)
        x = rect.left() + 6
        title_w = max(10, right - w - 10 - x)
        title = QFontMetrics(bold).elidedText(
            str(item_value(index, Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            title_w,
        )
        p.drawText(QRect(x, top, title_w, fm.height()), Qt.AlignmentFlag.AlignVCenter, title)

    def _paint_hit(self, p, opt, index, rect, dim) -> None:
        fm = QFontMetrics(opt.font)
        small_font = _small(opt.font)
        small = QFontMetrics(small_font)
        field = str(item_value(index, Role.FieldRole) or "text")
        top = rect.top() + PAD_Y
        x = rect.left() + PAD_X
        isz = 10
        icons.icon(FIELD_ICONS.get(field, "fa5s.align-left"), dim.name()).paint(
            p, QRect(x, top + (small.height() - isz) // 2, isz, isz)
        )
        p.setFont(small_font)
        p.setPen(dim)
        label = FIELD_LABELS.get(field, field)
        p.drawText(
            QRect(x + isz + 5, top, rect.width(), small.height()),
            Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        left = x
        width = rect.right() - PAD_X - left
        doc = self._document(opt, index, width)
        clip_h = min(doc.size().height(), fm.lineSpacing() * 3 + 2)
        p.translate(left, top + small.height() + 2)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = QRectF(0, 0, width, clip_h)
        p.setClipRect(ctx.clip)
        doc.documentLayout().draw(p, ctx)

    def _text_left(self, option: QStyleOptionViewItem) -> int:
        return option.rect.left() + PAD_X


class SearchTree(QTreeView):
    """Enter opens the hit under the cursor (as a click does)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.activated.emit(index)
                return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Query field, count line and results tree. Emits `hit_activated(SearchHit)` and
    `article_activated(int)`; the installer opens the article there."""

    hit_activated = Signal(object)  # SearchHit
    article_activated = Signal(int)
    searched = Signal(str, int)  # query, hits: a search came back and was shown

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = window
        self.model = SearchModel(self)
        self._seq = 0  # answers to older queries are dropped
        self._cancel: threading.Event | None = None  # the running search's cancel flag
        self._shown_query: str | None = None

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText("Search text, quotes, sources and notes")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.addAction(
            icons.icon("fa5s.search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.query_edit.textChanged.connect(self._on_text)
        self.query_edit.returnPressed.connect(self.search_now)
        self.query_edit.installEventFilter(self)

        self.count_label = QLabel("", self)
        self.count_label.setObjectName("searchCount")

        self.tree = SearchTree(self)
        self.tree.setObjectName("searchResults")
        self.tree.setModel(self.model)
        configure_card_tree(self.tree, indentation=10)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setItemDelegate(SearchDelegate(self.tree))
        self.tree.clicked.connect(self._activate)
        self.tree.activated.connect(self._activate)
        self._last_pick: tuple[object, float] | None = None  # (hit or article, when)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self._show_empty("")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)

        top = QVBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.setSpacing(4)
        top.addWidget(self.query_edit)
        row = QHBoxLayout()
        row.setContentsMargins(2, 0, 0, 0)
        row.addWidget(self.count_label, 1)
        top.addLayout(row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addWidget(self.stack, 1)

        window.ops.changed.connect(self._on_changed)
        window.installEventFilter(self)  # closing the window cancels a running search

    # ---- searching -------------------------------------------------------------------------

    def query(self) -> str:
        return self.query_edit.text()

    def set_query(self, text: str) -> None:
        """Type a query (the search follows after the debounce)."""
        self.query_edit.setText(text)

    def _on_text(self, _text: str) -> None:
        self._timer.start()

    def search_now(self) -> None:
        """Run the current query at once (Enter, the debounce timer, a library change)."""
        self._timer.stop()
        query = self.query()
        self._seq += 1
        seq = self._seq
        self.cancel()
        if not query.strip():
            self.model.clear()
            self._shown_query = None
            self.count_label.setText("")
            self._show_empty("")
            self.searched.emit(query, 0)
            return
        library = self.main.library
        cancel = self._cancel = threading.Event()
        self.count_label.setText("Searching…")
        self.main.ops.run(
            lambda: library.search(query, RESULT_LIMIT, cancel=cancel),
            lambda hits: self._show(seq, query, hits),
            lambda exc: self._failed(seq, query, exc),
            database=False,  # its own read connection: never in the way of the writer
        )

    def cancel(self) -> None:
        """Stop the running search, if any (its answer, should one come, is dropped)."""
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def _show(self, seq: int, query: str, hits: list[SearchHit]) -> None:
        if seq != self._seq:
            return  # the person typed on: a newer query is coming
        self.model.set_hits(hits, query)
        self._shown_query = query
        self.tree.expandAll()
        n, a = self.model.hit_count(), self.model.article_count()
        if n:
            more = "+" if n >= RESULT_LIMIT else ""
            self.count_label.setText(
                f"{n}{more} hit{'s' * (n != 1)} in {a} article{'s' * (a != 1)}"
            )
            self.stack.setCurrentWidget(self.tree)
        else:
            self.count_label.setText("No results")
            self._show_empty(query)
        self.searched.emit(query, n)

    def _failed(self, seq: int, query: str, exc: BaseException) -> None:
        if seq != self._seq:
            return
        if isinstance(exc, SearchCancelledError):
            self.count_label.setText("")  # the window is closing, or the search was stopped
            return
        if isinstance(exc, SearchTimeoutError):
            log.info("search %r: %s", query, exc)
            self.model.clear()
            self._shown_query = None
            self.count_label.setText(TOO_SLOW)
            self.empty.setText(TOO_SLOW)
            self.stack.setCurrentWidget(self.empty)
            self.searched.emit(query, 0)
            return
        self.count_label.setText("Search failed")
        failed = getattr(self.main, "_failed", None)
        if failed is not None:
            failed(exc, "Search failed")

    def _show_empty(self, query: str) -> None:
        if query.strip():
            self.empty.setText(f"No results for “{query.strip()}”.")
        else:
            self.empty.setText(
                "Type to search every article in the library: its text, the quotes and "
                "sources found in it, and your notes."
            )
        self.stack.setCurrentWidget(self.empty)

    def _on_changed(self, what: str) -> None:
        if what in ("library", "article", "annotations", "sources") and self.query().strip():
            self._timer.start()  # the library changed under the results: ask again

    # ---- picking ---------------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index)
        article_id = self.model.article_id_at(index) if hit is None else None
        picked = hit if hit is not None else article_id
        if picked is None or self._repeated(picked):
            return
        if hit is not None:
            self.hit_activated.emit(hit)
        elif article_id is not None:
            self.article_activated.emit(article_id)

    def _repeated(self, picked: object) -> bool:
        """True for the 2nd and 3rd signal of one double-click (clicked, activated, clicked):
        a hit opens once, so a second open cannot land on the old reading position."""
        now = time.monotonic()
        last, self._last_pick = self._last_pick, (picked, now)
        window = QApplication.doubleClickInterval() / 1000
        return last is not None and last[0] == picked and now - last[1] < window

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.main and event.type() == QEvent.Type.Close:
            self.cancel()
            return False
        if (
            obj is self.query_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.tree.setFocus()
                if not self.tree.currentIndex().isValid():
                    first = self.model.index(0, 0)
                    hit = self.model.index(0, 0, first)
                    self.tree.setCurrentIndex(hit if hit.isValid() else first)
                return True
            if event.key() == Qt.Key.Key_Escape and self.query_edit.text():
                self.query_edit.clear()
                return True
        return super().eventFilter(obj, event)


def hit_words(hit: SearchHit) -> list[str]:
    """The words a hit matched (marked in its snippet), each once: what the article marks when
    the hit opens."""
    pattern = re.escape(MARK_OPEN) + "(.+?)" + re.escape(MARK_CLOSE)
    return list(dict.fromkeys(w.lower() for w in re.findall(pattern, hit.snippet) if w.strip()))
