"""The library's feed operations: subscribe (a feed's or a page's address, an OPML file), list,
refresh, mark read, and open an entry as an article (imported through the URL import when the
feed carries only a summary, or found in the library already). For the window and the CLI."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.errors import ReaderError
from reader.feeds import storage
from reader.feeds.discovery import FeedLink, discover
from reader.feeds.model import FeedError, FeedState, RefreshOutcome
from reader.feeds.opml import Subscription, read_opml, write_opml
from reader.feeds.refresh import MAX_WORKERS, refresh_feeds, refresh_one
from reader.feeds.storage import EntryInfo, FeedInfo
from reader.ingest.document import ImportedDocument
from reader.ingest.limits import check_text_size

if TYPE_CHECKING:
    from reader.library.operations import Library

# A feed whose entry carries this much text carries the article itself: opening the entry
# imports that text rather than downloading the page (summaries run to a few hundred characters)
FULL_TEXT_CHARS = 1500
# fetching ahead after one refresh imports at most this many entries (analysis included, about
# a second each): a feed of 200 new entries does not keep the machine busy for minutes
FETCH_AHEAD_LIMIT = 30

Choose = Callable[[tuple[FeedLink, ...]], FeedLink | None]
Progress = Callable[[int, int, RefreshOutcome], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Added:
    """A subscription made (or found made already) and what its first fetch brought."""

    feed_id: int
    url: str
    title: str
    new: bool
    entries: int


@dataclass
class RefreshReport:
    """What one refresh did, for the status bar and `reader feeds refresh`."""

    total: int = 0
    updated: int = 0  # feeds that answered with their feed
    not_modified: int = 0  # feeds that answered 304
    new_entries: int = 0
    skipped: int = 0  # failing feeds still in back-off
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, error)
    cancelled: bool = False
    seconds: float = 0.0


class SeveralFeeds(FeedError):
    """A page names several feeds and no one chose among them."""

    def __init__(self, address: str, links: tuple[FeedLink, ...]) -> None:
        super().__init__(f"The page {address} names {len(links)} feeds; choose one of them")
        self.links = links


def add_feed(
    lib: Library, address: str, *, folder: str | None = None, choose: Choose | None = None
) -> Added:
    """Subscribe to the feed at `address`, or to the one its page names (`choose` picks when
    it names several; without it that is a SeveralFeeds error). The feed is read at once."""
    found = discover(address)
    if found.feed is None:
        link = found.links[0] if len(found.links) == 1 else None
        if link is None and choose is not None:
            link = choose(found.links)
        if link is None:
            raise SeveralFeeds(address, found.links)
        found = discover(link.url)
        if found.feed is None:
            raise FeedError(f"Not a feed: {link.url}, named by {address}, is a web page")
    parsed, fetched = found.feed, found.fetched
    assert parsed is not None
    feed_id, new = storage.add_feed(
        lib.db, found.url, title=parsed.title, site_url=parsed.site_url, folder=folder
    )
    outcome = RefreshOutcome(FeedState(feed_id, found.url), _now(), fetched=fetched, parsed=parsed)
    count = storage.store_outcome(lib.db, outcome)
    return Added(feed_id, found.url, parsed.title or found.url, new, count)


def remove_feed(lib: Library, feed_id: int) -> None:
    storage.remove_feed(lib.db, feed_id)


def feeds(lib: Library) -> list[FeedInfo]:
    """Every subscription with its counts and its last error."""
    return storage.list_feeds(lib.db)


def entries(
    lib: Library, feed_id: int | None = None, *, unread_only: bool = False
) -> list[EntryInfo]:
    return storage.entries(lib.db, feed_id, unread_only=unread_only)


def refresh(
    lib: Library,
    *,
    force: bool = False,
    cancel: threading.Event | None = None,
    on_progress: Progress | None = None,
    workers: int = MAX_WORKERS,
    timeout: float | None = None,
) -> RefreshReport:
    """Refresh every feed (`force`: failing ones in back-off too), storing each as it comes."""
    start = time.monotonic()
    every = storage.feed_states(lib.db, due_only=False)
    due = every if force else storage.feed_states(lib.db)
    report = RefreshReport(total=len(due), skipped=len(every) - len(due))

    def one(feed: FeedState) -> RefreshOutcome:
        return refresh_one(feed) if timeout is None else refresh_one(feed, timeout=timeout)

    for outcome in refresh_feeds(
        due, workers=workers, cancel=cancel, on_progress=on_progress, refresh=one
    ):
        added = storage.store_outcome(lib.db, outcome)
        if not outcome.ok:
            report.failed.append((outcome.feed.url, outcome.error or ""))
        elif outcome.fetched is not None and outcome.fetched.not_modified:
            report.not_modified += 1
        else:
            report.updated += 1
            report.new_entries += added
    report.cancelled = cancel is not None and cancel.is_set()
    report.seconds = time.monotonic() - start
    return report


def mark_read(lib: Library, entry_ids: list[int], read: bool = True) -> int:
    return storage.set_read(lib.db, entry_ids, read)


def toggle_read(lib: Library, entry_id: int) -> bool:
    """M in the window: read ↔ unread; returns the new state."""
    now_read = not storage.entry(lib.db, entry_id).read
    storage.set_read(lib.db, [entry_id], now_read)
    return now_read


def open_entry(lib: Library, entry_id: int) -> int:
    """The article of an entry, imported the first time: the page at its address through the
    URL import when the feed carries only a summary, the feed's own text when it carries the
    whole article or has no address. Marks the entry read."""
    return _entry_article(lib, storage.entry(lib.db, entry_id), read=True)


def _entry_article(lib: Library, e: EntryInfo, *, read: bool) -> int:
    # deleting an article unlinks its entries (ON DELETE SET NULL): a link is an article
    known = e.article_id if e.article_id is not None else storage.article_at(lib.db, e.url)
    if known is not None:  # imported before, perhaps since the entry came
        storage.link_article(lib.db, e.id, known, read=read)
        return known
    if e.url and len(e.summary) < FULL_TEXT_CHARS:
        article_id = lib.import_path(e.url)
    else:
        if not e.summary.strip():
            raise FeedError(f"The entry {e.title or e.guid!r} has neither an address nor any text")
        check_text_size(e.summary, e.url or e.title or e.guid)  # a feed may carry 10 MB
        article_id = lib.import_document(
            ImportedDocument(
                text=e.summary,
                title=e.title,
                origin=e.url or e.guid,
                origin_kind="url" if e.url else "text",
                site=urlsplit(e.url).hostname if e.url else None,
                published=e.published,
                canonical_url=e.url,
            )
        )
    storage.link_article(lib.db, e.id, article_id, read=read)
    return article_id


@dataclass
class FetchAheadReport:
    """What fetching articles ahead of time did: imported, failed (entry id, error), cancelled."""

    imported: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False


def fetch_ahead(
    lib: Library,
    feed_ids: Iterable[int],
    *,
    limit: int = FETCH_AHEAD_LIMIT,
    cancel: threading.Event | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> FetchAheadReport:
    """Import the unread, not yet imported entries of `feed_ids` (newest first, at most `limit`
    in all, one at a time) so that they open at once, offline; they stay unread. One failing
    entry is logged and the others go on; `cancel` stops between two entries."""
    todo: list[EntryInfo] = []
    for feed_id in feed_ids:
        todo += [e for e in storage.entries(lib.db, feed_id, unread_only=True) if not e.article_id]
    todo.sort(key=lambda e: e.id)  # undated ones in the order they came, after the dated
    todo.sort(key=lambda e: e.published or "", reverse=True)  # ISO 8601 in UTC: sorts as text
    todo = todo[:limit]
    report = FetchAheadReport()
    for done, e in enumerate(todo):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        if on_progress is not None:
            on_progress(done, len(todo))
        try:
            _entry_article(lib, e, read=False)
            report.imported += 1
        except ReaderError as exc:  # a page gone, too large, not an article: the next goes on
            log.info("fetching entry %s ahead failed: %s", e.id, exc)
            report.failed.append((e.id, str(exc)))
    return report


def next_unread(lib: Library, current: int | None = None) -> EntryInfo | None:
    """The unread entry that follows entry `current` in reading order (its feed's entries as
    listed, then the next feeds' in the Feeds tab's order, round to the start); the first
    unread one when `current` is None; None when every entry is read."""
    order = [f.id for f in storage.list_feeds(lib.db)]
    if not order:
        return None
    here = storage.entry(lib.db, current) if current is not None else None
    first = order.index(here.feed_id) if here is not None and here.feed_id in order else 0
    before: list[EntryInfo] = []  # the current feed's entries above `current`: read last
    for k in range(len(order)):
        feed_id = order[(first + k) % len(order)]
        if k == 0 and here is not None:
            listed = storage.entries(lib.db, feed_id)
            at = next((i for i, e in enumerate(listed) if e.id == here.id), -1)
            before = [e for e in listed[:at] if not e.read]
            unread = [e for e in listed[at + 1 :] if not e.read]
        else:
            unread = storage.entries(lib.db, feed_id, unread_only=True)
        if unread:
            return unread[0]
    return before[0] if before else None


def import_opml(lib: Library, path: Path) -> tuple[int, int]:
    """Subscribe to every feed of an OPML file, in its folders (read at the next refresh);
    returns (added, already subscribed)."""
    added = already = 0
    for sub in read_opml(Path(path)):
        _, new = storage.add_feed(lib.db, sub.url, title=sub.title, folder=sub.folder)
        added, already = added + new, already + (not new)
    return added, already


def export_opml(lib: Library, path: Path) -> int:
    """Write every subscription, in its folder, to an OPML file; returns how many."""
    subs = [Subscription(f.url, f.title, f.folder, f.site_url) for f in storage.list_feeds(lib.db)]
    write_opml(Path(path), subs)
    return len(subs)


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
