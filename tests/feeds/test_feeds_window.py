"""The Feeds tab in a real window (pytest-qt, offscreen) on a real library, refreshing from the
test server through the window's real background operations: unread counts, F5 with progress
and Cancel in the status bar, M toggling an entry read, Enter opening an entry's article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from feed_server import FeedServer, Route, rss
from PySide6.QtCore import Qt

from reader.library import Library
from reader.library import feeds as ops
from reader.ui.main_window import MainWindow, settings_for


def _items(*names: str) -> list[dict[str, str]]:
    return [{"title": f"Story {n}", "guid": n, "description": f"Words of {n}."} for n in names]


@pytest.fixture
def window(qtbot, tmp_path: Path, server: FeedServer):
    lib = Library(tmp_path / "lib")
    server.routes["/rss"] = Route(rss("Harbour Times", _items("a", "b")))
    server.routes["/down"] = Route(rss("Down Daily", _items("x")))
    ops.add_feed(lib, server.url("/rss"), folder="News")
    ops.add_feed(lib, server.url("/down"))
    server.routes["/down"] = Route(b"<html>moved</html>", status=404, content_type="text/html")
    settings_for(lib.data_dir).setValue("feeds/refresh_minutes", 0)  # F5 only, no start refresh
    w = MainWindow(lib)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitExposed(w)
    w.open_start(None)
    qtbot.waitUntil(lambda: w.current is not None, timeout=15000)  # the sample, first
    w.library_feature.show_library()
    tabs = w.library_feature.tabs
    tabs.setCurrentWidget(w.feeds_feature.panel)
    yield w
    w.ops.wait()
    lib.close()


def _labels(w) -> list[str]:
    """The tree's feeds and folders as shown, a folder's feeds indented under it."""
    model = w.feeds_feature.panel.model
    out = []
    for r in range(model.rowCount()):
        item = model.item(r)
        out.append(item.text())
        if item.data(Qt.ItemDataRole.UserRole + 1) == "folder":
            out += ["  " + item.child(i).text() for i in range(item.rowCount())]
    return out


def _harbour(w):
    """The Harbour Times feed (in the News folder)."""
    panel = w.feeds_feature.panel
    folder = panel.model.item(1)
    panel.tree.expand(folder.index())
    return folder.child(0)


def test_f5_refreshes_in_the_background_and_counts_unread(qtbot, window, server) -> None:
    feature = window.feeds_feature
    assert _labels(window) == ["Down Daily (1)", "News (2)", "  Harbour Times (2)"]
    server.routes["/rss"] = Route(rss("Harbour Times", _items("c", "a", "b")))
    with qtbot.waitSignal(feature.refreshed, timeout=15000) as sig:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        assert feature.progress.isVisible()  # shown at once; the window goes on
    report = sig.args[0]
    assert (report.new_entries, len(report.failed)) == (1, 1)
    assert not feature.progress.isVisible()
    assert _labels(window) == ["Down Daily (1)", "News (3)", "  Harbour Times (3)"]
    down = feature.panel.model.item(0)
    assert "404 Not Found" in down.toolTip()
    assert "1 new entry from 1 feed; 1 failed" in window.statusBar().currentMessage()


def test_m_toggles_read_and_the_count_follows(qtbot, window) -> None:
    panel = window.feeds_feature.panel
    feed = _harbour(window)
    panel.tree.expand(feed.index())
    assert feed.rowCount() == 2 and feed.child(0).font().bold()
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(feed.child(0).index())
    qtbot.keyClick(panel.tree, Qt.Key.Key_M)
    assert not feed.child(0).font().bold()
    assert feed.text() == "Harbour Times (1)"
    assert panel.model.item(1).text() == "News (1)"
    entry_id = int(feed.child(0).data(Qt.ItemDataRole.UserRole + 2))
    assert next(e for e in ops.entries(window.library) if e.id == entry_id).read
    qtbot.keyClick(panel.tree, Qt.Key.Key_M)
    assert feed.text() == "Harbour Times (2)"


def test_enter_opens_the_entry_as_an_article(qtbot, window) -> None:
    panel = window.feeds_feature.panel
    feed = _harbour(window)
    panel.tree.expand(feed.index())
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(feed.child(1).index())
    with qtbot.waitSignal(window.article_opened, timeout=15000) as sig:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
        assert feed.text() == "Harbour Times (1)"  # at once, before the article is imported
    assert sig.args[0].text == "Words of b."
    assert feed.text() == "Harbour Times (1)"


def test_an_entry_that_cannot_be_opened_shows_unread_again(qtbot, window, server) -> None:
    panel = window.feeds_feature.panel
    server.routes["/rss"] = Route(
        rss("Harbour Times", [{"title": "Gone", "guid": "g", "link": server.url("/gone")}])
    )
    with qtbot.waitSignal(window.feeds_feature.refreshed, timeout=15000):
        window.feeds_feature.refresh()
    feed = _harbour(window)
    panel.tree.expand(feed.index())
    gone = next(feed.child(r) for r in range(feed.rowCount()) if feed.child(r).text() == "Gone")
    assert feed.text() == "Harbour Times (3)"
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(gone.index())
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert feed.text() == "Harbour Times (2)"
    qtbot.waitUntil(lambda: "404" in window.statusBar().currentMessage(), timeout=15000)
    assert feed.text() == "Harbour Times (3)" and gone.font().bold()


def test_cancel_stops_a_long_refresh(qtbot, window, server) -> None:
    from reader.feeds import storage

    for i in range(30):
        server.routes[f"/slow{i}"] = Route(rss(f"Slow {i}", _items(f"s{i}")), delay=0.3)
        storage.add_feed(window.library.db, server.url(f"/slow{i}"))
    feature = window.feeds_feature
    with qtbot.waitSignal(feature.refreshed, timeout=15000) as sig:
        feature.refresh()
        qtbot.waitUntil(lambda: "Refreshing feeds" in feature.progress.label.text(), timeout=5000)
        assert feature.progress.cancel_button.isVisible()
        if os.environ.get("READER_FEEDS_SHOT"):
            shot = Path(os.environ["READER_FEEDS_SHOT"]).with_name("feeds_progress.png")
            window.statusBar().grab().save(str(shot))
        qtbot.mouseClick(feature.progress.cancel_button, Qt.MouseButton.LeftButton)
    assert sig.args[0].cancelled
    assert len(server.requests) < 2 + 30


def test_closing_the_window_cancels_a_refresh(qtbot, window, server) -> None:
    import time

    from reader.feeds import storage

    for i in range(40):
        server.routes[f"/slow{i}"] = Route(rss(f"Slow {i}", _items(f"s{i}")), delay=1.0)
        storage.add_feed(window.library.db, server.url(f"/slow{i}"))
    feature = window.feeds_feature
    reports = []
    feature.refreshed.connect(reports.append)
    feature.refresh()
    qtbot.waitUntil(lambda: len(server.requests) >= 4, timeout=5000)
    start = time.monotonic()
    window.close()  # waits for the window's operations: the refresh must stop, not finish
    assert time.monotonic() - start < 2.5  # 40 feeds × 1 s / 8 would take 4 s more at least
    qtbot.waitUntil(lambda: bool(reports), timeout=5000)
    assert reports[0].cancelled


def test_screenshot(qtbot, window, server, tmp_path: Path) -> None:
    server.routes["/rss"] = Route(rss("Harbour Times", _items("c", "a", "b")))
    with qtbot.waitSignal(window.feeds_feature.refreshed, timeout=15000):
        window.feeds_feature.refresh()
    panel = window.feeds_feature.panel
    panel.tree.expand(_harbour(window).index())
    out = Path(os.environ.get("READER_FEEDS_SHOT", tmp_path / "feeds.png"))
    assert window.grab().save(str(out))
    assert out.stat().st_size > 10_000
