"""`reader library copy`: a whole library SQLite → PostgreSQL → SQLite gives back the same rows
in every table, and a Library opened on the copy shows the same articles, highlights, notes,
ratings and corrections; a target that is not empty, a missing source or a failure mid-way
leave the target as it was."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pdf_samples
import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlmodel import SQLModel

import reader.store.models  # noqa: F401  (every table on the metadata)
from library_sql import run_sql
from reader.cli import main
from reader.library import copying, members
from reader.library.copying import CopyError, copy_library
from reader.library.operations import Library
from reader.store.models import Feed, FeedEntry


def _fill(url: str, tmp_path: Path, member: str | None = None) -> int:
    """A library with one of everything: an analysed article, a PDF, highlights with notes, a
    draft, ratings, a source note, corrections, a feed with an entry; made by `member`."""
    lib = Library(tmp_path / "data", database=url)
    if member is not None:
        members.set_name(lib.db, member)
    aid = lib.import_sample()
    view = lib.open_article(aid)
    pdf = tmp_path / "flood.pdf"
    pdf.write_bytes(pdf_samples.article().data)
    pdf_id = lib.import_path(pdf)
    lib.open_article(pdf_id)
    lib.add_highlight(aid, 10, 40, "green", "check this — “quoted” ünïcode")
    lib.add_highlight(aid, 100, 120)
    lib.save_note_draft(aid, "half-written", start=200, end=230)
    sources = lib.library_sources()
    lib.rate_source(sources[0].id, 2)
    lib.rate_source(sources[1].id, -1)
    lib.set_source_note(sources[0].id, "reliable on budgets")
    keys = [s.id for s in view.analysis.sources]
    lib.rename_source(aid, keys[0], "The Mayor")
    lib.merge_sources(aid, keys[2], keys[1])
    with lib.db.session() as s:
        feed = Feed(url="http://127.0.0.1:9/rss", title="Harbour Times", folder="News")
        s.add(feed)
        s.flush()
        assert feed.id is not None
        s.add(FeedEntry(feed_id=feed.id, guid="g1", title="Wall", read=True, article_id=aid))
    lib.close()
    return aid


def _rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of the models, in key order, as Python values."""
    engine = create_engine(url)
    try:
        names = set(inspect(engine).get_table_names())
        out = {}
        with engine.connect() as conn:
            for table in SQLModel.metadata.sorted_tables:
                if table.name in names:
                    query = select(table).order_by(*table.primary_key.columns)
                    out[table.name] = [tuple(_plain(v) for v in r) for r in conn.execute(query)]
        return out
    finally:
        engine.dispose()


def _plain(value: object) -> object:
    # SQLite hands back naive datetimes, PostgreSQL aware ones: compare the instant
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _what_a_reader_sees(url: str, tmp_path: Path, aid: int) -> tuple:
    lib = Library(tmp_path, database=url)
    try:
        view = lib.open_article(aid, mark_opened=False)
        return (
            [(a.id, a.title) for a in lib.articles()],
            [(h.start, h.end, h.color, h.note) for h in lib.highlights(aid)],
            [(s.name, s.rating, s.note) for s in lib.library_sources()],
            [(s.id, s.name) for s in view.analysis.sources],
        )  # search: compared file to file below (PostgreSQL: needs PG-SEARCH's search)
    finally:
        lib.close()


def test_a_round_trip_through_postgresql_gives_back_every_row(
    tmp_path, postgres_url, make_role, monkeypatch
):
    # the library's user is a member of the team: on the copy, logged in as their role, they
    # see their own private highlights, ratings and drafts as on their file
    ana = make_role("ana", "pw")
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    aid = _fill(first, tmp_path, member=ana.name)
    lines: list[str] = []
    monkeypatch.setattr(copying, "PROGRESS_EVERY_S", 0.0)  # a line per batch, as on a big one

    there = copy_library(first, postgres_url, progress=lines.append)
    assert "statement: " in "\n".join(lines) and all(" of " in line for line in lines)
    again = copy_library(postgres_url, back)

    original = _rows(first)
    assert {t for t, rows in original.items() if rows} >= {
        "article", "article_pdf", "article_source", "statement", "highlight", "correction",
        "library_source", "note_draft", "feed", "feed_entry",
    }  # fmt: skip
    assert _rows(postgres_url) == original
    assert _rows(back) == original
    assert there.counts == again.counts == {t: len(rows) for t, rows in original.items()}
    seen = _what_a_reader_sees(first, tmp_path / "a", aid)
    assert _what_a_reader_sees(ana.url, tmp_path / "b", aid) == seen
    assert _what_a_reader_sees(back, tmp_path / "c", aid) == seen
    # drafts file to file only. PostgreSQL: needs PG-TEAM's draft creator (store.drafts
    # .save_draft leaves it "", so row-level security hides the draft from its writer)
    for url in (first, back):
        lib = Library(tmp_path / "d", database=url)
        assert [d.text for d in lib.note_drafts(aid)] == ["half-written"]
        lib.close()


def test_a_file_user_renamed_to_their_role_sees_their_private_rows_on_the_copy(
    tmp_path, postgres_url, make_role
):
    # on their own machine the user is "rowan" (their login); in the team, the role ana
    ana = make_role("ana", "pw")
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    aid = _fill(first, tmp_path, member="rowan")
    seen = _what_a_reader_sees(first, tmp_path / "a", aid)

    copy_library(first, postgres_url, members={"rowan": ana.name})

    assert _what_a_reader_sees(ana.url, tmp_path / "b", aid) == seen
    lib = Library(tmp_path / "d", database=ana.url)
    assert lib.member().name == ana.name
    assert [d.text for d in lib.note_drafts(aid)] == ["half-written"]
    assert {c.creator for c in lib.corrections(aid)} == {ana.name}
    lib.close()
    bo = make_role("bo", "pw")  # another member sees none of ana's private rows
    lib = Library(tmp_path / "e", database=bo.url)
    assert lib.highlights(aid) == [] and lib.note_drafts(aid) == []
    lib.close()


