"""The main window: the article in the middle, the Sources dock on the right, the status bar,
settings, messages and closing.

Its actions, menus and toolbar are built by `reader.ui.window_actions.WindowActions`; opening
articles, files, addresses and drops is `reader.ui.opening.Opening` (both mixed in). Other
parts of the UI plug in through the attributes documented on `MainWindow` and through installer
hooks (`reader.ui.annotations.install_annotations(window)`, …) called at the end of
`__init__`. Library work runs through `self.ops` off the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from reader.errors import PasswordNeeded, ReaderError
from reader.library import ArticleView as OpenArticle
from reader.library import Library
from reader.ui import dialogs, icons
from reader.ui.article_view import ArticleView
from reader.ui.opening import Opening
from reader.ui.operations import Operations
from reader.ui.paper import file_stem, saved_paper
from reader.ui.sources_panel import SourcesPanel
from reader.ui.theme import apply_theme
from reader.ui.window_actions import WindowActions

SCROLL_SAVE_MS = 700
log = logging.getLogger(__name__)
INSTALLERS = (
    ("reader.ui.annotations", "install_annotations"),
    ("reader.ui.library_panel", "install_library"),
    ("reader.ui.source_actions", "install_source_actions"),
    ("reader.ui.backup_menu", "install_backups"),
    ("reader.ui.reanalysis", "install_reanalysis"),
    ("reader.ui.log_menu", "install_log_menu"),
    ("reader.ui.print_article", "install_print"),
    ("reader.ui.orphaned_corrections", "install_orphaned_corrections"),
    ("reader.ui.outlets_menu", "install_outlets"),  # View → Outlets…
    ("reader.ui.live_updates", "install_live_updates"),  # others' edits; the server lost
    ("reader.ui.preferences", "install_preferences"),  # Edit → Preferences…: your name
)


def settings_for(data_dir: Path) -> QSettings:
    """Window settings live in the library folder, so each library (and each test) has its own."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


class MainWindow(Opening, WindowActions, QMainWindow):
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
        self.library = library
        self.settings = settings or settings_for(library.data_dir)
        # the theme before the widgets: applied after them, it restyles each one again
        apply_theme(str(self.settings.value("view/theme", "light")))
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

    def _install_plugins(self) -> None:
        for module_name, function in INSTALLERS:  # all part of reader: a missing one is a bug
            getattr(importlib.import_module(module_name), function)(self)

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
        paper = saved_paper(self.settings)  # File → Paper Size
        article_id = view.info.id

        origin = view.info.origin  # an encrypted original: the password it was opened with

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PasswordNeeded):  # asked as at open; Cancel writes nothing
                asked = self.pdf_opening().ask(origin, Path(origin).name, exc.wrong)
                if asked is None:
                    self.show_message(f"{Path(path).name} was not written: no password")
                else:
                    run(asked)
            elif isinstance(exc, AttributeError):
                self.show_message("PDF export is not available", error=True)
            else:
                self._failed(exc, "Cannot export the PDF")

        from reader.library.pdf_export import export_article_pdf  # a PDF: into its original

        library = self.library

        def run(password: str | None) -> None:
            self.statusBar().showMessage("Exporting PDF…")
            self.ops.run(
                lambda: export_article_pdf(
                    library, article_id, Path(path), paper=paper, claims=claims, password=password
                ),
                lambda _r: self.show_message(f"Exported {Path(path).name}"),
                failed,
                database=False,
            )

        run(self.pdf_opening().passwords.get(origin))

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
        """Scroll the article to text[start:end] and flash it. A statement gets the focus mark
        (a selection would hide it under one colour) with the caret at its start; any other
        range (a word of evidence) is selected."""
        view = self.article_view
        view.scroll_to(start)
        if view.focus_statement((start, end)):
            view.setTextCursor(view.cursor_for(start))
        else:
            view.select(start, end)
        view.flash(start, end)

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

    # ---- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leaving.emit()  # queued before the waits below
        self.save_settings()
        self._scroll_timer.stop()
        if self.current is not None and self.persist:
            article_id, pos = self.current.info.id, self.article_view.top_offset()
            self.ops.wait()
            try:
                self.library.set_scroll(article_id, pos)
            except ReaderError as exc:  # busy, read-only: closing goes on without the position
                log.warning("the reading position was not saved: %s", exc)
        self.ops.wait()
        super().closeEvent(event)


def _file_stem(title: str) -> str:
    return file_stem(title)  # cut after a whole word
