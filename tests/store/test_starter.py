"""The shipped starter library: current with the code, copied only into an empty place, and
opened like a library that imported the sample itself."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.engine import engine_version
from reader.library import (
    Library,
    install_starter_library,
    sample_path,
    starter_path,
)
from reader.store.database import DB_NAME, head_revision
from reader.store.starter import install_starter, starter_is_current

REBUILD = "run: python packaging/make_starter_library.py"


def test_shipped_starter_is_current() -> None:
    assert starter_is_current(starter_path(), head_revision(), engine_version()), REBUILD
    conn = sqlite3.connect(f"file:{starter_path()}?mode=ro", uri=True)
    (text,) = conn.execute("SELECT text FROM article").fetchone()
    conn.close()
    assert text == sample_path().read_text(encoding="utf-8"), REBUILD


def test_first_launch_gets_the_analysed_sample(tmp_path: Path) -> None:
    assert install_starter_library(tmp_path) is True
    lib = Library(tmp_path)
    view = lib.reopen_last()
    assert view is not None and view.info.origin_kind == "sample"
    assert view.analysis.sources and view.analysis.statements
    assert view.info.added_at.date() == datetime.now(UTC).date()
    fresh = Library(tmp_path / "fresh")
    same = fresh.open_article(fresh.import_sample())
    # in full (kind, role, affiliation, mentions), not by name: the engine may change them all
    assert view.analysis.sources == same.analysis.sources, REBUILD
    assert view.analysis.statements == same.analysis.statements, REBUILD


def test_an_existing_library_is_never_replaced(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.import_text("My own article, imported before.", title="Mine")
    lib.close()
    assert install_starter_library(tmp_path) is False
    assert [a.title for a in Library(tmp_path).articles()] == ["Mine"]


def test_a_stale_starter_is_not_used(tmp_path: Path) -> None:
    assert not starter_is_current(starter_path(), head_revision(), engine_version() + "-other")
    assert not starter_is_current(tmp_path / "missing.sqlite3", head_revision(), engine_version())
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database")
    assert not starter_is_current(junk, head_revision(), engine_version())


def test_install_copies_into_place(tmp_path: Path) -> None:
    target = tmp_path / "lib" / DB_NAME
    assert install_starter(starter_path(), target) is True
    assert install_starter(starter_path(), target) is False
    assert not (tmp_path / "lib" / (DB_NAME + ".starter")).exists()
