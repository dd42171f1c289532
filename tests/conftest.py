"""Every test runs offscreen and with its own data, config and log folders under tmp_path:
no test ever touches the user's library, settings or log. PostgreSQL fixtures: a session server
(postgres_server), a fresh database per test (postgres_url), both engines (library_url), login
roles (make_role)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from postgres_cluster import PostgresServer, PostgresUnavailable, Role, start_server


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("user")
    monkeypatch.delenv("READER_DATABASE_URL", raising=False)  # a team library of the shell's
    monkeypatch.setenv("READER_DATA_DIR", str(home / "data"))
    for var, sub in (
        ("XDG_DATA_HOME", "share"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    yield home


# --- PostgreSQL: one real server per session (tests/postgres_cluster.py) -----------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server: a throwaway cluster started for these tests (stopped at
    the end), or the server READER_TEST_POSTGRES_URL names. Never skipped: when PostgreSQL
    cannot be started the tests that need it fail with one line saying why."""
    try:
        server = start_server()
    except PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.close()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The name of a fresh database holding an empty library at the newest schema, dropped
    after the test."""
    name = postgres_server.fresh_database()
    yield name
    postgres_server.drop_database(name)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, postgres_database: str) -> str:
    """A fresh database for this test (see postgres_database): its postgresql+psycopg:// URL."""
    return postgres_server.url(postgres_database)


@pytest.fixture(params=["sqlite", "postgresql"])
def library_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test runs twice: on a SQLite file (tmp_path/library.sqlite3, not made yet: the file
    `Library(tmp_path)` would use) and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def make_role(
    postgres_server: PostgresServer, postgres_database: str
) -> Iterator[Callable[..., Role]]:
    """`make_role(name, password, grant=True)` → Role(name, password, url): a non-superuser login
    on this test's database (with `grant`, allowed to read and write its tables). Use
    `role.name`: on a shared server (READER_TEST_POSTGRES_URL) a unique suffix is added. The
    roles are dropped after the test."""
    made: list[str] = []

    def make(name: str, password: str, *, grant: bool = True) -> Role:
        role = postgres_server.create_role(name, password, postgres_database, grant=grant)
        made.append(role.name)
        return role

    yield make
    postgres_server.drop_database(postgres_database)  # its grants would hold the roles back
    for name in made:
        postgres_server.drop_role(name)
