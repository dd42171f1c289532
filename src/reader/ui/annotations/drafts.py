"""Keeping the note being written: the note editor's text goes to the library as a draft while
it is typed (after a pause, on focus loss, before another article opens or the window closes),
is dropped when the note is saved or discarded, and comes back in the editor when its article
opens again, after a restart or a crash too.

The Annotator says what the editor is open on (`begin`) and when the note is saved or
discarded (`finish`); it is reached only through `DraftHost`. Every draft write is a Library
operation on the database thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, SignalInstance

from reader.errors import NotFoundError
from reader.library import HighlightInfo, Library, NoteDraft
from reader.ui.article_view import ArticleView
from reader.ui.operations import Operations

if TYPE_CHECKING:  # the editor is made when first opened, and then `attach`ed
    from reader.ui.annotations.note_editor import NoteEditor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """What the note editor is open on: a highlight (by id) or the range of a new note."""

    article_id: int
    highlight_id: int | None
    start: int
    end: int
    color: str
    saved_note: str  # text equal to this is nothing to keep

    @property
    def key(self) -> tuple[int, str]:
        """As the library keys drafts: by article and by highlight, or by a new note's range."""
        if self.highlight_id is not None:
            return self.article_id, f"h{self.highlight_id}"
        return self.article_id, f"r{self.start}-{self.end}"


class DraftHost(Protocol):
    """What the keeper needs of the annotations it serves (reader.ui.annotations.Annotator):
    its note editor (made when first asked for, which `attach`es it here), library and runner,
    the open article and its highlights, and opening the note editor on a draft again."""

    @property
    def note_editor(self) -> NoteEditor: ...

    @property
    def library(self) -> Library: ...

    @property
    def ops(self) -> Operations: ...

    @property
    def article_id(self) -> int | None: ...

    @property
    def highlights(self) -> list[HighlightInfo]: ...

    @property
    def view(self) -> ArticleView: ...

    def open_range(self, rng: tuple[int, int]) -> None: ...

    def edit_note(self, info: HighlightInfo) -> None: ...


class DraftKeeper(QObject):
    """The drafts of one window's note editor. `leaving` (the window's signal, before another
    article opens or it closes) makes the editor write what it holds at once."""

    def __init__(
        self,
        host: DraftHost,
        failed: Callable[[BaseException], None],
        leaving: SignalInstance | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ann = host
        self._editor: NoteEditor | None = None  # until the host makes it: nothing typed yet
        self.library = host.library
        self.ops = host.ops
        self.report_failure = failed
        self.target: Target | None = None
        # what the library holds, as far as this window knows: (article, anchor) → the text
        # and when it was kept
        self.kept: dict[tuple[int, str], tuple[str, datetime]] = {}
        if leaving is not None:
            leaving.connect(self._flush)

    @property
    def editor(self) -> NoteEditor:
        """The host's note editor (made if it was not yet)."""
        if self._editor is None:
            return self.ann.note_editor  # the host attaches it as it makes it
        return self._editor

    def attach(self, editor: NoteEditor) -> None:
        """The host made its note editor: what is typed in it is kept from now on."""
        self._editor = editor
        editor.draft_due.connect(self.write)

    def _flush(self) -> None:
        if self._editor is not None:  # an editor never made holds nothing
            self._editor.flush()

    # ---- the editor's target ---------------------------------------------------------------

    def begin(self, target: Target) -> tuple[str, datetime] | None:
        """The editor opens on `target`: the one it was on is kept first; returns the draft
        to show instead of the stored note (and when it was kept), if there is one."""
        self.leave()
        self.target = target
        return self.kept.get(target.key)

    def leave(self) -> None:
        """The editor leaves its target without saving (another target, another article):
        what it holds is written now and stays a draft."""
        if self.target is not None:
            self._flush()
        self.target = None

    def finish(self) -> None:
        """The note was saved or discarded: its draft goes (queued after the save)."""
        target, self.target = self.target, None
        if target is None:
            return
        if self.kept.pop(target.key, None) is None:
            return  # nothing was written for it
        lib = self.library
        self.ops.run(
            lambda: lib.discard_note_draft(
                target.article_id,
                highlight_id=target.highlight_id,
                start=target.start,
                end=target.end,
            ),
            None,
            self._failed,
            edit=True,  # kept for retry when the library's server is out of reach
        )

    def drop(self) -> None:
        """The highlight being noted was deleted: its draft went with it."""
        if self.target is not None:
            self.kept.pop(self.target.key, None)
        self.target = None

    def write(self, text: str) -> None:
        """Keep `text` as the target's draft (a text equal to the stored note is none)."""
        target = self.target
        if target is None:
            return
        if text.strip() == target.saved_note.strip():
            self.finish()  # back to what is stored: no draft
            self.target = target
            return
        if self.kept.get(target.key, ("", None))[0] == text:
            return
        self.kept[target.key] = (text, datetime.now(UTC))
        lib = self.library
        self.ops.run(
            lambda: lib.save_note_draft(
                target.article_id,
                text,
                highlight_id=target.highlight_id,
                start=target.start,
                end=target.end,
                color=target.color,
            ),
            None,
            self._failed,
            edit=True,  # kept for retry when the library's server is out of reach
        )

    # ---- restoring -------------------------------------------------------------------------

    def restore(self, article_id: int) -> None:
        """Read the article's drafts; the newest comes back in the editor."""
        lib = self.library
        self.ops.run(
            lambda: lib.note_drafts(article_id),
            lambda drafts: self._restored(article_id, drafts),
            self._failed,
        )

    def _restored(self, article_id: int, drafts: list[NoteDraft]) -> None:
        if article_id != self.ann.article_id:
            return  # another article opened meanwhile
        for d in drafts:
            key = Target(article_id, d.highlight_id, d.start, d.end, d.color, "").key
            self.kept[key] = (d.text, d.updated_at)
        if drafts and (self._editor is None or not self._editor.isVisible()):
            self.reopen(drafts[0])

    def reopen(self, draft: NoteDraft) -> None:
        """Bring back a note left unsaved in the editor (its text comes from `kept`)."""
        if draft.highlight_id is None:
            self.ann.view.scroll_to(draft.start)
            self.ann.open_range((draft.start, draft.end))
            return
        info = next((h for h in self.ann.highlights if h.id == draft.highlight_id), None)
        if info is not None:
            self.ann.edit_note(info)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError):  # its article was deleted, and its drafts with it
            log.info("note draft not kept: %s", exc)
            return
        log.warning("note draft: %s", exc)
        self.report_failure(exc)
