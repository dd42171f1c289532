"""Deleting articles from the Library: the question asked first (`delete_question`, shown by
`ask_confirm` as a non-modal box) and `DeleteArticles`, the undo command whose undo restores
each article with its highlights, notes and corrections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.library import ArticleBundle, ArticleInfo, Library

Confirm = Callable[[QWidget, str, str, Callable[[], None]], None]


def ask_confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> None:
    """A window-modal question opened with `.open()`: nothing blocks; `on_yes` on Delete."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent.window(), box.windowFlags())
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if box.clickedButton() is delete:
            on_yes()

    box.finished.connect(finished)
    box.open()


def delete_question(articles: list[ArticleInfo]) -> str:
    notes = sum(a.notes for a in articles)
    if len(articles) == 1:
        head = f"Delete “{articles[0].title or '(untitled)'}” from the library?"
    else:
        head = f"Delete {len(articles)} articles from the library?"
    it = "it" if len(articles) == 1 else "them"
    tail = ""
    if notes:
        tail = f" Your {notes} note{'s' * (notes != 1)} on {it} and the highlights go too."
    return f"{head}{tail}\n\nEdit → Undo (Ctrl+Z) brings {it} back."


class DeleteHost(Protocol):
    """What `DeleteArticles` needs of the Library panel (reader.ui.library_table.LibraryPanel):
    the library, a way to run an edit on the database thread, and what to do after it."""

    @property
    def library(self) -> Library: ...

    def run_edit(
        self, fn: Callable[[], list[int]], on_done: Callable[[list[int]], None]
    ) -> None: ...

    def after_delete(self, ids: list[int]) -> None: ...

    def after_restore(self, ids: list[int]) -> None: ...


class DeleteArticles(QUndoCommand):
    """Delete articles; undo restores each with its highlights, notes and corrections.

    Both directions run on the database thread in order; the bundles are kept on the
    command by the worker (plain data), so an undo queued behind its redo finds them."""

    def __init__(self, panel: DeleteHost, ids: list[int], label: str) -> None:
        super().__init__(label)
        self.panel = panel
        self.ids = list(ids)
        self.bundles: list[ArticleBundle] = []

    def redo(self) -> None:
        lib, ids = self.panel.library, self.ids

        def do() -> list[int]:
            self.bundles = []
            for article_id in ids:
                self.bundles.append(lib.article_bundle(article_id))
                lib.delete_article(article_id)
            return ids

        self.panel.run_edit(do, self.panel.after_delete)

    def undo(self) -> None:
        lib = self.panel.library

        def do() -> list[int]:
            return [lib.restore_article(b) for b in self.bundles]

        self.panel.run_edit(do, self.panel.after_restore)
