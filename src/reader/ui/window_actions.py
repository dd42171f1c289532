"""The window's actions, menus, toolbar and the View and Help menus they drive.

`WindowActions` is mixed into `reader.ui.main_window.MainWindow`: it builds every QAction
(with its shortcut listed in the shortcuts help), the File/Edit/View/Help menus, the toolbar
and the recent-files menu, and holds the slots that only change how the window looks (zoom,
theme, claim marks) or show help. Other parts of the UI add their menu items through the
installer hooks of `main_window`, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from reader.ui import dialogs, icons, theme
from reader.ui.article_view import ArticleView
from reader.ui.closing import close_article
from reader.ui.signals_help import show_signals_help
from reader.ui.sources_panel import SourcesPanel
from reader.ui.theme import Theme

if TYPE_CHECKING:
    _Window = QMainWindow
else:  # a plain mixin at run time: MainWindow brings the QMainWindow
    _Window = object

RECENT_MAX = 10
ZOOM_STEP = 1.1


class WindowActions(_Window):
    """Actions, menus and toolbar of the main window (a mixin of MainWindow)."""

    # set by MainWindow.__init__ before the actions are built
    settings: QSettings
    undo_stack: QUndoStack
    article_view: ArticleView
    sources_panel: SourcesPanel
    sources_dock: QDockWidget
    shortcuts_help: list[tuple[str, str]]
    theme: Theme

    if TYPE_CHECKING:  # defined by the other parts of MainWindow

        def open_path(self, path: str | Path, fallback: bool = False) -> None: ...
        def choose_files(self) -> None: ...
        def choose_url(self) -> None: ...
        def export_pdf(self) -> None: ...

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
        self.close_article_action = a(
            "&Close article", lambda: close_article(self), ("Ctrl+W",), None, "Close the article"
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
        self.signals_help_action = a("What the &signals mean", lambda: show_signals_help(self))
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
        self.file_menu.addAction(self.close_article_action)
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
        self.help_menu.addAction(self.signals_help_action)
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

    # ---- recent files ----------------------------------------------------------------------

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
            label = display_name(p)
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
        self.sources_panel.set_text_scale(self.article_view.zoom)  # the chips' text follows
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


def is_web_address(text: str) -> bool:
    """reader.ingest's answer, imported when a name is first asked about (a recent file, an
    opened one), not with the window: the first paint needs nothing of reader.ingest."""
    from reader.ingest import is_web_address as web

    return web(text)


def display_name(target: str) -> str:
    """How a file or address reads in a menu or message: a file's name, an address whole."""
    if is_web_address(target):
        return target
    return Path(target).name or target
