"""The note editor: a small non-modal card over the article (never a modal dialog).

Opens with the cursor in the text; Ctrl+Enter saves, Esc cancels. Clicking elsewhere leaves
it open, so a reader can re-read the passage while writing. What is typed is offered as a
draft (`draft_due`) half a second after the last keystroke and at once when the text loses
the focus, so the owner can keep it (see drafts.py). Esc on changed text asks first: a line in
the card says a second Esc discards it, because the card is not a dialog that could ask and
a note is not thrown away on one key.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
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

DRAFT_DELAY_MS = 500  # a pause in typing this long writes the draft


def _shadow(widget: QWidget) -> None:
    effect = QGraphicsDropShadowEffect(widget)
    effect.setBlurRadius(18)
    effect.setOffset(0, 3)
    effect.setColor(QColor(0, 0, 0, 60))
    widget.setGraphicsEffect(effect)


class NoteEditor(QFrame):
    saved = Signal(str)
    cancelled = Signal()
    draft_due = Signal(str)  # the text as typed, to keep as a draft (debounced)

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
        self.notice = QLabel(self)  # "unsaved draft" / "Esc again discards"
        self.notice.setWordWrap(True)
        self.notice.setObjectName("noteNotice")
        self.notice.hide()
        lay.addWidget(self.notice)
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
        self._saved_note = ""  # the note as stored: text equal to it is no draft
        self._draft_notice = ""
        self._confirming = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._text_changed)
        self.hide()

    def _style(self, color: str) -> None:
        self.setStyleSheet(
            "#noteEditor { background: palette(base); border: 1px solid palette(mid);"
            f" border-left: 4px solid {color}; border-radius: 8px; }}"
            "#noteQuote { color: palette(placeholder-text); font-style: italic; }"
            "#noteHint { color: palette(placeholder-text); font-size: 11px; }"
            "#noteNotice { color: #b36b00; font-size: 11px; }"
            "QPlainTextEdit { border: 1px solid palette(midlight); border-radius: 4px; }"
        )

    def open_for(
        self,
        quote: str,
        note: str,
        color: str,
        near: QRect | None,
        draft: str | None = None,
        draft_time: datetime | None = None,
    ) -> None:
        """Show with `note` to edit, next to `near` (in the parent's coordinates); with `draft`,
        that unsaved text instead, and a line saying it is a draft."""
        short = " ".join(quote.split())
        if len(short) > 140:
            short = short[:137].rstrip() + "…"
        self.quote.setText(f"“{short}”" if short else "Note")
        self.quote.setVisible(bool(short))
        self._style(color_of(color).name())
        self._draft_timer.stop()
        self._saved_note = note
        self.edit.blockSignals(True)  # opening is not typing: no draft for it
        self.edit.setPlainText(note if draft is None else draft)
        self.edit.blockSignals(False)
        if draft is None:
            self._draft_notice = ""
        else:
            when = f" from {draft_time.astimezone().strftime('%H:%M')}" if draft_time else ""
            self._draft_notice = f"Unsaved draft{when} · Ctrl+Enter saves it"
        self._set_confirming(False)
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

    def changed(self) -> bool:
        """The text differs from the stored note (there is something to keep or lose)."""
        return self.text() != self._saved_note.strip()

    def save(self) -> None:
        text = self.text()
        self._draft_timer.stop()
        self.hide()
        self.saved.emit(text)

    def cancel(self) -> None:
        """Esc or Cancel: close, dropping the changes; on changed text only the second time."""
        if self.changed() and not self._confirming:
            self._set_confirming(True)
            return
        self._draft_timer.stop()
        self.hide()
        self.cancelled.emit()

    def flush(self) -> None:
        """Offer the text as a draft now (when typing pauses, the focus leaves, the article
        changes or the window closes)."""
        self._draft_timer.stop()
        if self.isVisible():
            self.draft_due.emit(self.edit.toPlainText())

    def _text_changed(self) -> None:
        if self._confirming:
            self._set_confirming(False)
        self._draft_timer.start()

    def _set_confirming(self, on: bool) -> None:
        self._confirming = on
        self.cancel_button.setText("Discard" if on else "Cancel")
        line = "Esc again discards this note · Ctrl+Enter saves it" if on else self._draft_notice
        self.notice.setText(line)
        self.notice.setVisible(bool(line))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
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
