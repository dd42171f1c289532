"""Revision 0007, highlight.author: a library of revision 0006 upgrades with every highlight
the user's own (author ""), its note unchanged; the fixture of 0007 keeps an imported
annotation's author."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.library import Library
from reader.store.database import DB_NAME, current_revision

FIXTURES = Path(__file__).parent / "fixtures"


def test_an_older_library_gets_authorless_highlights(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "library-r0006.sqlite3", tmp_path / DB_NAME)
    assert current_revision(tmp_path / DB_NAME) == "0006"
    lib = Library(tmp_path)
    (h,) = lib.highlights(1)
    assert (h.note, h.author) == ("verify with border guards", "")


def test_the_0007_fixture_keeps_an_annotations_author(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "library-r0007.sqlite3", tmp_path / DB_NAME)
    lib = Library(tmp_path)
    assert [(h.note, h.author) for h in lib.highlights(2)] == [("Checked", "Okular User")]
    view = lib.open_article(2)  # the snapshot reader (sqlite3) reads the column too
    assert [h.author for h in view.highlights] == ["Okular User"]
