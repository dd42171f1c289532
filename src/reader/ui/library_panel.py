"""The Library dock: the Library tab (`reader.ui.library_table`), the Search tab, batch
import, their actions and menu entries, and going to a search hit. `install_library(window)`
plugs it into the MainWindow (called by the window at the end of its __init__).

Deleting articles with undo lives in `reader.ui.library_delete`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QTabWidget,
    QWidget,
)

from reader.ui import icons

if TYPE_CHECKING:
    from reader.library.search import SearchHit
    from reader.ui.import_dialog import BatchImport
    from reader.ui.library_table import LibraryPanel
    from reader.ui.search_panel import SearchPanel

SHORTCUTS = [
    ("Ctrl+Shift+L", "Show or hide the Library"),
    ("Ctrl+Shift+F", "Search all articles (↓ to the results, Enter opens a hit)"),
    ("Ctrl+Shift+O", "Import several files in the background"),
    ("Enter", "Open the article selected in the Library"),
    ("Delete", "Delete the articles selected in the Library (asks first; Ctrl+Z undoes)"),
]
DOCK_WIDTH = 440
__all__ = ["LibraryFeature", "hit_span", "install_library"]


class LibraryFeature(QObject):
    """The Library dock (Library and Search tabs), its actions, batch import and going to a
    search hit, for one MainWindow (kept as `window.library_feature`).

    The dock is hidden at a first start (and usually after): its Library and Search tabs and
    the batch import are built when first needed (`panel`, `search_panel`, `importer`, the dock
    shown), not before the window's first paint. The actions and shortcuts exist from the start.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._panel: LibraryPanel | None = None
        self._search_panel: SearchPanel | None = None
        self._importer: BatchImport | None = None
        self._pending_hit: SearchHit | None = None

        self.tabs = QTabWidget(window)
        self.tabs.setDocumentMode(True)
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
        window.article_opened.connect(self._on_opened)
        window.import_paths = lambda paths: self.importer.start(paths)
        window.shortcuts_help.extend(SHORTCUTS)

        from reader.ui.feeds_panel import install_feeds  # the Feeds tab (feeds_panel.py)

        self.feeds = install_feeds(window, self.tabs)
        self.dock.visibilityChanged.connect(lambda shown: self._build_tabs() if shown else None)
        if self.dock.isVisibleTo(window):  # left open last time: in the first paint
            self._build_tabs()

    # ---- built on first use ----------------------------------------------------------------

    @property
    def panel(self) -> LibraryPanel:
        """The Library tab."""
        self._build_tabs()
        assert self._panel is not None
        return self._panel

    @property
    def search_panel(self) -> SearchPanel:
        """The Search tab."""
        self._build_tabs()
        assert self._search_panel is not None
        return self._search_panel

    @property
    def importer(self) -> BatchImport:
        """Batch import of several files, with its progress."""
        if self._importer is None:
            from reader.ui.import_dialog import BatchImport

            self._importer = BatchImport(self.window)
        return self._importer

    def _build_tabs(self) -> None:
        """The Library and Search tabs, before the Feeds tab, the Library tab current."""
        if self._panel is not None:
            return
        from reader.ui.library_table import LibraryPanel
        from reader.ui.search_panel import SearchPanel

        w = self.window
        self._panel = LibraryPanel(w)
        self._search_panel = SearchPanel(w)
        self._search_panel.hit_activated.connect(self.show_hit)
        self._search_panel.article_activated.connect(w.open_article)
        with QSignalBlocker(self.tabs):  # the Feeds tab is not "shown" in between: not read
            self.tabs.insertTab(0, self._panel, "Library")
            self.tabs.insertTab(1, self._search_panel, "Search")
        self.tabs.setCurrentIndex(0)

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
        from reader.ui.search_panel import hit_words

        av.scroll_to(span[0])
        av.mark_words(hit_words(hit), span)  # as find matches, until another article or Ctrl+F
        av.flash(*span)


def hit_span(hit: SearchHit, view) -> tuple[int, int] | None:
    """The range of the article text to show for a hit: the matched words where they can be
    found, else the note's highlight, the statement or the source's first mention."""
    from reader.ui.search_model import matched_phrase

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
