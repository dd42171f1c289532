"""Refreshing many feeds: at most eight connections at a time, conditional requests, one feed's
failure leaving the others alone, progress, cancel, and the back-off of failing feeds."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from feed_server import FeedServer, Route, rss

from reader.feeds.model import FeedState
from reader.feeds.refresh import MAX_BACKOFF, is_due, next_check, refresh_feeds, refresh_one


def _feed(i: int) -> bytes:
    return rss(f"Feed {i}", [{"title": f"Story {i}", "link": f"/s{i}", "guid": f"g{i}"}])


def test_at_most_eight_connections_and_every_feed_refreshed(server: FeedServer) -> None:
    for i in range(24):
        server.routes[f"/f{i}"] = Route(_feed(i), delay=0.3)
    feeds = [FeedState(i, server.url(f"/f{i}")) for i in range(24)]
    seen: list[tuple[int, int]] = []
    outs = list(refresh_feeds(feeds, on_progress=lambda d, t, _o: seen.append((d, t))))
    assert sorted(o.feed.id for o in outs) == list(range(24))
    assert all(o.ok for o in outs)
    assert server.most_open == 8  # the pool was full, and never more than full
    assert seen == [(n, 24) for n in range(1, 25)]


def test_one_failing_feed_does_not_stop_the_others(server: FeedServer) -> None:
    server.routes["/ok1"] = Route(_feed(1))
    server.routes["/broken"] = Route(b"<html>", status=500, content_type="text/html")
    server.routes["/ok2"] = Route(_feed(2))
    feeds = [FeedState(1, server.url("/ok1")), FeedState(2, server.url("/broken"))]
    feeds.append(FeedState(3, server.url("/ok2")))
    outs = {o.feed.id: o for o in refresh_feeds(feeds)}
    assert outs[1].ok and outs[3].ok
    assert outs[2].error is not None and "500 Internal Server Error" in outs[2].error


def test_a_bug_in_one_feed_is_logged_and_kept_to_that_feed(server: FeedServer, caplog) -> None:
    server.routes["/ok"] = Route(_feed(1))

    def flaky(feed: FeedState):
        if feed.id == 2:
            raise KeyError("a bug")
        return refresh_one(feed)

    feeds = [FeedState(1, server.url("/ok")), FeedState(2, server.url("/ok"))]
    outs = {o.feed.id: o for o in refresh_feeds(feeds, refresh=flaky)}
    assert outs[1].ok
    assert outs[2].error is not None and "unexpected error (KeyError)" in outs[2].error
    assert "refreshing" in caplog.text and "a bug" in caplog.text


def test_cancel_stops_what_has_not_started(server: FeedServer) -> None:
    for i in range(40):
        server.routes[f"/f{i}"] = Route(_feed(i), delay=0.1)
    feeds = [FeedState(i, server.url(f"/f{i}")) for i in range(40)]
    cancel = threading.Event()
    got = []
    for out in refresh_feeds(feeds, cancel=cancel):
        got.append(out)
        if len(got) == 3:
            cancel.set()
    assert 3 <= len(got) < 12
    assert len(server.requests) < 20  # the rest were never asked for


def test_conditional_get_gets_304_and_no_body(server: FeedServer) -> None:
    server.routes["/etag"] = Route(_feed(1), etag='"v1"')
    server.routes["/lm"] = Route(_feed(2), last_modified="Mon, 30 Nov 2026 10:00:00 GMT")
    first = {
        o.feed.id: o
        for o in refresh_feeds([FeedState(1, server.url("/etag")), FeedState(2, server.url("/lm"))])
    }
    assert first[1].fetched is not None and first[1].fetched.etag == '"v1"'
    assert first[2].fetched is not None
    assert first[2].fetched.last_modified == "Mon, 30 Nov 2026 10:00:00 GMT"
    again = [
        FeedState(1, server.url("/etag"), etag=first[1].fetched.etag),
        FeedState(2, server.url("/lm"), last_modified=first[2].fetched.last_modified),
    ]
    second = {o.feed.id: o for o in refresh_feeds(again)}
    for out in second.values():
        assert out.ok and out.fetched is not None and out.fetched.not_modified
        assert out.parsed is None
    assert server.hits("/etag")[1]["If-None-Match"] == '"v1"'
    assert server.hits("/lm")[1]["If-Modified-Since"] == "Mon, 30 Nov 2026 10:00:00 GMT"


def test_back_off_doubles_and_is_capped() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert next_check(now, 0, hour) == now + hour
    assert next_check(now, 1, hour) == now + 2 * hour
    assert next_check(now, 3, hour) == now + 8 * hour
    assert next_check(now, 50, hour) == now + MAX_BACKOFF
    assert is_due(0, now + hour, now)  # a working feed: whenever asked
    assert not is_due(2, now + hour, now)  # a failing one: once its back-off has passed
    assert is_due(2, (now - hour).replace(tzinfo=None), now)
