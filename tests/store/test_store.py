"""The store on a real SQLite file and on PostgreSQL: round trip, one article per content,
cascades; on SQLite its pragmas and corrupt files set aside."""

import sqlite3
from pathlib import Path

from sqlmodel import select

from reader.library import Library
from reader.store import Database
from reader.store.models import Article, Highlight


def test_round_trip(tmp_path: Path, library_url: str) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = lib.import_text("First line.\nSecond “quoted” line, he said.", title="T", origin="x.txt")
    h = lib.add_highlight(aid, 0, 5, color="green", note="a note")
    lib.close()

    again = Library(tmp_path, database=library_url)
    view = again.open_article(aid)
    assert view.text.startswith("First line.")
    assert [(x.start, x.end, x.color, x.note, x.exact) for x in view.highlights] == [
        (0, 5, "green", "a note", "First")
    ]
    assert h.id == view.highlights[0].id
    again.close()


def test_pragmas(tmp_path: Path) -> None:
    db = Database(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.close()


def test_same_content_is_one_article(tmp_path: Path, library_url: str) -> None:
    lib = Library(tmp_path, database=library_url)
    a = lib.import_text("Same text here.", title="A")
    b = lib.import_text("Same   text here.\n", title="B")
    assert a == b and lib.article_count() == 1


def test_deleting_article_removes_its_highlights(tmp_path: Path, library_url: str) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = lib.import_text("Some text to mark.", title="A")
    lib.add_highlight(aid, 0, 4)
    lib.delete_article(aid)
    with lib.db.session() as s:
        assert s.exec(select(Highlight)).all() == []
        assert s.exec(select(Article)).all() == []


def test_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    lib = Library(tmp_path)
    assert lib.warning and "moved" in lib.warning
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert lib.article_count() == 0


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    for i in range(30):
        lib.import_text(f"Article number {i} " + "words " * 500, title=str(i))
    lib.close()
    path = tmp_path / "library.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    again = Library(tmp_path)
    assert again.warning is not None
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())


def test_crlf_file_is_stored_with_plain_newlines(tmp_path: Path, library_url: str) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes("Title line\r\n\r\n“We will win,” she said.\r\n".encode())
    lib = Library(tmp_path / "lib", database=library_url)
    view = lib.open_article(lib.import_path(f))
    assert "\r" not in view.text and view.text.startswith("Title line\n\n")
