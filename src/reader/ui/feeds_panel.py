"""The Feeds tab of the Library dock: subscriptions by folder with their unread counts and
errors, each feed's entries (loaded when it is opened), F5 to refresh every feed in the
background with progress and Cancel in the status bar, M to toggle an entry read, Enter or a
double click to open it as an article. The work is reader.library.feeds', run off the GUI
thread through the window's Operations; the tab reads nothing until it is first shown, so the
window starts without the store or the feed modules."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

KIND = Qt.ItemDataRole.UserRole + 1  # "feed" | "entry"
ID = Qt.ItemDataRole.UserRole + 2
LOADED = Qt.ItemDataRole.UserRole + 3
TITLE = Qt.ItemDataRole.UserRole + 4
UNREAD = Qt.ItemDataRole.UserRole + 5
SHORTCUTS = [
    ("F5", "Refresh every feed (Cancel in the status bar)"),
    ("M", "Mark the selected feed entry read or unread"),
]


def _ops():
    from reader.library import feeds  # loaded when the Feeds tab is first used

    return feeds


def feed_label(title: str, unread: int) -> str:
    return f"{title} ({unread})" if unread else title


class RefreshProgress(QWidget):
    """Status-bar strip: "Refreshing feeds 3 of 40", a progress bar and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(140)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.bar, self.cancel_button):
            row.addWidget(w)
        self.hide()

    def set_progress(self, done: int, total: int, what: str = "Refreshing feeds") -> None:
        # before the count is known: no "0 of 0", a busy bar
        self.label.setText(f"{what} {done} of {total}" if total else f"{what}…")
        self.bar.setRange(0, total)
        self.bar.setValue(done)


