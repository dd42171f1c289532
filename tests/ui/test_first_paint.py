"""What start-up does before the window's first paint, and what it leaves for later: the last
article read on a thread while the window is built and shown in the first paint; the Library
dock's tabs built when first needed (its shortcuts there from the start); the screenshot taken
from what was painted, the same pixels as painting the window again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reader.library import Library
from reader.ui.app import _painted
from reader.ui.closing import NO_ARTICLE_KEY
from reader.ui.main_window import MainWindow, settings_for
from reader.ui.read_ahead import read_ahead

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _focus(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    window.article_view.setFocus()
    qtbot.waitUntil(window.article_view.hasFocus)


def _library_with_last_article(data_dir: Path) -> tuple[Library, int]:
    library = Library(data_dir)
    article_id = library.import_sample()
    library.open_article(article_id)  # the last article, reopened at the next start
    return library, article_id


def test_the_last_article_read_ahead_shows_before_any_event_is_processed(qtbot, tmp_path):
    library, article_id = _library_with_last_article(tmp_path / "d")
    settings = settings_for(library.data_dir)
    ahead = read_ahead(library, settings, None, screenshot=False)
    assert ahead is not None
    window = MainWindow(library, settings=settings)  # built while the thread reads
    qtbot.addWidget(window)
    shown: list[object] = []
    window.article_opened.connect(shown.append)
    window.show()
    window.open_start(None, ahead)
    # no event loop ran: the first paint (still to come) has the article and its sources
    assert window.current is not None and window.current.info.id == article_id
    assert shown == [window.current]
    assert window.sources_panel.model.rowCount() > 0
    assert window.article_view.toPlainText().startswith(window.current.text[:40])
    window.ops.wait()
    library.close()


def test_nothing_is_read_ahead_when_the_article_was_closed_last_time(qtbot, tmp_path):
    library, _article_id = _library_with_last_article(tmp_path / "d")
    settings = settings_for(library.data_dir)
    settings.setValue(NO_ARTICLE_KEY, True)
    opened_before = library.articles()[0].opened_at
    assert read_ahead(library, settings, None, screenshot=False) is None
    assert read_ahead(library, settings, "some.txt", screenshot=False) is None  # PATH asked for
    ahead = read_ahead(library, settings, None, screenshot=True)  # a screenshot pictures one
    assert ahead is not None and ahead.result()[0] is not None
    assert library.articles()[0].opened_at != opened_before  # reading it marks it opened
    library.close()


def test_a_failed_read_ahead_is_said_in_the_window(qtbot, tmp_path):
    library, _article_id = _library_with_last_article(tmp_path / "d")
    window = MainWindow(library)
    qtbot.addWidget(window)

    class Failing:
        def result(self):
            return None, OSError("disk unplugged")

    window.show()
    window.open_start(None, Failing())  # type: ignore[arg-type]
    assert window.current is None
    assert "disk unplugged" in window.statusBar().currentMessage()
    window.ops.wait()
    library.close()


def test_the_library_dock_is_built_when_first_shown_and_its_shortcuts_work_before(
    make_window, qtbot
):
    window = make_window()
    feature = window.library_feature
    assert feature._panel is None and feature._search_panel is None  # not in the first paint
    assert feature.tabs.count() == 1  # the Feeds tab (its menu is in the menu bar)
    _focus(window, qtbot)
    qtbot.keyClick(window.article_view, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: feature.dock.isVisible())
    assert [feature.tabs.tabText(i) for i in range(3)] == ["Library", "Search", "Feeds"]
    assert feature.tabs.currentWidget() is feature.panel
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 1)  # the sample
    assert not window.feeds_feature._loaded  # the Feeds tab was never current: not read


def test_the_search_shortcut_builds_the_dock_on_its_search_tab(make_window, qtbot):
    window = make_window()
    feature = window.library_feature
    _focus(window, qtbot)
    qtbot.keyClick(window.article_view, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.waitUntil(lambda: feature.dock.isVisible())
    assert feature.tabs.currentWidget() is feature.search_panel


def test_a_library_dock_left_open_is_built_for_the_first_paint(make_window, qtbot):
    first = make_window()
    first.library_feature.show_library()
    first.close()  # the dock's state is saved with the window's
    again = make_window(show=False)
    assert again.library_feature._panel is not None
    assert again.library_feature.tabs.count() == 3


def test_the_screenshot_is_what_was_painted(make_window, qtbot):
    window = make_window()
    qtbot.waitUntil(lambda: window.current is not None)
    QTest.qWait(50)  # painted
    shot = _painted(window).toImage()
    again = window.grab().toImage()
    assert shot.size() == again.size()
    assert shot.convertToFormat(QImage.Format.Format_RGB32) == again.convertToFormat(
        QImage.Format.Format_RGB32
    )


def test_the_start_paints_each_source_row_once(qapp, tmp_path, monkeypatch):
    """The article shows before the first paint and its layout is done before it too, and
    the library's record of its sources (no ratings yet) changes no row: one paint each."""
    from reader.cli import main
    from reader.ui.source_delegate import SourceDelegate

    painted: list[int] = []
    paint = SourceDelegate.paint

    def counting(self, painter, option, index) -> None:
        painted.append(index.row() if not index.parent().isValid() else -1)
        paint(self, painter, option, index)

    library, _article_id = _library_with_last_article(tmp_path / "d")
    library.close()
    monkeypatch.setattr(SourceDelegate, "paint", counting)
    png = tmp_path / "shot.png"
    assert main(["--data-dir", str(tmp_path / "d"), "--screenshot", str(png)]) == 0
    rows = [r for r in painted if r >= 0]
    assert rows and len(rows) == len(set(rows))


