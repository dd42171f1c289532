"""The Library dock: every stored article in a sortable, filterable table, the Search tab,
batch import, and deleting articles with undo. `install_library(window)` plugs it into the
MainWindow (called by the window at the end of its __init__).

The table is a thin view over `LibraryModel` (through `LibraryFilterModel`); the list is read
through the window's operations runner and refreshed when an operation reports a change.
Deleting asks first (a non-modal box, or the panel's replaceable `confirm`), then runs as a
`DeleteArticles` command on the window's undo stack: Ctrl+Z puts the article back with its
highlights, notes and corrections.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.library import ArticleBundle, ArticleInfo
from reader.store.search import SearchHit
from reader.ui import icons
from reader.ui.import_dialog import BatchImport
from reader.ui.library_model import Column, LibraryFilterModel, LibraryModel
from reader.ui.search_model import matched_phrase
from reader.ui.search_panel import SearchPanel

Confirm = Callable[[QWidget, str, str, Callable[[], None]], None]
SHORTCUTS = [
    ("Ctrl+Shift+L", "Show or hide the Library"),
    ("Ctrl+Shift+F", "Search all articles (↓ to the results, Enter opens a hit)"),
    ("Ctrl+Shift+O", "Import several files in the background"),
    ("Enter", "Open the article selected in the Library"),
    ("Delete", "Delete the articles selected in the Library (asks first; Ctrl+Z undoes)"),
]
DOCK_WIDTH = 440
REFRESH_ON = ("library", "article", "annotations", "sources")


def ask_confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> None:
    """A window-modal question opened with `.open()`: nothing blocks; `on_yes` on Delete."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent.window(), box.windowFlags())
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if box.clickedButton() is delete:
            on_yes()

    box.finished.connect(finished)
    box.open()


def delete_question(articles: list[ArticleInfo]) -> str:
    notes = sum(a.notes for a in articles)
    if len(articles) == 1:
        head = f"Delete “{articles[0].title or '(untitled)'}” from the library?"
    else:
        head = f"Delete {len(articles)} articles from the library?"
    it = "it" if len(articles) == 1 else "them"
    tail = ""
    if notes:
        tail = f" Your {notes} note{'s' * (notes != 1)} on {it} and the highlights go too."
    return f"{head}{tail}\n\nEdit → Undo (Ctrl+Z) brings {it} back."


class DeleteArticles(QUndoCommand):
    """Delete articles; undo restores each with its highlights, notes and corrections.

    Both directions run on the database thread in order; the bundles are kept on the
    command by the worker (plain data), so an undo queued behind its redo finds them."""

    def __init__(self, panel: LibraryPanel, ids: list[int], label: str) -> None:
        super().__init__(label)
        self.panel = panel
        self.ids = list(ids)
        self.bundles: list[ArticleBundle] = []

    def redo(self) -> None:
        lib, ids = self.panel.library, self.ids

        def do() -> list[int]:
            self.bundles = []
            for article_id in ids:
                self.bundles.append(lib.article_bundle(article_id))
                lib.delete_article(article_id)
            return ids

        self.panel.run_edit(do, self.panel.after_delete)

    def undo(self) -> None:
        lib = self.panel.library

        def do() -> list[int]:
            return [lib.restore_article(b) for b in self.bundles]

        self.panel.run_edit(do, self.panel.after_restore)


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
        head.resizeSection(Column.SOURCES, 40)
        head.resizeSection(Column.NOTES, 40)
        head.setMinimumSectionSize(32)
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
        self._loaded = True
        self._select_ids(selected, current)
        self._update_count()

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


