"""Feeds and entries in a real library file: entries stored once per GUID across refreshes,
read state kept, a failed refresh losing nothing, entries linked to articles already there."""

from __future__ import annotations

from pathlib import Path

from feed_server import FeedServer, Route, rss

from reader.feeds import storage
from reader.feeds.refresh import refresh_feeds
from reader.library import Library


def _refresh(lib: Library) -> list:
    outs = list(refresh_feeds(storage.feed_states(lib.db)))
    for out in outs:
        storage.store_outcome(lib.db, out)
    return outs


def _items(*names: str) -> list[dict[str, str]]:
    return [{"title": n.title(), "link": f"/{n}", "guid": n} for n in names]


def test_entries_are_stored_once_and_read_state_is_kept(tmp_path: Path, server: FeedServer) -> None:
    lib = Library(tmp_path)
    server.routes["/feed"] = Route(rss("News", _items("a", "b")))
    fid, new = storage.add_feed(lib.db, server.url("/feed"))
    assert new and storage.add_feed(lib.db, server.url("/feed")) == (fid, False)
    _refresh(lib)
    (info,) = storage.list_feeds(lib.db)
    assert (info.title, info.entries, info.unread, info.error) == ("News", 2, 2, None)
    a = next(e for e in storage.entries(lib.db, fid) if e.guid == "a")
    assert storage.set_read(lib.db, [a.id]) == 1
    server.routes["/feed"] = Route(rss("News", _items("c", "a", "b")))
    _refresh(lib)
    (info,) = storage.list_feeds(lib.db)
    assert (info.entries, info.unread) == (3, 2)
    assert storage.entry(lib.db, a.id).read
    assert [e.guid for e in storage.entries(lib.db, fid, unread_only=True)] == ["b", "c"]


def test_a_failing_refresh_keeps_what_was_stored_and_backs_off(
    tmp_path: Path, server: FeedServer
) -> None:
    lib = Library(tmp_path)
    server.routes["/feed"] = Route(rss("News", _items("a", "b")))
    storage.add_feed(lib.db, server.url("/feed"))
    _refresh(lib)
    server.routes["/feed"] = Route(b"<html>down</html>", status=502, content_type="text/html")
    _refresh(lib)
    (info,) = storage.list_feeds(lib.db)
    assert info.entries == 2 and info.failures == 1
    assert info.error is not None and "502 Bad Gateway" in info.error
    assert info.next_check is not None and info.last_checked is not None
    assert info.next_check - info.last_checked >= storage.INTERVAL * 2
    assert storage.feed_states(lib.db) == []  # in back-off: not tried again before next_check
    assert len(storage.feed_states(lib.db, due_only=False)) == 1
    server.routes["/feed"] = Route(rss("News", _items("a", "b")))
    outs = list(refresh_feeds(storage.feed_states(lib.db, due_only=False)))
    storage.store_outcome(lib.db, outs[0])
    (info,) = storage.list_feeds(lib.db)
    assert (info.error, info.failures, info.entries) == (None, 0, 2)


def test_validators_are_kept_for_the_next_request(tmp_path: Path, server: FeedServer) -> None:
    lib = Library(tmp_path)
    server.routes["/feed"] = Route(rss("News", _items("a")), etag='"e1"')
    storage.add_feed(lib.db, server.url("/feed"))
    _refresh(lib)
    (state,) = storage.feed_states(lib.db)
    assert state.etag == '"e1"'
    (out,) = _refresh(lib)
    assert out.fetched.not_modified
    assert storage.feed_states(lib.db)[0].etag == '"e1"'
    assert storage.list_feeds(lib.db)[0].entries == 1


def test_entries_link_to_articles_already_in_the_library(
    tmp_path: Path, server: FeedServer
) -> None:
    lib = Library(tmp_path)
    text = "The council voted nine to four on Monday, the mayor said."
    by_url = lib.import_text("An article imported before.", "Before", origin=server.url("/a"))
    by_text = lib.import_text(text, "Same words")
    server.routes["/feed"] = Route(
        rss(
            "News",
            [
                {"title": "A", "link": "/a", "guid": "a"},
                {"title": "B", "link": "/b", "guid": "b", "description": text},
                {"title": "C", "link": "/c", "guid": "c", "description": "Something else."},
            ],
        )
    )
    fid, _ = storage.add_feed(lib.db, server.url("/feed"))
    _refresh(lib)
    links = {e.guid: e.article_id for e in storage.entries(lib.db, fid)}
    assert links == {"a": by_url, "b": by_text, "c": None}
    assert lib.article_count() == 2


def test_removing_a_feed_keeps_its_articles(tmp_path: Path, server: FeedServer) -> None:
    lib = Library(tmp_path)
    aid = lib.import_text("Kept words of an article.", "Kept", origin=server.url("/a"))
    server.routes["/feed"] = Route(rss("News", _items("a")))
    fid, _ = storage.add_feed(lib.db, server.url("/feed"))
    _refresh(lib)
    storage.remove_feed(lib.db, fid)
    assert storage.list_feeds(lib.db) == []
    assert lib.article_count() == 1 and lib.open_article(aid).text == "Kept words of an article."


def test_a_library_made_at_revision_0005_keeps_its_feeds(tmp_path: Path) -> None:
    import shutil

    from reader.store.database import DB_NAME

    fixture = Path(__file__).parents[1] / "store" / "fixtures" / "library-r0005.sqlite3"
    shutil.copy(fixture, tmp_path / DB_NAME)
    lib = Library(tmp_path)
    (feed,) = storage.list_feeds(lib.db)
    assert (feed.title, feed.folder, feed.entries, feed.unread) == (
        "Border News",
        "News/World",
        2,
        1,
    )
    linked = next(e for e in storage.entries(lib.db, feed.id) if e.guid == "g1")
    assert linked.read and linked.article_id == lib.last_article_id()


def test_a_feed_that_moved_for_good_is_asked_for_at_its_new_address(
    tmp_path: Path, server: FeedServer
) -> None:
    lib = Library(tmp_path)
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(rss("News", _items("a")), etag='"n1"')
    server.routes["/tmp"] = Route(status=302, headers={"Location": "/new"})
    storage.add_feed(lib.db, server.url("/old"))
    storage.add_feed(lib.db, server.url("/tmp"))
    _refresh(lib)
    assert sorted(f.url for f in storage.list_feeds(lib.db)) == [
        server.url("/new"),
        server.url("/tmp"),  # a temporary redirect keeps the address subscribed to
    ]
    _refresh(lib)
    assert len(server.hits("/old")) == 1  # the second refresh went straight to /new
    assert server.hits("/new")[-1].get("If-None-Match") == '"n1"'


def test_subscribing_to_one_address_at_once_from_two_threads(tmp_path: Path) -> None:
    import threading

    lib = Library(tmp_path)
    urls = [f"http://news.example/{n}.xml" for n in range(12)]
    start = threading.Barrier(4)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def subscribe() -> None:
        start.wait()
        for url in urls:
            try:
                results.append(storage.add_feed(lib.db, url))
            except BaseException as exc:  # the assertion below names it
                errors.append(exc)

    threads = [threading.Thread(target=subscribe) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(new for _, new in results) == len(urls) == len({fid for fid, _ in results})
    lib.close()
