"""Subscribing from the window (pytest-qt, a real window and library, the test server): File →
Subscribe to Feed… with a feed's address, with a page naming one feed and one naming several
(a list to choose from), a bad address (one line in the dialog); OPML import and export from
the File menu; a feed's address dropped on the Feeds tab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from feed_server import FeedServer, Route, rss
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.library import Library
from reader.library import feeds as ops
from reader.ui.main_window import MainWindow, settings_for

ONE = b"""<!DOCTYPE html><html><head><title>Harbour Times</title>
<link rel="alternate" type="application/rss+xml" title="All stories" href="/rss.xml">
</head><body><p>News.</p></body></html>"""
SEVERAL = b"""<!DOCTYPE html><html><head><title>Harbour Times</title>
<link rel="alternate" type="application/rss+xml" title="All stories" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Politics" href="/politics.atom">
</head><body><p>News.</p></body></html>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Politics</title><id>urn:p</id>
<updated>2026-06-01T08:00:00Z</updated>
<entry><title>Vote</title><id>urn:v</id><updated>2026-06-01T08:00:00Z</updated>
<summary>Words.</summary></entry></feed>"""


@pytest.fixture
def window(qtbot, tmp_path: Path, server: FeedServer):
    server.routes["/rss.xml"] = Route(
        rss("Harbour Times", [{"title": "A", "guid": "a", "description": "Words of a."}])
    )
    server.routes["/politics.atom"] = Route(ATOM, content_type="application/atom+xml")
    server.routes["/one"] = Route(ONE, content_type="text/html; charset=utf-8")
    server.routes["/several"] = Route(SEVERAL, content_type="text/html; charset=utf-8")
    lib = Library(tmp_path / "lib")
    settings = settings_for(lib.data_dir)
    settings.setValue("feeds/refresh_minutes", 0)
    settings.sync()
    w = MainWindow(lib)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    w.ops.wait()
    lib.close()


def _feeds(w) -> list[str]:
    return [f.title for f in ops.feeds(w.library)]


def _subscribe(qtbot, w, address: str):
    """File → Subscribe to Feed…, the address typed, Subscribe pressed; the dialog."""
    menu_texts = [a.text() for a in w.file_menu.actions()]
    assert "Subscribe to &Feed…" in menu_texts
    w.feeds_feature.subscribing.subscribe_action.trigger()
    dlg = w.feeds_feature.subscribing.dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.address, address)
    dlg.subscribe_button.click()
    return dlg


def test_a_page_naming_one_feed_subscribes_to_it(qtbot, window, server) -> None:
    _subscribe(qtbot, window, server.url("/one"))
    dlg = window.feeds_feature.subscribing.dialog
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=15000)
    assert _feeds(window) == ["Harbour Times"]
    panel = window.feeds_feature.panel
    assert panel.isVisible() and panel.model.item(0).text() == "Harbour Times (1)"
    assert window.statusBar().currentMessage() == "Subscribed to Harbour Times: 1 entry"


def test_a_page_naming_several_feeds_lists_them_to_choose(
    qtbot, window, server, tmp_path: Path
) -> None:
    dlg = _subscribe(qtbot, window, server.url("/several"))
    qtbot.waitUntil(lambda: dlg.choices.isVisible(), timeout=15000)
    assert [dlg.choices.item(r).text() for r in range(dlg.choices.count())] == [
        "All stories  (RSS)",
        "Politics  (Atom)",
    ]
    assert _feeds(window) == []  # nothing until one is chosen
    if os.environ.get("READER_FEEDS_SHOT"):
        dlg.grab().save(str(Path(os.environ["READER_FEEDS_SHOT"]).with_name("subscribe.png")))
    dlg.choices.setCurrentRow(1)
    dlg.subscribe_button.click()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=15000)
    assert _feeds(window) == ["Harbour Politics"]


def test_a_bad_address_says_why_in_one_line(qtbot, window, server, tmp_path: Path) -> None:
    server.routes["/plain"] = Route(b"<html><body>No feeds</body></html>", content_type="text/html")
    dlg = _subscribe(qtbot, window, server.url("/plain"))
    qtbot.waitUntil(lambda: "names no" in dlg.error.text(), timeout=15000)
    assert dlg.isVisible() and dlg.error.isVisible() and "\n" not in dlg.error.text()
    assert dlg.error.text().startswith("No feed found: the page http://127.0.0.1:")
    dlg.address.clear()
    qtbot.keyClicks(dlg.address, server.url("/missing"))
    dlg.subscribe_button.click()
    qtbot.waitUntil(lambda: "404" in dlg.error.text(), timeout=15000)
    if os.environ.get("READER_FEEDS_SHOT"):
        dlg.grab().save(str(Path(os.environ["READER_FEEDS_SHOT"]).with_name("subscribe_bad.png")))
    dlg.address.clear()
    dlg.subscribe_button.click()
    assert dlg.error.text() == "Type or paste the address of a feed or of a site"
    assert _feeds(window) == []


def test_opml_import_and_export_from_the_file_menu(qtbot, window, server, tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>'
        '<outline text="News"><outline type="rss" text="Harbour Times" '
        f'xmlUrl="{server.url("/rss.xml")}"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    sub = window.feeds_feature.subscribing
    sub.ask_opml_open = lambda _parent: str(opml)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    with qtbot.waitSignal(window.feeds_feature.refreshed, timeout=15000):
        sub.import_action.trigger()  # then a refresh brings the feed's entries
    assert "Imported 1 feed from in.opml" in said
    assert [(f.title, f.folder, f.entries) for f in ops.feeds(window.library)] == [
        ("Harbour Times", "News", 1)
    ]
    out = tmp_path / "out.opml"
    sub.ask_opml_save = lambda _parent: str(out)
    sub.export_action.trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    assert server.url("/rss.xml") in out.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: "Exported 1 feed" in window.statusBar().currentMessage(), timeout=5000)
    sub.ask_opml_open = lambda _parent: str(tmp_path / "none.opml")
    sub.import_action.trigger()
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
    assert window.statusBar().currentMessage().startswith("Cannot import")


def test_dropping_a_feed_address_on_the_feeds_tab_subscribes(qtbot, window, server) -> None:
    feature = window.feeds_feature
    feature.show_feeds()
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("/rss.xml"))])
    drop = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    feature.panel.dropEvent(drop)
    assert drop.isAccepted()
    dlg = feature.subscribing.dialog
    assert dlg is not None and dlg.address.text() == server.url("/rss.xml")
    qtbot.waitUntil(lambda: _feeds(window) == ["Harbour Times"], timeout=15000)
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 1, timeout=5000)
    assert not dlg.isVisible() and window.current is None  # subscribed, not opened
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile("/tmp/story.txt")])
    drop = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        files,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    feature.panel.dropEvent(drop)
    assert not drop.isAccepted()  # a file is the window's to open
