"""Find in the article: a small bar floating at the top right of the article (Ctrl+F).

Typing finds as you go; Enter goes to the next match, Shift+Enter to the previous one; Esc
closes the bar and leaves the current match selected, with the focus back in the article.
Every match is tinted in the article's "find" layer; the current one is the selection.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
)

from reader.ui import icons

MAX_MATCHES = 2000


class FindBar(QFrame):
    """Overlay child of the article view; `open()` shows and focuses it."""

    closed = Signal()

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.setSpacing(4)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.edit.setAccessibleName("Find in article")
        self.count = QLabel("", self)
        self.count.setMinimumWidth(64)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.prev_button = self._button(
            "fa5s.chevron-up", "Previous match (Shift+Enter)", lambda: self.step(-1)
        )
        self.next_button = self._button(
            "fa5s.chevron-down", "Next match (Enter)", lambda: self.step(1)
        )
        self.close_button = self._button("fa5s.times", "Close (Esc)", self.close_bar)
        for w in (self.edit, self.count, self.prev_button, self.next_button, self.close_button):
            lay.addWidget(w)
        self.edit.textChanged.connect(self._search)
        self.edit.installEventFilter(self)
        view.installEventFilter(self)
        self.setStyleSheet(
            "#findBar { border: 1px solid palette(mid); border-radius: 6px;"
            " background: palette(window); }"
            "#findBar QToolButton { border: none; padding: 2px 6px; }"
            "#findBar QLabel { color: palette(placeholder-text); }"
        )
        self.hide()

    def _button(self, icon: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(icons.icon(icon))  # Font Awesome, like the rest of the window
        b.setProperty("fa", icon)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    # ---- showing ---------------------------------------------------------------------------

    def open(self) -> None:
        for b in (self.prev_button, self.next_button, self.close_button):
            b.setIcon(icons.icon(b.property("fa")))  # in the current theme's colour
        sel = self.view.textCursor().selectedText().replace("\u2029", " ")
        if sel and "\n" not in sel and len(sel) < 200:
            self.edit.setText(sel)
        self.show()
        self.raise_()
        self._place()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(self.edit.text())

    def refresh(self) -> None:
        """Search again in the article's (new) text, keeping to the current match's place."""
        self._search(self.edit.text())

    def close_bar(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self.view.set_layer("find", [])
        if 0 <= self.current < len(self.matches):
            self.view.select(*self.matches[self.current])
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.closed.emit()

    def _place(self) -> None:
        self.adjustSize()
        vp = self.view.viewport().geometry()
        self.move(vp.right() - self.width() - 12, vp.top() + 8)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        elif obj is self.edit and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # ours, not a window shortcut's
                    return True
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                else:
                    back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.step(-1 if back else 1)
                return True
        return super().eventFilter(obj, event)

    # ---- searching -------------------------------------------------------------------------

    def _search(self, query: str) -> None:
        text = self.view.text
        self.matches = []
        if query:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for m in pattern.finditer(text):
                self.matches.append((m.start(), m.end()))
                if len(self.matches) >= MAX_MATCHES:
                    break
        # the first match at or after where the reader is: the selection, else the top line
        cursor = self.view.textCursor()
        origin = (
            self.view.offsets_of(cursor)[0] if cursor.hasSelection() else self.view.top_offset()
        )
        self.current = next((i for i, (a, _) in enumerate(self.matches) if a >= origin), 0)
        if not self.matches:
            self.current = -1
        self._show_current()

    def step(self, delta: int) -> None:
        if not self.matches:
            self._search(self.edit.text())
            if not self.matches:
                return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        query = self.edit.text()
        if not self.matches:
            self.count.setText("No matches" if query else "")
            self.edit.setStyleSheet("QLineEdit { color: #b3261e; }" if query else "")
            self.view.set_layer("find", [])
            return
        self.edit.setStyleSheet("")
        total = f"{len(self.matches)}+" if len(self.matches) >= MAX_MATCHES else len(self.matches)
        self.count.setText(f"{self.current + 1} of {total}")
        self.view.mark_matches(self.matches[:MAX_MATCHES], self.current)
        a, b = self.matches[self.current]
        self.view.select(a, b)
        self.view.ensureCursorVisible()
