"""The library's feed operations: subscribing reads the feed at once, refresh reports what it
did and can be cancelled, opening an entry imports its article once (the page when the feed
carries only a summary, the feed's text when it carries the whole article), de-duplicated
against the library — on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from feed_server import FeedServer, Route, rss

from reader.feeds.model import FeedError
from reader.library import Library
from reader.library import feeds as ops

PAGE = b"""<!DOCTYPE html><html><head><title>Harbour wall</title></head><body><article>
<h1>Council votes on the harbour wall</h1>
<p>The council voted nine to four on Monday to rebuild the harbour wall, the mayor said.</p>
<p>"We waited long enough," said Anna Berg, who chairs the harbour committee.</p>
</article></body></html>"""
LONG = " ".join(
    f"Paragraph {i}: the minister said the border was calm and that troops stayed in barracks."
    for i in range(30)
)


def _feed(server: FeedServer, *items: dict[str, str]) -> str:
    server.routes["/rss"] = Route(rss("Harbour Times", list(items)))
    return server.url("/rss")


def test_open_a_summary_entry_imports_the_page_once(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    server.routes["/story"] = Route(PAGE, content_type="text/html; charset=utf-8")
    added = ops.add_feed(lib, _feed(server, {"title": "Wall", "link": "/story", "guid": "w"}))
    assert (added.new, added.entries, added.title) == (True, 1, "Harbour Times")
    (entry,) = ops.entries(lib, added.feed_id)
    article_id = ops.open_entry(lib, entry.id)
    view = lib.open_article(article_id)
    assert "Anna Berg" in view.text
    assert ops.open_entry(lib, entry.id) == article_id
    assert len(server.hits("/story")) == 1
    assert ops.entries(lib, added.feed_id)[0].read


def test_open_a_full_text_entry_fetches_nothing(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    url = _feed(server, {"title": "Border", "link": "/border", "guid": "b", "description": LONG})
    added = ops.add_feed(lib, url)
    (entry,) = ops.entries(lib, added.feed_id)
    article_id = ops.open_entry(lib, entry.id)
    assert lib.open_article(article_id).text.startswith("Paragraph 0: the minister said")
    assert server.hits("/border") == []


def test_an_article_deleted_since_is_imported_again(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    url = _feed(server, {"title": "Border", "guid": "b", "description": LONG})
    added = ops.add_feed(lib, url)
    (entry,) = ops.entries(lib, added.feed_id)
    first = ops.open_entry(lib, entry.id)
    lib.delete_article(first)
    assert ops.entries(lib, added.feed_id)[0].article_id is None  # the link goes with it
    again = ops.open_entry(lib, entry.id)
    assert "troops stayed in barracks" in lib.open_article(again).text


def test_an_entry_already_in_the_library_is_not_imported_again(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    server.routes["/story"] = Route(PAGE, content_type="text/html; charset=utf-8")
    before = lib.import_path(server.url("/story"))
    added = ops.add_feed(lib, _feed(server, {"title": "Wall", "link": "/story", "guid": "w"}))
    (entry,) = ops.entries(lib, added.feed_id)
    assert entry.article_id == before
    assert ops.open_entry(lib, entry.id) == before
    assert len(server.hits("/story")) == 1 and lib.article_count() == 1


def test_refresh_reports_and_toggles_read(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    ops.add_feed(lib, _feed(server, {"title": "A", "link": "/a", "guid": "a"}))
    server.routes["/rss"] = Route(
        rss(
            "Harbour Times",
            [{"title": "B", "link": "/b", "guid": "b"}, {"title": "A", "guid": "a"}],
        )
    )
    server.routes["/gone"] = Route(b"gone", status=410, content_type="text/plain")
    server.routes["/gone-feed"] = Route(rss("Gone soon", [{"title": "G", "guid": "g"}]))
    gone = ops.add_feed(lib, server.url("/gone-feed"))
    server.routes["/gone-feed"] = server.routes["/gone"]
    report = ops.refresh(lib)
    assert (report.total, report.updated, report.new_entries) == (2, 1, 1)
    assert [u for u, _ in report.failed] == [server.url("/gone-feed")]
    assert ops.refresh(lib).skipped == 1  # in back-off
    entry = ops.entries(lib, gone.feed_id)[0]
    assert ops.toggle_read(lib, entry.id) is True
    assert ops.toggle_read(lib, entry.id) is False


def test_refresh_can_be_cancelled_and_keeps_what_came(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    for i in range(30):
        server.routes[f"/f{i}"] = Route(rss(f"F{i}", [{"title": "x", "guid": f"g{i}"}]), delay=0.1)
    from reader.feeds import storage

    for i in range(30):
        storage.add_feed(lib.db, server.url(f"/f{i}"))
    cancel = threading.Event()

    def progress(done: int, total: int, _o: object) -> None:
        if done == 4:
            cancel.set()

    report = ops.refresh(lib, cancel=cancel, on_progress=progress)
    assert report.cancelled and 4 <= report.updated < 30
    stored = sum(f.entries for f in ops.feeds(lib))
    assert stored == report.new_entries


def test_a_page_naming_several_feeds_asks_to_choose(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    server.routes["/a"] = Route(rss("A", [{"title": "x", "guid": "1"}]))
    server.routes["/b"] = Route(rss("B", [{"title": "y", "guid": "2"}]))
    server.routes["/"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/a">'
        b'<link rel="alternate" type="application/rss+xml" href="/b"></head></html>',
        content_type="text/html",
    )
    with pytest.raises(ops.SeveralFeeds) as err:
        ops.add_feed(lib, server.url("/"))
    assert [x.url for x in err.value.links] == [server.url("/a"), server.url("/b")]
    added = ops.add_feed(lib, server.url("/"), choose=lambda links: links[1])
    assert added.title == "B"


def test_opml_round_trip_keeps_folders(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path / "one", database=library_url)  # to a file and back
    ops.add_feed(lib, _feed(server, {"title": "A", "guid": "a"}), folder="News/World")
    assert ops.export_opml(lib, tmp_path / "subs.opml") == 1
    other = Library(tmp_path / "two")
    assert ops.import_opml(other, tmp_path / "subs.opml") == (1, 0)
    (feed,) = ops.feeds(other)
    assert (feed.url, feed.title, feed.folder) == (
        server.url("/rss"),
        "Harbour Times",
        "News/World",
    )
    with pytest.raises(FeedError):
        ops.import_opml(other, tmp_path / "missing.opml")


def test_an_entry_longer_than_an_article_can_be_is_refused(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    from reader.errors import InputError

    lib = Library(tmp_path, database=library_url)
    huge = "The minister said the border was calm. " * 8000  # 312,000 characters
    added = ops.add_feed(lib, _feed(server, {"title": "Huge", "guid": "h", "description": huge}))
    (entry,) = ops.entries(lib, added.feed_id)
    with pytest.raises(InputError, match=r"too large: 31[0-9],[0-9]{3} characters"):
        ops.open_entry(lib, entry.id)
    assert lib.article_count() == 0


def test_an_article_imported_after_the_entry_came_is_not_imported_again(
    tmp_path: Path, server: FeedServer, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    server.routes["/story"] = Route(PAGE, content_type="text/html; charset=utf-8")
    added = ops.add_feed(lib, _feed(server, {"title": "Wall", "link": "/story", "guid": "w"}))
    (entry,) = ops.entries(lib, added.feed_id)
    assert entry.article_id is None
    later = lib.import_path(server.url("/story"))
    assert ops.open_entry(lib, entry.id) == later
    assert len(server.hits("/story")) == 1 and lib.article_count() == 1
