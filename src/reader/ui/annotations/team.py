"""The annotations' side of a library shared by a team: who the user is (another member's
highlight names its creator and offers no edits), sharing a highlight with the team, and a
change refused because the highlight was saved meanwhile elsewhere — the user picks theirs,
mine or both, and what they typed is never dropped (left undecided, it stays a draft)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QTimer

from reader.errors import ConflictError
from reader.library import HighlightInfo
from reader.ui.annotations.annotation_model import author_of
from reader.ui.annotations.commands import HighlightRef, ShareHighlight
from reader.ui.conflict_box import BOTH, LATER, MINE, ask_theirs_or_mine, both_texts

if TYPE_CHECKING:  # the box is made by conflict_box, when a conflict is shown
    from PySide6.QtWidgets import QMessageBox

LOAD_AFTER_MS = 1000  # on a library file, who the user is is read this long after the start


class TeamView(QObject):
    """Kept by the Annotator as `team`."""

    def __init__(self, annotator: Any) -> None:  # the Annotator (which imports this module)
        super().__init__(annotator)
        self.ann = annotator
        self.me = ""  # the user's identity once loaded ("" until then: everything is theirs)
        self.names: dict[str, str] = {}
        self.box: QMessageBox | None = None  # the open conflict message
        location = annotator.library.location
        # on a team library the role is who the user is: the URL's, when it names one
        self.me = unquote(urlsplit(location.url).username or "") if location.is_postgres else ""
        # the Annotations tab's panel, made later, takes `me` and `names` from here
        if location.is_postgres and not self.me:  # a service file's or libpq's default role
            self.load()
        else:  # asked for once the window is up (it loads SQLAlchemy, some 0.3 s, and the
            # first paint needs no display names: another member's highlight is known as
            # theirs by the role)
            QTimer.singleShot(LOAD_AFTER_MS, self, self.load)

    def load(self) -> None:
        """Read who the user is and the members' names (again after Preferences changed)."""
        lib = self.ann.library
        self.ann.ops.run(lambda: (lib.member(), lib.members()), self._loaded, self.ann._failed)

    def _loaded(self, result: tuple[Any, dict[str, Any]]) -> None:
        me, members = result
        self.me = me.name
        self.names = {name: m.label for name, m in members.items()}
        self.ann.members_changed()  # the rows name their creators now

    def is_mine(self, info: HighlightInfo | None) -> bool:
        return info is None or not info.creator or not self.me or info.creator == self.me

    def author_of(self, info: HighlightInfo) -> str:
        """Who wrote the highlight when not the user ("" for the user's own)."""
        return author_of(info, self.me, self.names)

    def refuse_edit(self, info: HighlightInfo | None) -> bool:
        """True, said in the status bar, when the highlight is another member's."""
        if info is None or self.is_mine(info):
            return False
        self.ann.window.show_message(
            f"This note is {self.author_of(info)}'s: only they can change it"
        )
        return True

    def share(self, ref: HighlightRef, shared: bool) -> None:
        if ref.info is not None and ref.info.shared != shared:
            self.ann.undo_stack.push(ShareHighlight(self.ann, ref, shared))

    # ---- a change saved meanwhile elsewhere ----------------------------------------------

    def resolve(self, exc: ConflictError) -> bool:
        """Offer theirs, mine or both for a refused note; False when `exc` is not about a
        highlight (the window says it in one line)."""
        theirs, mine = exc.theirs, exc.mine
        if not isinstance(theirs, HighlightInfo) or not isinstance(mine, HighlightInfo):
            return False
        self.ann.reload()  # show what is stored now
        if theirs.note == mine.note:  # a colour or sharing: theirs stays, said in the status bar
            self.ann.window.show_message(str(exc))
            return True

        def chosen(choice: str) -> None:
            self.box = None
            ref = self.ann.ref_for(theirs)
            ref.info = theirs
            if choice == MINE:
                self.ann.set_note(ref, mine.note)
            elif choice == BOTH:
                self.ann.set_note(ref, both_texts(theirs.note, mine.note))
            elif choice == LATER:  # the text stays an unsaved draft of the note
                lib, aid = self.ann.library, theirs.article_id
                self.ann.ops.run(
                    lambda: lib.save_note_draft(aid, mine.note, highlight_id=theirs.id),
                    None,
                    self.ann._failed,
                    edit=True,
                )

        self.box = ask_theirs_or_mine(
            self.ann.window, "This note", theirs.note, mine.note, chosen, later=True
        )
        return True