class LibraryFeature(QObject):
    """The Library dock (Library and Search tabs), its actions, batch import and going to a
    search hit, for one MainWindow (kept as `window.library_feature`)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.panel = LibraryPanel(window)
        self.search_panel = SearchPanel(window)
        self.importer = BatchImport(window)
        self._pending_hit: SearchHit | None = None

        self.tabs = QTabWidget(window)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.panel, "Library")
        self.tabs.addTab(self.search_panel, "Search")
        self.dock = QDockWidget("Library", window)
        self.dock.setObjectName("LibraryDock")
        self.dock.setWidget(self.tabs)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.dock.setTitleBarWidget(QWidget(self.dock))  # the tabs are the title
        if not window.restoreDockWidget(self.dock):
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
            self.dock.hide()  # shown on demand the first time; then as the user left it

        self._build_actions()
        self.search_panel.hit_activated.connect(self.show_hit)
        self.search_panel.article_activated.connect(window.open_article)
        window.article_opened.connect(self._on_opened)
        window.import_paths = self.importer.start
        window.shortcuts_help.extend(SHORTCUTS)

    def _build_actions(self) -> None:
        w = self.window

        def action(text: str, slot, keys: str, icon: str | None = None) -> QAction:
            act = QAction(text, w)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if icon:
                act.setIcon(icons.icon(icon))
            act.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
            act.triggered.connect(slot)
            w.addAction(act)
            return act

        self.toggle_action = action("&Library", self._toggle, "Ctrl+Shift+L", "fa5s.book")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setChecked(self.dock.isVisibleTo(w))
        self.dock.toggleViewAction().toggled.connect(self.toggle_action.setChecked)
        self.search_action = action(
            "&Search Library…", lambda _=False: self.show_search(), "Ctrl+Shift+F", "fa5s.search"
        )
        self.import_action = action(
            "&Import Files…",
            lambda _=False: self.choose_files(),
            "Ctrl+Shift+O",
            "fa5s.file-import",
        )

        menu = getattr(w, "file_menu", None)
        if menu is not None:
            after = getattr(w, "open_url_action", None)
            acts = menu.actions()
            before = None
            if after in acts and acts.index(after) + 1 < len(acts):
                before = acts[acts.index(after) + 1]
            menu.insertAction(before, self.import_action)
        view = getattr(w, "view_menu", None)
        if view is not None:
            sources = getattr(w, "toggle_sources_action", None)
            acts = view.actions()
            before = acts[acts.index(sources)] if sources in acts else None
            view.insertAction(before, self.toggle_action)
            view.insertAction(before, self.search_action)
        toolbar = getattr(w, "toolbar", None)
        if toolbar is not None:
            acts = toolbar.actions()
            toolbar.insertAction(acts[0] if acts else None, self.toggle_action)
            if acts:
                toolbar.insertSeparator(acts[0])
        for act in (getattr(w, "light_action", None), getattr(w, "dark_action", None)):
            if act is not None:
                act.toggled.connect(lambda on: self._refresh_icons() if on else None)

    def _refresh_icons(self) -> None:
        self.toggle_action.setIcon(icons.icon("fa5s.book"))
        self.search_action.setIcon(icons.icon("fa5s.search"))
        self.import_action.setIcon(icons.icon("fa5s.file-import"))

    # ---- showing ---------------------------------------------------------------------------

    def _toggle(self, checked: bool) -> None:
        if checked:
            self.show_library()
        else:
            self.dock.hide()

    def show_library(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.tabs.setCurrentWidget(self.panel)
        self.panel.refresh_if_needed()
        if self.window.current is not None:
            self.panel.select_article(self.window.current.info.id)
        self.panel.focus_table()

    def show_search(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.focus_query()

    def choose_files(self) -> None:
        w = self.window
        start = str(w.settings.value("paths/last_dir", "")) if hasattr(w, "settings") else ""
        paths = w.ask_open_paths(w, start)
        if paths:
            from pathlib import Path

            if hasattr(w, "settings"):
                w.settings.setValue("paths/last_dir", str(Path(paths[0]).parent))
            self.importer.start(list(paths))

    # ---- search hits -----------------------------------------------------------------------

    def show_hit(self, hit: SearchHit) -> None:
        """Open the hit's article (unless it shows already) and bring the hit into view."""
        current = self.window.current
        if current is not None and current.info.id == hit.article_id:
            self.reveal(hit, current)
            return
        self._pending_hit = hit
        self.window.open_article(hit.article_id)

    def _on_opened(self, view) -> None:
        hit = self._pending_hit
        if hit is not None and view.info.id == hit.article_id:
            self._pending_hit = None
            self.reveal(hit, view)

    def reveal(self, hit: SearchHit, view) -> None:
        span = hit_span(hit, view)
        av = self.window.article_view
        if span is None:
            av.verticalScrollBar().setValue(0)
            return
        av.scroll_to(span[0])
        av.flash(*span)


def hit_span(hit: SearchHit, view) -> tuple[int, int] | None:
    """The range of the article text to show for a hit: the matched words where they can be
    found, else the note's highlight, the statement or the source's first mention."""
    text: str = view.text
    if hit.start is None:
        return None
    start = max(0, min(hit.start, len(text)))
    word = matched_phrase(hit.snippet)
    region_end = len(text)
    fallback = (start, min(len(text), start + max(1, len(word))))
    if hit.field == "note" and hit.ref is not None:
        for h in view.highlights:
            if str(h.id) == str(hit.ref):
                return (h.start, h.end) if h.end > h.start else (h.start, h.start + 1)
        return fallback
    if hit.field == "statement":
        for st in view.analysis.statements:
            if st.id == hit.ref:
                fallback = (st.start, st.end)
                region_end = st.end
                break
    elif hit.field == "source":
        for src in view.analysis.sources:
            if src.id == hit.ref and src.mentions:
                return tuple(src.mentions[0])
    if word:
        pattern = re.compile(r"\s+".join(re.escape(w) for w in word.split()), re.IGNORECASE)
        found = pattern.search(text, start, max(region_end, start + len(word) + 10))
        if found:
            return (found.start(), found.end())
    return fallback


def install_library(window) -> LibraryFeature:
    """Add the Library dock, Search and batch import to a MainWindow."""
    feature = LibraryFeature(window)
    window.library_feature = feature
    return feature
