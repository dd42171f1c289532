"""The plain values the feed modules pass each other: a feed as read (ParsedFeed, FeedItem), one
download's answer (Fetched), a feed to refresh (FeedState) and what refreshing it gave
(RefreshOutcome)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reader.errors import InputError


class FeedError(InputError):
    """A feed that cannot be fetched or read: its message is what `feeds list` shows on it."""


@dataclass(frozen=True)
class FeedItem:
    """One entry as the feed carries it; `summary` is plain text (markup never kept)."""

    guid: str
    url: str | None
    title: str
    summary: str
    published: str | None  # ISO 8601 in UTC, or None when the feed gives no date


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str | None
    items: tuple[FeedItem, ...]
    kind: str  # "rss20", "atom10", "json1", … (feedparser's version names; "json" for JSON Feed)


@dataclass(frozen=True)
class Fetched:
    """One conditional GET's answer: `not_modified` (304, no body) or the body with its
    validators for the next request."""

    url: str  # after redirects
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    moved: bool = False  # every redirect on the way was permanent (301/308): the feed's new home


@dataclass(frozen=True)
class FeedState:
    """What refreshing needs to know of a stored feed."""

    id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0


@dataclass(frozen=True)
class RefreshOutcome:
    """One feed's refresh: a parsed feed, "not modified", or an error (never an exception)."""

    feed: FeedState
    checked_at: datetime
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None
