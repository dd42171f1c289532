"""Reading the feeds one entry after another: N opens the next unread entry (the next feed's
when this one has none), Space pages down the article and at its end opens the next unread
entry; and "Fetch Full Articles Ahead of Time", a per-feed choice in the feed's context menu:
after a refresh those feeds' new entries are imported in the background (bounded, with
progress and Cancel in the status bar) so that they open at once, offline."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSlider, QMenu

FETCH_AHEAD_SETTING = "feeds/fetch_ahead"  # the feed ids, comma-separated
SHORTCUTS = [
    ("N", "Open the next unread feed entry"),
    ("Space", "Page down the article; at its end, open the next unread feed entry"),
]


def _ops():
    from reader.library import feeds  # loaded on first use, as in feeds_panel

    return feeds


class FeedsReading(QObject):
    """N, Space and fetching ahead for a FeedsFeature."""

    def __init__(self, feature, menu: QMenu) -> None:
        super().__init__(feature)
        self.feature = feature
        self.window = window = feature.window
        self.panel = feature.panel
        self.reading: tuple[int, int] | None = None  # (entry, its article) open in the window
        self._cancel: threading.Event | None = None
        self.next_action = QAction("&Next Unread Entry", window)
        self.next_action.setShortcut(QKeySequence("N"))
        # a letter: only while the feed list or the article has the focus, never in a note
        self.next_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.next_action.triggered.connect(lambda _=False: self.next_unread())
        for widget in (self.panel.tree, window.article_view):
            widget.addAction(self.next_action)
        menu.addAction(self.next_action)
        self.fetch_ahead_action = QAction("Fetch Full Articles &Ahead of Time", window)
        self.fetch_ahead_action.setCheckable(True)
        self.fetch_ahead_action.toggled.connect(self._toggle_fetch_ahead)
        self.panel.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.panel.tree.customContextMenuRequested.connect(self._context_menu)
        window.article_view.installEventFilter(self)
        window.article_opened.connect(self._article_opened)
        window.shortcuts_help.extend(SHORTCUTS)

    # ---- next unread ---------------------------------------------------------------------

    def next_unread(self) -> bool:
        """Open the unread entry after the one being read (or selected); False when none."""
        current = self.reading[0] if self.reading else None
        selected = self.panel.selected_entry()
        if selected is not None and self.panel.tree.hasFocus():
            current = int(selected.data(Qt.ItemDataRole.UserRole + 2))
        entry = _ops().next_unread(self.window.library, current)
        if entry is None:
            self.window.show_message("No unread entries")
            return False
        self.feature.show_feeds(reload=False)
        self.panel.select_entry(entry.feed_id, entry.id)
        self.feature.open_entry(entry.id)
        return True

    def opening(self, entry_id: int, article_id: int) -> None:
        """The feature opens entry `entry_id` as `article_id`: Space now reads on from it."""
        self.reading = (entry_id, article_id)

    def _article_opened(self, view) -> None:  # reader.library.ArticleView
        if self.reading is not None and view.info.id != self.reading[1]:
            self.reading = None  # another article, opened some other way

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.reading is not None
        ):
            bar = self.window.article_view.verticalScrollBar()
            if bar.value() >= bar.maximum():
                self.next_unread()
            else:
                bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            return True
        return False

    # ---- fetching ahead ------------------------------------------------------------------

    def fetch_ahead_feeds(self) -> set[int]:
        value = str(self.window.settings.value(FETCH_AHEAD_SETTING, "") or "")
        return {int(v) for v in value.split(",") if v.strip().isdigit()}

    def set_fetch_ahead(self, feed_id: int, on: bool) -> None:
        """Remember the feed's choice; turning it on fetches its entries now."""
        ids = self.fetch_ahead_feeds()
        ids = ids | {feed_id} if on else ids - {feed_id}
        self.window.settings.setValue(FETCH_AHEAD_SETTING, ",".join(map(str, sorted(ids))))
        self.window.settings.sync()
        if on:
            self.fetch_ahead()

    def _context_menu(self, pos: QPoint) -> None:
        item = self.panel.model.itemFromIndex(self.panel.tree.indexAt(pos))
        if item is None or item.data(Qt.ItemDataRole.UserRole + 1) != "feed":
            return
        self._menu_feed = int(item.data(Qt.ItemDataRole.UserRole + 2))
        self.fetch_ahead_action.blockSignals(True)
        self.fetch_ahead_action.setChecked(self._menu_feed in self.fetch_ahead_feeds())
        self.fetch_ahead_action.blockSignals(False)
        menu = QMenu(self.panel.tree)
        menu.addAction(self.fetch_ahead_action)
        menu.popup(self.panel.tree.viewport().mapToGlobal(pos))
        self.menu = menu  # kept for tests, which trigger its action

    def _toggle_fetch_ahead(self, on: bool) -> None:
        self.set_fetch_ahead(self._menu_feed, on)

    def fetch_ahead(self) -> None:
        """Import the unread entries of the feeds that fetch ahead, in the background."""
        ids = self.fetch_ahead_feeds()
        if not ids or self._cancel is not None or self.feature.running:
            return
        cancel = self._cancel = threading.Event()
        library = self.window.library
        progress = self.feature.progress
        progress.set_progress(0, 0, "Fetching articles ahead")
        progress.cancel_button.setEnabled(True)
        progress.show()
        self.window.ops.run(
            lambda report: _ops().fetch_ahead(library, ids, cancel=cancel, on_progress=report),
            self._fetched,
            self._failed,
            on_progress=lambda d, t: progress.set_progress(d, t, "Fetching articles ahead"),
            database=False,  # downloads
            changes="library",
        )

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _fetched(self, report) -> None:  # reader.library.feeds.FetchAheadReport
        self._cancel = None
        self.feature.progress.hide()
        said = f"Fetched {report.imported} {'article' if report.imported == 1 else 'articles'}"
        if report.failed:
            said += f"; {len(report.failed)} could not be fetched (see the log)"
        if report.cancelled:
            said = "Fetching ahead cancelled: " + said
        self.window.show_message(said)
        self.feature.fetched_ahead.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._cancel = None
        self.feature.progress.hide()
        self.window._failed(exc, "Fetching articles ahead failed")
