"""The Library tab: every stored article in a sortable, filterable table with a count line.

`LibraryPanel` is a thin view over `LibraryModel` (through `LibraryFilterModel`); the list is
read through the window's operations runner and refreshed when an operation reports a change.
Enter opens the selected article; Delete asks first (`reader.ui.library_delete`) and then
pushes a `DeleteArticles` command on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.library import ArticleInfo
from reader.ui import icons
from reader.ui.library_delete import Confirm, DeleteArticles, ask_confirm, delete_question
from reader.ui.library_model import Column, LibraryFilterModel, LibraryModel

REFRESH_ON = ("library", "article", "annotations", "sources")


class LibraryTable(QTableView):
    """Enter opens, Delete asks to delete (the panel acts on the signals of the view)."""

    def __init__(self, panel: LibraryPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.panel.open_selected()
            return
        if key == Qt.Key.Key_Delete or (
            key == Qt.Key.Key_Backspace and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.panel.delete_selected()
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """Filter box, article table and a count line. `confirm` may be replaced (tests)."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = window
        self.library = window.library
        self.confirm: Confirm = ask_confirm
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._dirty = True
        self._loaded = False
        self._pending_select: list[int] = []
        self._next_after: int | None = None

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter by title, site or author")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon("fa5s.filter"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self._on_filter)

        self.table = LibraryTable(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (Column.SITE, Column.DATE, Column.SOURCES, Column.NOTES):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        fm = self.table.fontMetrics()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.resizeSection(Column.SITE, fm.horizontalAdvance("nytimes.com") + 14)
        head.resizeSection(Column.DATE, fm.horizontalAdvance("28 Sep 2024") + 18)
        counts = max(34, fm.horizontalAdvance("999") + 14)  # a small number, or the header icon
        head.resizeSection(Column.SOURCES, counts)
        head.resizeSection(Column.NOTES, counts)
        head.setMinimumSectionSize(32)
        self._fitting = False
        self._user_sized: set[int] = set()  # columns the reader resized: left as they are
        head.sectionResized.connect(self._on_section_resized)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        self.count_label.setContentsMargins(10, 3, 10, 4)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        top = QVBoxLayout()
        top.setContentsMargins(8, 8, 8, 6)
        top.addWidget(self.filter_edit)
        lay.addLayout(top)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.count_label)

        self.open_action = QAction("&Open", self)
        self.open_action.triggered.connect(self.open_selected)
        self.delete_action = QAction("&Delete…", self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)

        window.ops.changed.connect(self._on_changed)
        window.article_opened.connect(self._on_opened)
        self._update_count()

    # ---- feeding ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the article list again (off the GUI thread)."""
        self._dirty = False
        library = self.library
        self.main.ops.run(library.articles, self.set_articles, self._failed)

    def refresh_if_needed(self) -> None:
        if self._dirty:
            self.refresh()

    def set_articles(self, articles: list[ArticleInfo]) -> None:
        selected = self.selected_ids()
        current = self._id_at(self.table.currentIndex())
        if self._pending_select:
            selected, current = self._pending_select, self._pending_select[0]
            self._pending_select = []
        self.model.set_articles(articles)
        self.fit_columns()
        self._loaded = True
        self._select_ids(selected, current)
        self._update_count()

    def fit_columns(self) -> None:
        """Site and Date as wide as what they hold (the site at most a quarter of the table),
        so the stretching Title column gets the rest and elides only titles that do not fit."""
        head = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        pad = 12  # the cell's margins on both sides
        cap = {Column.SITE: max(60, self.table.viewport().width() // 4), Column.DATE: 200}
        self._fitting = True
        try:
            for col in (Column.SITE, Column.DATE):
                if col in self._user_sized:
                    continue
                label = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
                widest = fm.horizontalAdvance(label) + 14  # room for the sort arrow
                for row in range(self.model.rowCount()):
                    text = self.model.data(self.model.index(row, col))
                    widest = max(widest, fm.horizontalAdvance(str(text or "")))
                head.resizeSection(col, min(cap[col], widest + pad))
        finally:
            self._fitting = False

    def _on_section_resized(self, col: int, _old: int, _new: int) -> None:
        if not self._fitting and col in (Column.SITE, Column.DATE) and self.table.isVisible():
            self._user_sized.add(col)

    def _on_changed(self, what: str) -> None:
        if what in REFRESH_ON:
            self.mark_dirty()

    def _on_opened(self, view) -> None:
        # an opened file may be new to the library (File → Open goes through import)
        if self.model.row_of(view.info.id) < 0:
            self.mark_dirty()

    def mark_dirty(self) -> None:
        """The list is out of date: read it now if it shows, else when it is next shown."""
        self._dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self.refresh_if_needed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_if_needed()

    def _failed(self, exc: BaseException) -> None:
        failed = getattr(self.main, "_failed", None)
        if failed is not None:
            failed(exc, "Cannot read the library")

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            self.empty.setText(
                "No articles yet.\n\nOpen a web page, a URL, a Markdown or text file "
                "(File → Open…, Ctrl+O), or drop files here to import them."
                if self._loaded
                else "Reading the library…"
            )
            self.stack.setCurrentWidget(self.empty)
            self.count_label.setText("")
            return
        if shown == 0:
            self.empty.setText(f"No article matches “{self.filter_edit.text().strip()}”.")
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        noun = f"article{'s' * (total != 1)}"
        self.count_label.setText(
            f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}"
        )

    def _on_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    # ---- selection -------------------------------------------------------------------------

    def _id_at(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        src = self.proxy.mapToSource(index)
        info = self.model.article_at(src.row())
        return info.id if info else None

    def selected_ids(self) -> list[int]:
        """Selected articles in the table's order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        out = []
        for r in rows:
            article_id = self._id_at(self.proxy.index(r, 0))
            if article_id is not None:
                out.append(article_id)
        return out

    def select_article(self, article_id: int) -> bool:
        self._select_ids([article_id], article_id)
        return self.selected_ids() == [article_id]

    def _select_ids(self, ids: list[int], current: int | None) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for article_id in ids:
            row = self.model.row_of(article_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                sel.select(index, flags)
        if current is not None and (row := self.model.row_of(current)) >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)

    # ---- actions ---------------------------------------------------------------------------

    def open_selected(self) -> None:
        article_id = self._id_at(self.table.currentIndex())
        if article_id is None:
            ids = self.selected_ids()
            article_id = ids[0] if ids else None
        if article_id is not None:
            self.main.open_article(article_id)

    def delete_selected(self) -> None:
        """Ask, then delete the selected articles (undoable)."""
        ids = self.selected_ids()
        if not ids:
            return
        infos = [
            a for a in (self.model.article_at(self.model.row_of(i)) for i in ids) if a is not None
        ]
        label = "Delete article" if len(ids) == 1 else f"Delete {len(ids)} articles"
        self.confirm(
            self,
            label,
            delete_question(infos),
            lambda: self.delete(ids),
        )

    def delete(self, ids: list[int]) -> None:
        """Delete without asking (the confirmed path): one command on the undo stack."""
        if not ids:
            return
        self._next_after = self._neighbour(ids)
        label = "Delete article" if len(ids) == 1 else f"Delete {len(ids)} articles"
        self.main.undo_stack.push(DeleteArticles(self, ids, label))

    def _neighbour(self, ids: list[int]) -> int | None:
        """The article to show if the open one is deleted: the next row, else the previous."""
        order = [self._id_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]
        gone = set(ids)
        rows = [i for i, a in enumerate(order) if a in gone]
        if not rows:
            return None
        for a in order[rows[-1] + 1 :]:
            if a not in gone:
                return a
        for a in reversed(order[: rows[0]]):
            if a not in gone:
                return a
        return None

    def run_edit(self, fn: Callable[[], list[int]], on_done: Callable[[list[int]], None]) -> None:
        self.main.ops.run(fn, on_done, self._failed, database=True, changes="library")

    def after_delete(self, ids: list[int]) -> None:
        w = self.main
        n = len(ids)
        w.show_message(f"Deleted {n} article{'s' * (n != 1)} (Ctrl+Z to undo)")
        current = getattr(w, "current", None)
        if current is None or current.info.id not in ids:
            return
        next_id = self._next_after
        if next_id is not None and next_id not in ids:
            w.open_article(next_id)
            return
        w.current = None  # nothing left to show
        w.article_view.set_article(None)
        w.sources_panel.set_analysis(None)
        w.setWindowTitle("reader")
        update = getattr(w, "_update_status", None)
        if update is not None:
            update()

    def after_restore(self, ids: list[int]) -> None:
        n = len(ids)
        self.main.show_message(f"Restored {n} article{'s' * (n != 1)}")
        if ids:
            self.select_after_refresh(ids)
        if getattr(self.main, "current", None) is None and ids:
            self.main.open_article(ids[0])

    def select_after_refresh(self, ids: list[int]) -> None:
        """Select these articles once the list has been read again (after a change)."""
        self._pending_select = list(ids)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)
