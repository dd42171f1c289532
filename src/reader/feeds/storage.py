"""Feeds and their entries in the library database: subscribing, what a refresh brings (new
entries stored once per GUID, linked to an article already in the library when its address or
text is the same), read state, and the lists the CLI and the window show. Functions take the
open Database; each call is one short transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from reader.errors import NotFoundError
from reader.feeds.model import FeedError, FeedState, RefreshOutcome
from reader.feeds.refresh import INTERVAL, is_due, next_check

if TYPE_CHECKING:
    from reader.store.database import Database


@dataclass(frozen=True)
class FeedInfo:
    id: int
    url: str
    title: str
    site_url: str | None
    folder: str | None
    entries: int
    unread: int
    last_checked: datetime | None
    next_check: datetime | None
    error: str | None
    failures: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "site_url": self.site_url,
            "folder": self.folder,
            "entries": self.entries,
            "unread": self.unread,
            "last_checked": _iso(self.last_checked),
            "next_check": _iso(self.next_check),
            "error": self.error,
            "failures": self.failures,
        }


@dataclass(frozen=True)
class EntryInfo:
    id: int
    feed_id: int
    guid: str
    url: str | None
    title: str
    summary: str
    published: str | None
    read: bool
    article_id: int | None

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def add_feed(
    db: Database,
    url: str,
    *,
    title: str = "",
    site_url: str | None = None,
    folder: str | None = None,
) -> tuple[int, bool]:
    """Subscribe to `url`; (feed id, True) when new, (its id, False) when already subscribed."""
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import select

    from reader.store.models import Feed

    try:
        with db.session() as s:
            existing = s.exec(select(Feed).where(Feed.url == url)).first()
            if existing is not None:
                assert existing.id is not None
                return existing.id, False
            feed = Feed(url=url, title=title, site_url=site_url, folder=folder or None)
            s.add(feed)
            s.flush()
            assert feed.id is not None
            return feed.id, True
    except IntegrityError:  # subscribed at the same moment by another thread or process
        with db.session() as s:
            made = s.exec(select(Feed).where(Feed.url == url)).first()
            if made is None or made.id is None:
                raise
            return made.id, False


def remove_feed(db: Database, feed_id: int) -> None:
    """Unsubscribe; the feed's entries go with it, the articles made from them stay."""
    from reader.store.models import Feed

    with db.session() as s:
        feed = s.get(Feed, feed_id)
        if feed is None:
            raise NotFoundError(f"No feed with id {feed_id}")
        s.delete(feed)


def feed_states(
    db: Database, *, due_only: bool = True, now: datetime | None = None
) -> list[FeedState]:
    """The feeds to refresh: all, or (`due_only`) all but failing ones still in back-off."""
    from sqlmodel import col, select

    from reader.store.models import Feed

    now = now or datetime.now(UTC)
    with db.session() as s:
        rows = s.exec(select(Feed).order_by(col(Feed.id))).all()
        return [
            FeedState(f.id, f.url, f.etag, f.last_modified, f.failures)  # type: ignore[arg-type]
            for f in rows
            if not due_only or is_due(f.failures, f.next_check, now)
        ]


