"""A reader's pass over the window (issue 13, items 2–5): Open URL without a scheme, messages
that go when what they said is over, a search hit that opens at the hit with its words
marked, and Font Awesome glyphs where an emoji showed as an empty box."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reader.ui import dialogs
from reader.ui.opening import typed_address
from reader.ui.operations import Operations

LONG = (
    "Council approves the harbour plan\n\n"
    + "\n\n".join(
        f"Paragraph {i} lists routine council business and little else." for i in range(80)
    )
    + '\n\n"The pylons are older than anyone thought," said Maria Kovacs, the city engineer.\n\n'
    + "\n\n".join(f"Closing note {i} on the harbour budget and its schedule." for i in range(40))
)
SHORT = "Farmers brace for a dry summer\n\nWater levels have fallen, the authority said.\n"


# ---- Open URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("www.reuters.com/markets/story-123", "https://www.reuters.com/markets/story-123"),
        ("reuters.com/markets/story-123", "https://reuters.com/markets/story-123"),
        ("  localhost:8000/a  ", "https://localhost:8000/a"),
        ("HTTP://example.com/a", "HTTP://example.com/a"),
        ("ftp://example.com/a.txt", "ftp://example.com/a.txt"),
        ("data:text/html,<p>hi</p>", "data:text/html,<p>hi</p>"),
        ("/home/anna/story.txt", "/home/anna/story.txt"),
        ("~/story.txt", "~/story.txt"),
        ("C:\\news\\story.txt", "C:\\news\\story.txt"),
    ],
)
def test_an_address_typed_without_a_scheme_is_a_web_page(typed: str, address: str) -> None:
    assert typed_address(typed) == address


def test_open_url_without_a_scheme_goes_to_the_web_not_to_a_file(make_window) -> None:
    with socket.socket() as s:  # a port nothing listens on: refused at once, no waiting
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = make_window()
    before = window.current
    window.ask_url = lambda _parent: f"127.0.0.1:{port}/markets/story-123"
    window.choose_url()
    message = window.notice.text()
    assert "no such file" not in message
    assert message == f"Cannot reach 127.0.0.1:{port}: connection refused"  # asked the web
    assert window.current is before


def test_the_open_url_field_fits_a_news_address(qtbot) -> None:
    dlg = dialogs.url_dialog(None)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    edit = dlg.findChild(QLineEdit)
    address = "https://www.reuters.com/markets/europe/harbour-plan-approved-2026-12-01/"
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(address)
    assert edit.width() >= 480


# ---- messages that go --------------------------------------------------------------------


def test_opening_line_goes_when_the_file_has_opened(make_window, tmp_path: Path) -> None:
    story = tmp_path / "farm.txt"
    story.write_text(SHORT, encoding="utf-8")
    window = make_window()
    window.open_path(story)
    assert window.current is not None and window.current.info.title.startswith("Farmers")
    assert not window.statusBar().currentMessage().startswith("Opening")


def test_a_failed_open_banner_goes_when_the_next_file_opens(make_window, tmp_path: Path) -> None:
    window = make_window()
    window.open_path(tmp_path / "missing.txt")
    assert window.notice.isVisible() and "missing.txt" in window.notice.text()
    story = tmp_path / "farm.txt"
    story.write_text(SHORT, encoding="utf-8")
    window.open_path(story)
    assert window.current.info.title.startswith("Farmers")
    assert not window.notice.isVisible()


def test_a_start_up_fallback_keeps_its_reason_on_screen(make_window, tmp_path: Path) -> None:
    window = make_window(path=str(tmp_path / "missing.txt"))
    assert window.current is not None  # the sample instead
    assert window.notice.isVisible() and "missing.txt" in window.notice.text()


# ---- search hits -------------------------------------------------------------------------


@pytest.fixture
def searching(make_window, tmp_path: Path, qtbot):
    window = make_window()
    ids = {}
    for name, text in (("harbour.txt", LONG), ("farm.txt", SHORT)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        ids[name] = window.library.import_path(p)
    window.library.set_scroll(ids["harbour.txt"], 40)  # read a little way in before
    window.open_article(ids["farm.txt"])
    window.library_feature.show_search()
    panel = window.library_feature.search_panel
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.query_edit.setText("pylons older")
        panel.search_now()
    m = panel.model
    index = next(
        m.index(i, 0, m.index(r, 0))
        for r in range(m.rowCount())
        for i in range(m.rowCount(m.index(r, 0)))
        if m.hit_at(m.index(i, 0, m.index(r, 0))).field == "text"
    )
    return window, panel, index, ids


def test_a_double_click_on_a_hit_opens_it_once(searching, qtbot) -> None:
    _window, panel, index, _ids = searching
    seen = []
    panel.hit_activated.connect(seen.append)
    viewport, pos = panel.tree.viewport(), panel.tree.visualRect(index).center()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert len(seen) == 1


def test_an_article_asked_twice_while_opening_opens_once_at_the_hit(
    searching, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, panel, index, _ids = searching
    monkeypatch.setattr(Operations, "synchronous", False)  # the real worker thread
    opened = []
    window.article_opened.connect(opened.append)
    hit = panel.model.hit_at(index)
    panel.hit_activated.emit(hit)
    panel.hit_activated.emit(hit)  # before the first open came back
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    qtbot.wait(300)
    window.ops.wait()
    qtbot.wait(50)
    assert len(opened) == 1
    view = window.article_view
    at = view.text.index("pylons")
    assert view.top_offset() <= at
    rect = view.cursorRect(view.cursor_for(at))
    assert 0 <= rect.top() < view.viewport().height()


def test_a_hit_marks_its_words_in_the_article(searching, qtbot) -> None:
    window, panel, index, ids = searching
    panel.hit_activated.emit(panel.model.hit_at(index))
    view = window.article_view
    assert window.current.info.id == ids["harbour.txt"]
    marked = {
        view.text[a:b].lower() for a, b in (view.offsets_of(s.cursor) for s in view.layer("find"))
    }
    assert marked == {"pylons", "older"}
    # the current article too: a second hit there marks again without reopening
    view.set_layer("find", [])
    panel.hit_activated.emit(panel.model.hit_at(index))
    assert len(view.layer("find")) == 2


# ---- glyphs --------------------------------------------------------------------------------


def _painted(icon) -> int:
    image = icon.pixmap(16, 16).toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 100
    )


def test_toolbar_and_find_bar_buttons_are_font_awesome_glyphs(window) -> None:
    toolbar = window.annotations.toolbar
    bar = window.annotations.find_bar
    buttons = [toolbar.delete_button, toolbar.note_button, bar.prev_button, bar.next_button]
    buttons.append(bar.close_button)
    for b in buttons:
        assert all(ord(c) < 0x2000 for c in b.text()), b.text()  # no emoji or symbol font
        assert _painted(b.icon()) > 10, b.accessibleName()
    assert toolbar.delete_button.text() == ""
