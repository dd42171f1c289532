"""Undoable annotation edits: each QUndoCommand calls the Library to do and to undo.

Commands run their Library call through the window's operations runner (one database
thread, FIFO), so a redo queued before an undo always runs first. A command records the
result of its own call in the worker (a plain attribute, never a widget) so that the next
call in the queue can use the highlight id without waiting for the GUI thread.

A change carries the version of the highlight it was based on (`ref.info.version`): one saved
meanwhile from elsewhere makes it fail with ConflictError, and the ref takes what is stored,
so that the window can offer theirs, mine or both (conflicts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from reader.errors import ConflictError
from reader.library import HighlightInfo, Library


class Runner(Protocol):
    library: Library

    def run_edit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        """Run a Library edit off the GUI thread, then refresh the annotation views."""


class HighlightRef:
    """A highlight that may not exist yet (its add is still queued): start/end are known."""

    def __init__(self, article_id: int, start: int, end: int, color: str) -> None:
        self.article_id = article_id
        self.start, self.end = start, end
        self.color = color
        self.info: HighlightInfo | None = None

    @property
    def id(self) -> int | None:
        return self.info.id if self.info is not None else None

    def remove(self, lib: Library) -> HighlightInfo | None:
        """Delete the highlight, keeping its latest state so that it can be put back."""
        if self.info is not None:
            self.info = lib.delete_highlight(self.info.id)
        return self.info

    def put_back(self, lib: Library) -> HighlightInfo | None:
        """Restore the deleted highlight as it was, with the same id."""
        if self.info is not None:
            self.info = lib.restore_highlight(self.info)
        return self.info


class AddHighlight(QUndoCommand):
    def __init__(self, runner: Runner, ref: HighlightRef, note: str = "") -> None:
        super().__init__("Highlight" if not note else "Note")
        self.runner, self.ref, self.note = runner, ref, note

    def redo(self) -> None:
        ref, lib, note = self.ref, self.runner.library, self.note

        def do() -> HighlightInfo | None:
            if ref.info is None:
                ref.info = lib.add_highlight(ref.article_id, ref.start, ref.end, ref.color, note)
                return ref.info
            return ref.put_back(lib)  # redo after undo: the same row again, same id

        self.runner.run_edit(do)

    def undo(self) -> None:
        ref, lib = self.ref, self.runner.library
        self.runner.run_edit(lambda: ref.remove(lib))


class _Update(QUndoCommand):
    field = ""

    def __init__(self, runner: Runner, ref: HighlightRef, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self.runner, self.ref, self.old, self.new = runner, ref, old, new

    def _set(self, value: Any) -> None:
        ref, lib, field = self.ref, self.runner.library, self.field

        def do() -> HighlightInfo | None:
            if ref.info is None:
                return None
            try:
                ref.info = lib.update_highlight(
                    ref.info.id, base_version=ref.info.version, **{field: value}
                )
            except ConflictError as e:
                ref.info = e.theirs  # type: ignore[assignment]  # the next change builds on it
                raise
            return ref.info

        self.runner.run_edit(do)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class Recolor(_Update):
    field = "color"

    def __init__(self, runner: Runner, ref: HighlightRef, old: str, new: str) -> None:
        super().__init__(runner, ref, old, new, f"Colour {new}")


class EditNote(_Update):
    field = "note"

    def __init__(self, runner: Runner, ref: HighlightRef, old: str, new: str) -> None:
        super().__init__(runner, ref, old, new, "Edit note" if old else "Add note")


class ShareHighlight(_Update):
    field = "shared"

    def __init__(self, runner: Runner, ref: HighlightRef, shared: bool) -> None:
        text = "Share with the team" if shared else "Make private"
        super().__init__(runner, ref, not shared, shared, text)


class DeleteHighlight(QUndoCommand):
    def __init__(self, runner: Runner, ref: HighlightRef) -> None:
        super().__init__("Delete highlight")
        self.runner, self.ref = runner, ref

    def redo(self) -> None:
        ref, lib = self.ref, self.runner.library
        self.runner.run_edit(lambda: ref.remove(lib))

    def undo(self) -> None:
        ref, lib = self.ref, self.runner.library
        self.runner.run_edit(lambda: ref.put_back(lib))
