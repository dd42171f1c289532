"""Highlights and notes in the window: selection toolbar, find bar, note editor, the
Annotations tab, and undoable edits. `install_annotations(window)` plugs them into MainWindow."""

from __future__ import annotations

from reader.ui.annotations.annotator import Annotator


def install_annotations(window) -> Annotator:
    """Add highlights and notes to a MainWindow; the Annotator is kept as `window.annotations`."""
    annotator = Annotator(window)
    window.annotations = annotator
    return annotator


__all__ = ["Annotator", "install_annotations"]
