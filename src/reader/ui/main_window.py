"""The main window: the article in the middle, the Sources dock on the right, menus and toolbar.

Other parts of the UI plug in through the attributes documented on `MainWindow` and through
installer hooks (`reader.ui.annotations.install_annotations(window)`, …) called at the end of
`__init__`. Library work runs through `self.ops` off the GUI thread.
"""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.ingest import is_web_address
from reader.library import ArticleView as OpenArticle
from reader.library import Library
from reader.ui import dialogs, icons, theme
from reader.ui.article_view import ArticleView
from reader.ui.operations import Operations
from reader.ui.sources_panel import SourcesPanel

RECENT_MAX = 10
ZOOM_STEP = 1.1
SCROLL_SAVE_MS = 700
INSTALLERS = (
    ("reader.ui.annotations", "install_annotations"),
    ("reader.ui.library_panel", "install_library"),
    ("reader.ui.source_actions", "install_source_actions"),
    ("reader.ui.backup_menu", "install_backups"),
)


def settings_for(data_dir: Path) -> QSettings:
    """Window settings live in the library folder, so each library (and each test) has its own."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """The reader window.

    Contract for other parts of the UI: `library`, `ops`, `undo_stack`, `article_view`,
    `sources_panel`, `side_tabs` (tabs of the "Sources" dock), `current` (the open
    reader.library.ArticleView or None), `article_opened(ArticleView)`, `leaving()`, the
    menus `file_menu`/`edit_menu`/`view_menu`/`help_menu`, `toolbar`, `central_layout` (a
    QVBoxLayout around the article: add a find bar below it), `shortcuts_help`, and the
    methods `open_article`, `open_path`, `show_message`.
    """

    article_opened = Signal(object)  # reader.library.ArticleView
    leaving = Signal()  # another article is about to open, or the window to close: keep edits

    def __init__(
        self,
        library: Library,
        settings: QSettings | None = None,
        ops: Operations | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from reader.ui.app import pin_none

        pin_none()
        self.library = library
        self.settings = settings or settings_for(library.data_dir)
        self.ops = ops or Operations(self)
        self.undo_stack = QUndoStack(self)
        self.current: OpenArticle | None = None
        self.persist = True  # False in --screenshot mode: leave settings untouched
        self.shortcuts_help: list[tuple[str, str]] = []
        self.ask_open_paths = dialogs.ask_open_paths
        self.ask_url = dialogs.ask_url
        self.ask_save_pdf = dialogs.ask_save_pdf
        self._opening: int | None = None
        self._dialogs: list[QWidget] = []

        self.setWindowTitle("reader")
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        # article, with a notice strip above it
        self.article_view = ArticleView(self)
        self.notice = dialogs.NoticeBar(self)
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.notice)
        self.central_layout.addWidget(self.article_view, 1)
        self.setCentralWidget(central)

        # Sources dock
        self.sources_panel = SourcesPanel(self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.sources_panel, "Sources")
        self.sources_dock = QDockWidget("Sources", self)
        self.sources_dock.setObjectName("SourcesDock")
        self.sources_dock.setWidget(self.side_tabs)
        self.sources_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.sources_dock.setTitleBarWidget(QWidget(self.sources_dock))  # tabs are the title
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.sources_dock)
        self.resizeDocks([self.sources_dock], [400], Qt.Orientation.Horizontal)

        # status bar: title on the left, counts on the right
        self.status_title = QLabel(self)
        self.status_counts = QLabel(self)
        self.statusBar().addWidget(self.status_title, 1)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.statusBar().setSizeGripEnabled(False)

        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(SCROLL_SAVE_MS)
        self._scroll_timer.timeout.connect(self.save_scroll)
        self.article_view.verticalScrollBar().valueChanged.connect(self._scroll_timer.start)
        self.article_view.zoom_requested.connect(
            lambda d: self.zoom_in() if d > 0 else self.zoom_out()
        )
        self.sources_panel.statement_activated.connect(self.show_statement)
        self.sources_panel.source_selected.connect(self._on_source_selected)
        self.ops.changed.connect(self._on_changed)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._restore_settings()
        self._install_plugins()

    # ---- actions, menus, toolbar -----------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any = None,
        shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
        icon: str | None = None,
        help_text: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        act = QAction(text, self)
        if icon:
            act.setIcon(icons.icon(icon))
        if shortcuts:
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        if slot is not None:
            act.triggered.connect(slot)
        tip = text.replace("&", "").rstrip("…")
        if shortcuts:
            tip += (
                f" ({QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        act.setToolTip(tip)
        if help_text and shortcuts:
            keys = " / ".join(
                QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts
            )
            self.shortcuts_help.append((keys, help_text))
        self.addAction(act)  # shortcuts work with the menu bar hidden, too
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a(
            "&Open…", self.choose_files, ("Ctrl+O",), "fa5s.folder-open", "Open a file"
        )
        self.open_url_action = a(
            "Open &URL…", self.choose_url, ("Ctrl+L",), "fa5s.globe", "Open a web page"
        )
        self.export_pdf_action = a(
            "&Export annotated PDF…",
            self.export_pdf,
            ("Ctrl+E",),
            "fa5s.file-pdf",
            "Export annotated PDF",
        )
        self.quit_action = a("&Quit", self.close, ("Ctrl+Q",), None, "Quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setIcon(icons.icon("fa5s.undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icons.icon("fa5s.redo"))
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
        self.shortcuts_help += [("Ctrl+Z", "Undo"), ("Ctrl+Shift+Z", "Redo")]
        self.copy_action = a(
            "&Copy", self.article_view.copy, ("Ctrl+C",), "fa5s.copy", "Copy the selection"
        )
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setEnabled(False)
        self.article_view.copyAvailable.connect(self.copy_action.setEnabled)

        self.toggle_sources_action = self.sources_dock.toggleViewAction()
        self.toggle_sources_action.setText("&Sources panel")
        self.toggle_sources_action.setIcon(icons.icon("fa5s.columns"))
        self.toggle_sources_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.shortcuts_help.append(("Ctrl+Shift+S", "Show or hide the Sources panel"))
        self.zoom_in_action = a(
            "Zoom &in", self.zoom_in, ("Ctrl+=", "Ctrl++"), "fa5s.search-plus", "Larger text"
        )
        self.zoom_out_action = a(
            "Zoom &out", self.zoom_out, ("Ctrl+-",), "fa5s.search-minus", "Smaller text"
        )
        self.zoom_reset_action = a(
            "&Reset zoom", self.zoom_reset, ("Ctrl+0",), None, "Text at its normal size"
        )
        self.light_action = a("&Light theme", lambda: self.set_theme("light"), checkable=True)
        self.dark_action = a("&Dark theme", lambda: self.set_theme("dark"), checkable=True)
        group = QActionGroup(self)
        group.addAction(self.light_action)
        group.addAction(self.dark_action)
        self.theme_toggle_action = a(
            "Switch theme",
            self.toggle_theme,
            ("Ctrl+Shift+D",),
            "fa5s.adjust",
            "Switch light / dark theme",
        )
        self.mark_claims_action = a("&Mark claims", None, (), "fa5s.underline", checkable=True)
        self.mark_claims_action.setChecked(True)
        self.mark_claims_action.toggled.connect(self.set_mark_claims)

        self.shortcuts_action = a(
            "&Keyboard shortcuts", self.show_shortcuts, ("F1",), "fa5s.keyboard"
        )
        self.about_action = a("&About reader", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_url_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setIcon(icons.icon("fa5s.history"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_pdf_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.copy_action)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.toggle_sources_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.zoom_in_action)
        self.view_menu.addAction(self.zoom_out_action)
        self.view_menu.addAction(self.zoom_reset_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.light_action)
        self.view_menu.addAction(self.dark_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.mark_claims_action)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main toolbar", self)
        tb.setObjectName("MainToolbar")
        tb.setMovable(False)
        tb.setFloatable(False)
        tb.setIconSize(tb.iconSize().scaled(18, 18, Qt.AspectRatioMode.KeepAspectRatio))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addAction(self.open_action)
        tb.addAction(self.open_url_action)
        tb.addAction(self.export_pdf_action)
        tb.addSeparator()
        tb.addAction(self.zoom_out_action)
        tb.addAction(self.zoom_in_action)
        tb.addSeparator()
        tb.addAction(self.mark_claims_action)
        tb.addAction(self.theme_toggle_action)
        spacer = QWidget(tb)
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        tb.addWidget(spacer)
        tb.addAction(self.toggle_sources_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _install_plugins(self) -> None:
        for module_name, function in INSTALLERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            install = getattr(module, function, None)
            if install is not None:  # a module still being written may not have it yet
                install(self)

    # ---- settings --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        geometry = s.value("window/geometry")  # after the state: docks change the size
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 860)
        try:
            # QSettings.value() is typed object; what float() cannot take is caught below
            zoom = float(s.value("view/zoom", 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            zoom = 1.0
        self.article_view.set_zoom(zoom)
        self.set_mark_claims(str(s.value("view/mark_claims", "true")).lower() != "false")
        self.set_theme(str(s.value("view/theme", "light")))

    def save_settings(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("view/zoom", self.article_view.zoom)
        s.setValue("view/theme", self.theme.name)
        s.setValue("view/mark_claims", "true" if self.article_view.claims_visible else "false")
        s.sync()

    # ---- opening ---------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        """Open a stored article (off the GUI thread); `article_opened` fires when it shows."""
        self.leaving.emit()
        self.save_scroll()
        self._opening = article_id

        def done(view: OpenArticle) -> None:
            if self._opening == article_id:
                self._opening = None
            self._show_article(view)

        def failed(exc: BaseException) -> None:
            if self._opening == article_id:
                self._opening = None
            self._failed(exc, "Cannot open the article")

        self.ops.run(lambda: self.library.open_article(article_id), done, failed)

    def open_path(self, path: str | Path, fallback: bool = False) -> None:
        """Import a file or URL (or find it in the library) and open it. With `fallback`, an
        unreadable path opens the last article or the sample instead (start-up)."""
        target = str(path)
        library = self.library

        def work() -> tuple[int | None, BaseException | None]:
            try:
                return library.import_path(target), None
            except ReaderError as exc:
                if not fallback:
                    raise
                return _fallback_article(library), exc

        def done(result: tuple[int | None, BaseException | None]) -> None:
            article_id, error = result
            if error is None:
                self.add_recent(target)
            if article_id is not None:
                self.open_article(article_id)
            if error is not None:
                self._failed(error, f"Cannot open {Path(target).name}")

        self.statusBar().showMessage(f"Opening {_display_name(target)}…")
        self.ops.run(
            work, done, lambda exc: self._failed(exc, f"Cannot open {_display_name(target)}")
        )

    def open_start(self, path: str | None = None) -> None:
        """What the window shows at launch: PATH, else the last article, else the sample."""
        if path:
            self.open_path(path, fallback=True)
            return
        library = self.library

        def work() -> OpenArticle | int | None:
            # the last article comes back whole, without loading SQLAlchemy (the quick way
            # to the first paint); otherwise the id of the one to open
            view = library.reopen_last()
            return view if view is not None else _fallback_article(library)

        def done(result: OpenArticle | int | None) -> None:
            if isinstance(result, int):
                self.open_article(result)
            elif result is not None:
                self._show_article(result)

        self.ops.run(work, done, lambda exc: self._failed(exc, "Cannot open the library"))

    def _show_article(self, view: OpenArticle) -> None:
        self.current = view
        self.article_view.set_article(view)
        self.sources_panel.set_analysis(view.analysis, self.article_view.source_colors())
        self.article_view.set_top_offset(view.info.scroll_pos)
        self._update_status()
        self.setWindowTitle(f"{_short(view.info.title, 80)} — reader")
        self.article_opened.emit(view)

    def _update_status(self) -> None:
        view = self.current
        if view is None:
            self.status_title.setText("")
            self.status_counts.setText("")
            return
        a = view.analysis
        self.status_title.setText(_short(view.info.title, 90))
        n_src, n_st = len(a.sources), len(a.statements)
        self.status_counts.setText(
            f"{n_src} source{'s' * (n_src != 1)} · {n_st} statement{'s' * (n_st != 1)}"
        )

    def reload_current(self) -> None:
        """Open the current article again (after its sources or annotations changed)."""
        if self.current is None:
            return
        article_id = self.current.info.id
        top = self.article_view.top_offset()

        def done(view: OpenArticle) -> None:
            self._show_article(view)
            self.article_view.set_top_offset(top)

        self.ops.run(lambda: self.library.open_article(article_id), done, self._failed)

    def _on_changed(self, what: str) -> None:
        if what in ("article", "sources"):
            self.reload_current()

    # ---- File menu -------------------------------------------------------------------------

    def choose_files(self) -> None:
        start = str(self.settings.value("paths/last_dir", str(Path.home())))
        for path in self.ask_open_paths(self, start):
            self.settings.setValue("paths/last_dir", str(Path(path).parent))
            self.open_path(path)

    def choose_url(self) -> None:
        url = self.ask_url(self)
        if url:
            self.open_path(url)

    def export_pdf(self) -> None:
        view = self.current
        if view is None:
            self.show_message("Open an article first", error=True)
            return
        export = getattr(self.library, "export_pdf", None)
        if export is None:
            self.show_message("PDF export is not available", error=True)
            return
        folder = str(self.settings.value("paths/export_dir", str(Path.home())))
        suggested = str(Path(folder) / f"{_file_stem(view.info.title)}.pdf")
        path = self.ask_save_pdf(self, suggested)
        if not path:
            return
        self.settings.setValue("paths/export_dir", str(Path(path).parent))
        claims = self.article_view.claims_visible
        article_id = view.info.id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AttributeError):
                self.show_message("PDF export is not available", error=True)
            else:
                self._failed(exc, "Cannot export the PDF")

        self.statusBar().showMessage("Exporting PDF…")
        self.ops.run(
            lambda: export(article_id, Path(path), paper=None, claims=claims),
            lambda _r: self.show_message(f"Exported {Path(path).name}"),
            failed,
            database=False,
        )

    def recent(self) -> list[str]:
        value: Any = self.settings.value("recent/paths", [])  # a str, a list or None
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str) -> None:
        if not is_web_address(path):
            path = str(Path(path).expanduser().resolve())
        items = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue("recent/paths", items[:RECENT_MAX])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        items = [p for p in self.recent() if is_web_address(p) or Path(p).exists()]
        if items != self.recent():
            self.settings.setValue("recent/paths", items)  # clear entries that vanished
        menu = self.recent_menu
        menu.clear()
        for i, p in enumerate(items):
            label = _display_name(p)
            act = menu.addAction(f"&{(i + 1) % 10}  {label}")
            act.setToolTip(p)
            act.setData(p)
            act.triggered.connect(lambda _checked=False, p=p: self.open_path(p))
        if not items:
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.setValue("recent/paths", [])
        self._fill_recent_menu()

    # ---- View menu -------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(self.article_view.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.article_view.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.article_view.set_zoom(zoom)
        self.statusBar().showMessage(f"Zoom {round(self.article_view.zoom * 100)}%", 1500)

    def set_theme(self, name: str) -> None:
        self.theme = theme.apply_theme(name)
        (self.dark_action if self.theme.name == "dark" else self.light_action).setChecked(True)
        self._refresh_icons()
        self.article_view.set_theme(self.theme)
        self.sources_panel.set_colors(self.article_view.source_colors())

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme.name == "dark" else "dark")

    def _refresh_icons(self) -> None:
        for act, name in (
            (self.open_action, "fa5s.folder-open"),
            (self.open_url_action, "fa5s.globe"),
            (self.export_pdf_action, "fa5s.file-pdf"),
            (self.zoom_in_action, "fa5s.search-plus"),
            (self.zoom_out_action, "fa5s.search-minus"),
            (self.theme_toggle_action, "fa5s.sun" if self.theme.name == "dark" else "fa5s.moon"),
            (self.mark_claims_action, "fa5s.underline"),
            (self.toggle_sources_action, "fa5s.columns"),
            (self.undo_action, "fa5s.undo"),
            (self.redo_action, "fa5s.redo"),
            (self.copy_action, "fa5s.copy"),
            (self.shortcuts_action, "fa5s.keyboard"),
        ):
            act.setIcon(icons.icon(name))
        self.recent_menu.setIcon(icons.icon("fa5s.history"))

    def set_mark_claims(self, on: bool) -> None:
        if self.mark_claims_action.isChecked() != on:
            self.mark_claims_action.setChecked(on)  # re-enters through toggled
            return
        self.article_view.set_claims_visible(on)

    # ---- Help menu -------------------------------------------------------------------------

    def show_shortcuts(self) -> dialogs.ShortcutsDialog:
        dlg = dialogs.ShortcutsDialog(self.shortcuts_help, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def show_about(self) -> dialogs.AboutDialog:
        dlg = dialogs.AboutDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    # ---- messages --------------------------------------------------------------------------

    def show_message(self, text: str, error: bool = False) -> None:
        """One line in the status bar; an error also shows in the notice strip (non-modal)."""
        self.statusBar().showMessage(text, 15000 if error else 6000)
        if error:
            self.notice.show_notice(text, error=True)

    def _failed(self, exc: BaseException, context: str = "Something went wrong") -> None:
        if isinstance(exc, ReaderError):
            self.show_message(str(exc), error=True)
            return
        from reader.errors import log_exception

        log = log_exception(exc)
        self.show_message(f"{context}: {exc} (details in {log})", error=True)

    # ---- sources ---------------------------------------------------------------------------

    def show_statement(self, start: int, end: int) -> None:
        """Scroll the article to text[start:end], select it and flash it."""
        self.article_view.scroll_to(start)
        self.article_view.select(start, end)
        self.article_view.flash(start, end)

    def _on_source_selected(self, source: Any) -> None:
        self.article_view.focus_source(source.id if source is not None else None)

    # ---- scroll position -------------------------------------------------------------------

    def save_scroll(self) -> None:
        """Store the open article's reading position (debounced while scrolling)."""
        self._scroll_timer.stop()
        if self.current is None or self._opening is not None:
            return
        article_id, pos = self.current.info.id, self.article_view.top_offset()
        library = self.library
        self.ops.run(lambda: library.set_scroll(article_id, pos))

    # ---- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if _dropped_targets(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        targets = _dropped_targets(event.mimeData())
        if not targets:
            event.ignore()
            return
        event.acceptProposedAction()
        batch = getattr(self, "import_paths", None)  # set by reader.ui.library_panel
        if batch is not None and len(targets) > 1:
            batch(targets)  # many files: import in the background with progress
            return
        for t in targets:
            self.open_path(t)

    # ---- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leaving.emit()  # queued before the waits below
        self.save_settings()
        self._scroll_timer.stop()
        if self.current is not None and self.persist:
            article_id, pos = self.current.info.id, self.article_view.top_offset()
            self.ops.wait()
            with contextlib.suppress(Exception):  # closing must not fail over a reading position
                self.library.set_scroll(article_id, pos)
        self.ops.wait()
        super().closeEvent(event)


def _fallback_article(library: Library) -> int | None:
    """The article to show when nothing else is asked for: the last one, the newest, the sample."""
    last = library.last_article_id()
    if last is not None:
        return last
    if library.article_count() == 0:
        return library.import_sample()
    rows = library.articles()
    return rows[0].id if rows else library.import_sample()


def _dropped_targets(mime) -> list[str]:
    out: list[str] = []
    if mime is None:
        return out
    if mime.hasUrls():
        for url in mime.urls():
            url = QUrl(url)
            if url.isLocalFile():
                out.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                out.append(url.toString())
    elif mime.hasText():
        text = mime.text().strip()
        if is_web_address(text) and " " not in text:
            out.append(text)
    return out


def _display_name(target: str) -> str:
    if is_web_address(target):
        return target
    return Path(target).name or target


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _file_stem(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(keep.split())[:60] or "article"