def test_the_cli_renames_members_and_refuses_a_bad_rename(tmp_path, postgres_url, capsys):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path, member="rowan")
    argv = ["library", "copy", "--from", first, "--to", postgres_url]
    with pytest.raises(SystemExit) as bad:
        main([*argv, "--member", "rowan"])
    assert bad.value.code == 2 and "expected OLD=NEW" in capsys.readouterr().err
    assert main([*argv, "--member", "rowan=ana"]) == 0
    assert run_sql_url(postgres_url, "SELECT DISTINCT creator FROM highlight") == [("ana",)]


def run_sql_url(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_new_rows_on_the_copy_get_new_ids(tmp_path, postgres_url):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    aid = _fill(first, tmp_path)
    copy_library(first, postgres_url)
    lib = Library(tmp_path / "data", database=postgres_url)
    try:
        new = lib.import_text("A brand new story, the mayor said.", "New")
        highlight = lib.add_highlight(aid, 0, 5)
    finally:
        lib.close()
    counts = {t: len(r) for t, r in _rows(first).items()}
    assert new == counts["article"] + 1
    assert highlight.id == counts["highlight"] + 1


def test_sqlite_to_sqlite_keeps_the_search_index(tmp_path):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    second = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    aid = _fill(first, tmp_path)
    copy_library(first, second)
    a, b = Library(tmp_path / "a", database=first), Library(tmp_path / "b", database=second)
    try:
        hits_a, hits_b = a.search("mayor"), b.search("mayor")
        assert hits_b == hits_a
        assert a.highlights(aid) == b.highlights(aid)
    finally:
        a.close()
        b.close()
    engine = create_engine(second)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_article")).scalar() == 2
    engine.dispose()


def test_a_target_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path, library_url):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path)
    lib = Library(tmp_path / "t", database=library_url)
    lib.import_text("Already here, she said.", "Mine")
    lib.close()
    before = _rows(library_url)
    with pytest.raises(CopyError, match=r"is not empty \(it holds article"):
        copy_library(first, library_url)
    assert _rows(library_url) == before


def test_a_missing_source_is_one_line_and_creates_nothing(tmp_path, postgres_server):
    target = tmp_path / "new.sqlite3"
    with pytest.raises(CopyError, match="There is no library at"):
        copy_library(str(tmp_path / "nothing.sqlite3"), str(target))
    assert not target.exists()
    missing = postgres_server.url("reader_test_no_such_database")
    with pytest.raises(Exception, match="does not exist"):
        copy_library(missing, str(target))
    assert not target.exists()
    assert not postgres_server.database_exists("reader_test_no_such_database")


def test_a_failure_mid_copy_leaves_the_target_as_it_was(tmp_path, postgres_url):
    # a row PostgreSQL cannot store (a NUL character in a text) fails the copy half-way:
    # the tables copied before it are rolled back with it
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path)
    engine = create_engine(first)
    with engine.begin() as conn:
        conn.execute(text("UPDATE highlight SET note = :note WHERE id = 1"), {"note": "a\x00b"})
    engine.dispose()
    before = _rows(postgres_url)
    with pytest.raises(CopyError, match=r"The copy failed: .*; the target was left as it was"):
        copy_library(first, postgres_url)
    assert _rows(postgres_url) == before


def test_an_unreadable_value_is_one_line_and_a_file_the_copy_made_is_removed(tmp_path):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path)
    engine = create_engine(first)
    with engine.begin() as conn:  # written by some other program
        conn.execute(text("UPDATE article SET added_at = 'last Tuesday' WHERE id = 1"))
    engine.dispose()
    made = tmp_path / "made.sqlite3"
    with pytest.raises(CopyError, match="A row of article could not be read"):
        copy_library(first, str(made))
    assert not made.exists() and not list(tmp_path.glob("made.sqlite3-*"))


def test_a_member_who_cannot_see_every_private_row_is_refused(tmp_path, postgres_url, make_role):
    lib = Library(tmp_path / "data", database=postgres_url)
    lib.import_text("A story, the mayor said.", "Story")
    lib.close()
    ana = make_role("ana", "pw")
    target = tmp_path / "mine.sqlite3"
    with pytest.raises(CopyError, match=f"The role {ana.name} cannot read every member's"):
        copy_library(ana.url, str(target))
    assert not target.exists()
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path)
    empty = make_role("bo", "pw")
    lib = Library(tmp_path / "e", database=postgres_url)
    run_sql(lib, "DELETE FROM article")  # empty again: only the role is in the way
    lib.close()
    with pytest.raises(CopyError, match=f"The role {empty.name} cannot write every member's"):
        copy_library(first, empty.url)


def test_the_cli_prints_the_counts_and_fails_in_one_line(tmp_path, postgres_url, capsys):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    _fill(first, tmp_path)
    assert main(["library", "copy", "--from", first, "--to", postgres_url]) == 0
    out = capsys.readouterr().out
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        articles = conn.execute(select(func.count()).select_from(text("article"))).scalar()
    engine.dispose()
    assert f"article{' ' * 2}" in out or "article " in out
    assert str(articles) in out
    assert "postgres@" in out and "first.sqlite3" in out

    again = subprocess.run(
        [sys.executable, "-m", "reader", "library", "copy", "--from", first, "--to", postgres_url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "is not empty" in again.stderr
    assert "Traceback" not in again.stderr