def store_outcome(db: Database, outcome: RefreshOutcome, interval: timedelta = INTERVAL) -> int:
    """Write one feed's refresh: its new entries (returns how many) and its state. A failed
    refresh only records the error and the back-off; nothing stored before is touched.
    (Core SQL rather than ORM objects: a refresh writes 200 feeds while their downloads go on.)"""
    from sqlalchemy import text

    with db.session() as s:
        conn = s.connection()
        row = conn.execute(
            text("SELECT failures, title, site_url FROM feed WHERE id = :f"), {"f": outcome.feed.id}
        ).first()
        if row is None:  # unsubscribed while it was being fetched
            return 0
        failures, title, site_url = row
        checked = _naive(outcome.checked_at)
        if not outcome.ok:
            conn.execute(
                text(
                    "UPDATE feed SET last_checked = :c, failures = :n, error = :e, "
                    "next_check = :next WHERE id = :f"
                ),
                {
                    "c": checked,
                    "n": failures + 1,
                    "e": outcome.error,
                    "next": _naive(next_check(outcome.checked_at, failures + 1, interval)),
                    "f": outcome.feed.id,
                },
            )
            return 0
        fetched, parsed = outcome.fetched, outcome.parsed
        values = {
            "c": checked,
            "next": _naive(next_check(outcome.checked_at, 0, interval)),
            "etag": fetched.etag if fetched is not None else None,
            "lm": fetched.last_modified if fetched is not None else None,
            "t": title or (parsed.title if parsed is not None else ""),
            "site": (parsed.site_url if parsed is not None else None) or site_url,
            "f": outcome.feed.id,
        }
        conn.execute(
            text(
                "UPDATE feed SET last_checked = :c, next_check = :next, failures = 0, "
                "error = NULL, etag = :etag, last_modified = :lm, title = :t, site_url = :site "
                "WHERE id = :f"
            ),
            values,
        )
        if fetched is not None and fetched.moved:
            _follow_move(conn, outcome.feed.id, fetched.url)
        if parsed is None or not parsed.items:
            return 0
        (before,) = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM feed_entry")).one()
        result = conn.execute(
            text(
                # ON CONFLICT DO NOTHING and FALSE: SQLite's and PostgreSQL's both
                "INSERT INTO feed_entry (feed_id, guid, url, title, summary, published, "
                "read, added_at) VALUES (:f, :g, :u, :t, :s, :p, FALSE, :a) "
                "ON CONFLICT DO NOTHING"
            ),
            [
                {
                    "f": outcome.feed.id,
                    "g": item.guid,
                    "u": item.url,
                    "t": item.title,
                    "s": item.summary,
                    "p": item.published,
                    "a": checked,
                }
                for item in parsed.items
            ],
        )
        added = max(0, result.rowcount or 0)
        if added:
            _link_known_articles(conn, outcome.feed.id, before)
        return added


def _follow_move(conn, feed_id: int, url: str) -> None:
    """A feed that moved for good (301/308) is asked for at its new address from now on,
    unless that address is a subscription of its own already."""
    from sqlalchemy import text

    taken = conn.execute(text("SELECT 1 FROM feed WHERE url = :u"), {"u": url}).first()
    if taken is None:
        conn.execute(text("UPDATE feed SET url = :u WHERE id = :f"), {"u": url, "f": feed_id})


def _naive(when: datetime) -> datetime:
    """A datetime as the store keeps it: UTC without its zone (SQLAlchemy's SQLite DateTime)."""
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _link_known_articles(conn, feed_id: int, after_id: int) -> None:
    """The entries just stored (ids above `after_id`) whose address (canonical, or the one it
    was imported from) or text is an article's already in the library point at that article:
    no second import."""
    from sqlalchemy import text

    conn.execute(
        text(
            """
            UPDATE feed_entry SET article_id = (
                SELECT a.id FROM article a
                WHERE a.canonical_url = feed_entry.url OR a.origin = feed_entry.url
                ORDER BY a.id LIMIT 1)
            WHERE feed_id = :f AND id > :after AND url IS NOT NULL
            """
        ),
        {"f": feed_id, "after": after_id},
    )
    _link_by_content(conn, feed_id, after_id)


def _link_by_content(conn, feed_id: int, after_id: int) -> None:
    from sqlalchemy import bindparam, text

    from reader.ingest.document import content_hash

    rows = conn.execute(
        text(
            "SELECT id, summary FROM feed_entry "
            "WHERE feed_id = :f AND id > :after AND article_id IS NULL AND summary != ''"
        ),
        {"f": feed_id, "after": after_id},
    ).all()
    if not rows:
        return
    by_hash: dict[str, list[int]] = {}
    for entry_id, summary in rows:
        by_hash.setdefault(content_hash(summary), []).append(entry_id)
    found = conn.execute(
        text("SELECT content_hash, id FROM article WHERE content_hash IN :h").bindparams(
            bindparam("h", expanding=True)  # on either engine (no SQLite json_each)
        ),
        {"h": list(by_hash)},
    ).all()
    for digest, article_id in found:
        for entry_id in by_hash[digest]:
            conn.execute(
                text("UPDATE feed_entry SET article_id = :a WHERE id = :e"),
                {"a": article_id, "e": entry_id},
            )


