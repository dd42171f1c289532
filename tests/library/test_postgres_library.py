"""The library on a URL: the same round trip (import, highlight, note, correction, rating) on a
SQLite file and on a PostgreSQL database, and the reads that go around SQLAlchemy
(store/snapshot.py, store/drafts.py, the Sources panel's and the outlets' reads) giving the
same answers on both engines. A real server: tests/postgres_cluster.py."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from reader.library import Library
from reader.library.outlets import outlet_profiles
from reader.store.location import resolve_location
from reader.store.snapshot import read_last_article

TEXT = (
    "The mayor, Jane Doe, said the bridge would reopen in May. "
    '"We are confident in the repairs," said John Smith, the city engineer. '
    "Critics disagree. Mary Major, a local activist, said the plan was rushed."
)


def _fill(lib: Library) -> tuple[int, int]:
    """One article with a note, a correction, a rating and a draft; (article id, source id)."""
    aid = lib.import_text(TEXT, "Bridge", origin="https://news.example.com/bridge", kind="url")
    view = lib.open_article(aid)
    lib.add_highlight(aid, 4, 9, color="green", note="who is the mayor?")
    key = next(s.id for s in view.analysis.sources if "Smith" in s.name)
    lib.rename_source(aid, key, "John Q. Smith")
    source_id = view.library_sources[key]
    lib.rate_source(source_id, 2)
    lib.save_note_draft(aid, "half a thought", start=10, end=20)
    lib.open_article(aid)  # the last article, for the first paint's read
    return aid, source_id


def test_round_trip_through_the_library(library_url, tmp_path):
    lib = Library(tmp_path / "data", database=library_url)
    aid, source_id = _fill(lib)
    lib.close()

    again = Library(tmp_path / "data", database=library_url)
    try:
        assert again.location.dialect == (
            "sqlite" if library_url.startswith("sqlite") else "postgresql"
        )
        view = again.open_article(aid)
        assert "John Q. Smith" in [s.name for s in view.analysis.sources]
        notes = [(h.start, h.end, h.color, h.note) for h in again.highlights(aid)]
        assert notes == [(4, 9, "green", "who is the mayor?")]
        assert again.library_source(source_id).rating == 2
        assert [d.text for d in again.note_drafts(aid)] == ["half a thought"]
        assert [a.title for a in again.articles()] == ["Bridge"]
        first = again.reopen_last()
        assert first is not None and first.info.id == aid
    finally:
        again.close()


def _plain(records) -> list[dict]:
    """Records without their times (the two libraries were filled apart) and their creator
    (the login on PostgreSQL, the system user on SQLite)."""
    out = []
    for r in records:
        d = dataclasses.asdict(r)
        out.append({k: v for k, v in d.items() if not isinstance(v, datetime) and k != "creator"})
    return out


def _infos(infos) -> list[dict]:
    """Library sources as dicts, without who rated them (a login here, a system user there)."""
    return [
        {k: v for k, v in dataclasses.asdict(i).items() if k not in ("spread", "creator")}
        for i in infos
    ]


def test_the_direct_reads_are_the_same_on_both_engines(tmp_path, postgres_url):
    sqlite = Library(tmp_path / "a")
    team = Library(tmp_path / "b", database=postgres_url)
    try:
        assert sqlite.location.dialect == "sqlite" and team.location.dialect == "postgresql"
        ids = [_fill(lib) for lib in (sqlite, team)]
        assert ids[0] == ids[1]
        aid, source_id = ids[0]
        from reader.engine import engine_version

        snaps = [read_last_article(lib.location, engine_version()) for lib in (sqlite, team)]
        assert snaps[0] is not None and snaps[1] is not None
        for part in ("sources", "statements", "corrections", "highlights"):
            assert _plain(getattr(snaps[0], part)) == _plain(getattr(snaps[1], part)), part
        assert _plain([snaps[0].article]) == _plain([snaps[1].article])
        assert isinstance(snaps[1].highlights[0].orphaned, bool)
        assert snaps[1].article.added_at.tzinfo is not None  # aware UTC, as on SQLite

        assert _infos(sqlite.library_sources()) == _infos(team.library_sources())
        assert _infos([sqlite.library_source(source_id)]) == _infos(
            [team.library_source(source_id)]
        )
        assert team.library_source(source_id).rating == 2
        assert sqlite.source_appearances(source_id) == team.source_appearances(source_id)
        assert sqlite.source_appearances(source_id, exclude_article=aid) == []
        assert team.source_appearances(source_id, exclude_article=aid) == []
        drafts = [lib.note_drafts(aid) for lib in (sqlite, team)]
        assert [(d.anchor, d.text, d.exact) for d in drafts[0]] == [
            (d.anchor, d.text, d.exact) for d in drafts[1]
        ]
        assert sqlite.stale_articles() == team.stale_articles() == []
        assert sqlite.orphaned_corrections(aid) == team.orphaned_corrections(aid) == []
        assert outlet_profiles(sqlite.location) == outlet_profiles(team.location)
        assert [p.name for p in outlet_profiles(team.location)] == ["news.example.com"]
        # a draft follows its quote the same way (PostgreSQL has no UPDATE OR REPLACE)
        for lib in (sqlite, team):
            lib.save_note_draft(aid, "second", start=30, end=40)
            lib.discard_note_draft(aid, start=10, end=20)
        assert [d.text for d in team.note_drafts(aid)] == [d.text for d in sqlite.note_drafts(aid)]
    finally:
        sqlite.close()
        team.close()


def test_backups_of_a_team_library_are_the_servers(tmp_path, postgres_url):
    import pytest

    from reader.errors import StoreError

    lib = Library(tmp_path / "data", database=postgres_url)
    try:
        assert lib.backups() == []
        assert lib.backup_warning is None
        with pytest.raises(StoreError, match="backed up by its server"):
            lib.restore_backup(tmp_path / "whatever.sqlite3")
        assert not (tmp_path / "data" / "backups").exists()
    finally:
        lib.close()


def test_the_environment_names_the_library_and_the_option_wins(tmp_path, postgres_url, monkeypatch):
    other = tmp_path / "elsewhere" / "lib.sqlite3"
    monkeypatch.setenv("READER_DATABASE_URL", postgres_url)
    assert resolve_location(tmp_path).dialect == "postgresql"
    assert resolve_location(tmp_path, f"sqlite:///{other}").path == other
    monkeypatch.delenv("READER_DATABASE_URL")
    assert resolve_location(tmp_path).path == tmp_path / "library.sqlite3"


FIRST_PAINT = """
import json, sys
from reader.library import Library
lib = Library(sys.argv[1], database=sys.argv[2])
view = lib.reopen_last()
infos = lib.library_sources()
print(json.dumps([view.info.id, len(infos), sorted(m for m in sys.modules
      if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic'))]))
"""


def test_the_first_paint_on_postgresql_needs_no_sqlalchemy(tmp_path, postgres_url):
    lib = Library(tmp_path / "data", database=postgres_url)
    aid, _ = _fill(lib)
    lib.close()
    import json

    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path / "data"), postgres_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    article, sources, loaded = json.loads(done.stdout)
    assert article == aid and sources >= 3
    assert loaded == []


def test_cli_commands_take_database(tmp_path, postgres_url):
    env_data = str(tmp_path / "data")
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")

    def run(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "reader",
                *argv,
                "--data-dir",
                env_data,
                "--database",
                postgres_url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )

    done = run("import", str(src))
    assert done.returncode == 0, done.stderr
    listed = run("list", "--format", "json")
    assert listed.returncode == 0 and "bridge" in listed.stdout.lower()
    assert run("sources").returncode == 0
    assert run("outlets").returncode == 0
    assert run("feeds", "list").returncode == 0
    assert not Path(env_data, "library.sqlite3").exists()  # everything went to the server


def test_a_kept_connection_the_server_dropped_is_replaced(tmp_path, postgres_server, postgres_url):
    """The direct reads keep their connections; a server restart or an idle timeout drops
    them. The next read opens a new one instead of failing."""
    from reader.store.location import parse_location

    lib = Library(tmp_path / "data", database=postgres_url)
    try:
        aid, source_id = _fill(lib)
        before = lib.library_sources()
        name = parse_location(postgres_url).dbname
        with postgres_server.connect() as admin:
            (ended,) = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() "
                "AND application_name <> 'reader-listen'",
                (name,),
            ).fetchone()
        assert ended >= 1  # the kept connections (and the engine's) are gone
        assert lib.library_sources() == before
        assert [d.text for d in lib.note_drafts(aid)] == ["half a thought"]
        assert lib.library_source(source_id).rating == 2  # through SQLAlchemy: pre-ping
    finally:
        lib.close()


def test_a_lock_timeout_is_not_taken_for_a_lost_server(tmp_path, postgres_url):
    """Only a lost connection becomes 'Cannot reach the library': a statement that timed out
    waiting for another member's lock stays the database's own error."""
    import psycopg
    import pytest
    from sqlalchemy.exc import OperationalError

    from reader.errors import LibraryUnavailableError
    from reader.store.location import parse_location

    url = postgres_url + "?options=-c%20lock_timeout%3D200"
    lib = Library(tmp_path / "data", database=url)
    try:
        aid = lib.import_text(TEXT, "Bridge")
        with psycopg.connect(parse_location(postgres_url).libpq_url()) as other:
            other.execute("SELECT id FROM article WHERE id = %s FOR UPDATE", (aid,))
            with pytest.raises(OperationalError) as err:
                lib.set_scroll(aid, 120)
            assert not isinstance(err.value, LibraryUnavailableError)
            assert "lock" in str(err.value.orig)
        lib.set_scroll(aid, 120)  # the lock gone, the same call goes through
    finally:
        lib.close()
