"""Subscribing from the window: File → Subscribe to Feed… (a feed's address or a site's page;
when the page names several feeds, a list to choose from; an error in one line in the dialog),
File → Import/Export Subscriptions (OPML), and a feed address dropped on the Feeds tab. The
work is reader.library.feeds', run off the GUI thread through the window's Operations."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

# the dialogs' own widget classes (QFileDialog, QListWidget, QDialogButtonBox) are imported
# where a dialog is made: naming them here would have PySide6 build them at every start
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from reader.errors import ReaderError
from reader.ui.opening import typed_address

SUBSCRIBE_KEYS = "Ctrl+Shift+N"
OPML_FILTER = "OPML subscriptions (*.opml *.xml);;All files (*)"
log = logging.getLogger(__name__)


def _ops():
    from reader.library import feeds  # loaded on first use, as in feeds_panel

    return feeds


def ask_opml_open(parent: QWidget) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, "Import subscriptions", "", OPML_FILTER)
    return path or None


def ask_opml_save(parent: QWidget) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, "Export subscriptions", "subscriptions.opml", OPML_FILTER
    )
    if not path:
        return None
    return path if path.lower().endswith((".opml", ".xml")) else path + ".opml"


def error_line(exc: BaseException, context: str) -> str:
    """One line for a failure: ours say what went wrong; anything else is a bug, logged."""
    if isinstance(exc, ReaderError):
        return " ".join(str(exc).split())
    if isinstance(exc, OSError):  # a file that cannot be read or written
        return f"{context}: {exc.strerror or exc}"
    log.error("%s", context, exc_info=exc)
    return f"{context}: {type(exc).__name__} (details in the log)"


class SubscribeDialog(QDialog):
    """An address field, the feeds a page names when it names several, one line of error."""

    subscribed = Signal(object)  # reader.library.feeds.Added

    def __init__(self, window) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QListWidget

        super().__init__(window)
        self.main = window
        self.setWindowTitle("Subscribe to Feed")
        self.address = QLineEdit(self)
        self.address.setPlaceholderText("www.example.com or www.example.com/feed.xml")
        self.address.setMinimumWidth(520)
        self.choices = QListWidget(self)
        self.choices.hide()
        self.choose_label = QLabel("The page names several feeds; choose one:", self)
        self.choose_label.hide()
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(False)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.subscribe_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.subscribe_button.setText("Subscribe")
        self.buttons.accepted.connect(self.subscribe)
        self.buttons.rejected.connect(self.reject)
        self.choices.itemDoubleClicked.connect(lambda _i: self.subscribe())
        self.address.textEdited.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Address of a feed, or of a site's page:", self))
        layout.addWidget(self.address)
        layout.addWidget(self.choose_label)
        layout.addWidget(self.choices)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.busy = False

    def reset(self) -> None:
        """No list of feeds, no error: a new address."""
        self.choices.clear()
        self.choices.hide()
        self.choose_label.hide()
        self.error.hide()

    def subscribe(self) -> None:
        """Subscribe to the address, or to the feed chosen in the list (off the GUI thread)."""
        if self.busy:
            return
        chosen = self.choices.currentItem() if self.choices.isVisible() else None
        text = self.address.text().strip()
        if not text:
            self.show_error("Type or paste the address of a feed or of a site")
            return
        if self.choices.isVisible() and chosen is None:
            self.show_error("Choose one of the feeds")
            return
        address = chosen.data(Qt.ItemDataRole.UserRole) if chosen else typed_address(text)
        self.busy = True
        self.subscribe_button.setEnabled(False)
        self.error.setText("Looking for the feed…")
        self.error.setStyleSheet("")
        self.error.show()
        library = self.main.library
        self.main.ops.run(
            lambda: _ops().add_feed(library, address),
            self._added,
            self._failed,
            database=False,  # a download
        )

    def _added(self, added) -> None:  # reader.library.feeds.Added
        self.busy = False
        self.subscribe_button.setEnabled(True)
        self.subscribed.emit(added)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.subscribe_button.setEnabled(True)
        links = getattr(exc, "links", None)  # SeveralFeeds: the page names more than one
        if links:
            from PySide6.QtWidgets import QListWidgetItem

            self.error.hide()
            self.choices.clear()
            for link in links:
                item = QListWidgetItem(f"{link.title or link.url}  ({link.kind})", self.choices)
                item.setToolTip(link.url)
                item.setData(Qt.ItemDataRole.UserRole, link.url)
            self.choices.setCurrentRow(0)
            self.choose_label.show()
            self.choices.show()
            self.choices.setFocus()
            return
        self.show_error(error_line(exc, "Cannot subscribe"))

    def show_error(self, text: str) -> None:
        self.error.setStyleSheet("color: #b3261e")
        self.error.setText(text)
        self.error.setToolTip(text)
        self.error.show()


class Subscribing(QObject):
    """The File menu's subscription entries and drops on the Feeds tab, for a FeedsFeature."""

    def __init__(self, feature) -> None:
        super().__init__(feature)
        self.feature = feature
        self.window = window = feature.window
        self.ask_opml_open: Callable[[QWidget], str | None] = ask_opml_open
        self.ask_opml_save: Callable[[QWidget], str | None] = ask_opml_save
        self.dialog: SubscribeDialog | None = None
        self.subscribe_action = QAction("Subscribe to &Feed…", window)
        self.subscribe_action.setShortcut(QKeySequence(SUBSCRIBE_KEYS))
        self.subscribe_action.triggered.connect(lambda _=False: self.open_dialog())
        window.addAction(self.subscribe_action)
        self.import_action = QAction("Import Subscrip&tions (OPML)…", window)
        self.import_action.triggered.connect(lambda _=False: self.import_opml())
        self.export_action = QAction("E&xport Subscriptions (OPML)…", window)
        self.export_action.triggered.connect(lambda _=False: self.export_opml())
        menu = window.file_menu
        before = window.export_pdf_action  # after Open Recent, in a group of their own
        for act in (self.subscribe_action, self.import_action, self.export_action):
            menu.insertAction(before, act)
        menu.insertSeparator(before)
        window.shortcuts_help.append((SUBSCRIBE_KEYS, "Subscribe to a feed or a site"))
        feature.panel.address_dropped.connect(self.subscribe_dropped)
        feature.panel.empty.setText(
            "No feeds yet: File → Subscribe to Feed… (Ctrl+Shift+N), or drop a site's address here."
        )

    def open_dialog(self, address: str = "") -> SubscribeDialog:
        """The Subscribe dialog, window-modal, not blocking (tests drive it). One per window,
        kept: an answer that comes after it was closed lands on it, not on a deleted one."""
        dlg = self.dialog
        if dlg is None:
            dlg = self.dialog = SubscribeDialog(self.window)
            dlg.subscribed.connect(self._subscribed)
        if not dlg.busy:
            dlg.address.setText(address)
            dlg.reset()
        dlg.open()
        return dlg

    def _subscribed(self, added) -> None:  # reader.library.feeds.Added
        self.feature.show_feeds()
        if added.new:
            self.window.show_message(
                f"Subscribed to {added.title}: {added.entries} "
                + ("entry" if added.entries == 1 else "entries")
            )
        else:
            self.window.show_message(f"Already subscribed to {added.title}")

    def subscribe_dropped(self, address: str) -> None:
        """A feed or site address dropped on the Feeds tab: subscribe (choosing in the dialog
        when the page names several feeds)."""
        dlg = self.open_dialog(address)
        dlg.subscribe()

    def import_opml(self) -> None:
        path = self.ask_opml_open(self.window)
        if not path:
            return
        library = self.window.library

        def done(counts: tuple[int, int]) -> None:
            added, already = counts
            said = f"Imported {added} {'feed' if added == 1 else 'feeds'} from {Path(path).name}"
            if already:
                said += f" ({already} already subscribed)"
            self.window.show_message(said)
            self.feature.show_feeds()
            if added:
                self.feature.refresh()  # their entries: the feeds were only listed

        self.window.ops.run(
            lambda: _ops().import_opml(library, Path(path)),
            done,
            lambda exc: self.window.show_message(
                error_line(exc, "Cannot import the subscriptions"), error=True
            ),
        )

    def export_opml(self) -> None:
        path = self.ask_opml_save(self.window)
        if not path:
            return
        library = self.window.library
        self.window.ops.run(
            lambda: _ops().export_opml(library, Path(path)),
            lambda n: self.window.show_message(
                f"Exported {n} {'feed' if n == 1 else 'feeds'} to {Path(path).name}"
            ),
            lambda exc: self.window.show_message(
                error_line(exc, "Cannot export the subscriptions"), error=True
            ),
        )
