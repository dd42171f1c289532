"""Opening a PDF in the window: it reads like any article; an encrypted one asks for its
password in a real QInputDialog (answered by a timer, as a person would type it); a long one
shows its pages read with Cancel, and Cancel stores nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pdf_samples as samples
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reader.library import Library
from reader.store.database import DB_NAME
from reader.ui.main_window import MainWindow


def _articles(data_dir: Path) -> int:
    db = sqlite3.connect(data_dir / DB_NAME)
    try:
        return db.execute("select count(*) from article").fetchone()[0]
    finally:
        db.close()


def test_a_pdf_opens_as_an_article(make_window, tmp_path: Path) -> None:
    sample = samples.article(2, n_paragraphs=8)
    path = tmp_path / "planet.pdf"
    path.write_bytes(sample.data)
    window = make_window(str(path))
    assert window.current is not None
    assert window.current.text == sample.expected
    assert window.current.info.title == "Flood wall approved"
    assert window.library.pdf_original(window.current.info.id) is not None


def test_an_encrypted_pdf_asks_for_its_password(
    make_window, tmp_path: Path, answer_password
) -> None:
    sample = samples.article(1, n_paragraphs=14, encrypt="s3cret")
    path = tmp_path / "locked.pdf"
    path.write_bytes(sample.data)
    window = make_window(start=False)
    seen: list[tuple[str, QLineEdit.EchoMode]] = []
    answer_password(["guess", "s3cret"], seen)
    window.open_path(str(path))
    assert [text for text, _ in seen] == [
        "locked.pdf is encrypted. Its password:",
        "Wrong password for locked.pdf. Try again:",
    ]
    assert all(mode == QLineEdit.EchoMode.Password for _, mode in seen)
    assert window.current is not None
    assert window.current.text == sample.expected


def test_a_cancelled_password_stores_nothing(
    make_window, data_dir: Path, tmp_path: Path, answer_password
) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(samples.article(1, n_paragraphs=4, encrypt="s3cret").data)
    window = make_window(start=False)
    before = _articles(data_dir)
    seen: list[tuple[str, QLineEdit.EchoMode]] = []
    answer_password([None], seen)
    window.open_path(str(path))
    assert len(seen) == 1
    assert window.current is None
    assert window.statusBar().currentMessage() == "locked.pdf was not opened: it is encrypted"
    assert _articles(data_dir) == before


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(samples.many_pages(1000))
    return path


def test_a_long_pdf_shows_its_pages_and_cancel_stores_nothing(
    qtbot, data_dir: Path, long_pdf: Path
) -> None:
    # the real worker thread (no synchronous ops): the window stays responsive while it reads
    library = Library(data_dir)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    try:
        before = _articles(data_dir)
        window.open_path(str(long_pdf))
        strip = window.pdf_opening().progress
        qtbot.waitUntil(strip.isVisible, timeout=10000)
        assert strip.label.text().startswith("Reading page ")
        assert strip.label.text().endswith("of 1,000 · report.pdf")
        strip.cancel_button.click()
        qtbot.waitUntil(lambda: not strip.isVisible(), timeout=10000)
        assert "cancelled; nothing was stored" in window.statusBar().currentMessage()
        assert window.current is None
        assert _articles(data_dir) == before
    finally:
        window.ops.wait()
        library.close()


def test_a_long_pdf_opens_with_progress(qtbot, data_dir: Path, long_pdf: Path) -> None:
    library = Library(data_dir)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_path(str(long_pdf))
        strip = window.pdf_opening().progress
        qtbot.waitUntil(strip.isVisible, timeout=10000)
        assert 0 < strip.bar.value() <= 1000 and strip.bar.maximum() == 1000
        with qtbot.waitSignal(window.article_opened, timeout=30000):
            pass
        assert not strip.isVisible()
        assert window.current is not None
        assert window.current.text.count("Section ") == 1000
    finally:
        window.ops.wait()
        library.close()


def test_cancel_in_a_batch_stops_inside_a_long_pdf(data_dir: Path, long_pdf: Path) -> None:
    import threading

    from reader.ui.import_dialog import import_files

    library = Library(data_dir)
    try:
        before = _articles(data_dir)
        cancel = threading.Event()
        # Cancel pressed once the PDF's import has begun: it stops at its next page
        result = import_files(library, [str(long_pdf)], cancel, lambda i, n: cancel.set())
        assert result.cancelled and result.imported == [] and result.failures == []
        assert _articles(data_dir) == before
    finally:
        library.close()


def test_once_every_page_is_read_cancel_is_no_longer_offered(make_window) -> None:
    window = make_window(start=False)
    pdf = window.pdf_opening()
    pdf.start("/tmp/report.pdf", "report.pdf")
    pdf.shown("/tmp/report.pdf", "report.pdf", 500, 1000)
    assert pdf.progress.isVisible() and pdf.progress.cancel_button.isEnabled()
    assert pdf.progress.label.text() == "Reading page 501 of 1,000 · report.pdf"
    pdf.shown("/tmp/report.pdf", "report.pdf", 1000, 1000)
    assert pdf.progress.label.text() == "Analysing report.pdf…"
    assert not pdf.progress.cancel_button.isEnabled()
    pdf.finished("/tmp/report.pdf")
    assert not pdf.progress.isVisible()


def test_the_annotations_tab_names_who_wrote_an_imported_highlight(
    make_window, qtbot, tmp_path: Path
) -> None:
    from original_samples import okular_pdf

    from reader.ui.annotations.annotation_model import AnnotationRole

    path = tmp_path / "okular.pdf"
    okular_pdf(path)
    window = make_window(str(path))
    assert window.current is not None
    text = window.current.text
    start = text.index("council")
    window.library.add_highlight(window.current.info.id, start, start + 7, "yellow", "Mine")
    window.open_article(window.current.info.id)
    panel = window.annotations.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    rows = [panel.model.index(r, 0) for r in range(2)]
    by = {r.data(AnnotationRole.Note): r.data(AnnotationRole.Author) for r in rows}
    assert by == {"Important": "Okular User", "Mine": ""}
    said = {r.data(AnnotationRole.Note): r.data(Qt.ItemDataRole.AccessibleTextRole) for r in rows}
    assert said["Important"].startswith("green highlight by Okular User: harbour")
    assert said["Mine"].startswith("yellow highlight: council")