class FeedsPanel(QWidget):
    """The tree of feeds and their entries."""

    entry_activated = Signal(int)
    address_dropped = Signal(str)  # a web address dropped on the tab: subscribe to it

    def __init__(self, library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # thousands of entries scroll smoothly
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expanded.connect(self._load_entries)
        self.tree.activated.connect(self._activated)
        self.empty = QLabel("No feeds yet.", self)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        self.setAcceptDrops(True)  # the tree and its viewport do not: their drops come here

    def _dropped_address(self, event) -> str | None:
        from reader.ui.opening import dropped_targets

        found = [t for t in dropped_targets(event.mimeData()) if t.startswith(("http:", "https:"))]
        return found[0] if found else None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_address(event):
            event.acceptProposedAction()
        else:
            event.ignore()  # a file goes on to the window, which opens it

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        address = self._dropped_address(event)
        if address is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.address_dropped.emit(address)

    def reload(self) -> None:
        """Read the feeds again (their entries when a feed is opened); keeps what was open.
        Feeds in a folder (from OPML, or `--folder`) sit under it; the others at the top."""
        opened = {
            (item.data(KIND), item.data(ID))
            for item in self._items()
            if item.hasChildren() and self.tree.isExpanded(item.index())
        }
        self.model.clear()
        rows = _ops().feeds(self.library)
        folders: dict[str, QStandardItem] = {}
        for f in rows:
            item = QStandardItem()
            item.setData("feed", KIND)
            item.setData(f.id, ID)
            item.setData(f.title or f.url, TITLE)
            item.setData(f.unread, UNREAD)
            item.setData(False, LOADED)
            tip = f.url
            if f.error:
                item.setForeground(Qt.GlobalColor.darkRed)
                tip += f"\n{f.error}"
            item.setToolTip(tip)
            if f.entries:
                item.appendRow(QStandardItem(""))  # placeholder: the arrow, entries on opening
            parent = self.model.invisibleRootItem()
            if f.folder:
                if f.folder not in folders:
                    folder = QStandardItem()
                    folder.setData("folder", KIND)
                    folder.setData(f.folder, ID)
                    folder.setData(f.folder.replace("/", " / "), TITLE)
                    folders[f.folder] = folder
                    parent.appendRow(folder)
                parent = folders[f.folder]
            parent.appendRow(item)
            _relabel(item)
        for folder in folders.values():
            _relabel(folder)
        for item in self._items():
            if (item.data(KIND), item.data(ID)) in opened:
                self.tree.expand(item.index())
        self.empty.setVisible(not rows)

    def _items(self):
        """Every folder and feed item (not entries)."""
        todo = [self.model.item(r) for r in range(self.model.rowCount())]
        while todo:
            item = todo.pop(0)
            if item is None:
                continue
            yield item
            if item.data(KIND) == "folder":
                todo.extend(item.child(r) for r in range(item.rowCount()))

    def _load_entries(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(index)
        if item is None or item.data(KIND) != "feed" or item.data(LOADED):
            return
        item.removeRows(0, item.rowCount())
        for e in _ops().entries(self.library, item.data(ID)):
            child = QStandardItem(e.title or e.summary[:80] or e.url or e.guid)
            child.setData("entry", KIND)
            child.setData(e.id, ID)
            child.setToolTip(e.summary[:400])
            _bold(child, not e.read)
            item.appendRow(child)
        item.setData(True, LOADED)

    def select_entry(self, feed_id: int, entry_id: int) -> QStandardItem | None:
        """Open the feed's row, select the entry in it and scroll to it."""
        feed = next(
            (i for i in self._items() if i.data(KIND) == "feed" and i.data(ID) == feed_id), None
        )
        if feed is None:
            return None
        if feed.parent() is not None:
            self.tree.expand(feed.parent().index())
        self.tree.expand(feed.index())  # loads its entries
        self._load_entries(feed.index())
        for r in range(feed.rowCount()):
            child = feed.child(r)
            if child.data(ID) == entry_id:
                self.tree.setCurrentIndex(child.index())
                self.tree.scrollTo(child.index())
                return child
        return None

    def entry_item(self, entry_id: int) -> QStandardItem | None:
        """The entry's row, when its feed's entries are loaded."""
        for feed in self._items():
            if feed.data(KIND) == "feed" and feed.data(LOADED):
                for r in range(feed.rowCount()):
                    if feed.child(r).data(ID) == entry_id:
                        return feed.child(r)
        return None

    def selected_entry(self) -> QStandardItem | None:
        item = self.model.itemFromIndex(self.tree.currentIndex())
        return item if item is not None and item.data(KIND) == "entry" else None

    def show_read(self, item: QStandardItem, read: bool) -> None:
        """An entry's read state changed: its weight, and its feed's and folder's counts."""
        if item.font().bold() == (not read):
            return
        _bold(item, not read)
        feed = item.parent()
        if feed is None:
            return
        feed.setData(max(0, int(feed.data(UNREAD)) + (-1 if read else 1)), UNREAD)
        _relabel(feed)
        if feed.parent() is not None:
            _relabel(feed.parent())

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(index)
        if item is not None and item.data(KIND) == "entry":
            self.entry_activated.emit(int(item.data(ID)))


def _relabel(item: QStandardItem) -> None:
    """A feed's or folder's text and weight from its title and unread count (a folder's is the
    sum of its feeds')."""
    if item.data(KIND) == "folder":
        unread = sum(int(item.child(r).data(UNREAD) or 0) for r in range(item.rowCount()))
        item.setData(unread, UNREAD)
    unread = int(item.data(UNREAD) or 0)
    item.setText(feed_label(str(item.data(TITLE)), unread))
    _bold(item, unread > 0)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _bold(item: QStandardItem, on: bool) -> None:
    font = QFont(item.font())
    font.setBold(on)
    item.setFont(font)


class FeedsFeature(QObject):
    """The Feeds tab, its refresh (F5) with progress and Cancel, M and opening entries."""

    refreshed = Signal(object)  # reader.library.feeds.RefreshReport
    fetched_ahead = Signal(object)  # reader.library.feeds.FetchAheadReport

    def __init__(self, window, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.window = window
        self.panel = FeedsPanel(window.library, window)
        tabs.addTab(self.panel, "Feeds")
        self.progress = RefreshProgress(window)
        self.progress.cancel_requested.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)
        self._cancel: threading.Event | None = None
        self.panel.entry_activated.connect(self.open_entry)
        self.refresh_action = self._action("Refresh &Feeds", self.refresh, "F5")
        self.read_action = self._action("Toggle &Read", self.toggle_read, "M", self.panel.tree)
        window.shortcuts_help.extend(SHORTCUTS)
        self._loaded = False
        self._automatic = False
        self._tabs = tabs
        tabs.currentChanged.connect(self._on_tab)
        window.installEventFilter(self)  # a Close event cancels a refresh before closeEvent waits
        self._build_menu()

    def _build_menu(self) -> None:
        """Feeds menu (before Help) and File's subscription entries; N, Space, fetching ahead,
        refreshing by itself: each in its own module."""
        from reader.ui.feeds_reading import FeedsReading
        from reader.ui.feeds_schedule import RefreshSchedule
        from reader.ui.feeds_subscribe import Subscribing

        w = self.window
        self.menu = QMenu("Fee&ds", w)
        w.menuBar().insertMenu(w.help_menu.menuAction(), self.menu)
        self.subscribing = Subscribing(self)
        self.menu.addAction(self.subscribing.subscribe_action)
        self.menu.addSeparator()
        self.menu.addAction(self.refresh_action)
        self.reading = FeedsReading(self, self.menu)
        self.menu.addAction(self.read_action)
        self.menu.addSeparator()
        self.schedule = RefreshSchedule(self, self.menu)

    def show_feeds(self, *, reload: bool = True) -> None:
        """The Library dock on its Feeds tab (read afresh, or only if never read)."""
        dock = self.window.library_feature.dock
        dock.show()
        dock.raise_()
        self._tabs.setCurrentWidget(self.panel)  # reads the feeds the first time
        if reload:
            self._loaded = True
            self.panel.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.cancel()
        return False

    def _on_tab(self, index: int) -> None:
        if self._tabs.widget(index) is self.panel and not self._loaded:
            self._loaded = True
            self.panel.reload()

    def _action(self, text: str, slot, keys: str, owner: QWidget | None = None) -> QAction:
        act = QAction(text, owner or self.window)
        act.setShortcut(QKeySequence(keys))
        # M is a letter: only while the feed list has the focus, never while typing a note
        context = Qt.ShortcutContext.WidgetShortcut if owner else Qt.ShortcutContext.WindowShortcut
        act.setShortcutContext(context)
        act.triggered.connect(lambda _=False: slot())
        (owner or self.window).addAction(act)
        return act

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def refresh(self, *, automatic: bool = False) -> None:
        """Refresh every feed in the background (F5, or `automatic`: on start and on the
        interval, quiet unless something came or failed); one refresh at a time."""
        if self.running:
            return
        self.reading.cancel()  # fetching ahead gives way; it runs again after the refresh
        cancel = threading.Event()
        self._cancel = cancel
        self._automatic = automatic
        library = self.window.library
        self.progress.set_progress(0, 0)
        self.progress.cancel_button.setEnabled(True)
        if not automatic:
            self.progress.show()  # at once; an automatic one when there is something to fetch

        def progress(done: int, total: int) -> None:
            if self._cancel is cancel:
                self.progress.set_progress(done, total)
                self.progress.setVisible(total > 0 or not automatic)

        self.window.ops.run(
            lambda report: _ops().refresh(
                library, cancel=cancel, on_progress=lambda d, t, _o: report(d, t)
            ),
            self._done,
            self._failed,
            on_progress=progress,
            database=False,  # downloads: the database pool stays free for the window
        )

    def cancel(self) -> None:
        self.reading.cancel()
        if self._cancel is not None:
            self._cancel.set()
            self.progress.cancel_button.setEnabled(False)
            self.progress.label.setText("Cancelling…")

    def _done(self, report) -> None:  # reader.library.feeds.RefreshReport
        self._cancel = None
        self.progress.hide()
        quiet = self._automatic and not (report.new_entries or report.failed)
        if self._loaded or not self._automatic:
            self._loaded = True
            self.panel.reload()
        if not report.cancelled:
            self.reading.fetch_ahead()
        self.refreshed.emit(report)
        if quiet:
            return
        said = f"{_count(report.new_entries, 'new entry', 'new entries')} from " + _count(
            report.updated, "feed", "feeds"
        )
        if report.failed:
            said += f"; {len(report.failed)} failed (see their tooltips)"
        if report.cancelled:
            said = "Refresh cancelled: " + said
        self.window.show_message(said)

    def _failed(self, exc: BaseException) -> None:
        self._cancel = None
        self.progress.hide()
        self.window._failed(exc, "Refreshing the feeds failed")

    def toggle_read(self) -> None:
        item = self.panel.selected_entry()
        if item is None:
            return
        self.panel.show_read(item, _ops().toggle_read(self.window.library, int(item.data(ID))))

    def open_entry(self, entry_id: int) -> None:
        """Import the entry's article if needed (a download: off the GUI thread), then open it.
        The entry shows read at once, and unread again if it cannot be opened."""
        library = self.window.library
        self.window.statusBar().showMessage("Opening the entry…")
        item = self.panel.entry_item(entry_id)
        was_unread = item is not None and item.font().bold()
        if item is not None:
            self.panel.show_read(item, True)

        def opened(article_id: int) -> None:
            self.reading.opening(entry_id, article_id)
            self.window.open_article(article_id)

        def failed(exc: BaseException) -> None:
            again = self.panel.entry_item(entry_id)  # the tree may have been read again since
            if again is not None and was_unread:
                self.panel.show_read(again, False)
            self.window._failed(exc, "Cannot open the entry")

        self.window.ops.run(
            lambda: _ops().open_entry(library, entry_id),
            opened,
            failed,
            database=False,
            changes="library",
        )


def install_feeds(window, tabs: QTabWidget) -> FeedsFeature:
    """Add the Feeds tab to the Library dock's `tabs` of a MainWindow."""
    feature = FeedsFeature(window, tabs)
    window.feeds_feature = feature
    return feature
