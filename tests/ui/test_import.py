"""Batch import on a real window and library: File → Import files… and a drop of several
files import in the background with progress; a bad file does not stop the others; a summary
line at the end; Cancel stops between files. One test takes the real worker thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.library import Library
from reader.ui.import_dialog import ImportResult, summary_text
from reader.ui.main_window import MainWindow


def _write(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"article{i}.txt"
        p.write_text(
            f"Report number {i} from the valley\n\n"
            f'"The road {i} will reopen on Monday," said Mayor Helen Ortiz{i}.\n',
            encoding="utf-8",
        )
        out.append(p)
    return out


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    p = tmp_path / "x.bin"
    p.write_bytes(b"\x00\x01\x02\x03\xff\xfe binary")
    return p


def test_import_files_menu_imports_all_and_reports_the_bad_one(
    make_window, tmp_path, bad_file, qtbot
) -> None:
    w = make_window()
    good = _write(tmp_path / "in", 3)
    chosen = [str(good[0]), str(bad_file), str(good[1]), str(good[2])]
    w.ask_open_paths = lambda parent, start: chosen
    importer = w.library_feature.importer
    steps = []
    importer.progressed.connect(lambda i, n: steps.append((i, n)))
    with qtbot.waitSignal(importer.finished) as sig:
        w.library_feature.import_action.trigger()
    result: ImportResult = sig.args[0]
    assert len(result.imported) == 3 == len(result.new)
    assert [name for name, _ in result.failures] == ["x.bin"]
    titles = {a.title for a in w.library.articles()}
    assert {f"Report number {i} from the valley" for i in range(3)} <= titles
    message = w.statusBar().currentMessage()
    assert message.startswith("Imported 3 articles; 1 could not be read: x.bin")
    assert "binary" in message
    assert w.notice.isVisible() and w.notice.text() == message  # a failure stays in view
    assert (0, 4) in steps and (4, 4) in steps
    assert not importer.progress.isVisible()
    panel = w.library_feature.panel
    w.library_feature.show_library()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)  # the sample and the three


def test_dropping_several_files_imports_them_in_a_batch(
    make_window, tmp_path, bad_file, qtbot
) -> None:
    w = make_window()
    files = [*_write(tmp_path / "drop", 2), bad_file]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    importer = w.library_feature.importer
    with qtbot.waitSignal(importer.finished) as sig:
        w.dropEvent(event)
    assert len(sig.args[0].imported) == 2
    assert w.statusBar().currentMessage().startswith("Imported 2 articles; 1 could not be read")


def test_reimporting_counts_articles_already_in_the_library(make_window, tmp_path, qtbot):
    w = make_window()
    files = [str(p) for p in _write(tmp_path / "again", 2)]
    importer = w.library_feature.importer
    with qtbot.waitSignal(importer.finished):
        importer.start(files)
    with qtbot.waitSignal(importer.finished) as sig:
        importer.start(files)
    assert sig.args[0].new == []
    assert w.statusBar().currentMessage() == "Imported 2 articles (2 already in the library)"


def test_cancel_stops_between_files(make_window, tmp_path, qtbot) -> None:
    w = make_window()
    files = [str(p) for p in _write(tmp_path / "many", 5)]
    importer = w.library_feature.importer
    before = w.library.article_count()

    def on_progress(i: int, n: int) -> None:
        if i == 2:  # Cancel while the third file imports: it finishes, no other starts
            importer.progress.cancel_button.click()

    importer.progressed.connect(on_progress)
    with qtbot.waitSignal(importer.finished) as sig:
        importer.start(files)
    result = sig.args[0]
    assert result.cancelled
    assert len(result.imported) == 3 and result.skipped == 2
    assert w.library.article_count() == before + 3
    assert w.statusBar().currentMessage() == "Imported 3 articles; cancelled before the other 2"
    assert not importer.progress.isVisible()


def test_summary_lines() -> None:
    r = ImportResult(paths=["a", "b"], imported=[1, 2, 3, 4, 5, 6, 7], new=[1, 2, 3, 4, 5, 6, 7])
    r.failures = [("x.bin", "Cannot open x.bin: it is a binary file, not text")]
    assert summary_text(r) == (
        "Imported 7 articles; 1 could not be read: x.bin: it is a binary file, not text"
    )
    r.failures *= 4
    assert summary_text(r).endswith("; and 2 more")
    assert summary_text(ImportResult(paths=["a"], imported=[3], new=[3])) == "Imported 1 article"


def test_batch_import_on_the_worker_thread(qtbot, tmp_path: Path, bad_file: Path) -> None:
    """No synchronous ops: progress and the summary come back from the database thread."""
    library = Library(tmp_path / "threaded")
    try:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        importer = window.library_feature.importer
        files = [*(str(p) for p in _write(tmp_path / "bg", 3)), str(bad_file)]
        seen = []
        importer.progressed.connect(lambda i, n: seen.append(i))
        importer.start(files)
        assert importer.running
        qtbot.waitUntil(lambda: not importer.running, timeout=20000)
        assert library.article_count() == 3
        assert seen and seen[-1] == 4
        assert "Imported 3 articles; 1 could not be read: x.bin" in (
            window.statusBar().currentMessage()
        )
        qtbot.waitUntil(lambda: window.current is not None, timeout=10000)  # first one opens
        window.ops.wait()
        window.close()
    finally:
        library.close()
