"""A real PostgreSQL server for the tests: a throwaway cluster of our own, or the server named by
READER_TEST_POSTGRES_URL; fresh databases cloned from a migrated template; login roles.

The throwaway cluster is made with the distribution's initdb and pg_ctl (/usr/lib/postgresql/*/bin)
in a temporary folder, as an unprivileged user (PostgreSQL refuses to run as root: as root, the
commands run through `runuser -u postgres`, or `nobody`), listening on 127.0.0.1 at a free port
and on a unix socket in that folder, with fsync off. It is stopped and removed at the end of the
session; a watchdog process stops it too if the test process is killed, so nothing is left
running. The superuser `postgres` logs in without a password; every other role needs its
password over TCP (scram), so a wrong password fails as it would on a team's server. A server
named by READER_TEST_POSTGRES_URL should do the same (a server that trusts every login lets the
wrong-password tests pass a wrong password); its roles get a unique suffix (Role.name).

The template database is keyed by the head revision and a digest of the migration scripts: a
migration changed mid-session (or on a shared server) gives a new template, never a stale one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

ENV_URL = "READER_TEST_POSTGRES_URL"
DRIVER = "postgresql+psycopg"
MIGRATIONS = Path(__file__).resolve().parents[1] / "src" / "reader" / "store" / "migrations"
TEMPLATE_PREFIX = "reader_test_template_"
START_TIMEOUT_S = 60


class PostgresUnavailable(RuntimeError):
    """PostgreSQL could not be started or reached; the message is one line saying why."""


@dataclass(frozen=True)
class Role:
    """A login role made for a test: `name` as created (on a shared server it carries a unique
    suffix), its `password`, and `url`: the test's database as that role."""

    name: str
    password: str
    url: str


class PostgresServer:
    """A PostgreSQL server the tests may create databases and roles on, reached as a superuser
    through `admin_url` (a `postgresql+psycopg://` URL)."""

    def __init__(self, admin_url: str, *, owned: bool) -> None:
        self.admin = _normalised(make_url(admin_url))
        self.owned = owned  # our throwaway cluster (roles keep the names asked for)
        self._templates: dict[str, str] = {}

    @property
    def admin_url(self) -> str:
        return self.admin.render_as_string(hide_password=False)

    def url(self, database: str, user: str | None = None, password: str | None = None) -> str:
        """The SQLAlchemy URL of `database` on this server, as `user` (default: the superuser)."""
        url = self.admin.set(database=database)
        if user is not None:
            url = url.set(username=user, password=password)
        return url.render_as_string(hide_password=False)

    @contextlib.contextmanager
    def connect(self, database: str | None = None) -> Iterator[psycopg.Connection]:
        """An autocommit superuser connection (CREATE DATABASE cannot run in a transaction)."""
        url = self.admin if database is None else self.admin.set(database=database)
        conn = psycopg.connect(_conninfo(url), autocommit=True, connect_timeout=10)
        try:
            yield conn
        finally:
            conn.close()

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.connect() as conn:
            query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template is not None:
                query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
            conn.execute(query)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop `name`, ending the connections a test left open to it."""
        with self.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def database_exists(self, name: str) -> bool:
        with self.connect() as conn:
            row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        return row is not None

    def fresh_database(self) -> str:
        """A new database holding an empty library at the newest schema (a clone of the
        migrated template: a few ms, where migrating takes a second)."""
        name = f"reader_test_{os.getpid()}_{secrets.token_hex(4)}"
        self.create_database(name, template=self.template())
        return name

    def template(self) -> str:
        """The name of the migrated template database for today's migration scripts."""
        key = migrations_key()
        if key not in self._templates:
            self._templates[key] = self._build_template(TEMPLATE_PREFIX + key)
        return self._templates[key]

    def _build_template(self, name: str) -> str:
        # On a shared server other test sessions may build the same template at the same
        # moment: one builds it under an advisory lock, the others find it done. A template
        # only counts once marked IS_TEMPLATE (the last step), so a half-built one is redone.
        with self.connect() as conn:
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (name,))
            try:
                row = conn.execute(
                    "SELECT datistemplate FROM pg_database WHERE datname = %s", (name,)
                ).fetchone()
                if row is not None and row[0]:
                    return name
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                migrate(self.url(name))
                conn.execute(
                    sql.SQL("ALTER DATABASE {} IS_TEMPLATE true").format(sql.Identifier(name))
                )
            finally:
                conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (name,))
        return name

    def create_role(self, name: str, password: str, database: str, *, grant: bool = True) -> Role:
        """A non-superuser login role with `password`; with `grant`, what a team member needs
        on `database`: connect, and read and write every table and sequence."""
        actual = name if self.owned else f"{name}_{secrets.token_hex(3)}"
        with self.connect() as conn:
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}"
                ).format(sql.Identifier(actual), sql.Literal(password))
            )
        if grant:
            with self.connect(database) as conn:
                role, db = sql.Identifier(actual), sql.Identifier(database)
                for statement in (
                    "GRANT CONNECT ON DATABASE {db} TO {role}",
                    "GRANT USAGE ON SCHEMA public TO {role}",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
                    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
                ):
                    conn.execute(sql.SQL(statement).format(role=role, db=db))
        return Role(actual, password, self.url(database, actual, password))

    def drop_role(self, name: str) -> None:
        """Drop a role made by create_role (its grants in the databases still there first)."""
        with self.connect() as conn:
            databases = [
                r[0]
                for r in conn.execute(
                    "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate"
                )
            ]
        for database in databases:
            with contextlib.suppress(psycopg.OperationalError), self.connect(database) as conn:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))

    def close(self) -> None:
        """Nothing to stop on a server we did not start."""


