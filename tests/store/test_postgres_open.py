"""Opening a team library on PostgreSQL (reader.store.postgres through Database and Library):
a missing database is created and migrated by the first start, an older schema is migrated, a
newer one or a database of something else is refused and left as it is, two first starts at
once build one library (the advisory lock), and every failure to connect is one line that
never holds the password. A real server: tests/postgres_cluster.py."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time

import psycopg
import pytest

from reader.errors import LibraryTooNewError, LibraryUnavailableError
from reader.store.database import Database, alembic_config, head_revision
from reader.store.location import parse_location


def _revision(url: str) -> str | None:
    with psycopg.connect(parse_location(url).libpq_url()) as conn:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert len(rows) == 1
    return rows[0][0]


@pytest.fixture
def missing_url(postgres_server):
    """The URL of a database that does not exist yet (dropped after the test if made)."""
    name = f"pgfound_{os.getpid()}_{secrets.token_hex(4)}"
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def test_a_missing_database_is_created_and_migrated_by_the_first_start(
    tmp_path, postgres_server, missing_url
):
    said: list[str] = []
    db = Database(tmp_path, url=missing_url, on_wait=said.append)
    try:
        assert db.dialect == "postgresql" and db.location.path is None
        assert _revision(missing_url) == head_revision()
        assert any("creating the team library" in s for s in said)
        assert not (tmp_path / "library.sqlite3").exists()  # nothing made in the data folder
    finally:
        db.close()
    said.clear()
    Database(tmp_path, url=missing_url, on_wait=said.append).close()  # opens, says nothing
    assert said == []


def test_an_older_library_is_migrated_and_keeps_its_rows(tmp_path, postgres_server, missing_url):
    from alembic import command
    from sqlalchemy import create_engine, text

    name = parse_location(missing_url).dbname
    postgres_server.create_database(name)
    engine = create_engine(parse_location(missing_url).url)
    with engine.begin() as conn:
        cfg = alembic_config(parse_location(missing_url).url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        conn.execute(
            text(
                "INSERT INTO article (title, text, origin, origin_kind, content_hash, added_at, "
                "scroll_pos) VALUES ('Old', 'Some text.', 'x.txt', 'text', 'h1', now(), 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO correction (article_id, action, source_key, created_at) "
                "SELECT id, 'rename', 'someone', now() FROM article"
            )
        )
    engine.dispose()
    assert _revision(missing_url) == "0005"

    Database(tmp_path, url=missing_url).close()

    assert _revision(missing_url) == head_revision()
    with psycopg.connect(parse_location(missing_url).libpq_url()) as conn:
        assert conn.execute("SELECT title FROM article").fetchall() == [("Old",)]
        # 0004's upgrade filled the anchor of the correction made before it
        anchor, orphaned = conn.execute("SELECT anchor, orphaned FROM correction").fetchone()
        assert anchor == "{}" and orphaned is False


def test_a_newer_library_is_refused_and_left_as_it_is(tmp_path, postgres_url):
    with psycopg.connect(parse_location(postgres_url).libpq_url()) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(LibraryTooNewError, match="newer version of reader") as err:
        Database(tmp_path, url=postgres_url)
    assert "9999_future" in str(err.value)
    assert _revision(postgres_url) == "9999_future"


def test_a_database_holding_something_else_is_refused(tmp_path, postgres_server, missing_url):
    name = parse_location(missing_url).dbname
    postgres_server.create_database(name)
    with psycopg.connect(parse_location(missing_url).libpq_url()) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(LibraryUnavailableError, match="not a reader library"):
        Database(tmp_path, url=missing_url)
    with psycopg.connect(parse_location(missing_url).libpq_url()) as conn:
        tables = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
    assert tables == {"payroll"}


RACER = """
import sys, time
from pathlib import Path
from reader.store.database import Database
start = float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
db = Database(Path(sys.argv[1]), url=sys.argv[2], on_wait=lambda m: print(m, flush=True))
db.close()
print("opened", flush=True)
"""


def test_two_first_starts_at_once_build_one_library(tmp_path, missing_url):
    start = time.time() + 3.0  # both interpreters are up by then, even on a loaded machine
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path / f"d{i}"), missing_url, str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "opened" in out
    assert _revision(missing_url) == head_revision()  # one row: one library, migrated once


def test_a_role_that_may_not_create_databases_is_told_so(tmp_path, make_role, postgres_server):
    role = make_role("pgfound_nocreate", "pw-nocreate")
    name = f"pgfound_none_{secrets.token_hex(4)}"
    url = postgres_server.url(name, role.name, role.password)
    with pytest.raises(LibraryUnavailableError) as err:
        Database(tmp_path, url=url)
    message = str(err.value)
    assert "does not exist" in message and "may not create it" in message
    assert role.password not in message
    assert not postgres_server.database_exists(name)


def test_a_wrong_password_is_one_line_without_the_password(
    tmp_path, make_role, postgres_url, caplog
):
    role = make_role("pgfound_alice", "right-horse-battery")
    wrong = role.url.replace("right-horse-battery", "Wr0ngSecret")
    assert wrong != role.url
    caplog.set_level("DEBUG")
    with pytest.raises(LibraryUnavailableError) as err:
        Database(tmp_path, url=wrong)
    message = str(err.value)
    assert message.startswith(f"Cannot log in to the library at postgresql://{role.name}@")
    assert "password authentication failed" in message
    assert "Wr0ngSecret" not in message and "right-horse" not in message
    assert "\n" not in message
    assert "Wr0ngSecret" not in caplog.text  # nor logged


def test_the_right_password_opens(tmp_path, make_role, postgres_url):
    role = make_role("pgfound_bob", "b0b-pass")
    db = Database(tmp_path, url=role.url)
    try:
        assert "b0b-pass" not in db.location.display
        assert db.location.display.startswith(f"postgresql://{role.name}@")
    finally:
        db.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on leaving: nothing listens there


def test_an_unreachable_server_is_one_line_and_a_failed_exit_from_the_cli(tmp_path):
    url = f"postgresql://alice:S3cretPw@127.0.0.1:{_closed_port()}/news"
    env = dict(os.environ, READER_DATA_DIR=str(tmp_path / "data"))
    env.pop("READER_DATABASE_URL", None)
    for argv in (["list", "--database", url], ["sources", "--database", url]):
        done = subprocess.run(
            [sys.executable, "-m", "reader", *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        port = url.split(":")[3].split("/")[0]
        assert lines[0] == (
            f"reader: Cannot reach the library at postgresql://alice@127.0.0.1:{port}/news: "
            "connection refused"
        )
        assert "S3cretPw" not in done.stderr + done.stdout
    # the environment variable names the library the same way
    env["READER_DATABASE_URL"] = url
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode != 0 and "Cannot reach the library at" in done.stderr
    from reader.logs import log_path

    log = log_path()  # the CLI's log file (the same isolated folder as the subprocesses')
    assert "S3cretPw" not in (log.read_text(errors="replace") if log.exists() else "")


def _real_differences(diff: list) -> list:
    """Autogenerate's differences that mean something: not a timestamp whose model type is a
    decorator over DateTime (the same column), nor the full-text search's own columns and
    indexes (search_*, made by revision 0002 outside the models)."""
    from sqlalchemy import DateTime, TypeDecorator

    out = []
    for d in diff:
        op = d[0] if isinstance(d, tuple) else None
        if isinstance(d, list):  # modify_* come wrapped
            (d,) = d
            if d[0] == "modify_type":
                new = d[6]
                if isinstance(new, TypeDecorator) and isinstance(new.impl, DateTime):
                    continue
            out.append(d)
            continue
        name = getattr(d[-1], "name", "") or ""
        if op in ("remove_table", "remove_index", "remove_column") and name.startswith("search_"):
            continue
        if op in ("remove_fk", "add_fk") and _highlight_article_fk(d[1]):
            continue  # 0008: RESTRICT on PostgreSQL on purpose (others' private highlights)
        out.append(d)
    return out


def _highlight_article_fk(fk) -> bool:
    return fk.parent.name == "highlight" and [c.name for c in fk.columns] == ["article_id"]


def test_the_migrations_build_the_models_schema_on_postgresql(postgres_url):
    """Revisions 0001–head run on PostgreSQL give the tables, columns, types, nullability,
    indexes and foreign keys of store/models.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import reader.store.models  # noqa: F401  (the tables)

    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert _real_differences(diff) == []


def test_a_start_waits_for_the_migration_lock_and_finds_the_library_built(
    tmp_path, postgres_server, missing_url
):
    """Two starts on an empty database while the migration lock is held: both wait (and say
    so), then one builds the schema and the other finds it at the newest revision."""
    from reader.store.postgres import MIGRATION_LOCK

    postgres_server.create_database(parse_location(missing_url).dbname)
    holder = psycopg.connect(parse_location(missing_url).libpq_url(), autocommit=True)
    try:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(tmp_path / f"d{i}"), missing_url, "0"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(2)
        ]
        waiting = []
        for p in procs:
            assert p.stdout is not None
            waiting.append(p.stdout.readline())  # blocks until the process says it waits
        assert all("setting up the library; waiting" in w for w in waiting), waiting
        assert all(p.poll() is None for p in procs)  # both still waiting
        assert _tables(missing_url) == set()
    finally:
        holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        holder.close()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "opened" in out
    assert _revision(missing_url) == head_revision()


def _tables(url: str) -> set[str]:
    with psycopg.connect(parse_location(url).libpq_url()) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {r[0] for r in rows}
