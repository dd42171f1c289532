"""A PDF imported into the library: its original bytes and text map are stored with the
article (table article_pdf), read back by `Library.pdf_original`, removed with the article; a
PDF that cannot be read leaves the library as it was; the analysis works as for any text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pdf_samples as samples
import pytest

from reader.errors import InputError
from reader.ingest.pdf import Cancelled, PasswordNeeded
from reader.library import Library
from reader.store.database import DB_NAME


def _counts(lib: Library) -> tuple[int, int]:
    db = sqlite3.connect(lib.db_path)
    try:
        articles = db.execute("select count(*) from article").fetchone()[0]
        pdfs = db.execute("select count(*) from article_pdf").fetchone()[0]
    finally:
        db.close()
    return articles, pdfs


def test_import_keeps_the_original_and_the_map(tmp_path: Path) -> None:
    sample = samples.article(2, n_paragraphs=8)
    path = tmp_path / "planet.pdf"
    path.write_bytes(sample.data)
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(path)
    view = lib.open_article(article_id)
    assert view.text == sample.expected
    assert view.info.title == "Flood wall approved"
    assert view.analysis.sources  # analysed like any article
    kept = lib.pdf_original(article_id)
    assert kept is not None
    original, text_map = kept
    assert original == sample.data
    assert len(text_map) == len(view.text)
    assert text_map.page[view.text.index("Maria")] >= 0
    assert lib.import_path(path) == article_id  # found again, stored once
    assert _counts(lib) == (1, 1)
    lib.close()


def test_other_articles_have_no_pdf(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    article_id = lib.import_text("Officials said the talks would resume.", "Talks")
    assert lib.pdf_original(article_id) is None
    lib.close()


def test_deleting_the_article_deletes_its_pdf(tmp_path: Path) -> None:
    path = tmp_path / "planet.pdf"
    path.write_bytes(samples.article(1, n_paragraphs=4).data)
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(path)
    lib.delete_article(article_id)
    assert lib.pdf_original(article_id) is None
    assert _counts(lib) == (0, 0)
    lib.close()


@pytest.mark.parametrize("kind", ["encrypted", "scanned", "truncated", "cancelled"])
def test_a_pdf_that_fails_stores_nothing(tmp_path: Path, kind: str) -> None:
    lib = Library(tmp_path / "lib")
    lib.import_text("Officials said the talks would resume.", "Talks")
    before = (tmp_path / "lib" / DB_NAME).stat().st_size, _counts(lib)
    path = tmp_path / "bad.pdf"
    progress = None
    if kind == "encrypted":
        path.write_bytes(samples.article(1, n_paragraphs=4, encrypt="pw").data)
        error: type[Exception] = PasswordNeeded
    elif kind == "scanned":
        path.write_bytes(samples.image_only())
        error = InputError
    elif kind == "truncated":
        path.write_bytes(samples.article(1, n_paragraphs=4).data[:3000])
        error = InputError
    else:
        path.write_bytes(samples.many_pages(60))
        error = Cancelled

        def progress(done: int, total: int) -> None:
            if done == 30:
                raise Cancelled("cancelled")

    with pytest.raises(error):
        lib.import_path(path, progress=progress)
    assert _counts(lib) == before[1]
    lib.close()


def test_the_password_opens_an_encrypted_pdf(tmp_path: Path) -> None:
    sample = samples.article(2, n_paragraphs=14, encrypt="pw")
    path = tmp_path / "locked.pdf"
    path.write_bytes(sample.data)
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(path, password="pw")
    assert lib.open_article(article_id).text == sample.expected
    kept = lib.pdf_original(article_id)
    assert kept is not None and kept[0] == sample.data  # the file as it was, still encrypted
    lib.close()


def test_undoing_a_delete_brings_the_pdf_back(tmp_path: Path) -> None:
    sample = samples.article(2, n_paragraphs=8)
    path = tmp_path / "planet.pdf"
    path.write_bytes(sample.data)
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(path)
    kept = lib.pdf_original(article_id)
    assert kept is not None
    bundle = lib.article_bundle(article_id)
    lib.delete_article(article_id)
    assert lib.pdf_original(article_id) is None
    assert lib.restore_article(bundle) == article_id
    back = lib.pdf_original(article_id)
    assert back is not None and back[0] == sample.data
    assert back[1].to_bytes() == kept[1].to_bytes()
    lib.close()
