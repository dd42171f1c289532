"""Members' trust ratings of library sources and their private notes on them (user data,
tables source_rating and source_note of revision 0008), and the team's spread of ratings
shown beside one's own.

Each member has at most one rating and one note per source. A change carries the version it
was based on (0: none yet): one saved meanwhile from another window or machine is never
written over; ConflictError says so with both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.errors import ConflictError, NotFoundError, ReaderError

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

    from reader.store.database import Database

RATINGS = range(-2, 3)


@dataclass(frozen=True)
class RatingSpread:
    """The team's ratings of one source: every member's (`by_member`, member → rating, the
    user's own included), their count, mean, lowest and highest."""

    by_member: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.by_member)

    @property
    def mean(self) -> float | None:
        from statistics import fmean  # not at import: the window's start has no use for it

        return fmean(self.by_member.values()) if self.by_member else None

    @property
    def low(self) -> int | None:
        return min(self.by_member.values()) if self.by_member else None

    @property
    def high(self) -> int | None:
        return max(self.by_member.values()) if self.by_member else None

    def others(self, me: str) -> dict[str, int]:
        return {m: r for m, r in self.by_member.items() if m != me}

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "mean": None if self.mean is None else round(self.mean, 2),
            "min": self.low,
            "max": self.high,
            "members": dict(sorted(self.by_member.items())),
        }


@dataclass(frozen=True)
class MemberRatings:
    """What the Sources panel shows of ratings, read in one go: the user's own rating and note
    with their versions, and every source's spread."""

    me: str
    rating: dict[int, tuple[int | None, int]]  # library source id → (rating, version)
    note: dict[int, tuple[str, int]]  # library source id → (note, version)
    spread: dict[int, RatingSpread]


def read_member_ratings(conn: Any) -> MemberRatings:
    """Read through a connection of store.snapshot (sqlite3, or psycopg: row-level security
    gives a member their own notes only)."""
    from reader.library.members import identity_of

    me = identity_of(conn)
    rating: dict[int, tuple[int | None, int]] = {}
    team: dict[int, dict[str, int]] = {}
    for lsid, member, value, version in conn.execute(
        "SELECT library_source_id, member, rating, version FROM source_rating"
    ).fetchall():
        if member == me:
            rating[lsid] = (value, version)
        if value is not None:
            team.setdefault(lsid, {})[member] = value
    note = {
        lsid: (text, version)
        for lsid, text, version in conn.execute(
            "SELECT library_source_id, note, version FROM source_note WHERE member = ?", (me,)
        ).fetchall()
    }
    spread = {lsid: RatingSpread(by) for lsid, by in team.items()}
    return MemberRatings(me, rating, note, spread)


def _check_source(s, library_source_id: int) -> None:
    from reader.store.models import LibrarySource

    if s.get(LibrarySource, library_source_id) is None:
        raise NotFoundError(f"No source with id {library_source_id} in the library")


def rate_source(
    db: Database, library_source_id: int, rating: int | None, base_version: int | None = None
) -> int:
    """Set the user's trust rating, −2 (distrusted) … +2 (trusted), or None (not rated);
    returns the rating's new version."""
    from reader.store.models import SourceRating

    if rating is not None and (isinstance(rating, bool) or int(rating) not in RATINGS):
        raise ReaderError(f"A rating goes from -2 to +2, not {rating}")
    value = None if rating is None else int(rating)
    return _save(db, SourceRating, "rating", library_source_id, value, base_version)


def set_source_note(
    db: Database, library_source_id: int, note: str, base_version: int | None = None
) -> int:
    """Set the user's private note on a source; returns the note's new version."""
    from reader.store.models import SourceNote

    return _save(db, SourceNote, "note", library_source_id, note or "", base_version)


def _save(
    db: Database,
    table: Any,
    column: str,
    library_source_id: int,
    value: object,
    base_version: int | None,
) -> int:
    """Insert or update the user's row of `table` unless it changed since `base_version`."""
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import select

    from reader.library.members import identity_in
    from reader.store.models import utcnow

    what = "rating" if column == "rating" else "note on this source"
    with db.session() as s:
        _check_source(s, library_source_id)
        me = identity_in(s, keep=True)
        row = s.exec(
            select(table).where(table.library_source_id == library_source_id, table.member == me)
        ).first()
        stored = (getattr(row, column), row.version) if row is not None else (None, 0)
        if base_version is not None and base_version != stored[1]:
            raise _conflict(what, stored, (value, base_version))
        if row is None:
            try:
                with s.begin_nested():  # a first save elsewhere at the same moment: a conflict
                    s.add(table(library_source_id=library_source_id, member=me, **{column: value}))
            except IntegrityError:
                raise _conflict(what, (None, 1), (value, 0)) from None
            return 1
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's
            update(table)
            .where(table.id == row.id, table.version == row.version)
            .values({column: value, "updated_at": utcnow(), "version": row.version + 1})
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            s.expire(row)
            raise _conflict(what, (getattr(row, column), row.version), (value, stored[1]))
        return stored[1] + 1


def _conflict(what: str, theirs: tuple[Any, int], mine: tuple[Any, int]) -> ConflictError:
    return ConflictError(
        f"Your {what} was changed elsewhere meanwhile (now {theirs[0]!r}); nothing was "
        "written over: reload it, your change is kept",
        theirs,
        mine,
    )


def source_spread(db: Database, library_source_id: int) -> RatingSpread:
    """The team's ratings of one source."""
    from sqlmodel import select

    from reader.store.models import SourceRating

    with db.session() as s:
        _check_source(s, library_source_id)
        rows = s.exec(
            select(SourceRating).where(
                SourceRating.library_source_id == library_source_id,
                SourceRating.rating != None,  # noqa: E711  (SQL IS NOT NULL)
            )
        ).all()
        return RatingSpread({r.member: int(r.rating) for r in rows if r.rating is not None})
