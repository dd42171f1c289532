"""The Sources panel's requests as library operations: the user's rating and note on a source
and the corrections (rename, merge, move a statement, not a statement), each an undoable
command on the window's undo stack that runs through `window.ops`; and the library's record
of the open article's sources (ratings, notes, other articles), fed to the panel.

A rating or note is saved with the version it was based on (kept in `versions`, as the
library last gave it): one saved meanwhile elsewhere is not written over, the panel shows it,
and a note typed here is offered as mine, theirs or both (ui/conflict_box.py).

`install_source_actions(window)` is called by the main window's installer hook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from reader.errors import ConflictError
from reader.ui.conflict_box import BOTH, MINE, ask_theirs_or_mine, both_texts
from reader.ui.source_chips import rating_label

NOTE_COMMAND_ID = 0x5E0


class LibraryCommand(QUndoCommand):
    """Redo and undo are library calls run through the window's operations; `changes` tells
    the views what to refresh ("sources" reloads the article), `after` gets the result."""

    def __init__(
        self,
        actions: SourceActions,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        changes: str | None = None,
        after: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.actions = actions
        self.do, self.undo_fn = do, undo
        self.changes, self.after = changes, after

    def redo(self) -> None:
        self.actions.run(self.do, self.changes, self.after)

    def undo(self) -> None:
        self.actions.run(self.undo_fn, self.changes, self.after)


class NoteCommand(LibraryCommand):
    """A note typed in several pauses is one undo step."""

    def __init__(self, actions: SourceActions, library_id: int, old: str, new: str, name: str):
        self.library_id, self.old, self.new = library_id, old, new
        lib = actions.window.library

        def save(value_of: Callable[[], str]) -> Callable[[], Any]:
            def work() -> Any:
                return actions.saved(
                    "note",
                    library_id,
                    lambda base: lib.set_source_note(library_id, value_of(), base),
                )

            return work

        super().__init__(
            actions,
            f"Note on “{name}”",
            save(lambda: self.new),
            save(lambda: self.old),
            after=actions.panel.update_info,
        )

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NoteCommand) or other.library_id != self.library_id:
            return False
        self.new = other.new
        return True


class SourceActions(QObject):
    """Connects a window's Sources panel to its library, operations and undo stack."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.sources_panel
        # ("rating" | "note", library source id) → the version the next change is based on
        self.versions: dict[tuple[str, int], int] = {}
        window.article_opened.connect(self.load)
        self._who_for: int | None = None  # the article whose corrections' makers are read
        p = self.panel
        p.source_selected.connect(lambda source: self._load_who() if source else None)
        p.rating_requested.connect(self.rate)
        p.note_changed.connect(self.set_note)
        p.rename_requested.connect(self.rename)
        p.merge_requested.connect(self.merge)
        p.move_requested.connect(self.move)
        p.not_statement_requested.connect(self.not_statement)
        p.article_requested.connect(window.open_article)

    # ---- running ---------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], Any],
        changes: str | None = None,
        after: Callable[[Any], None] | None = None,
    ) -> None:
        self.window.ops.run(fn, after, self._failed, changes=changes, edit=True)

    def saved(self, kind: str, library_id: int, save: Callable[[int | None], int]) -> Any:
        """In the worker: save(base version) → the new version, kept for the next change; a
        ConflictError keeps the version stored now and says what it was about."""
        key = (kind, library_id)
        try:
            self.versions[key] = save(self.versions.get(key))
        except ConflictError as e:
            self.versions[key] = e.theirs[1]  # type: ignore[index]
            e.about = key  # type: ignore[attr-defined]
            raise
        return self.window.library.library_source(library_id)

    def _known(self, infos: Any) -> None:
        """Versions as the library gave them (never back: an edit may have landed since)."""
        for i in infos:
            for kind, version in (("rating", i.rating_version), ("note", i.note_version)):
                self.versions[(kind, i.id)] = max(self.versions.get((kind, i.id), 0), version)

    def _conflict(self, exc: ConflictError) -> None:
        """Show what is stored now; a note typed here is offered as mine, theirs or both."""
        kind, library_id = exc.about  # type: ignore[attr-defined]
        current = self.window.current
        if current is not None:
            self.load(current)
        if kind != "note":
            self.window.show_message(str(exc), error=True)
            return
        theirs, mine = str(exc.theirs[0] or ""), str(exc.mine[0] or "")  # type: ignore[index]

        def chosen(choice: str) -> None:
            if choice in (MINE, BOTH):
                note = mine if choice == MINE else both_texts(theirs, mine)
                self.window.undo_stack.push(
                    NoteCommand(self, library_id, theirs, note, self._name(library_id))
                )

        ask_theirs_or_mine(self.window, "Your note on this source", theirs, mine, chosen)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError) and hasattr(exc, "about"):
            self._conflict(exc)
            return
        failed = getattr(self.window, "_failed", None)
        if failed is not None:
            failed(exc, "Cannot change the source")
        else:
            self.window.show_message(str(exc), error=True)

    # ---- the library's record of the open article's sources --------------------------------

    def load(self, view: Any) -> None:
        """Ratings, notes and other articles of the sources of the article just shown."""
        article_id = view.info.id
        links = dict(view.library_sources)
        ids = set(links.values())
        lib = self.window.library
        self._who_for = None

        def work() -> tuple[dict, dict]:
            infos = {i.id: i for i in lib.library_sources() if i.id in ids}
            appearances = {
                i: lib.source_appearances(i, exclude_article=article_id) for i in sorted(ids)
            }
            return infos, appearances

        def done(result: tuple[dict, dict]) -> None:
            current = self.window.current
            infos, appearances = result
            self._known(infos.values())
            if current is not None and current.info.id == article_id:
                self.panel.set_library(links, infos, appearances)
                if self.panel.current_source() is not None:  # read again: say it again
                    self._load_who()

        self.window.ops.run(work, done, self._failed)

    def _load_who(self) -> None:
        """Who made the open article's corrections, read when a source is first selected (the
        details say it): reading the members loads SQLAlchemy, which the first paint does not
        need."""
        current = self.window.current
        if current is None or self._who_for == current.info.id:
            return
        article_id = self._who_for = current.info.id
        lib = self.window.library

        def work() -> tuple[list, str, dict]:
            names = {k: m.label for k, m in lib.members().items()}
            return lib.corrections(article_id), lib.member().name, names

        def done(result: tuple[list, str, dict]) -> None:
            current = self.window.current
            if current is not None and current.info.id == article_id:
                details = self.panel.details  # who made the corrections
                details.corrections, details.me, details.names = result
                details.refresh()

        self.window.ops.run(work, done, self._failed)

    # ---- rating and note -------------------------------------------------------------------

    def _info(self, library_id: int) -> Any:
        return self.panel.model.infos.get(library_id)

    def _name(self, library_id: int) -> str:
        info = self._info(library_id)
        return info.name if info else "source"

    def rate(self, library_id: int, rating: int | None) -> None:
        info = self._info(library_id)
        old = info.rating if info else None
        if old == rating:
            return
        lib = self.window.library

        def set_to(value: int | None) -> Callable[[], Any]:
            def work() -> Any:
                return self.saved(
                    "rating", library_id, lambda base: lib.rate_source(library_id, value, base)
                )

            return work

        self.window.undo_stack.push(
            LibraryCommand(
                self,
                f"Rate “{self._name(library_id)}”: {rating_label(rating)}",
                set_to(rating),
                set_to(old),
                after=self.panel.update_info,
            )
        )

    def set_note(self, library_id: int, note: str) -> None:
        info = self._info(library_id)
        old = info.note if info else ""
        if old == note:
            return
        self.window.undo_stack.push(
            NoteCommand(self, library_id, old, note, self._name(library_id))
        )

    # ---- corrections -----------------------------------------------------------------------

    def _correction(self, text: str, make: Callable[[Any, int], int]) -> None:
        """A correction of the open article: redo records it, undo deletes it; either way the
        article is read again (with the corrections applied)."""
        view = self.window.current
        if view is None:
            return
        article_id = view.info.id
        lib = self.window.library
        state: dict[str, int | None] = {"id": None}

        def do() -> int:
            cid = make(lib, article_id)
            state["id"] = cid
            return cid

        def undo() -> None:
            cid, state["id"] = state["id"], None
            if cid is not None:
                lib.undo_correction(cid)

        self.window.undo_stack.push(LibraryCommand(self, text, do, undo, changes="sources"))

    def _source_name(self, key: str) -> str:
        for s in self.panel.model.sources():
            if s.id == key:
                return s.name
        return key

    def rename(self, source_key: str, name: str) -> None:
        self.panel.keep_source(source_key)
        self._correction(
            f"Rename “{self._source_name(source_key)}” to “{name}”",
            lambda lib, aid: lib.rename_source(aid, source_key, name),
        )

    def merge(self, from_key: str, into_key: str) -> None:
        self.panel.keep_source(into_key)
        self._correction(
            f"Merge “{self._source_name(from_key)}” into “{self._source_name(into_key)}”",
            lambda lib, aid: lib.merge_sources(aid, from_key, into_key),
        )

    def move(self, statement_key: str, to_key: str) -> None:
        self.panel.keep_source(to_key)
        self._correction(
            f"Move a statement to “{self._source_name(to_key)}”",
            lambda lib, aid: lib.move_statement(aid, statement_key, to_key),
        )

    def not_statement(self, statement_key: str) -> None:
        self._correction(
            "Mark as not a statement",
            lambda lib, aid: lib.mark_not_statement(aid, statement_key),
        )


def install_source_actions(window: Any) -> SourceActions:
    window.source_actions = SourceActions(window)
    return window.source_actions
