"""Reading a downloaded feed into a ParsedFeed: RSS 0.9x/1.0/2.0 and Atom through feedparser,
JSON Feed from its JSON. A web page, JSON that is no feed or XML that cannot be read is a
FeedError; entries without links or dates are kept, a GUID that repeats keeps its first entry."""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import logging
import re
import xml.sax
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.feeds.entry_text import plain_text
from reader.feeds.model import FeedError, FeedItem, ParsedFeed

JSON_FEED_PREFIX = "https://jsonfeed.org/version/"
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.S | re.I)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.I)
_HTML_STARTS = (b"<!doctype html", b"<html")

log = logging.getLogger(__name__)


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `body` (downloaded from `url`)."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if not head:
        raise FeedError(f"Not a feed: {url} answered with nothing")
    if head.startswith((b"{", b"[")):
        return _json_feed(body, url)
    if content_type in ("text/html", "application/xhtml+xml") or head.startswith(_HTML_STARTS):
        raise FeedError(f"Not a feed: {url} is a web page (add the page to find its feeds)")
    return _xml_feed(body, url, content_type)


def looks_like_html(body: bytes, content_type: str) -> bool:
    """A web page rather than a feed (discovery then looks for the page's feed links)."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf", b"{")):
        return False
    return content_type in ("text/html", "application/xhtml+xml") or head.startswith(_HTML_STARTS)


def _xml_feed(body: bytes, url: str, content_type: str) -> ParsedFeed:
    import feedparser

    # a stream, never bytes: feedparser tries bytes as a file name first, and never a URL,
    # which it would download itself. Sanitizing is off because no markup is kept
    # (entry_text.plain_text keeps the words only); it would cost 2.4× the parsing time.
    # No base address either: feedparser would make a relative GUID absolute, so the same entry
    # would change id when its feed moves; links are made absolute here (_web_url).
    d = feedparser.parse(
        io.BytesIO(_without_entity_declarations(body)),
        response_headers={"content-type": content_type or "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    exc = d.get("bozo_exception")
    broken = isinstance(exc, xml.sax.SAXParseException)
    if not d.entries and (broken or not d.get("version")):
        # XML that breaks off or is no XML: the lenient reading found no entry in it. (When it
        # did find entries, as in a feed cut off near its end, they are kept.)
        if broken:
            where = f" (line {exc.getLineNumber()}: {exc.getMessage()})"
            raise FeedError(f"Not a feed: {url} is not well-formed XML{where}")
        raise FeedError(f"Not a feed: {url} holds no RSS or Atom feed")
    if d.get("bozo"):
        log.info("%s: read leniently: %s", url, exc)
    feed = d.feed
    items = _unique(_xml_item(e, url) for e in d.entries)
    site = feed.get("link")
    return ParsedFeed(
        title=plain_text(feed.get("title", "")),
        site_url=_web_url(site, url),
        items=items,
        kind=d.get("version") or "xml",
    )


def _without_entity_declarations(body: bytes) -> bytes:
    """The document without the entities its DOCTYPE declares. Expat would expand nested ones
    ("billion laughs") up to its 8 MB limit, five seconds of work per refresh for a hostile feed;
    a reference to one is then read as the unknown entity it has become."""
    head = body[: 1 << 20]
    m = _DOCTYPE_SUBSET.search(head)
    if m is None or not _ENTITY_DECLARATION.search(m.group(1)):
        return body
    subset = _ENTITY_DECLARATION.sub(b"", m.group(1))
    return body[: m.start(1)] + subset + body[m.end(1) :]


def _is_html(detail: Any) -> bool:
    return not detail or detail.get("type", "text/html") != "text/plain"


def _xml_item(e: Any, feed_url: str) -> FeedItem:
    raw_link = e.get("link")
    if e.get("guidislink") and urlsplit(raw_link or "").scheme not in ("http", "https"):
        raw_link = None  # feedparser made a link of an RSS guid ("s2"), which is no address
    link = _web_url(raw_link, feed_url)
    # a title is read as markup whatever its declared type: a tag in it is never meant as text
    title = plain_text(e.get("title", ""))
    summary = e.get("summary", "")
    is_html = _is_html(e.get("summary_detail"))
    for content in e.get("content", ()):  # full text, when the feed carries it
        if len(content.get("value", "")) > len(summary):
            summary, is_html = content.get("value", ""), _is_html(content)
    text = plain_text(summary, is_html=is_html)
    stamp = e.get("published_parsed") or e.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat() if stamp else None
    guid = e.get("id") or link or _hash_guid(title, text)
    return FeedItem(guid=guid, url=link, title=title, summary=text, published=published)


def _json_feed(body: bytes, url: str) -> ParsedFeed:
    # feedparser 6.0 (the current release) reads no JSON Feed; the format is one JSON object
    # whose fields (jsonfeed.org/version/1.1) map onto ours one to one
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"Not a feed: {url} is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_PREFIX):
        raise FeedError(f"Not a feed: {url} is JSON data but not a JSON Feed")
    raw_items = data.get("items")
    items = _unique(
        _json_item(i, url)
        for i in (raw_items if isinstance(raw_items, list) else ())
        if isinstance(i, dict)
    )
    return ParsedFeed(
        title=plain_text(_str(data.get("title")), is_html=False),
        site_url=_web_url(_str(data.get("home_page_url")) or None, url),
        items=items,
        kind="json" + _str(data.get("version")).removeprefix(JSON_FEED_PREFIX),
    )


def _json_item(i: dict, feed_url: str) -> FeedItem:
    link = _web_url(_str(i.get("url")) or _str(i.get("external_url")) or None, feed_url)
    title = plain_text(_str(i.get("title")), is_html=False)
    if _str(i.get("content_html")):
        text = plain_text(_str(i["content_html"]))
    else:
        text = plain_text(_str(i.get("content_text")) or _str(i.get("summary")), is_html=False)
    published = _iso(_str(i.get("date_published")) or _str(i.get("date_modified")))
    guid = _str(i.get("id")) or link or _hash_guid(title, text)
    return FeedItem(guid=guid, url=link, title=title, summary=text, published=published)


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


def _iso(value: str) -> str | None:
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).isoformat()


def _web_url(link: str | None, base: str) -> str | None:
    """An entry's link made absolute; None unless it is an http(s) address."""
    if not link or not link.strip():
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _hash_guid(title: str, text: str) -> str:
    """An id for an entry that has neither id nor link: the same words give the same id."""
    return "sha1:" + hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()


def _unique(items) -> tuple[FeedItem, ...]:
    """The first entry of each GUID (a feed that repeats one means the same story)."""
    seen: set[str] = set()
    out: list[FeedItem] = []
    for item in items:
        if item.guid not in seen:
            seen.add(item.guid)
            out.append(item)
    return tuple(out)
