"""The PostgreSQL test fixtures themselves (tests/postgres_cluster.py, tests/conftest.py): the
throwaway cluster runs unprivileged in a temporary folder and leaves nothing behind, each test
gets its own database, roles log in with their password, both engines are offered."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

import postgres_cluster
from postgres_cluster import PostgresServer, Role, start_cluster

TESTS = Path(__file__).resolve().parents[1]


def _connect(url: str) -> psycopg.Connection:
    return psycopg.connect(postgres_cluster._conninfo(make_url(url)), autocommit=True)


def _postmaster_pid(data: Path) -> int:
    return int((data / "postmaster.pid").read_text().splitlines()[0])


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for whoever adopted it to reap it runs nothing)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def test_a_cluster_runs_unprivileged_in_a_temporary_folder_and_is_gone_after_close():
    cluster = start_cluster()
    try:
        pid = _postmaster_pid(cluster.data)
        assert os.stat(f"/proc/{pid}").st_uid != 0  # PostgreSQL refuses root; so do we
        assert cluster.folder.is_relative_to(Path(os.environ.get("TMPDIR", "/tmp")))
        assert any(cluster.folder.glob(".s.PGSQL.*"))  # the unix socket is in it too
        with cluster.connect() as conn:
            assert conn.execute("SHOW fsync").fetchone() == ("off",)
            assert conn.execute("SHOW port").fetchone() == (str(cluster.port),)
    finally:
        cluster.close()
    assert not _alive(pid)
    assert not cluster.folder.exists()


def test_a_cluster_is_stopped_and_removed_when_the_test_process_is_killed(tmp_path):
    # the test process dies without running any finalizer: the watchdog stops the server
    script = (
        "import os, signal; from postgres_cluster import start_cluster; c = start_cluster(); "
        "print(c.folder, flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=50, env=env
    )
    assert done.returncode == -9, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.name.startswith("reader-pg-")
    deadline = time.monotonic() + 20
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not folder.exists()
    leftover = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True)
    assert leftover.stdout == ""


def test_two_databases_are_independent_and_dropped_after(postgres_server: PostgresServer):
    prefix = f"reader_test_{os.getpid()}_{time.monotonic_ns()}"
    first, second = f"{prefix}_a", f"{prefix}_b"
    postgres_server.create_database(first)
    postgres_server.create_database(second)
    try:
        assert first != second
        with _connect(postgres_server.url(first)) as conn:
            conn.execute("CREATE TABLE only_here (x int)")
            conn.execute("INSERT INTO only_here VALUES (1)")
        with _connect(postgres_server.url(second)) as conn:
            found = conn.execute("SELECT to_regclass('only_here')").fetchone()
            assert found == (None,)
    finally:
        postgres_server.drop_database(first)
        postgres_server.drop_database(second)
    assert not postgres_server.database_exists(first)
    assert not postgres_server.database_exists(second)


def test_a_fresh_database_is_an_empty_library_at_the_newest_schema(postgres_url: str):
    from reader.store.database import head_revision

    assert postgres_url.startswith("postgresql+psycopg://")
    with _connect(postgres_url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (0,)


def test_the_template_follows_the_migration_scripts(tmp_path, monkeypatch):
    copy = tmp_path / "migrations"
    shutil.copytree(postgres_cluster.MIGRATIONS, copy)
    monkeypatch.setattr(postgres_cluster, "MIGRATIONS", copy)
    before = postgres_cluster.migrations_key()
    assert postgres_cluster.migrations_key() == before
    script = next((copy / "versions").glob("0001_*.py"))
    script.write_text(script.read_text() + "\n# edited\n")
    assert postgres_cluster.migrations_key() != before


def test_a_role_logs_in_with_its_password_only_and_is_no_superuser(
    make_role: Callable[..., Role], postgres_url: str
):
    alice = make_role("alice", "s3cret")
    with _connect(alice.url) as conn:
        user, superuser = conn.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert (user, superuser) == (alice.name, False)
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (0,)
    wrong = make_url(alice.url).set(password="guess").render_as_string(hide_password=False)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        _connect(wrong)


def test_drop_role_removes_the_role(postgres_server: PostgresServer, postgres_database):
    role = postgres_server.create_role("bob", "pw", postgres_database)
    postgres_server.drop_role(role.name)
    with postgres_server.connect() as conn:
        found = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role.name,))
        assert found.fetchone() is None


def test_library_url_offers_both_engines(library_url: str, tmp_path: Path):
    if library_url.startswith("sqlite"):
        assert make_url(library_url).database == str(tmp_path / "library.sqlite3")
    else:
        assert make_url(library_url).drivername == "postgresql+psycopg"
        with _connect(library_url) as conn:
            assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_the_server_named_by_the_environment_is_used_instead(
    postgres_server: PostgresServer, monkeypatch
):
    monkeypatch.setenv(postgres_cluster.ENV_URL, postgres_server.admin_url)
    shared = postgres_cluster.start_server()
    assert not isinstance(shared, postgres_cluster.PostgresCluster) and not shared.owned
    name = shared.fresh_database()
    try:
        role = shared.create_role("carol", "pw", name)
        assert role.name.startswith("carol_")  # other sessions may share that server
        with _connect(role.url) as conn:
            assert conn.execute("SELECT current_user").fetchone() == (role.name,)
        shared.drop_role(role.name)
    finally:
        shared.drop_database(name)
    shared.close()
    with postgres_server.connect() as conn:  # closing a server we did not start stops nothing
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_an_unreachable_server_in_the_environment_is_one_line(monkeypatch):
    monkeypatch.setenv(postgres_cluster.ENV_URL, "postgresql://postgres@127.0.0.1:1/postgres")
    with pytest.raises(postgres_cluster.PostgresUnavailable) as failed:
        postgres_cluster.start_server()
    message = str(failed.value)
    assert message.startswith(postgres_cluster.ENV_URL) and "\n" not in message
