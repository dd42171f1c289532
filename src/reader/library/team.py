"""The operations of `Library` about people sharing a library: who the user is, sharing a
highlight, changing one without writing over a change made elsewhere, ratings and notes per
member with the team's spread, and who made each correction. Delegated to members.py,
highlights.py, ratings.py and corrections.py; nothing here knows about Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import reader.library.corrections as corrections
import reader.library.highlights as highlights
import reader.library.members as members
import reader.library.ratings as ratings
from reader.library.members import Member
from reader.library.ratings import RatingSpread

if TYPE_CHECKING:
    from reader.library.views import ArticleView, HighlightInfo
    from reader.store.database import Database


@dataclass(frozen=True)
class CorrectionInfo:
    """A correction of an article's analysis and who made it."""

    id: int
    article_id: int
    action: str  # rename | merge | move | not_statement
    source_key: str | None
    statement_key: str | None
    value: str | None
    orphaned: bool
    created_at: datetime
    creator: str


class TeamOperations:
    """Mixed into `Library`, which gives `db`."""

    db: Database

    # ---- who the user is ------------------------------------------------------------------

    def member(self) -> Member:
        """The user: their identity (the database role, or on SQLite the name set in
        Preferences, else the login name) and display name."""
        return members.me(self.db)

    def members(self) -> dict[str, Member]:
        """The members who set a display name, by identity."""
        return members.members(self.db)

    def set_member_name(self, name: str) -> Member:
        """Preferences → Your name (see members.set_name)."""
        return members.set_name(self.db, name)

    def as_written(self, view: ArticleView) -> tuple[ArticleView, str]:
        """For a PDF export: the view with each other member's highlight named as theirs, and
        the name the user's own are written under (their display name, else identity)."""
        from dataclasses import replace

        from reader.library.exports import by_creator

        me = self.member()
        names = {k: m.display for k, m in self.members().items() if m.display}
        marks = tuple(by_creator(view.highlights, me.name, names))
        return replace(view, highlights=marks), me.display or me.name

    # ---- highlights: sharing, changes with their version ----------------------------------

    def update_highlight(
        self,
        highlight_id: int,
        *,
        color: str | None = None,
        note: str | None = None,
        shared: bool | None = None,
        base_version: int | None = None,
    ) -> HighlightInfo:
        """Change a highlight; with `base_version`, ConflictError when it changed meanwhile."""
        return highlights.update_highlight(
            self.db,
            highlight_id,
            color=color,
            note=note,
            shared=shared,
            base_version=base_version,
        )

    def share_highlight(
        self, highlight_id: int, shared: bool = True, base_version: int | None = None
    ) -> HighlightInfo:
        """Show a highlight and its note to the whole team (or, False, to its creator only)."""
        return self.update_highlight(highlight_id, shared=shared, base_version=base_version)

    # ---- ratings and notes on sources, per member ------------------------------------------

    def rate_source(
        self, library_source_id: int, rating: int | None, base_version: int | None = None
    ) -> int:
        """The user's rating (−2 … +2, None: not rated); returns its new version."""
        return ratings.rate_source(self.db, library_source_id, rating, base_version)

    def set_source_note(
        self, library_source_id: int, note: str, base_version: int | None = None
    ) -> int:
        """The user's private note on a source; returns its new version."""
        return ratings.set_source_note(self.db, library_source_id, note, base_version)

    def source_spread(self, library_source_id: int) -> RatingSpread:
        """Every member's rating of a source (count, mean, lowest, highest)."""
        return ratings.source_spread(self.db, library_source_id)

    # ---- corrections and who made them -----------------------------------------------------

    def corrections(self, article_id: int) -> list[CorrectionInfo]:
        """The article's corrections, oldest first, with their creators."""
        return [
            CorrectionInfo(
                id=c.id or 0,
                article_id=c.article_id,
                action=c.action,
                source_key=c.source_key,
                statement_key=c.statement_key,
                value=c.value,
                orphaned=c.orphaned,
                created_at=c.created_at,
                creator=c.creator,
            )
            for c in corrections.corrections(self.db, article_id)
        ]
