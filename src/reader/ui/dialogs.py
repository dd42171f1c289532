"""Dialogs and in-window notices: file and URL prompts, keyboard shortcuts, About, message bar.

Prompts are plain functions so the window can hold them as replaceable attributes (tests swap
them for lambdas and never open a modal dialog). Everything else here is non-modal. Only the
notice bar is in the window's first paint: the Qt classes of the dialogs are named where they
are used (a Qt class makes its Python enums when first named, a cost start-up need not pay).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.ui import icons

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

OPEN_FILTERS = ";;".join(
    (
        "Articles (*.txt *.md *.markdown *.html *.htm *.pdf)",
        "Text (*.txt)",
        "Markdown (*.md *.markdown)",
        "Web pages (*.html *.htm)",
        "PDF documents (*.pdf)",
        "All files (*)",
    )
)


def ask_open_paths(parent: QWidget, start_dir: str = "") -> list[str]:
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(parent, "Open article", start_dir, OPEN_FILTERS)
    return list(paths)


URL_FIELD_WIDTH = 560  # px: a whole news address shows without scrolling


def url_dialog(parent: QWidget | None) -> QInputDialog:
    """File → Open URL: one wide field (an address without https:// is fine)."""
    from PySide6.QtWidgets import QInputDialog

    dlg = QInputDialog(parent)
    dlg.setWindowTitle("Open URL")
    dlg.setLabelText("Address of the article (https:// may be left out):")
    dlg.setInputMode(QInputDialog.InputMode.TextInput)
    dlg.setTextEchoMode(QLineEdit.EchoMode.Normal)
    edit = dlg.findChild(QLineEdit)
    if edit is not None:
        edit.setMinimumWidth(URL_FIELD_WIDTH)
        edit.setPlaceholderText("www.example.com/news/story")
    return dlg


def ask_url(parent: QWidget) -> str | None:
    dlg = url_dialog(parent)
    ok = dlg.exec() == QDialog.DialogCode.Accepted
    url = dlg.textValue().strip()
    dlg.deleteLater()
    return url if ok and url else None


def ask_save_pdf(parent: QWidget, suggested: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, "Export annotated PDF", suggested, "PDF (*.pdf)")
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else path + ".pdf"


class NoticeBar(QFrame):
    """A message strip above the article: an icon, one line of text, a close button.
    Errors stay until closed; other notices fade after a while."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.dismiss)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 8, 8, 8)
        lay.setSpacing(10)
        lay.addWidget(self.icon)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_notice(self, text: str, error: bool = False, timeout_ms: int = 12000) -> None:
        self.setProperty("error", "true" if error else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        name = "fa5s.exclamation-circle" if error else "fa5s.info-circle"
        self.icon.setPixmap(icons.icon(name, "#b5452f" if error else None).pixmap(16, 16))
        self.close_button.setIcon(icons.icon("fa5s.times"))
        self.label.setText(text)
        self.show()
        self._timer.stop()
        if not error and timeout_ms > 0:
            self._timer.start(timeout_ms)

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: the window's `shortcuts_help` as a two-column table whose
    descriptions wrap, in a dialog sized to show them whole (up to most of the screen)."""

    MAX_TEXT_WIDTH = 540  # px of description before it wraps

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem

        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setModal(False)
        self.table = QTableWidget(len(shortcuts), 2, self)
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, (keys, what) in enumerate(shortcuts):
            k = QTableWidgetItem(keys)
            f = k.font()
            f.setBold(True)
            k.setFont(f)
            k.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(row, 0, k)
            d = QTableWidgetItem(what)
            d.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            d.setToolTip(what)
            self.table.setItem(row, 1, d)
        head = self.table.horizontalHeader()
        self.table.resizeColumnToContents(0)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self.lay = QVBoxLayout(self)
        self.lay.addWidget(self.table)
        self.lay.addWidget(buttons)
        self._fit(shortcuts)

    def _fit(self, shortcuts: list[tuple[str, str]]) -> None:
        """As wide as the longest description (up to MAX_TEXT_WIDTH, then it wraps) and as
        tall as every row, within the screen."""
        fm = self.table.fontMetrics()
        text_w = max((fm.horizontalAdvance(what) for _k, what in shortcuts), default=200)
        desc_w = min(self.MAX_TEXT_WIDTH, text_w + 28)  # the cell margins, and a little air
        frame = 2 * self.table.frameWidth()
        scroll = self.table.verticalScrollBar().sizeHint().width()
        width = self.table.columnWidth(0) + desc_w + frame + scroll
        self.table.setColumnWidth(1, desc_w)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        height = rows + self.table.horizontalHeader().sizeHint().height() + frame
        screen = self.screen().availableGeometry() if self.screen() else None
        max_h = int(screen.height() * 0.85) if screen else 800
        margins = self.lay.contentsMargins()
        extra_h = margins.top() + margins.bottom() + 48  # the Close button and spacing
        self.table.setMinimumWidth(width)
        self.resize(width + margins.left() + margins.right(), min(max_h, height + extra_h))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QDialogButtonBox

        self.setWindowTitle("About reader")
        self.setModal(False)
        logo = QLabel(self)
        logo.setPixmap(icons.app_icon().pixmap(72, 72))
        text = QLabel(
            f"<h3>reader {__version__}</h3>"
            "<p>A desktop news reader that shows who is speaking in an article:<br>"
            "each cited source, what they are reported to have said,<br>"
            "and the words a reader can check.</p>"
            "<p>Your library, highlights and notes stay on this computer.</p>",
            self,
        )
        text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(buttons)
