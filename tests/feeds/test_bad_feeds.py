"""Bad feeds: each fails alone with its own one-line error, and nothing in a feed's markup is
ever run or fetched."""

from __future__ import annotations

import time

import pytest
from feed_server import FeedServer, Route, rss

from reader.feeds.fetching import fetch_feed
from reader.feeds.model import FeedError, FeedState
from reader.feeds.refresh import refresh_one

GOOD = rss("Good", [{"title": "Fine", "link": "/fine", "guid": "fine"}])


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"gone", status=404, content_type="text/plain"), "no feed there (404 Not Found)"),
        (Route(b"gone", status=410, content_type="text/plain"), "the feed is gone (410 Gone)"),
        (Route(b"oops", status=503, content_type="text/plain"), "503 Service Unavailable"),
        (
            Route(
                b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", content_type="text/html"
            ),
            "is a web page",
        ),
        (Route(b"<?xml version='1.0'?><rss><channel><title>x</rss>"), "not well-formed XML"),
        (Route(b"\x00\x01garbage that is not xml", content_type="text/xml"), "not well-formed XML"),
        (Route(b'{"hello": "world"}', content_type="application/json"), "not a JSON Feed"),
        (Route(b"", content_type="application/rss+xml"), "answered with nothing"),
        (
            Route(b"<rss>", headers={"Content-Length": str(100 * 1024 * 1024)}),
            "too large: 100 MB; reader reads feeds up to 10 MB",
        ),
        (Route(stream_bytes=100 * 1024 * 1024), "too large: over 10 MB"),
    ],
    ids=["404", "410", "503", "html", "malformed", "garbage", "json", "empty", "100MB", "stream"],
)
def test_a_bad_feed_gives_one_line(server: FeedServer, route: Route, message: str) -> None:
    server.routes["/bad"] = route
    out = refresh_one(FeedState(1, server.url("/bad")))
    assert out.parsed is None
    assert out.error is not None and message in out.error
    assert "\n" not in out.error
    assert out.error.startswith(("Cannot fetch", "Not a feed"))


def test_a_streamed_100_mb_answer_stops_at_the_cap(server: FeedServer) -> None:
    server.routes["/big"] = Route(stream_bytes=100 * 1024 * 1024)
    start = time.monotonic()
    with pytest.raises(FeedError, match="too large"):
        fetch_feed(server.url("/big"))
    assert time.monotonic() - start < 4  # 10 MB read, not 100


def test_redirect_loop(server: FeedServer) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=301, headers={"Location": "/a"})
    with pytest.raises(FeedError, match="the redirects go round in a loop"):
        fetch_feed(server.url("/a"))


def test_redirects_are_followed_to_the_feed(server: FeedServer) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(GOOD)
    got = fetch_feed(server.url("/old"))
    assert got.url == server.url("/new")


def test_a_feed_that_does_not_answer_times_out(server: FeedServer) -> None:
    server.routes["/slow"] = Route(GOOD, delay=3)
    start = time.monotonic()
    with pytest.raises(FeedError, match=r"no answer from 127\.0\.0\.1"):
        fetch_feed(server.url("/slow"), timeout=0.5)
    assert time.monotonic() - start < 2.5


def test_nothing_listening(server: FeedServer) -> None:
    url = server.url("/x")
    server.stop()
    with pytest.raises(FeedError, match="connection refused"):
        fetch_feed(url)


def test_scripts_and_remote_images_are_never_run_or_loaded(server: FeedServer) -> None:
    evil = (
        "&lt;p&gt;Before &lt;script src=&quot;/tracker.js&quot;&gt;"
        "document.write('x')&lt;/script&gt;"
        "after.&lt;img src=&quot;/pixel.png&quot; onerror=&quot;alert(1)&quot;&gt;&lt;/p&gt;"
        "&lt;iframe src=&quot;/frame.html&quot;&gt;&lt;/iframe&gt;&lt;style&gt;p{}&lt;/style&gt;"
    )
    server.routes["/feed"] = Route(
        rss(
            "Evil",
            [{"title": "T&lt;script&gt;alert(2)&lt;/script&gt;", "guid": "e", "description": evil}],
        )
    )
    out = refresh_one(FeedState(1, server.url("/feed")))
    assert out.parsed is not None
    (item,) = out.parsed.items
    assert item.summary == "Before after."
    assert "alert" not in item.title and "<" not in item.title
    assert [p for p, _ in server.requests] == ["/feed"]  # no script, image or frame fetched


def test_duplicate_guids_keep_the_first_entry(server: FeedServer) -> None:
    server.routes["/dup"] = Route(
        rss(
            "Dup",
            [
                {"title": "First", "guid": "same", "link": "/1"},
                {"title": "Second", "guid": "same", "link": "/2"},
                {"title": "Third", "guid": "other", "link": "/3"},
            ],
        )
    )
    out = refresh_one(FeedState(1, server.url("/dup")))
    assert out.parsed is not None
    assert [(i.guid, i.title) for i in out.parsed.items] == [("same", "First"), ("other", "Third")]


def test_entries_without_links_or_dates_get_stable_ids(server: FeedServer) -> None:
    body = rss("Bare", [{"title": "No link"}, {"description": "No title either"}])
    server.routes["/bare"] = Route(body)
    first = refresh_one(FeedState(1, server.url("/bare")))
    again = refresh_one(FeedState(1, server.url("/bare")))
    assert first.parsed is not None and again.parsed is not None
    assert [i.url for i in first.parsed.items] == [None, None]
    assert [i.published for i in first.parsed.items] == [None, None]
    ids = [i.guid for i in first.parsed.items]
    assert len(set(ids)) == 2 and ids == [i.guid for i in again.parsed.items]


def test_a_body_that_names_a_local_file_is_not_read_as_that_file(
    server: FeedServer, tmp_path
) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(GOOD)
    server.routes["/path"] = Route(str(secret).encode(), content_type="application/xml")
    out = refresh_one(FeedState(1, server.url("/path")))
    assert out.parsed is None and out.error is not None and "Not a feed" in out.error


def test_external_entities_are_not_loaded(server: FeedServer, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>a</title>'
        "<description>&x;</description><guid>g</guid></item></channel></rss>"
    ).encode()
    server.routes["/xxe"] = Route(body)
    out = refresh_one(FeedState(1, server.url("/xxe")))
    assert out.parsed is not None
    assert all("TOP SECRET" not in i.summary for i in out.parsed.items)


def test_nested_entities_are_not_expanded(server: FeedServer) -> None:
    laughs = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel>'
        "<title>t</title><item><title>Laughs</title><description>&a9;</description>"
        "<guid>g</guid></item></channel></rss>"
    ).encode()
    server.routes["/laughs"] = Route(body)
    start = time.monotonic()
    out = refresh_one(FeedState(1, server.url("/laughs")))
    assert time.monotonic() - start < 1.5  # expat alone expands 8 MB of "lol" in seconds
    assert out.parsed is not None
    (item,) = out.parsed.items
    assert item.title == "Laughs" and "lol" not in item.summary
