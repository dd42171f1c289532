"""The daily reader in a real window (pytest-qt) on a real library and the test server: the
refresh interval remembered across a restart of the window, the refresh on start only after the
window is shown, N and Space through the unread entries in order, and fetching a feed's
articles ahead of time from its context menu."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from feed_server import FeedServer, Route, rss
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider

from reader.library import Library
from reader.library import feeds as ops
from reader.ui.main_window import MainWindow, settings_for

LONG = " ".join(
    f"Paragraph {i}: the minister said the border was calm and that troops stayed in barracks."
    for i in range(120)
)
PAGE = b"""<!DOCTYPE html><html><head><title>Harbour wall</title></head><body><article>
<h1>Council votes on the harbour wall</h1>
<p>The council voted nine to four on Monday to rebuild the harbour wall, the mayor said.</p>
</article></body></html>"""


def _item(name: str, day: int, **more: str) -> dict[str, str]:
    item = {"title": name, "guid": name, "pubDate": f"Mon, {day:02d} Jun 2026 08:00:00 GMT"}
    item.setdefault("description", f"Words of {name}.")
    item.update(more)
    return item


def _window(qtbot, lib: Library, *, minutes: int = 0, show: bool = True) -> MainWindow:
    settings = settings_for(lib.data_dir)
    settings.setValue("feeds/refresh_minutes", minutes)
    settings.sync()
    w = MainWindow(lib)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    if show:
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # keys go to the focused widget of the active window
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    return w


@pytest.fixture
def lib(tmp_path: Path):
    library = Library(tmp_path / "lib")
    yield library
    library.close()


def test_the_interval_is_remembered_across_a_restart(qtbot, lib: Library) -> None:
    w = _window(qtbot, lib, minutes=60)
    schedule = w.feeds_feature.schedule
    assert schedule.actions[60].isChecked() and schedule.timer.interval() == 60 * 60_000
    schedule.actions[240].trigger()  # Feeds → Refresh Automatically → Every 4 Hours
    assert schedule.timer.isActive() and schedule.timer.interval() == 240 * 60_000
    w.close()
    w.ops.wait()
    again = MainWindow(lib)
    qtbot.addWidget(again)
    s = again.feeds_feature.schedule
    assert s.minutes == 240 and s.actions[240].isChecked()
    assert s.timer.isActive() and s.timer.interval() == 240 * 60_000
    s.actions[0].trigger()  # Never
    assert not s.timer.isActive()
    assert str(settings_for(lib.data_dir).value("feeds/refresh_minutes")) == "0"
    again.close()
    again.ops.wait()


def test_refresh_on_start_runs_after_the_window_is_shown(
    qtbot, lib: Library, server: FeedServer
) -> None:
    server.routes["/rss"] = Route(rss("Harbour Times", [_item("a", 1)]))
    ops.add_feed(lib, server.url("/rss"))
    server.routes["/rss"] = Route(rss("Harbour Times", [_item("b", 2), _item("a", 1)]))
    asked = len(server.requests)
    w = _window(qtbot, lib, minutes=15, show=False)
    qtbot.wait(1200)  # longer than the start delay: nothing without a window on screen
    assert len(server.requests) == asked
    reports = []
    w.feeds_feature.refreshed.connect(reports.append)
    shown_at = time.monotonic()
    w.show()
    qtbot.waitUntil(lambda: bool(reports), timeout=15000)
    assert time.monotonic() - shown_at >= 0.7  # after the first paint, not in the way of it
    assert reports[0].new_entries == 1 and len(server.requests) == asked + 1
    assert "1 new entry from 1 feed" in w.statusBar().currentMessage()
    w.close()
    w.ops.wait()


def test_never_means_no_refresh_on_start(qtbot, lib: Library, server: FeedServer) -> None:
    server.routes["/rss"] = Route(rss("Harbour Times", [_item("a", 1)]))
    ops.add_feed(lib, server.url("/rss"))
    asked = len(server.requests)
    w = _window(qtbot, lib, minutes=0)
    qtbot.wait(1200)
    assert len(server.requests) == asked and not w.feeds_feature.running
    w.close()


def _two_feeds(lib: Library, server: FeedServer) -> dict[str, int]:
    server.routes["/a"] = Route(
        rss("Alpha", [_item("a1", 3, description=LONG), _item("a2", 2), _item("a3", 1)])
    )
    server.routes["/b"] = Route(rss("Beta", [_item("b1", 2), _item("b2", 1)]))
    ops.add_feed(lib, server.url("/a"))
    ops.add_feed(lib, server.url("/b"))
    return {e.title: e.id for e in ops.entries(lib)}


def _open_next(qtbot, w: MainWindow, widget) -> str:
    with qtbot.waitSignal(w.article_opened, timeout=15000) as sig:
        qtbot.keyClick(widget, Qt.Key.Key_N)
    return sig.args[0].info.title


def test_n_and_space_read_the_unread_entries_in_order(
    qtbot, lib: Library, server: FeedServer
) -> None:
    ids = _two_feeds(lib, server)
    ops.mark_read(lib, [ids["a2"]])
    w = _window(qtbot, lib)
    feature = w.feeds_feature
    feature.show_feeds()
    tree = feature.panel.tree
    tree.setFocus()
    assert _open_next(qtbot, w, tree) == "a1"  # the first unread, the long one
    alpha = feature.panel.model.item(0)
    assert alpha.text() == "Alpha (1)"  # a1 read at once: only a3 is left
    assert feature.panel.selected_entry().text() == "a1"
    view = w.article_view
    view.setFocus()
    bar = view.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert bar.maximum() > 0  # the long article scrolls
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep() or bar.value() == bar.maximum()  # a page down
    for _ in range(60):
        if bar.value() >= bar.maximum():
            break
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert w.current is not None and w.current.info.title == "a1"  # paging, not moving on
    with qtbot.waitSignal(w.article_opened, timeout=15000) as sig:
        qtbot.keyClick(view, Qt.Key.Key_Space)  # at the end: the next unread entry
    assert sig.args[0].info.title == "a3"  # a2 was read already
    view.setFocus()
    assert _open_next(qtbot, w, view) == "b1"  # Alpha has none left: the next feed
    assert _open_next(qtbot, w, view) == "b2"
    assert [feature.panel.model.item(r).text() for r in range(2)] == ["Alpha", "Beta"]
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert w.statusBar().currentMessage() == "No unread entries"
    w.close()
    w.ops.wait()


def test_fetch_ahead_from_the_context_menu_imports_after_a_refresh(
    qtbot, lib: Library, server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/story"] = Route(PAGE, content_type="text/html; charset=utf-8")
    server.routes["/rss"] = Route(rss("Harbour Times", [_item("old", 1)]))
    added = ops.add_feed(lib, server.url("/rss"))
    ops.mark_read(lib, [e.id for e in ops.entries(lib)])
    w = _window(qtbot, lib)
    feature = w.feeds_feature
    feature.show_feeds()
    panel = feature.panel
    feed = panel.model.item(0)
    with qtbot.waitSignal(feature.fetched_ahead, timeout=15000) as sig:
        panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(feed.index()).center())
        assert feature.reading.menu.isVisible()
        action = feature.reading.fetch_ahead_action
        assert action.text() == "Fetch Full Articles &Ahead of Time" and not action.isChecked()
        action.trigger()  # nothing unread yet: fetches nothing
        feature.reading.menu.close()
    assert sig.args[0].imported == 0
    assert feature.reading.fetch_ahead_feeds() == {added.feed_id}
    story = _item("new", 2, link=server.url("/story"))
    del story["description"]
    server.routes["/rss"] = Route(rss("Harbour Times", [story, _item("old", 1)]))
    with qtbot.waitSignal(feature.fetched_ahead, timeout=20000) as sig:
        feature.refresh_action.trigger()  # F5
        assert feature.progress.isVisible()
    assert sig.args[0].imported == 1
    new = next(e for e in ops.entries(lib) if e.title == "new")
    assert new.article_id is not None and not new.read  # imported, still unread
    assert len(server.hits("/story")) == 1
    feed = panel.model.item(0)  # the tree was read again after the refresh
    assert feed.text() == "Harbour Times (1)"
    panel.tree.expand(feed.index())
    if os.environ.get("READER_FEEDS_SHOT"):
        w.grab().save(str(Path(os.environ["READER_FEEDS_SHOT"]).with_name("feeds_ahead.png")))
    asked = len(server.requests)
    panel.tree.setCurrentIndex(feed.child(0).index())
    with qtbot.waitSignal(w.article_opened, timeout=15000) as opened:
        feature.open_entry(new.id)
    assert opened.args[0].info.id == new.article_id and len(server.requests) == asked  # offline
    assert feed.text() == "Harbour Times"  # read: no unread left
    w.close()
    w.ops.wait()


def test_closing_the_window_cancels_fetching_ahead(qtbot, lib: Library, server: FeedServer) -> None:
    items = []
    for n in range(8):
        server.routes[f"/slow{n}"] = Route(PAGE, content_type="text/html", delay=0.6)
        items.append(_item(f"s{n}", 1 + n, link=server.url(f"/slow{n}")))
        del items[-1]["description"]
    server.routes["/rss"] = Route(rss("Harbour Times", items))
    added = ops.add_feed(lib, server.url("/rss"))
    w = _window(qtbot, lib)
    feature = w.feeds_feature
    reports = []
    feature.fetched_ahead.connect(reports.append)
    feature.reading.set_fetch_ahead(added.feed_id, True)  # fetches now: 8 pages × 0.6 s
    assert feature.progress.isVisible() and feature.progress.cancel_button.isVisible()
    qtbot.waitUntil(lambda: len(server.requests) >= 2, timeout=5000)
    start = time.monotonic()
    w.close()  # waits for the window's operations: fetching must stop, not finish
    assert time.monotonic() - start < 2.5
    qtbot.waitUntil(lambda: bool(reports), timeout=5000)
    assert reports[0].cancelled and reports[0].imported < 8
