"""People sharing a library (library/members.py, ratings.py, team.py; revision 0008): who made
each highlight, rating and correction, ratings per member with the team's spread, and changes
made meanwhile elsewhere refused as conflicts — on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.errors import ConflictError, ReaderError
from reader.library import Library

TEXT = (
    "Harbour plan\n"
    'The harbour will close in May, Mayor Helen Marsh said on Monday. "We cannot keep it '
    'open," Marsh said. John Carter, a fisherman, said the plan was rushed.'
)


def _library(tmp_path: Path, url: str, name: str = "lib") -> Library:
    return Library(tmp_path / name, database=url)


def _article(lib: Library) -> int:
    return lib.import_text(TEXT, "Harbour plan")


def _rated_source(lib: Library, article_id: int) -> int:
    view = lib.open_article(article_id)
    ids = [i for i in view.library_sources.values() if i is not None]
    assert ids, "the analysis found a source to rate"
    return ids[0]


def test_every_new_highlight_rating_and_correction_names_its_creator(
    tmp_path: Path, library_url: str
) -> None:
    lib = _library(tmp_path, library_url)
    me = lib.member().name
    assert me  # the role on PostgreSQL, the login name on SQLite
    aid = _article(lib)
    h = lib.add_highlight(aid, 13, 40, "green", "check the date")
    assert (h.creator, h.shared, h.version) == (me, False, 1)
    source = _rated_source(lib, aid)
    assert lib.rate_source(source, 2) == 1
    lib.set_source_note(source, "reliable on budgets")
    info = lib.library_source(source)
    assert (info.rating, info.note, info.rating_version, info.note_version) == (
        2,
        "reliable on budgets",
        1,
        1,
    )
    assert info.spread.by_member == {me: 2}
    key = lib.open_article(aid).analysis.sources[0].id
    cid = lib.rename_source(aid, key, "H. Marsh")
    (c,) = lib.corrections(aid)
    assert (c.id, c.action, c.creator) == (cid, "rename", me)
    shared = lib.share_highlight(h.id, base_version=h.version)
    assert (shared.shared, shared.version) == (True, 2)
    assert [x.shared for x in lib.highlights(aid)] == [True]
    # the W3C export names the creator
    out = lib.export_annotations_json(aid, tmp_path / "notes.json")
    (item,) = json.loads(out.read_text(encoding="utf-8"))["items"]
    assert item["creator"] == {"type": "Person", "name": me, "nickname": me}
    assert item["reader:shared"] is True
    lib.set_member_name("Ana Novak")
    out = lib.export_annotations_json(aid, tmp_path / "named.json")
    (item,) = json.loads(out.read_text(encoding="utf-8"))["items"]
    assert item["creator"]["name"] == "Ana Novak"
    lib.close()


def test_a_change_made_meanwhile_elsewhere_is_a_conflict_not_overwritten(
    tmp_path: Path, library_url: str
) -> None:
    """Two Library objects (two windows, or two machines of one member) on one library."""
    here = _library(tmp_path, library_url, "here")
    there = _library(tmp_path, library_url, "there")
    aid = _article(here)
    h = here.add_highlight(aid, 13, 40, "yellow", "first")
    seen_there = there.highlights(aid)[0]
    saved = here.update_highlight(h.id, note="from here", base_version=h.version)
    assert saved.version == 2
    with pytest.raises(ConflictError) as caught:
        there.update_highlight(seen_there.id, note="from there", base_version=seen_there.version)
    assert caught.value.theirs.note == "from here"
    assert caught.value.mine.note == "from there"
    assert "your text is kept" in str(caught.value)
    assert there.highlights(aid)[0].note == "from here"  # nothing written over
    # based on what is stored now, it goes in
    assert there.update_highlight(h.id, note="from there", base_version=2).version == 3

    source = _rated_source(here, aid)
    seen = there.library_source(source)
    here.rate_source(source, 1, base_version=seen.rating_version)
    with pytest.raises(ConflictError) as caught:
        there.rate_source(source, -2, base_version=seen.rating_version)
    assert caught.value.theirs == (1, 1) and caught.value.mine == (-2, 0)
    assert there.library_source(source).rating == 1
    here.set_source_note(source, "a", base_version=0)
    with pytest.raises(ConflictError):
        there.set_source_note(source, "b", base_version=0)
    assert there.library_source(source).note == "a"
    here.close()
    there.close()


def test_sqlite_name_from_preferences_is_the_identity_and_carries_the_users_rows(
    tmp_path: Path,
) -> None:
    lib = Library(tmp_path)
    aid = _article(lib)
    h = lib.add_highlight(aid, 13, 40)
    source = _rated_source(lib, aid)
    lib.rate_source(source, -1)
    assert lib.set_member_name("  Ana   Novak ").name == "Ana Novak"
    assert lib.member().name == "Ana Novak"
    assert lib.highlights(aid)[0].creator == "Ana Novak"
    assert lib.library_source(source).spread.by_member == {"Ana Novak": -1}
    lib.update_highlight(h.id, note="still mine")  # the renamed rows are still the user's
    with pytest.raises(ReaderError, match="cannot be empty"):
        lib.set_member_name("   ")
    lib.close()


# ---- PostgreSQL: two logins ------------------------------------------------------------------


def test_another_member_cannot_read_private_notes_even_with_plain_sql(
    tmp_path: Path, postgres_url: str, make_role
) -> None:
    import psycopg

    ana, ben = make_role("ana", "ana-pw"), make_role("ben", "ben-pw")
    a, b = _library(tmp_path, ana.url, "a"), _library(tmp_path, ben.url, "b")
    assert (a.member().name, b.member().name) == (ana.name, ben.name)
    aid = _article(a)
    private = a.add_highlight(aid, 13, 40, "green", "my private doubt")
    public = a.add_highlight(aid, 41, 60, "yellow", "for the desk", shared=True)
    a.save_note_draft(aid, "half-written", highlight_id=public.id)
    source = _rated_source(a, aid)
    a.set_source_note(source, "ana's own view")

    libpq = ben.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq) as conn:
        notes = [r[0] for r in conn.execute("SELECT note FROM highlight")]
        assert notes == ["for the desk"]
        assert conn.execute("SELECT count(*) FROM note_draft").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM source_note").fetchone() == (0,)
        # writing another's row changes nothing; inserting one in their name is refused
        done = conn.execute("UPDATE highlight SET note = 'mine now' WHERE id = %s", [public.id])
        assert done.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                'INSERT INTO highlight (article_id, color, start, "end", exact, prefix, suffix,'
                " note, orphaned, created_at, updated_at, author, creator) VALUES (%s, 'red', 0,"
                " 1, '', '', '', 'forged', false, now(), now(), '', %s)",
                [aid, ana.name],
            )
    # the window sees the same: the shared one, named; the private one is not there at all
    (seen,) = b.highlights(aid)
    assert (seen.id, seen.creator, seen.note) == (public.id, ana.name, "for the desk")
    assert b.note_drafts(aid) == []
    with pytest.raises(ReaderError, match="only they can change it"):
        b.update_highlight(public.id, note="mine now")
    with pytest.raises(ReaderError):
        b.update_highlight(private.id, note="mine now")  # not found: RLS hides it
    assert [h.note for h in a.highlights(aid)] == ["my private doubt", "for the desk"]
    # ben's export holds ana's shared note, named as hers, and nothing private
    out = b.export_annotations_json(aid, tmp_path / "ben.json")
    (item,) = json.loads(out.read_text(encoding="utf-8"))["items"]
    assert item["creator"]["nickname"] == ana.name and item["body"]["value"] == "for the desk"
    # unshared, it is gone from the other member's view
    a.share_highlight(public.id, False)
    assert b.highlights(aid) == []
    a.close()
    b.close()


def test_ratings_are_per_member_with_the_teams_spread_and_corrections_say_who(
    tmp_path: Path, postgres_url: str, make_role
) -> None:
    ana, ben, cy = make_role("ana", "a"), make_role("ben", "b"), make_role("cy", "c")
    a, b, c = (_library(tmp_path, r.url, r.name) for r in (ana, ben, cy))
    aid = _article(a)
    source = _rated_source(a, aid)
    a.rate_source(source, 2)
    b.rate_source(source, -1)
    b.set_source_note(source, "ben's doubts")
    c.set_member_name("Cy Ortiz")
    seen_by_a, seen_by_b, seen_by_c = (x.library_source(source) for x in (a, b, c))
    assert (seen_by_a.rating, seen_by_b.rating, seen_by_c.rating) == (2, -1, None)
    assert (seen_by_a.note, seen_by_b.note) == ("", "ben's doubts")
    spread = seen_by_c.spread
    assert spread.by_member == {ana.name: 2, ben.name: -1}
    assert (spread.count, spread.mean, spread.low, spread.high) == (2, 0.5, -1, 2)
    assert seen_by_c.to_json()["team"]["count"] == 2
    assert b.source_spread(source).by_member == spread.by_member
    assert a.members()[cy.name].label == f"Cy Ortiz ({cy.name})"
    # a correction is the team's, names its creator, and only they undo it
    key = a.open_article(aid).analysis.sources[0].id
    cid = b.rename_source(aid, key, "H. Marsh")
    assert [(x.id, x.creator) for x in a.corrections(aid)] == [(cid, ben.name)]
    assert "H. Marsh" in {s.name for s in a.open_article(aid).analysis.sources}
    with pytest.raises(ReaderError, match="only they can undo it"):
        a.undo_correction(cid)
    b.undo_correction(cid)
    assert a.corrections(aid) == []
    for x in (a, b, c):
        x.close()


# ---- libraries from before revision 0008 -------------------------------------------------------


def test_an_older_library_keeps_every_rating_and_note(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    from reader.library.members import login_name
    from reader.store.database import DB_NAME

    fixtures = Path(__file__).parents[1] / "store" / "fixtures"
    shutil.copy(fixtures / "library-r0007.sqlite3", tmp_path / DB_NAME)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:  # rated as reader 0007 stored it
        conn.execute("UPDATE library_source SET rating = -2, note = 'spin' WHERE id = 1")
        conn.execute("UPDATE library_source SET rating = 1 WHERE id = 2")
        conn.execute("UPDATE library_source SET note = 'ask about the troops' WHERE id = 3")
    conn.close()
    lib = Library(tmp_path)
    by_id = {s.id: s for s in lib.library_sources()}
    assert (by_id[1].rating, by_id[1].note) == (-2, "spin")
    assert (by_id[2].rating, by_id[2].note) == (1, "")
    assert (by_id[3].rating, by_id[3].note) == (None, "ask about the troops")
    me = login_name()
    assert lib.member().name == me
    assert {h.creator for h in lib.highlights(lib.last_article_id() or 0)} == {me}
    lib.close()


def test_the_revision_0008_fixture_opens_with_each_members_rows(tmp_path: Path) -> None:
    import shutil

    from reader.store.database import DB_NAME

    fixtures = Path(__file__).parents[1] / "store" / "fixtures"
    shutil.copy(fixtures / "library-r0008.sqlite3", tmp_path / DB_NAME)
    lib = Library(tmp_path)
    assert lib.member().name == "ana"  # kept in the library, whatever the login here
    assert lib.member().label == "Ana Novak (ana)"
    rated = lib.library_source(1)
    assert (rated.rating, rated.note) == (2, "knows the border")
    assert rated.spread.by_member == {"ana": 2, "ben": -1}
    (h,) = lib.highlights(lib.last_article_id() or 0)
    assert (h.creator, h.shared) == ("ana", False)
    lib.close()


def test_a_changed_page_reimported_by_one_member_keeps_everyones_highlights_placed(
    tmp_path: Path, postgres_url: str, make_role
) -> None:
    """Another member's private highlights are out of sight and their shared ones not theirs to
    write: the re-import places its importer's, and each member's are placed when they open it."""
    from reader.ingest import ImportedDocument

    ana, ben = make_role("ana", "a"), make_role("ben", "b")
    a, b = _library(tmp_path, ana.url, "a"), _library(tmp_path, ben.url, "b")
    url = "https://example.com/harbour"
    doc = ImportedDocument(text=TEXT, title="Harbour plan", origin=url, canonical_url=url)
    aid = a.import_document(doc)
    quote = "John Carter, a fisherman"
    at = TEXT.index(quote)
    private = a.add_highlight(aid, at, at + len(quote), note="ask him")
    shared = a.add_highlight(aid, at, at + 11, note="who is he", shared=True)
    mine = b.add_highlight(aid, at, at + 11, note="ben's")
    changed = TEXT.replace("Harbour plan\n", "Harbour plan\nUpdated on Tuesday.\n")
    again = ImportedDocument(text=changed, title="Harbour plan", origin=url, canonical_url=url)
    assert b.import_document(again) == aid  # not refused for ana's rows
    moved = changed.index(quote)
    assert {h.id: h.start for h in b.highlights(aid)}[mine.id] == moved
    view = a.open_article(aid)  # ana's are placed as she opens it
    starts = {h.id: (h.start, h.end) for h in view.highlights}
    assert starts[private.id] == (moved, moved + len(quote))
    assert starts[shared.id] == (moved, moved + 11)
    assert {h.id: h.start for h in b.highlights(aid)} == {mine.id: moved, shared.id: moved}
    a.close()
    b.close()


def test_an_article_holding_another_members_notes_is_not_deleted(
    tmp_path: Path, postgres_url: str, make_role
) -> None:
    """A foreign key's cascade passes over row-level security: deleting would drop notes the
    deleter cannot even see. Refused; without them, deleted and put back by undo."""
    import psycopg

    ana, ben = make_role("ana", "a"), make_role("ben", "b")
    a, b = _library(tmp_path, ana.url, "a"), _library(tmp_path, ben.url, "b")
    aid = _article(a)
    a.add_highlight(aid, 13, 40, note="ana's")
    hidden = b.add_highlight(aid, 41, 60, note="ben's private")
    with pytest.raises(ReaderError, match="Other members have highlights"):
        a.delete_article(aid)
    assert [h.note for h in a.highlights(aid)] == ["ana's"]  # nothing deleted
    assert [h.id for h in b.highlights(aid)] == [hidden.id]
    b.delete_highlight(hidden.id)
    bundle = a.article_bundle(aid)
    a.delete_article(aid)
    with psycopg.connect(ben.url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (0,)
    assert a.restore_article(bundle) == aid
    assert [h.note for h in a.highlights(aid)] == ["ana's"]
    a.close()
    b.close()


RACER = """
import sys, time
from pathlib import Path
from reader.errors import ConflictError
from reader.library import Library
data, url, hid, me, go = sys.argv[1:6]
lib = Library(data, database=url)
lib.highlights(0)  # connected and warm before the start
while not Path(go).exists():
    time.sleep(0.002)
