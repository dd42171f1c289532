"""The small toolbar that floats next to a selection in the article: colours and "Note".

When the selection is (inside) an existing highlight, the swatches recolour it and a
"Delete" button appears. The toolbar never takes the keyboard focus from the article.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QToolButton,
    QWidget,
)

from reader.ui import icons
from reader.ui.annotations.annotation_model import COLOR_NAMES, color_of


def swatch_icon(name: str, size: int = 18, ring: bool = False) -> QIcon:
    """A round colour swatch; `ring` marks the current colour."""
    dpr = 2
    pm = QPixmap(size * dpr, size * dpr)
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = color_of(name)
    p.setPen(QPen(c.darker(135), 1))
    p.setBrush(c)
    inset = 4 if ring else 2
    p.drawEllipse(QRect(inset, inset, size - 2 * inset, size - 2 * inset))
    if ring:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(c.darker(150), 1.6))
        p.drawEllipse(QRect(1, 1, size - 2, size - 2))
    p.end()
    return QIcon(pm)


class SelectionToolbar(QFrame):
    """Emits `color_chosen(name)`, `note_requested()`, `delete_requested()`."""

    color_chosen = Signal(str)
    note_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        self.swatches: dict[str, QToolButton] = {}
        for name in COLOR_NAMES:
            b = QToolButton(self)
            b.setIcon(swatch_icon(name))
            b.setIconSize(QSize(18, 18))
            b.setToolTip(f"Highlight {name}")
            b.setAccessibleName(f"Highlight {name}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoRaise(True)
            b.clicked.connect(lambda _=False, n=name: self.color_chosen.emit(n))
            lay.addWidget(b)
            self.swatches[name] = b
        sep = QFrame(self)
        sep.setFrameShape(QFrame.Shape.VLine)
        sep.setObjectName("sep")
        lay.addWidget(sep)
        # Font Awesome glyphs, as everywhere else: a plain system may have no emoji font
        self.note_button = QToolButton(self)
        self.note_button.setText("Note")
        self.note_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.note_button.setIconSize(QSize(13, 13))
        self.note_button.setToolTip("Write a note on the selection (Ctrl+Alt+M)")
        self.note_button.setAccessibleName("Note")
        self.note_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_button.setAutoRaise(True)
        self.note_button.clicked.connect(self.note_requested)
        lay.addWidget(self.note_button)
        self.delete_button = QToolButton(self)
        self.delete_button.setIconSize(QSize(15, 15))
        self.delete_button.setToolTip("Remove the highlight (Delete)")
        self.delete_button.setAccessibleName("Remove highlight")
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.setAutoRaise(True)
        self.delete_button.clicked.connect(self.delete_requested)
        lay.addWidget(self.delete_button)
        self.setStyleSheet(
            "#selectionToolbar { background: palette(window); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
            "#selectionToolbar QToolButton { border: none; border-radius: 5px; padding: 3px; }"
            "#selectionToolbar QToolButton:hover { background: palette(midlight); }"
            "#selectionToolbar #sep { color: palette(mid); margin: 3px 2px; }"
        )
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(14)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 55))
        self.setGraphicsEffect(shadow)
        self._set_icons()
        self.hide()

    def _set_icons(self) -> None:
        """In the theme's icon colour (asked again each time the toolbar shows)."""
        self.note_button.setIcon(icons.icon("fa5s.pen"))
        self.delete_button.setIcon(icons.icon("fa5s.trash-alt"))

    def set_state(self, current_color: str, existing_color: str | None) -> None:
        """Ring the colour a click would keep; show Delete only over an existing highlight."""
        ringed = existing_color or current_color
        for name, b in self.swatches.items():
            b.setIcon(swatch_icon(name, ring=name == ringed))
            verb = "Recolour" if existing_color else "Highlight"
            b.setToolTip(f"{verb} {name}")
        self.note_button.setText("Edit note" if existing_color else "Note")
        self._set_icons()
        self.delete_button.setVisible(existing_color is not None)
        self.adjustSize()

    def show_near(self, rect: QRect) -> None:
        """Show above `rect` (viewport coordinates of the selection), else below it."""
        self.adjustSize()
        parent = self.parentWidget()
        assert parent is not None  # made with one (see __init__)
        area = parent.rect()
        x = rect.center().x() - self.width() // 2
        y = rect.top() - self.height() - 8
        if y < area.top() + 4:
            y = rect.bottom() + 10
        x = max(area.left() + 4, min(x, area.right() - self.width() - 4))
        y = max(area.top() + 4, min(y, area.bottom() - self.height() - 4))
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