def list_feeds(db: Database) -> list[FeedInfo]:
    """Every feed with its entry and unread counts, by folder then title."""
    from sqlalchemy import text

    with db.session() as s:
        rows = (
            s.connection()
            .execute(
                text(
                    """
                SELECT f.id, f.url, f.title, f.site_url, f.folder, f.last_checked, f.next_check,
                       f.error, f.failures, COALESCE(c.n, 0), COALESCE(c.unread, 0)
                FROM feed f LEFT JOIN (
                    SELECT feed_id, COUNT(*) AS n, SUM(CASE WHEN read THEN 0 ELSE 1 END) AS unread
                    FROM feed_entry GROUP BY feed_id  -- the (feed_id, read) index alone
                ) c ON c.feed_id = f.id
                ORDER BY COALESCE(f.folder, ''), LOWER(COALESCE(NULLIF(f.title, ''), f.url))
                """
                )
            )
            .all()
        )
    return [
        FeedInfo(
            id=r[0],
            url=r[1],
            title=r[2],
            site_url=r[3],
            folder=r[4],
            last_checked=_when(r[5]),
            next_check=_when(r[6]),
            error=r[7],
            failures=r[8],
            entries=r[9],
            unread=r[10],
        )
        for r in rows
    ]


def _when(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def entries(
    db: Database, feed_id: int | None = None, *, unread_only: bool = False
) -> list[EntryInfo]:
    """A feed's entries (or every feed's), newest first; entries without a date after the
    dated ones, in the order they arrived."""
    from sqlmodel import col, select

    from reader.store.models import FeedEntry

    with db.session() as s:
        q = select(FeedEntry)
        if feed_id is not None:
            q = q.where(FeedEntry.feed_id == feed_id)
        if unread_only:
            q = q.where(col(FeedEntry.read).is_(False))
        q = q.order_by(
            col(FeedEntry.published).is_(None), col(FeedEntry.published).desc(), col(FeedEntry.id)
        )
        return [_entry(e) for e in s.exec(q).all()]


def entry(db: Database, entry_id: int) -> EntryInfo:
    from reader.store.models import FeedEntry

    with db.session() as s:
        e = s.get(FeedEntry, entry_id)
        if e is None:
            raise NotFoundError(f"No feed entry with id {entry_id}")
        return _entry(e)


def _entry(e) -> EntryInfo:
    return EntryInfo(
        id=e.id,
        feed_id=e.feed_id,
        guid=e.guid,
        url=e.url,
        title=e.title,
        summary=e.summary,
        published=e.published,
        read=e.read,
        article_id=e.article_id,
    )


def set_read(db: Database, entry_ids: list[int], read: bool = True) -> int:
    """Mark entries read (or unread); returns how many changed."""
    from sqlalchemy import update
    from sqlmodel import col

    from reader.store.models import FeedEntry

    if not entry_ids:
        return 0
    with db.session() as s:
        result = s.connection().execute(
            update(FeedEntry)
            .where(col(FeedEntry.id).in_(entry_ids), col(FeedEntry.read).is_not(read))
            .values(read=read)
        )
        return int(result.rowcount or 0)


def link_article(db: Database, entry_id: int, article_id: int, *, read: bool = True) -> None:
    """The entry became (or was found as) this article; opening it marks it read (fetching it
    ahead of time, `read=False`, leaves it unread)."""
    from reader.store.models import FeedEntry

    with db.session() as s:
        e = s.get(FeedEntry, entry_id)
        if e is None:
            raise NotFoundError(f"No feed entry with id {entry_id}")
        e.article_id = article_id
        e.read = e.read or read
        s.add(e)


def article_at(db: Database, url: str | None) -> int | None:
    """The article already in the library from `url` (its canonical address or the one it was
    imported from), if any."""
    from sqlalchemy import text

    if not url:
        return None
    with db.session() as s:
        row = (
            s.connection()
            .execute(
                text(
                    "SELECT id FROM article WHERE canonical_url = :u OR origin = :u "
                    "ORDER BY id LIMIT 1"
                ),
                {"u": url},
            )
            .first()
        )
    return None if row is None else int(row[0])


def find_feed(db: Database, ref: str) -> int:
    """A feed id from its id or its address."""
    from sqlmodel import select

    from reader.store.models import Feed

    with db.session() as s:
        if ref.isascii() and ref.isdigit():
            if s.get(Feed, int(ref)) is not None:
                return int(ref)
        else:
            found = s.exec(select(Feed).where(Feed.url == ref)).first()
            if found is not None and found.id is not None:
                return found.id
    raise FeedError(f"No feed {ref} among the subscriptions (see reader feeds list)")