def test_the_library_record_repaints_only_rows_it_changes(make_window, qtbot):
    window = make_window()
    model = window.sources_panel.model
    view = window.current
    links = dict(view.library_sources)
    infos = {i.id: i for i in window.library.library_sources()}
    assert not model.set_library(links, infos)  # as shown: nothing to paint again
    library_id = next(i for i in links.values() if i is not None)
    window.library.rate_source(library_id, 1)
    infos = {i.id: i for i in window.library.library_sources()}
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, *_: changed.extend(range(a.row(), b.row() + 1)))
    assert model.set_library(links, infos)  # a rating chip leads that source's row now
    assert len(changed) >= 1 and len(changed) < model.rowCount()


def test_the_library_record_recomputes_only_the_chips_it_changes(make_window, monkeypatch):
    """The record coming after the first paint's chips (or a rating) makes the chips of the
    sources it changes again, not every source's: the others keep theirs."""
    import reader.ui.source_model as source_model

    window = make_window()
    model = window.sources_panel.model
    view = window.current
    links = dict(view.library_sources)
    infos = {i.id: i for i in window.library.library_sources()}
    made: list[str] = []
    chips = source_model.source_chips
    monkeypatch.setattr(
        source_model,
        "source_chips",
        lambda a, src, *r, **k: made.append(src.id) or chips(a, src, *r, **k),
    )
    before = {s.id: model.chips_of(s.id) for s in view.analysis.sources}
    model.set_library(links, infos)  # as shown
    assert made == []
    assert all(model.chips_of(k) is v for k, v in before.items())
    rated = next(k for k, i in links.items() if i is not None)
    window.library.rate_source(links[rated], 2)
    model.set_library(links, {i.id: i for i in window.library.library_sources()})
    assert rated in made and len(made) < len(before)
    assert any(c.tone.startswith("rating:") for c in model.chips_of(rated))
    # a first start's record (each source in this one article, unrated): the chips shown
    record = source_model.shown_record
    assert record(1, ["This one"], "", None) == record(0, None, "", None)


LATER = (  # loaded by what the user does after the first paint, never before it
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "PySide6.QtPrintSupport",
    "reader.ui.library_table",
    "reader.ui.search_panel",
    "reader.ui.import_dialog",
    "reader.ingest",  # reading files and addresses: the article shown is in the library
)


def test_a_later_start_loads_nothing_the_first_paint_does_not_need(tmp_path):
    """A real process reopening the last article of a library file: what it loaded by exit."""
    data = tmp_path / "d"
    library, _article_id = _library_with_last_article(data)
    library.close()
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        f"code = main(['--data-dir', {str(data)!r}, '--screenshot', {str(tmp_path / 'x.png')!r}])\n"
        f"print(sorted(m for m in sys.modules if m.startswith({LATER!r})), code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.strip() == "[] 0", out.stdout + out.stderr


DIALOG_CLASSES = ("QMessageBox", "QDialogButtonBox", "QFileDialog", "QFormLayout", "QListWidget")


def test_a_start_builds_no_dialog_classes_and_no_html_table(tmp_path):
    """PySide6 builds a Qt class (and its enums) when a module first names it: the message
    boxes' and dialogs' classes are named where a box or dialog is made, not by the modules the
    window loads; and rich text is escaped without the `html` module's entity table."""
    data = tmp_path / "d"
    library, _article_id = _library_with_last_article(data)
    library.close()
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        f"code = main(['--data-dir', {str(data)!r}, '--screenshot', {str(tmp_path / 'x.png')!r}])\n"
        "import PySide6.QtWidgets as w\n"
        "lazy = 'QWizard' not in vars(w)  # PySide6 builds its classes on first use\n"
        f"built = [n for n in {DIALOG_CLASSES!r} if n in vars(w)] if lazy else []\n"
        "print(built, 'html' in sys.modules, code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.strip() == "[] False 0", out.stdout + out.stderr
