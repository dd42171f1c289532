"""Search in the window never holds up edits (issue 17): on a pathological library (a 12 MB
page of entities and common words, whose FTS5 snippets took minutes on the database thread)
a highlight made while a search runs is saved at once; a newer query and closing the window
cancel the running search; a search past its time limit says so in the panel, not as an
error. These use real threads (no synchronous operations), except the time-limit test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from reader.engine import engine_version
from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.search_panel import TOO_SLOW

UNIT = "&amp; &nbsp; the council said &quot; of the &#8203; "
BIG = "Entities page\n" + UNIT * (12_000_000 // len(UNIT))
SMALL = (
    "Harbour wall holds\n\n"
    "The harbour wall held through the storm, the council said on Monday.\n\n"
    '"We are relieved," said Ruth Adeyemi, the harbour master.\n'
)


def _store_raw(lib: Library, title: str, text: str) -> int:
    """The big page goes straight into the store, stamped as analysed by this engine: its
    analysis is not what is tested, and the window's background re-analysis of a stale 12 MB
    page would otherwise start after 1.5 s and make closing wait for it."""
    with lib.db.engine.begin() as conn:
        conn.execute(
            sql(
                "INSERT INTO article (title, text, origin, origin_kind, content_hash, added_at, "
                "scroll_pos, analysis_version) "
                "VALUES (:title, :text, '', 'text', :hash, CURRENT_TIMESTAMP, 0, :engine)"
            ),
            {
                "title": title,
                "text": text,
                "hash": hashlib.sha256(text.encode()).hexdigest(),
                "engine": engine_version(),
            },
        )
        return int(conn.execute(sql("SELECT max(id) FROM article")).scalar_one())


@pytest.fixture
def threaded(qtbot, tmp_path: Path):
    """(window, library, big article id, small article id): a real window with threaded
    operations on a pathological library, the small article open."""
    library = Library(tmp_path / "pathological")
    big = _store_raw(library, "Entities page", BIG)
    small = library.import_text(SMALL, "Harbour wall holds")
    assert library.stale_articles() == []  # nothing for the background re-analysis to do
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.open_article(small)
    qtbot.waitUntil(lambda: window.current is not None, timeout=10000)
    window.library_feature.show_search()
    yield window, library, big, small
    window.close()
    library.close()


def test_a_highlight_is_saved_while_a_search_runs(threaded, qtbot) -> None:
    window, library, big, small = threaded
    panel = window.library_feature.search_panel
    answers: list[tuple[str, int]] = []
    panel.searched.connect(lambda q, n: answers.append((q, n)))
    panel.set_query("council")
    panel.search_now()  # a common word on the 12 MB page
    view = window.article_view
    at = view.text.index("relieved")
    view.select(at, at + len("relieved"))
    window.annotations.highlight_selection()
    # Saved without waiting for the search: before, the search held the database thread for
    # minutes and the highlight waited behind it.
    qtbot.waitUntil(lambda: len(library.highlights(small)) == 1, timeout=5000)
    (saved,) = library.highlights(small)
    assert (saved.start, saved.end) == (at, at + len("relieved"))
    qtbot.waitUntil(lambda: bool(answers) and panel.model.article_count() == 2, timeout=15000)
    assert answers[-1][0] == "council"
    ids = {h.article_id for h in _hits(panel)}
    assert ids == {big, small}
    assert all("⟦council⟧" in h.snippet.lower() for h in _hits(panel) if h.field == "text")


def test_a_newer_query_and_closing_cancel_the_running_search(threaded, qtbot) -> None:
    window, _library, _big, small = threaded
    panel = window.library_feature.search_panel
    panel.set_query("the council said")
    panel.search_now()
    first = panel._cancel
    assert first is not None and not first.is_set()
    with qtbot.waitSignal(panel.searched, timeout=15000) as blocker:
        panel.set_query("adeyemi")
        panel.search_now()
        assert first.is_set()  # the older search stops; its answer, if any, is dropped
    assert blocker.args[0] == "adeyemi" and blocker.args[1] >= 1
    assert {h.article_id for h in _hits(panel)} == {small}
    assert panel.model.query == "adeyemi"

    panel.set_query("the")
    panel.search_now()
    running = panel._cancel
    assert running is not None
    window.close()
    assert running.is_set()
    assert panel.count_label.text() != "Search failed"


def test_a_search_past_its_time_limit_says_so(
    make_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()  # operations inline: the answer is there when search_now returns
    window.library_feature.show_search()
    panel = window.library_feature.search_panel
    monkeypatch.setattr("reader.store.search.SEARCH_SECONDS", 1e-9)
    panel.set_query("said")
    panel.search_now()
    assert panel.count_label.text() == TOO_SLOW
    assert panel.empty.text() == TOO_SLOW
    assert panel.stack.currentWidget() is panel.empty
    assert panel.model.rowCount() == 0
    assert not window.notice.isVisible()  # a state of the panel, not an error


def _hits(panel) -> list:
    m = panel.model
    out = []
    for r in range(m.rowCount()):
        parent = m.index(r, 0)
        out += [m.hit_at(m.index(i, 0, parent)) for i in range(m.rowCount(parent))]
    return out
