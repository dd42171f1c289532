"""Reading order and fetching ahead in the library: the next unread entry follows the current
one in its feed, then the next feeds' in the Feeds tab's order, round to the start; fetching
ahead imports unread entries through the URL import (bounded, cancellable) and leaves them
unread, so that opening one later downloads nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from feed_server import FeedServer, Route, rss

from reader.library import Library
from reader.library import feeds as ops

PAGE = """<!DOCTYPE html><html><head><title>{t}</title></head><body><article>
<h1>{t}</h1><p>The council voted nine to four on Monday on {t}, the mayor said.</p>
<p>"We waited long enough," said Anna Berg, who chairs the harbour committee.</p>
</article></body></html>"""


def _dated(name: str, day: int, link: str | None = None) -> dict[str, str]:
    item = {"title": name, "guid": name, "pubDate": f"Mon, {day:02d} Jun 2026 08:00:00 GMT"}
    if link:
        item["link"] = link
    else:
        item["description"] = f"Words of {name}."
    return item


def _two_feeds(lib: Library, server: FeedServer) -> None:
    server.routes["/a"] = Route(rss("Alpha", [_dated("a1", 3), _dated("a2", 2), _dated("a3", 1)]))
    server.routes["/b"] = Route(rss("Beta", [_dated("b1", 2), _dated("b2", 1)]))
    ops.add_feed(lib, server.url("/a"))
    ops.add_feed(lib, server.url("/b"))


def _titles(lib: Library) -> dict[int, str]:
    return {e.id: e.title for e in ops.entries(lib)}


def test_next_unread_reads_on_then_crosses_feeds_and_wraps(
    tmp_path: Path, server: FeedServer
) -> None:
    lib = Library(tmp_path)
    _two_feeds(lib, server)
    titles = _titles(lib)
    by_title = {t: i for i, t in titles.items()}
    first = ops.next_unread(lib)
    assert first is not None and first.title == "a1"
    order = []
    current = by_title["a2"]
    ops.mark_read(lib, [by_title["a2"]])
    for _ in range(4):
        nxt = ops.next_unread(lib, current)
        assert nxt is not None
        order.append(nxt.title)
        ops.open_entry(lib, nxt.id)  # marks it read
        current = nxt.id
    # after a2: a3, then Beta's, then round to Alpha's a1 above it; then none is left
    assert order == ["a3", "b1", "b2", "a1"]
    assert ops.next_unread(lib, current) is None


def test_fetch_ahead_imports_unread_entries_and_leaves_them_unread(
    tmp_path: Path, server: FeedServer
) -> None:
    lib = Library(tmp_path)
    for n in range(3):
        server.routes[f"/p{n}"] = Route(
            PAGE.format(t=f"wall {n}").encode(), content_type="text/html; charset=utf-8"
        )
    server.routes["/gone"] = Route(b"no", status=404, content_type="text/plain")
    items = [_dated(f"s{n}", 10 - n, server.url(f"/p{n}")) for n in range(3)]
    items.append(_dated("x", 1, server.url("/gone")))
    server.routes["/rss"] = Route(rss("Harbour Times", items))
    added = ops.add_feed(lib, server.url("/rss"))
    report = ops.fetch_ahead(lib, [added.feed_id], limit=3)
    assert (report.imported, report.failed, report.cancelled) == (3, [], False)  # newest three
    listed = ops.entries(lib, added.feed_id)
    assert [e.article_id is not None for e in listed] == [True, True, True, False]
    assert not any(e.read for e in listed)
    before = len(server.requests)
    assert lib.open_article(ops.open_entry(lib, listed[0].id)).info.title == "wall 0"
    assert len(server.requests) == before  # opened offline
    report = ops.fetch_ahead(lib, [added.feed_id])
    assert report.imported == 0 and len(report.failed) == 1  # the 404 one, said, not raised
    assert "404" in report.failed[0][1]


def test_fetch_ahead_stops_when_cancelled(tmp_path: Path, server: FeedServer) -> None:
    lib = Library(tmp_path)
    server.routes["/p"] = Route(PAGE.format(t="wall").encode(), content_type="text/html")
    server.routes["/rss"] = Route(
        rss("T", [_dated(f"s{n}", 1 + n, server.url(f"/p?{n}")) for n in range(5)])
    )
    added = ops.add_feed(lib, server.url("/rss"))
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 1:
            cancel.set()

    report = ops.fetch_ahead(lib, [added.feed_id], cancel=cancel, on_progress=progress)
    assert report.cancelled and report.imported == 2  # the one under way finishes
    assert seen == [0, 1]