try:
    lib.update_highlight(int(hid), note="from " + me, base_version=1)
    print("saved")
except ConflictError as e:
    print("conflict", e.theirs.note)
lib.close()
"""


def test_processes_saving_one_note_at_once_one_wins_the_others_are_told(
    tmp_path: Path, library_url: str
) -> None:
    """Four processes change the same note, each based on version 1, at the same moment:
    exactly one is saved; each other one is refused and told what is stored — none lost."""
    import subprocess
    import sys
    import time

    lib = _library(tmp_path, library_url)
    aid = _article(lib)
    h = lib.add_highlight(aid, 13, 40, note="first")
    go = tmp_path / "go"
    racers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                RACER,
                str(tmp_path / f"p{i}"),
                library_url,
                str(h.id),
                f"p{i}",
                str(go),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    time.sleep(3.0)  # all started and connected (a loaded machine is slow to start Python)
    go.touch()
    said = [p.communicate(timeout=60)[0].split(maxsplit=1) for p in racers]
    assert all(p.returncode == 0 for p in racers)
    saved = [i for i, s in enumerate(said) if s == ["saved"]]
    assert len(saved) == 1, said
    (stored,) = lib.highlights(aid)
    assert (stored.note, stored.version) == (f"from p{saved[0]}", 2)
    assert [s[1].strip() for s in said if s[0] == "conflict"] == [stored.note] * 3
    lib.close()


def test_a_pdf_export_names_each_members_notes_as_theirs(
    tmp_path: Path, postgres_url: str, make_role
) -> None:
    from pypdf import PdfReader

    ana, ben = make_role("ana", "a"), make_role("ben", "b")
    a, b = _library(tmp_path, ana.url, "a"), _library(tmp_path, ben.url, "b")
    a.set_member_name("Ana Novak")
    aid = _article(a)
    a.add_highlight(aid, 13, 40, "green", "for the desk", shared=True)
    a.add_highlight(aid, 41, 60, "yellow", "ana's private doubt")
    b.add_highlight(aid, 61, 80, "yellow", "ben's own")
    out = tmp_path / "ben.pdf"
    b.export_pdf(aid, out)
    by_note = {
        str(annot.get_object().get("/Contents")): str(annot.get_object()["/T"])
        for page in PdfReader(out).pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Contents")
    }
    # ana's shared note under her display name, ben's under his role, ana's private one absent
    assert by_note == {"for the desk": "Ana Novak", "ben's own": ben.name}
    a.close()
    b.close()
