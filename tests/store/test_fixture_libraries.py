"""Libraries written by every earlier schema revision (files in fixtures/, made by the app at
that revision) open, migrate to head, and keep the user's data."""

import shutil
from pathlib import Path

import pytest

from reader.library import Library
from reader.store.database import DB_NAME, current_revision, head_revision

FIXTURES = Path(__file__).parent / "fixtures"
REVISIONS = sorted(FIXTURES.glob("library-r[0-9][0-9][0-9][0-9].sqlite3"))  # not "-corrections"


def test_there_is_a_fixture_for_every_revision() -> None:
    made = {p.stem.removeprefix("library-r") for p in REVISIONS}
    versions = Path(__file__).parents[2] / "src" / "reader" / "store" / "migrations" / "versions"
    revisions = {p.name.split("_")[0] for p in versions.glob("0*.py")}
    assert revisions == made


@pytest.mark.parametrize("fixture", REVISIONS, ids=lambda p: p.stem)
def test_old_library_opens_and_keeps_user_data(tmp_path: Path, fixture: Path) -> None:
    shutil.copy(fixture, tmp_path / DB_NAME)
    lib = Library(tmp_path)
    assert lib.warning is None
    assert current_revision(tmp_path / DB_NAME) == head_revision()
    article_id = lib.last_article_id()
    assert article_id is not None
    view = lib.open_article(article_id)
    (h,) = view.highlights
    assert view.text[h.start : h.end] == "We constantly monitor the situation"
    assert (h.color, h.note) == ("green", "verify with border guards")
    assert view.analysis.sources, "the analysis is recomputed for an old library"
    hits = lib.search("border guards")
    assert [x.article_id for x in hits] == [article_id]
