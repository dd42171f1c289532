"""Every feed format the issue names, served by a real HTTP server and read into entries."""

from __future__ import annotations

import json

import pytest
from feed_server import FeedServer, Route, rss

from reader.feeds.model import FeedState
from reader.feeds.refresh import refresh_one

RSS20 = rss(
    "Harbour News",
    [
        {
            "title": "Council votes on the harbour",
            "link": "/news/harbour",
            "guid": "harbour-1",
            "pubDate": "Mon, 30 Nov 2026 10:00:00 +0100",
            "description": "&lt;p&gt;The council &lt;b&gt;voted&lt;/b&gt; nine to four.&lt;/p&gt;",
        },
        {
            "title": "Metro strike ends",
            "link": "/news/metro",
            "guid": "metro-1",
            "pubDate": "Sun, 29 Nov 2026 08:30:00 GMT",
            "description": "Drivers return to work.",
        },
    ],
)
RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old School</title><link>http://example.org/</link>
<description>d</description><language>en</language>
<item><title>First story</title><link>http://example.org/1</link>
<description>An old format still served.</description></item>
</channel></rss>"""
RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>RDF Daily</title><link>http://example.org/</link>
<description>d</description><items><rdf:Seq><rdf:li resource="http://example.org/a"/></rdf:Seq></items>
</channel>
<item rdf:about="http://example.org/a"><title>An RDF story</title><link>http://example.org/a</link>
<description>Said the mayor.</description><dc:date>2026-11-28T12:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<link href="http://example.org/" rel="alternate"/><id>urn:x</id>
<updated>2026-11-30T00:00:00Z</updated>
<entry><title type="html">Budget &lt;em&gt;passes&lt;/em&gt;</title>
<link href="http://example.org/budget"/><id>urn:budget</id><updated>2026-11-30T09:15:00Z</updated>
<summary>Short.</summary>
<content type="html">&lt;p&gt;The budget passed after a long night.&lt;/p&gt;
&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
</entry></feed>"""
JSONFEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Post",
        "home_page_url": "http://example.org/",
        "items": [
            {
                "id": "j1",
                "url": "http://example.org/j1",
                "title": "A JSON story",
                "content_html": "<p>Officials <i>said</i> so.</p>",
                "date_published": "2026-11-27T10:00:00+02:00",
            },
            {"id": "j2", "content_text": "No link, no date."},
        ],
    }
).encode()


@pytest.mark.parametrize(
    ("body", "ctype", "title", "kind", "first"),
    [
        (RSS20, "application/rss+xml", "Harbour News", "rss20", "Council votes on the harbour"),
        (RSS091, "text/xml", "Old School", "rss091u", "First story"),
        (RSS10, "application/rdf+xml", "RDF Daily", "rss10", "An RDF story"),
        (ATOM, "application/atom+xml", "Atom Times", "atom10", "Budget passes"),
        (JSONFEED, "application/feed+json", "JSON Post", "json1.1", "A JSON story"),
    ],
    ids=["rss2.0", "rss0.91", "rss1.0", "atom", "jsonfeed"],
)
def test_each_format_is_read(
    server: FeedServer, body: bytes, ctype: str, title: str, kind: str, first: str
) -> None:
    server.routes["/feed"] = Route(body, content_type=ctype)
    out = refresh_one(FeedState(1, server.url("/feed")))
    assert out.error is None
    assert out.parsed is not None
    assert (out.parsed.title, out.parsed.kind) == (title, kind)
    assert out.parsed.items[0].title == first


def test_rss_entries_have_absolute_links_utc_dates_and_text_summaries(server: FeedServer) -> None:
    server.routes["/feed"] = Route(RSS20)
    out = refresh_one(FeedState(1, server.url("/feed")))
    assert out.parsed is not None
    a, b = out.parsed.items
    assert a.url == server.url("/news/harbour")
    assert a.published == "2026-11-30T09:00:00+00:00"
    assert a.summary == "The council voted nine to four."
    assert (b.guid, b.published) == ("metro-1", "2026-11-29T08:30:00+00:00")
    assert out.parsed.site_url == server.url("/")


def test_atom_full_content_is_kept_over_its_summary(server: FeedServer) -> None:
    server.routes["/atom"] = Route(ATOM, content_type="application/atom+xml")
    out = refresh_one(FeedState(1, server.url("/atom")))
    assert out.parsed is not None
    (e,) = out.parsed.items
    assert e.summary == "The budget passed after a long night.\n\nSecond paragraph."
    assert (e.guid, e.published) == ("urn:budget", "2026-11-30T09:15:00+00:00")


def test_json_feed_entries_without_link_or_date_are_kept(server: FeedServer) -> None:
    server.routes["/j"] = Route(JSONFEED, content_type="application/feed+json")
    out = refresh_one(FeedState(1, server.url("/j")))
    assert out.parsed is not None
    j1, j2 = out.parsed.items
    assert (j1.summary, j1.published) == ("Officials said so.", "2026-11-27T08:00:00+00:00")
    assert (j2.guid, j2.url, j2.published, j2.summary) == ("j2", None, None, "No link, no date.")
