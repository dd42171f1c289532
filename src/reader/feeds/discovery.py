"""Finding what to subscribe to from an address a person pastes: the address of a feed is the
feed; the address of a web page names its feeds in `<link rel="alternate">` tags, and when it
names several the caller chooses."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader.feeds.fetching import fetch_feed
from reader.feeds.model import FeedError, Fetched, ParsedFeed
from reader.feeds.parsing import looks_like_html, parse_feed

FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
    "application/xml": "XML feed",
    "text/xml": "XML feed",
}


@dataclass(frozen=True)
class FeedLink:
    """A feed a page names: its address, its title on the page, and its format."""

    url: str
    title: str
    kind: str


@dataclass(frozen=True)
class Found:
    """What an address is: a feed (`feed` and `fetched` set) or a page naming `links`."""

    url: str
    fetched: Fetched
    feed: ParsedFeed | None = None
    links: tuple[FeedLink, ...] = ()


def find_feed_links(page: bytes, page_url: str) -> tuple[FeedLink, ...]:
    """The feeds a page names in its `<link rel="alternate">` tags, in page order, once each."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return ()
    out: list[FeedLink] = []
    seen: set[str] = set()
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((el.get("type") or "").split(";")[0].strip().lower())
        href = (el.get("href") or "").strip()
        if "alternate" not in rel or kind is None or not href:
            continue
        url = urljoin(page_url, href)
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        out.append(FeedLink(url=url, title=" ".join((el.get("title") or "").split()), kind=kind))
    return tuple(out)


def discover(address: str, *, timeout: float | None = None) -> Found:
    """Fetch `address`: a feed is read, a page's feed links are listed. A page naming no feed,
    or an address that is neither, is a FeedError."""
    fetched = fetch_feed(address) if timeout is None else fetch_feed(address, timeout=timeout)
    if looks_like_html(fetched.body, fetched.content_type):
        links = find_feed_links(fetched.body, fetched.url)
        if not links:
            raise FeedError(f"No feed found: the page {address} names no RSS, Atom or JSON feed")
        return Found(url=fetched.url, fetched=fetched, links=links)
    return Found(
        url=fetched.url,
        fetched=fetched,
        feed=parse_feed(fetched.body, fetched.url, fetched.content_type),
    )
