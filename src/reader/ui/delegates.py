"""What the item delegates of the side panels share: reading item data safely, the small font
of second lines, and the rounded selection/hover background of a row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTreeView

# what Qt hands a delegate or a model: either kind of index
Index = QModelIndex | QPersistentModelIndex


def item_value(index: Index, role: int) -> Any:
    """An item's data, None for an invalid index (what a delegate may be handed)."""
    return index.data(role) if index.isValid() else None


def small_font(font: QFont, delta: float = -1.5) -> QFont:
    f = QFont(font)
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(6.0, f.pointSizeF() + delta))
    else:
        f.setPixelSize(max(8, f.pixelSize() + round(delta * 1.3)))
    return f


def paint_row_background(painter: QPainter, opt: QStyleOptionViewItem) -> None:
    """A rounded highlight behind a selected row, a fainter one under the mouse."""
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    hover = bool(opt.state & QStyle.StateFlag.State_MouseOver)
    if not (selected or hover):
        return
    bg = QColor(opt.palette.color(QPalette.ColorRole.Highlight))
    if not selected:
        bg.setAlpha(80)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(QRectF(QRect(opt.rect).adjusted(2, 1, -4, -1)), 6, 6)


def configure_card_tree(tree: QTreeView, indentation: int) -> None:
    """A tree of variable-height "cards" drawn by a delegate: no header, smooth scrolling, one
    selection, hover tracking."""
    tree.setHeaderHidden(True)
    tree.setUniformRowHeights(False)
    tree.setIndentation(indentation)
    tree.setAnimated(False)
    tree.setMouseTracking(True)
    tree.setWordWrap(True)
    tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
