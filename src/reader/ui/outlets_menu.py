"""View → Outlets…: the menu item; the dialog (and the library's outlet figures behind it) is
loaded when first asked for, so start-up doesn't pay for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.outlets_dialog import OutletsDialog


class OutletsFeature:
    """View → Outlets…: one dialog, made when first asked for, read again each time it opens."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: OutletsDialog | None = None
        self.action = QAction("&Outlets…", window)
        self.action.setStatusTip("How each outlet (feed or site) sources its stories")
        self.action.triggered.connect(self.show)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.action)

    def show(self, _checked: Any = False) -> OutletsDialog:
        if self.dialog is None:
            from reader.ui.outlets_dialog import OutletsDialog

            self.dialog = OutletsDialog(self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.reload()
        return self.dialog


def install_outlets(window: MainWindow) -> None:
    window.outlets = OutletsFeature(window)  # type: ignore[attr-defined]
