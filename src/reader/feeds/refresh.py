"""Refreshing many feeds at once: at most eight downloads at a time on a thread pool, each feed
alone (one feed's failure never stops the others), progress after each feed, a cancel that
stops what has not started, and the back-off that spaces out a failing feed's next tries."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta

from reader.feeds.fetching import TIMEOUT, fetch_feed
from reader.feeds.model import FeedError, FeedState, RefreshOutcome
from reader.feeds.parsing import parse_feed

MAX_WORKERS = 8  # connections at a time: polite to servers, and enough to hide latency
INTERVAL = timedelta(minutes=30)  # between refreshes of a feed that works
MAX_BACKOFF = timedelta(days=1)  # a feed failing for days is still tried once a day

Progress = Callable[[int, int, RefreshOutcome], None]
log = logging.getLogger(__name__)


def next_check(now: datetime, failures: int, interval: timedelta = INTERVAL) -> datetime:
    """When to try a feed again: after `interval`, or 2^failures × interval once it has failed
    `failures` times in a row, never later than MAX_BACKOFF."""
    return now + min(interval * (2 ** min(failures, 20)), MAX_BACKOFF)


def is_due(failures: int, next_at: datetime | None, now: datetime) -> bool:
    """A working feed is refreshed whenever asked; a failing one only once its back-off ends."""
    if failures == 0 or next_at is None:
        return True
    if next_at.tzinfo is None:  # SQLite hands datetimes back without their zone: UTC
        next_at = next_at.replace(tzinfo=UTC)
    return next_at <= now


def refresh_one(feed: FeedState, *, timeout: float = TIMEOUT) -> RefreshOutcome:
    """Fetch and read one feed (`timeout`: per wait; three times it for the whole download);
    every failure becomes the outcome's error."""
    start = time.monotonic()
    now = datetime.now(UTC)
    try:
        fetched = fetch_feed(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, timeout=timeout
        )
        parsed = (
            None
            if fetched.not_modified
            else parse_feed(fetched.body, fetched.url, fetched.content_type)
        )
    except FeedError as exc:
        return RefreshOutcome(feed, now, error=str(exc), seconds=time.monotonic() - start)
    return RefreshOutcome(feed, now, fetched, parsed, seconds=time.monotonic() - start)


def refresh_feeds(
    feeds: Iterable[FeedState],
    *,
    workers: int = MAX_WORKERS,
    cancel: threading.Event | None = None,
    on_progress: Progress | None = None,
    refresh: Callable[[FeedState], RefreshOutcome] = refresh_one,
) -> Iterator[RefreshOutcome]:
    """Each feed's outcome as it comes in (in the caller's thread, which can store it: SQLite
    wants one writer). Once `cancel` is set no new download starts and the ones under way are
    not waited for; their outcomes are dropped."""
    todo = list(feeds)
    total = len(todo)
    if not todo:
        return
    workers = max(1, min(workers, MAX_WORKERS))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed")
    pending: dict[Future[RefreshOutcome], FeedState] = {}
    done_count = 0
    try:
        queue = iter(todo)
        # submitting only as many as there are workers lets a cancel stop the rest at once
        for feed in queue:
            pending[pool.submit(_isolated, refresh, feed)] = feed
            if len(pending) >= workers:
                break
        while pending:
            if cancel is not None and cancel.is_set():
                return
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                del pending[future]
                outcome = future.result()
                done_count += 1
                if on_progress is not None:
                    on_progress(done_count, total, outcome)
                yield outcome
                if cancel is None or not cancel.is_set():
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending[pool.submit(_isolated, refresh, nxt)] = nxt
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _isolated(refresh: Callable[[FeedState], RefreshOutcome], feed: FeedState) -> RefreshOutcome:
    """One feed's refresh, whatever happens in it. The feed modules report what they foresee as
    FeedError; anything else is a bug in them or in a library they use, logged with its
    traceback and shown on that feed alone, so that the other feeds are still refreshed."""
    try:
        return refresh(feed)
    except Exception as exc:  # the isolation boundary between feeds (see above)
        log.exception("refreshing %s failed unexpectedly", feed.url)
        return RefreshOutcome(
            feed,
            datetime.now(UTC),
            error=f"Cannot read {feed.url}: unexpected error ({type(exc).__name__}); see the log",
        )