class PostgresCluster(PostgresServer):
    """Our own throwaway cluster in `folder`, run as `user`; `stop()` and `start()` (same port)
    let a test take the server away and bring it back."""

    def __init__(self, bindir: Path, folder: Path, user: str | None, port: int) -> None:
        self.bindir, self.folder, self.user, self.port = bindir, folder, user, port
        self.data = folder / "data"
        self.log = folder / "server.log"
        self._watchdog: subprocess.Popen[bytes] | None = None
        super().__init__(f"{DRIVER}://postgres@127.0.0.1:{port}/postgres", owned=True)

    def _run(self, tool: str, *args: str, timeout: float = START_TIMEOUT_S) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"PostgreSQL test cluster: {tool} failed: {exc}") from exc
        if done.returncode != 0:
            why = (done.stderr.strip() or done.stdout.strip()).splitlines()
            raise PostgresUnavailable(
                f"PostgreSQL test cluster: {tool} failed: {why[-1] if why else done.returncode}"
            )

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
            "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
        )  # fmt: skip
        # the superuser over TCP without a password (the fixtures' admin connection); every
        # other role with its password
        hba = self.data / "pg_hba.conf"
        rules = "host all postgres 127.0.0.1/32 trust\n"
        hba.write_text(rules + hba.read_text(encoding="utf-8"), encoding="utf-8")

    def start(self) -> None:
        options = " ".join(
            (
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.folder}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "-c shared_buffers=32MB -c max_connections=200",
            )
        )
        self._run("pg_ctl", "start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(self.data),
                  "-l", str(self.log), "-o", options)  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def watch(self, pid: int) -> None:
        """Stop the cluster and remove its folder once process `pid` is gone, however it ends."""
        stop = [str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"]
        if self.user is not None:
            stop = ["runuser", "-u", self.user, "--", *stop]
        script = (
            'while kill -0 "$1" 2>/dev/null; do sleep 1; done; '
            '[ -f "$2/data/postmaster.pid" ] && "${@:3}" >/dev/null 2>&1; rm -rf "$2"'
        )
        self._watchdog = subprocess.Popen(
            ["bash", "-c", script, "watchdog", str(pid), str(self.folder), *stop],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not killed with the test process's group
        )

    def close(self) -> None:
        try:
            if self.running():
                self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            if self._watchdog is not None:
                self._watchdog.kill()
                self._watchdog.wait()


def migrations_key() -> str:
    """Head revision plus a digest of every migration script: a new or edited migration makes
    a new template."""
    from reader.store.database import head_revision

    digest = hashlib.sha256()
    for f in sorted(MIGRATIONS.rglob("*.py")):
        digest.update(f.relative_to(MIGRATIONS).as_posix().encode())
        digest.update(f.read_bytes())
    return f"{head_revision()}_{digest.hexdigest()[:10]}".lower()


def migrate(url: str) -> None:
    """Build an empty library at `url` the way reader opens one (Database runs the migrations);
    the data folder it is given is only a scratch place."""
    from reader.store.database import Database

    with tempfile.TemporaryDirectory(prefix="reader-pg-template-") as scratch:
        Database(Path(scratch), url=url).close()


def start_server() -> PostgresServer:
    """The server the tests use: READER_TEST_POSTGRES_URL's, else a new throwaway cluster.
    Raises PostgresUnavailable with one line saying why neither is there."""
    given = os.environ.get(ENV_URL, "").strip()
    if given:
        server = PostgresServer(given, owned=False)
        try:
            with server.connect():
                pass
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()
            raise PostgresUnavailable(
                f"{ENV_URL} names a server the tests cannot reach: {first[0] if first else exc}"
            ) from exc
        return server
    return start_cluster()


def start_cluster() -> PostgresCluster:
    bindir = _find_bindir()
    user = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="reader-pg-"))
    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        cluster = None
        for _attempt in range(3):  # another program may take the free port before we do
            cluster = PostgresCluster(bindir, folder, user, _free_port())
            if not cluster.data.exists():
                cluster.init()
            try:
                cluster.start()
                break
            except PostgresUnavailable:
                if _attempt == 2:
                    raise
        assert cluster is not None
        cluster.watch(os.getpid())
        return cluster
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _find_bindir() -> Path:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for bindir in reversed(candidates):
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): "
        f"install the 'postgresql' package, or set {ENV_URL} to a server the tests may use"
    )


def _unprivileged_user() -> str | None:
    """None when we are not root; else the user to run the server as (it refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PostgresUnavailable(
        "the tests run as root and no unprivileged user (postgres or nobody) exists to run "
        "the PostgreSQL test cluster"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _normalised(url: URL) -> URL:
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername=DRIVER)
    return url


def _conninfo(url: URL) -> str:
    """libpq's form of a SQLAlchemy URL (the driver part removed)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


if __name__ == "__main__":  # a quick manual check: start, print the URL, stop
    server = start_server()
    print(server.admin_url, file=sys.stderr)
    server.close()
