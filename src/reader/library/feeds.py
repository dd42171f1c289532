"""The library's feed operations: subscribe (a feed's or a page's address, an OPML file), list,
refresh, mark read, and open an entry as an article (imported through the URL import when the
feed carries only a summary, or found in the library already). For the window and the CLI."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

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
    e = storage.entry(lib.db, entry_id)
    # deleting an article unlinks its entries (ON DELETE SET NULL): a link is an article
    known = e.article_id if e.article_id is not None else storage.article_at(lib.db, e.url)
    if known is not None:  # imported before, perhaps since the entry came
        storage.link_article(lib.db, entry_id, known)
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
    storage.link_article(lib.db, entry_id, article_id)
    return article_id


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
