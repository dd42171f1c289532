"""Note drafts in the library: kept per article and anchor, replaced as typing goes on, removed
on save or discard and with their highlight or article, placed again in a changed text (on
both engines); a library file from revision 0002 gains the table with its data in place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from library_sql import run_sql
from reader.errors import NotFoundError
from reader.library import Library
from reader.store.database import DB_NAME, current_revision, head_revision

FIXTURES = Path(__file__).parent / "fixtures"
QUOTE = "We constantly monitor the situation"
OTHER = "the troops did not move toward Ukraine"


@pytest.fixture
def lib(tmp_path: Path, library_url: str):
    library = Library(tmp_path / "lib", database=library_url)
    yield library
    library.close()


def _range(lib: Library, aid: int, quote: str) -> tuple[int, int]:
    i = lib.open_article(aid).text.index(quote)
    return i, i + len(quote)


def test_a_draft_is_kept_replaced_and_discarded(lib: Library) -> None:
    aid = lib.import_sample()
    start, end = _range(lib, aid, OTHER)
    lib.save_note_draft(aid, "which", start=start, end=end, color="blue")
    lib.save_note_draft(aid, "which troops?", start=start, end=end, color="blue")
    (d,) = lib.note_drafts(aid)
    assert (d.highlight_id, d.start, d.end, d.exact, d.text, d.color) == (
        None,
        start,
        end,
        OTHER,
        "which troops?",
        "blue",
    )
    h = lib.add_highlight(aid, *_range(lib, aid, QUOTE), note="saved note")
    lib.save_note_draft(aid, "saved note, revised", highlight_id=h.id, start=h.start, end=h.end)
    drafts = lib.note_drafts(aid)
    assert [x.text for x in drafts] == ["saved note, revised", "which troops?"]  # newest first
    assert (drafts[0].highlight_id, drafts[0].start) == (h.id, h.start)

    lib.discard_note_draft(aid, start=start, end=end)
    lib.discard_note_draft(aid, highlight_id=h.id)
    assert lib.note_drafts(aid) == []
    assert [x.note for x in lib.highlights(aid)] == ["saved note"]  # the note itself untouched


def test_drafts_go_with_their_highlight_and_article(lib: Library) -> None:
    aid = lib.import_sample()
    h = lib.add_highlight(aid, *_range(lib, aid, QUOTE))
    lib.save_note_draft(aid, "on the highlight", highlight_id=h.id, start=h.start, end=h.end)
    lib.save_note_draft(aid, "on a range", start=5, end=9)
    lib.delete_highlight(h.id)
    assert [d.text for d in lib.note_drafts(aid)] == ["on a range"]
    lib.delete_article(aid)
    assert run_sql(lib, "SELECT count(*) FROM note_draft") == [(0,)]
    with pytest.raises(NotFoundError):
        lib.save_note_draft(aid, "no article", start=0, end=1)


def test_a_draft_on_a_deleted_highlight_stays_on_its_range(lib: Library) -> None:
    aid = lib.import_sample()
    h = lib.add_highlight(aid, *_range(lib, aid, QUOTE))
    lib.delete_highlight(h.id)  # deleted while its note was being written
    lib.save_note_draft(aid, "still here", highlight_id=h.id, start=h.start, end=h.end)
    (d,) = lib.note_drafts(aid)
    assert (d.highlight_id, d.start, d.end, d.exact, d.text) == (
        None,
        h.start,
        h.end,
        QUOTE,
        "still here",
    )


def test_a_draft_already_saved_as_its_note_is_dropped(lib: Library) -> None:
    """Killed between the save and the draft's clean-up: the draft does not come back."""
    aid = lib.import_sample()
    start, end = _range(lib, aid, OTHER)
    lib.save_note_draft(aid, "which troops?", start=start, end=end)
    lib.add_highlight(aid, start, end, note="which troops?")
    h = lib.add_highlight(aid, *_range(lib, aid, QUOTE), note="old")
    lib.save_note_draft(aid, "new ", highlight_id=h.id, start=h.start, end=h.end)
    lib.update_highlight(h.id, note="new")
    assert lib.note_drafts(aid) == []
    assert run_sql(lib, "SELECT count(*) FROM note_draft") == [(0,)]


def test_a_new_notes_draft_follows_its_quote_when_the_text_changes(lib: Library) -> None:
    aid = lib.import_text("Intro.\nThe minister said the bridge will reopen in May.", "Bridge")
    start, end = _range(lib, aid, "the bridge will reopen")
    lib.save_note_draft(aid, "check the date", start=start, end=end)
    run_sql(  # the article's text changed (re-import)
        lib,
        "UPDATE article SET text = :intro || text WHERE id = :id",
        intro="A longer intro now.\n",
        id=aid,
    )
    (d,) = lib.note_drafts(aid)
    text = lib.open_article(aid).text
    assert text[d.start : d.end] == "the bridge will reopen" and d.start == start + 20
    lib.discard_note_draft(aid, start=d.start, end=d.end)  # kept under its new place
    assert lib.note_drafts(aid) == []


def test_library_from_revision_0002_gains_drafts_with_its_data_in_place(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "library-r0002.sqlite3", tmp_path / DB_NAME)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "note_draft" not in tables
    lib = Library(tmp_path)
    assert lib.warning is None and current_revision(tmp_path / DB_NAME) == head_revision()
    aid = lib.last_article_id()
    assert aid is not None
    (h,) = lib.highlights(aid)
    assert (h.color, h.note) == ("green", "verify with border guards")
    assert [x.article_id for x in lib.search("border guards")] == [aid]
    assert lib.note_drafts(aid) == []
    lib.save_note_draft(aid, "and the ministry", highlight_id=h.id, start=h.start, end=h.end)
    assert [(d.highlight_id, d.text) for d in lib.note_drafts(aid)] == [(h.id, "and the ministry")]
    lib.close()


def test_library_from_revision_0003_keeps_its_drafts(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "library-r0003.sqlite3", tmp_path / DB_NAME)
    lib = Library(tmp_path)
    aid = lib.last_article_id()
    assert aid is not None
    texts = {(d.highlight_id is not None, d.text) for d in lib.note_drafts(aid)}
    assert texts == {(True, "verify with border guards and the ministry"), (False, "which troops?")}
    lib.close()
