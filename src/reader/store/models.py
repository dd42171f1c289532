"""The library's tables. User data (highlights, notes, ratings, corrections) lives apart from
derived analysis (article sources and statements), which can be dropped and recomputed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    text: str = ""
    origin: str = ""  # file path or URL it came from
    origin_kind: str = "file"  # file | url | sample | text
    canonical_url: str | None = Field(default=None, index=True)
    site: str | None = None
    author: str | None = None
    published: str | None = None
    content_hash: str = Field(index=True, unique=True)
    added_at: datetime = Field(default_factory=utcnow)
    opened_at: datetime | None = None
    scroll_pos: int = 0  # character offset at the top of the view
    analysis_version: str | None = None  # engine version the derived rows were made with


class LibrarySource(SQLModel, table=True):
    """One person or body across the whole library (members' ratings and notes: SourceRating,
    SourceNote)."""

    __tablename__ = "library_source"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(index=True)  # normalised name used to join mentions across articles
    kind: str = "other"
    role: str | None = None
    affiliation: str | None = None
    # before revision 0008 the user's rating and note; copied then into SourceRating and
    # SourceNote (per member) and no longer read or written
    rating: int | None = None
    note: str = ""


class ArticleSource(SQLModel, table=True):
    """A source as the analysis found it in one article (derived)."""

    __tablename__ = "article_source"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    key: str  # the engine's id within the article ("s1")
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    mentions: str = "[]"  # JSON list of [start, end]
    library_source_id: int | None = Field(
        default=None, foreign_key="library_source.id", index=True, ondelete="SET NULL"
    )


class Statement(SQLModel, table=True):
    """A statement as the analysis found it (derived)."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    key: str  # the engine's id ("st3")
    source_key: str
    kind: str
    start: int
    end: int
    content: str = "[]"  # JSON list of parts [[start, end], ...]
    text: str = ""
    cue: str | None = None  # JSON [start, end]
    cue_text: str = ""
    source_mention: str | None = None  # JSON [start, end]
    hedges: str = "[]"  # JSON list of phrases
    stance: str = "neutral"
    continues: str | None = None


class Highlight(SQLModel, table=True):
    """A user's highlight with its optional note (user data). An empty range is a margin note."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    color: str = "yellow"
    start: int
    end: int
    exact: str = ""  # W3C TextQuoteSelector
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    orphaned: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # who wrote it when not the user: the /T of an annotation imported from a PDF; "" for
    # the user's own
    author: str = ""
    # the member who made it (or imported it): the PostgreSQL role, on SQLite the name the
    # library's user goes by (reader.library.members); private to them unless `shared`
    creator: str = ""
    shared: bool = False
    version: int = 1  # bumped by every change: an edit based on an older one is a conflict


class Correction(SQLModel, table=True):
    """A user's correction of the analysis (user data), replayed after every re-analysis.

    action: rename (source_key, value=new name) · merge (source_key into value) ·
    move (statement_key to source value) · not_statement (statement_key). The keys are the
    engine's ids in the current analysis; `anchor` says what they stood for (names, mention
    spans, the statement's quote: see annotate/corrections.py) so that a new engine's ids are
    found again, and a correction whose source or statement is gone is `orphaned` (kept, not
    applied)."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    action: str
    source_key: str | None = None
    statement_key: str | None = None
    value: str | None = None
    anchor: str = "{}"  # JSON {"source": …, "target": …, "statement": …}
    orphaned: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    creator: str = ""  # the member who made it (corrections are team-wide)
    version: int = 1


class SourceRating(SQLModel, table=True):
    """A member's trust rating of a library source (user data), −2 … +2; the whole team reads
    them (the spread beside one's own)."""

    __tablename__ = "source_rating"
    __table_args__ = (
        UniqueConstraint("library_source_id", "member", name="uq_source_rating_member"),
    )
    id: int | None = Field(default=None, primary_key=True)
    library_source_id: int = Field(foreign_key="library_source.id", ondelete="CASCADE")
    member: str
    rating: int | None = None  # None: not rated (any more)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class SourceNote(SQLModel, table=True):
    """A member's private note on a library source (user data). Apart from the rating because
    PostgreSQL's row-level security hides rows, not columns."""

    __tablename__ = "source_note"
    __table_args__ = (
        UniqueConstraint("library_source_id", "member", name="uq_source_note_member"),
    )
    id: int | None = Field(default=None, primary_key=True)
    library_source_id: int = Field(foreign_key="library_source.id", ondelete="CASCADE")
    member: str
    note: str = ""
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class Member(SQLModel, table=True):
    """The name shown beside a member's identity (their PostgreSQL role)."""

    name: str = Field(primary_key=True)
    display_name: str = ""


class Setting(SQLModel, table=True):
    """Small app state that belongs with the library (last article, …)."""

    key: str = Field(primary_key=True)
    value: str = ""


class NoteDraft(SQLModel, table=True):
    """A note being written and not yet saved (user data), kept as it is typed so that closing
    the window, opening another article or a crash loses nothing. One per article and anchor:
    "h<id>" for the note of a highlight, "r<start>-<end>" for a new note on a selection."""

    __tablename__ = "note_draft"
    __table_args__ = (
        UniqueConstraint("article_id", "anchor", "creator", name="uq_note_draft_creator"),
    )
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    highlight_id: int | None = Field(
        default=None, foreign_key="highlight.id", index=True, ondelete="CASCADE"
    )
    anchor: str
    start: int
    end: int
    exact: str = ""  # W3C TextQuoteSelector of a new note's range, to place it again
    prefix: str = ""
    suffix: str = ""
    color: str = "yellow"
    text: str = ""
    updated_at: datetime = Field(default_factory=utcnow)
    creator: str = ""  # whose draft (private to them)


class Feed(SQLModel, table=True):
    """A subscription (user data: its address, title and folder) and the state of its refreshes
    (validators for the next conditional GET, when to check next, the last error)."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True)
    title: str = ""
    site_url: str | None = None
    folder: str | None = None  # OPML folder ("News/World"); None at the top level
    etag: str | None = None
    last_modified: str | None = None
    last_checked: datetime | None = None
    next_check: datetime | None = None  # a failing feed is not tried again before this
    error: str | None = None  # the last refresh's one-line error; None when it went well
    failures: int = 0  # refreshes failed in a row (the back-off's exponent)
    added_at: datetime = Field(default_factory=utcnow)


class FeedEntry(SQLModel, table=True):
    """An entry of a feed: an article to be. `summary` is the feed's text, plain; `article_id`
    is set once it is imported (or found already in the library); `read` is user data."""

    __tablename__ = "feed_entry"
    # (feed_id, read): the Library's unread counts read the index alone, not 50,000 rows
    __table_args__ = (
        UniqueConstraint("feed_id", "guid"),
        Index("ix_feed_entry_feed_id_read", "feed_id", "read"),
    )
    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="feed.id", ondelete="CASCADE")
    guid: str
    url: str | None = None
    title: str = ""
    summary: str = ""
    published: str | None = None  # ISO 8601 UTC; None when the feed gives no date
    read: bool = False
    article_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="SET NULL"
    )
    added_at: datetime = Field(default_factory=utcnow)


class ArticlePdf(SQLModel, table=True):
    """The PDF an article was read from: the file's bytes as they were (annotations are written
    into them) and the map from each character of the article's text to its page and box
    (`reader.ingest.pdf_map.PdfTextMap.to_bytes`). Apart from `article`, so that listing and
    opening articles never read the blobs."""

    __tablename__ = "article_pdf"
    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    original: bytes
    text_map: bytes
