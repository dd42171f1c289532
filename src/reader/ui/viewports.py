"""Wrapping a scroll area's viewport cheaply, before anything asks for it.

`QAbstractScrollArea.viewport()` returns a `QWidget *` made by Qt. The first time PySide6
wraps such a pointer it looks for the most derived Python class by walking every QWidget
subclass of QtWidgets, which creates all of them and their enums (some 50 enum classes,
10–20 ms of a start-up). `findChild` wraps the same widget from its meta-object's class name
instead, without the walk; once wrapped, `viewport()` returns that wrapper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # the object name Qt gives every viewport


def wrap_viewport(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, wrapped without searching the widget classes (see above)."""
    found = area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()
