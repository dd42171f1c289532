"""Downloading a feed: a conditional GET (ETag / Last-Modified, a 304 answer has no body), the
per-wait timeout and whole-download deadline, size cap and redirect handling of web pages
(reader.ingest.url), and one line for every way it can fail."""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from reader.errors import InputError
from reader.feeds.model import FeedError, Fetched
from reader.ingest.limits import MAX_PAGE_BYTES, megabytes

# the page downloader's connection handling: a deadline enforced on the socket itself (a server
# that drips bytes cannot hold a refresh), redirects that come back to us to be counted, and the
# one-line network errors. Shared rather than copied so that both keep the same guarantees.
from reader.ingest.url import (
    MAX_REDIRECTS,
    REDIRECT_CODES,
    USER_AGENT,
    Deadline,
    check_url,
    network_error,
    no_redirect_opener,
    read_body,
    status_text,
)

TIMEOUT = 10.0  # seconds without an answer; the whole download of one feed gets 3×
MAX_FEED_BYTES = MAX_PAGE_BYTES  # a feed is a page of markup: the same cap
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.3"
)

log = logging.getLogger(__name__)


def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    deadline: float | None = None,
    max_bytes: int = MAX_FEED_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url`, sending the validators of the last answer; a FeedError says why not."""
    try:
        origin = check_url(url)
    except InputError as exc:
        raise FeedError(str(exc)) from None
    limit = Deadline(timeout * 3 if deadline is None else deadline, timeout)
    try:
        return _get(origin, etag, last_modified, limit, timeout, max_bytes, max_redirects)
    finally:
        limit.cancel()


def _get(
    origin: str,
    etag: str | None,
    last_modified: str | None,
    deadline: Deadline,
    timeout: float,
    max_bytes: int,
    max_redirects: int,
) -> Fetched:
    current = origin
    seen = {current}
    permanent = True  # so far, every redirect said the feed moved for good
    opener = no_redirect_opener(deadline)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for _hop in range(max_redirects + 1):
        request = urllib.request.Request(current, headers=headers)
        try:
            with opener.open(request, timeout=deadline.wait_limit()) as resp:
                body = _read_feed_body(resp, current, max_bytes, deadline)
                return Fetched(
                    url=resp.geturl() or current,
                    body=body,
                    content_type=resp.headers.get_content_type(),
                    etag=resp.headers.get("ETag"),
                    last_modified=resp.headers.get("Last-Modified"),
                    moved=permanent and current != origin,
                )
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code == 304:
                    return Fetched(
                        url=current,
                        etag=exc.headers.get("ETag") or etag,
                        last_modified=exc.headers.get("Last-Modified") or last_modified,
                        not_modified=True,
                        moved=permanent and current != origin,
                    )
                if exc.code in REDIRECT_CODES:
                    permanent = permanent and exc.code in (301, 308)
                    current = _next_hop(origin, current, exc.headers.get("Location"), seen)
                    continue
                raise FeedError(_status_error(current, exc.code)) from None
        except FeedError:
            raise
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            # ValueError: http.client refuses some addresses (a control character, a bad port)
            if deadline.passed():
                raise FeedError(str(deadline.error(current))) from exc
            raise FeedError(str(network_error(current, exc, timeout))) from exc
    raise FeedError(f"Cannot fetch {origin}: more than {max_redirects} redirects")


def _next_hop(origin: str, current: str, target: str | None, seen: set[str]) -> str:
    if not target:
        raise FeedError(f"Cannot fetch {current}: the server redirected without saying where")
    nxt = urljoin(current, target.strip())
    if urlsplit(nxt).scheme not in ("http", "https"):
        raise FeedError(f"Cannot fetch {origin}: it redirects to {nxt}, which is not a web address")
    if nxt in seen:
        raise FeedError(f"Cannot fetch {origin}: the redirects go round in a loop")
    seen.add(nxt)
    return nxt


def _status_error(url: str, code: int) -> str:
    if code == 410:
        return f"Cannot fetch {url}: the feed is gone (410 Gone); unsubscribe from it"
    if code == 404:
        return f"Cannot fetch {url}: no feed there (404 Not Found)"
    return f"Cannot fetch {url}: the server answered {status_text(code)}"


def _read_feed_body(resp, url: str, max_bytes: int, deadline: Deadline) -> bytes:
    try:
        return read_body(resp, url, max_bytes, deadline, too_large=_too_large)
    except FeedError:
        raise
    except InputError as exc:  # the cap or the deadline: the feed's own error
        raise FeedError(str(exc)) from exc


def _too_large(url: str, size: int | None, limit: int) -> str:
    shown = f"over {megabytes(limit)}" if size is None else megabytes(size)
    return f"Cannot fetch {url}: too large: {shown}; reader reads feeds up to {megabytes(limit)}"
