"""The stored rows as plain frozen records, for the reads made with the standard library's
sqlite3 (store/snapshot.py): the same columns, names and Python types as the sqlmodel tables
of store/models.py (datetimes aware in UTC, booleans as bool), so the library converts either
with the same code. A record holds the columns it names; a newer schema's extra columns are
left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


def _datetime(value: object) -> datetime | None:
    """As sqlmodel's column type reads it: UTC stored without an offset, returned aware."""
    if value is None:
        return None
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Record:
    """A row of TABLE; `maker` builds them from the rows of a sqlite3 query."""

    TABLE: ClassVar[str] = ""
    DATETIMES: ClassVar[frozenset[str]] = frozenset()
    BOOLS: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def maker(cls: type[R], columns: Sequence[str]) -> Callable[[Sequence[Any]], R]:
        """A function from a row of a query with these columns to a record (the columns are
        looked up once per query: the source reads make tens of thousands of records).
        ValueError when a column is missing (an older or unknown schema)."""
        at = [list(columns).index(f.name) for f in fields(cls)]
        names = [f.name for f in fields(cls)]
        convert = {
            i: _datetime if name in cls.DATETIMES else bool
            for i, name in enumerate(names)
            if name in cls.DATETIMES or name in cls.BOOLS
        }
        if not convert:
            return lambda row: cls(*[row[i] for i in at])
        return lambda row: cls(
            *[convert[k](row[i]) if k in convert else row[i] for k, i in enumerate(at)]
        )


@dataclass(frozen=True, slots=True)
class ArticleRecord(Record):
    TABLE: ClassVar[str] = "article"
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"added_at", "opened_at"})
    id: int
    title: str
    text: str
    origin: str
    origin_kind: str
    canonical_url: str | None
    site: str | None
    author: str | None
    published: str | None
    content_hash: str
    added_at: datetime
    opened_at: datetime | None
    scroll_pos: int
    analysis_version: str | None


@dataclass(frozen=True, slots=True)
class LibrarySourceRecord(Record):
    TABLE: ClassVar[str] = "library_source"
    id: int
    name: str
    key: str
    kind: str
    role: str | None
    affiliation: str | None
    rating: int | None
    note: str


@dataclass(frozen=True, slots=True)
class SourceRecord(Record):
    """A row of article_source: one source of one article's analysis."""

    TABLE: ClassVar[str] = "article_source"
    id: int
    article_id: int
    key: str
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    mentions: str
    library_source_id: int | None


@dataclass(frozen=True, slots=True)
class StatementRecord(Record):
    TABLE: ClassVar[str] = "statement"
    id: int
    article_id: int
    key: str
    source_key: str
    kind: str
    start: int
    end: int
    content: str
    text: str
    cue: str | None
    cue_text: str
    source_mention: str | None
    hedges: str
    stance: str
    continues: str | None


@dataclass(frozen=True, slots=True)
class HighlightRecord(Record):
    TABLE: ClassVar[str] = "highlight"
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at"})
    BOOLS: ClassVar[frozenset[str]] = frozenset({"orphaned", "shared"})
    id: int
    article_id: int
    color: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str
    orphaned: bool
    created_at: datetime
    updated_at: datetime
    author: str  # "" for the user's own (revision 0007)
    creator: str  # the member who made it (revision 0008)
    shared: bool
    version: int


@dataclass(frozen=True, slots=True)
class CorrectionRecord(Record):
    TABLE: ClassVar[str] = "correction"
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"created_at"})
    BOOLS: ClassVar[frozenset[str]] = frozenset({"orphaned"})
    id: int
    article_id: int
    action: str
    source_key: str | None
    statement_key: str | None
    value: str | None
    anchor: str
    orphaned: bool
    created_at: datetime
    creator: str  # the member who made it (revision 0008)
