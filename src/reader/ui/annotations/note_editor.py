"""The note editor: a small non-modal card over the article (never a modal dialog).

Opens with the cursor in the text; Ctrl+Enter saves, Esc cancels. Clicking elsewhere leaves
it open, so a reader can re-read the passage while writing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.annotations.annotation_model import color_of


def _shadow(widget: QWidget) -> None:
    effect = QGraphicsDropShadowEffect(widget)
    effect.setBlurRadius(18)
    effect.setOffset(0, 3)
    effect.setColor(QColor(0, 0, 0, 60))
    widget.setGraphicsEffect(effect)


class NoteEditor(QFrame):
    saved = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFixedWidth(380)
        _shadow(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(6)
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setObjectName("noteQuote")
        lay.addWidget(self.quote)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText("Write a note…")
        self.edit.setAccessibleName("Note")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(110)
        self.edit.installEventFilter(self)
        lay.addWidget(self.edit)
        row = QHBoxLayout()
        hint = QLabel("Ctrl+Enter saves · Esc cancels", self)
        hint.setObjectName("noteHint")
        row.addWidget(hint)
        row.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton("Save", self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        self._style("#f2c230")
        self.hide()

    def _style(self, color: str) -> None:
        self.setStyleSheet(
            "#noteEditor { background: palette(base); border: 1px solid palette(mid);"
            f" border-left: 4px solid {color}; border-radius: 8px; }}"
            "#noteQuote { color: palette(placeholder-text); font-style: italic; }"
            "#noteHint { color: palette(placeholder-text); font-size: 11px; }"
            "QPlainTextEdit { border: 1px solid palette(midlight); border-radius: 4px; }"
        )

    def open_for(self, quote: str, note: str, color: str, near: QRect | None) -> None:
        """Show with `note` to edit, next to `near` (in the parent's coordinates)."""
        short = " ".join(quote.split())
        if len(short) > 140:
            short = short[:137].rstrip() + "…"
        self.quote.setText(f"“{short}”" if short else "Note")
        self.quote.setVisible(bool(short))
        self._style(color_of(color).name())
        self.edit.setPlainText(note)
        self.adjustSize()
        parent = self.parentWidget()
        assert parent is not None  # made with one (see __init__)
        area = parent.rect()
        if near is None:
            near = QRect(area.center().x(), area.top() + 60, 1, 1)
        x = max(8, min(near.left(), area.right() - self.width() - 8))
        y = near.bottom() + 10
        if y + self.height() > area.bottom() - 8:
            y = max(8, near.top() - self.height() - 10)
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def save(self) -> None:
        text = self.text()
        self.hide()
        self.saved.emit(text)

    def cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if key == Qt.Key.Key_Escape or (enter and ctrl):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.cancel()
                else:
                    self.save()
                return True
        return super().eventFilter(obj, event)
