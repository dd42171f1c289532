"""Subscribing from a pasted address: a feed's address is the feed; a page's address leads to
the feeds it names in <link rel="alternate">, several for the caller to choose from."""

from __future__ import annotations

import pytest
from feed_server import FeedServer, Route, rss

from reader.feeds.discovery import discover, find_feed_links
from reader.feeds.model import FeedError

PAGE = b"""<!DOCTYPE html><html><head><title>Harbour Times</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="All stories" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title=" Politics " href="https://example.org/politics.atom">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><p>News.</p></body></html>"""


def test_a_page_names_its_feeds_once_each_in_order() -> None:
    links = find_feed_links(PAGE, "http://news.example/today")
    assert [(x.url, x.title, x.kind) for x in links] == [
        ("http://news.example/rss.xml", "All stories", "RSS"),
        ("https://example.org/politics.atom", "Politics", "Atom"),
        ("http://news.example/feed.json", "", "JSON Feed"),
    ]


def test_discover_a_page_lists_its_feeds(server: FeedServer) -> None:
    server.routes["/"] = Route(PAGE, content_type="text/html; charset=utf-8")
    found = discover(server.url("/"))
    assert found.feed is None
    assert found.links[0].url == server.url("/rss.xml")
    assert len(found.links) == 3


def test_discover_a_feed_reads_it(server: FeedServer) -> None:
    server.routes["/rss.xml"] = Route(rss("Harbour Times", [{"title": "A", "guid": "a"}]))
    found = discover(server.url("/rss.xml"))
    assert found.feed is not None and found.feed.title == "Harbour Times"
    assert found.links == ()


def test_a_page_without_feeds_says_so(server: FeedServer) -> None:
    server.routes["/plain"] = Route(b"<html><body>No feeds</body></html>", content_type="text/html")
    with pytest.raises(FeedError, match="names no RSS, Atom or JSON feed"):
        discover(server.url("/plain"))
