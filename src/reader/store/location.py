"""Where the library is: a SQLite file in the data folder (the zero-setup default) or a
PostgreSQL database named by a URL (a team library). `resolve_location` picks it: `--database
URL`, else READER_DATABASE_URL, else the data folder's file.

A PostgreSQL URL is kept as given apart from its driver (`postgresql://` and `postgres://`
become `postgresql+psycopg://`): libpq reads what the URL leaves out (PGHOST, PGUSER, a service
file, a passfile, `sslmode`), so nothing here fills it in. `display` is what the window and the
messages show: never a password."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from reader.errors import StoreError

DATABASE_ENV = "READER_DATABASE_URL"
DB_NAME = "library.sqlite3"
PG_DRIVER = "postgresql+psycopg"
_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")
_SQLITE_SCHEMES = ("sqlite", "sqlite+pysqlite")


class BadLocationError(StoreError):
    """A --database URL (or READER_DATABASE_URL) that names no library reader can use."""


@dataclass(frozen=True)
class LibraryLocation:
    """One library: `url` (an SQLAlchemy URL), `dialect` ("sqlite" | "postgresql"), `path`
    (the SQLite file; None on PostgreSQL) and `display` (the file, or
    postgresql://user@host:port/dbname without the password)."""

    url: str
    dialect: str
    path: Path | None
    display: str

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def libpq_url(self) -> str:
        """The URL as libpq (psycopg.connect) takes it: the driver name dropped."""
        return "postgresql" + self.url[len(PG_DRIVER) :]

    @property
    def dbname(self) -> str:
        """The PostgreSQL database's name ("" when the URL leaves it to libpq: PGDATABASE, a
        service file, or the user's name)."""
        parts = urlsplit(self.url)
        name = unquote(parts.path.lstrip("/"))
        if not name:
            name = parse_qs(parts.query).get("dbname", [""])[0]
        return name


def sqlite_location(path: Path) -> LibraryLocation:
    path = Path(path)
    return LibraryLocation(f"sqlite:///{path}", "sqlite", path, str(path))


def _pg_display(url: str) -> str:
    """postgresql://user@host:port/dbname: what the URL says, the password never; what libpq
    fills in from the environment or a service file is named as such."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    user = unquote(parts.username or "") or query.get("user", [""])[0]
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or query.get("host", [""])[0]
    if host.startswith("/"):  # a unix socket folder
        host = f"[{host}]"
    name = unquote(parts.path.lstrip("/")) or query.get("dbname", [""])[0]
    service = query.get("service", [""])[0]
    where = f"{host}:{port}" if host and port else host or (f":{port}" if port else "")
    shown = f"postgresql://{user + '@' if user else ''}{where}/{name}"
    return f"{shown} (service {service})" if service else shown


def parse_location(database: str) -> LibraryLocation:
    """The location a --database value names: a postgresql:// or sqlite:/// URL, or a path
    to a library file. BadLocationError (one line, no password) for anything else."""
    text = database.strip()
    scheme, sep, _rest = text.partition("://")
    if not sep:
        if text.endswith(":") or "://" in text or not text:
            raise BadLocationError(f"{text!r} is not a database URL or a library file")
        return sqlite_location(Path(text).expanduser())
    scheme = scheme.lower()
    if scheme in _PG_SCHEMES:
        url = PG_DRIVER + text[len(scheme) :]
        return LibraryLocation(url, "postgresql", None, _pg_display(url))
    if scheme in _SQLITE_SCHEMES:
        path = text[len(scheme) + 4 :]  # sqlite:///relative, sqlite:////absolute
        if not path or path == ":memory:":
            raise BadLocationError("a library must be a file: sqlite:///path/to/library.sqlite3")
        return sqlite_location(Path(path).expanduser())
    raise BadLocationError(
        f"a {scheme}:// database cannot hold a library; give a postgresql:// URL or a SQLite file"
    )


def resolve_location(data_dir: Path, database: str | None = None) -> LibraryLocation:
    """`database` (--database URL) if given, else READER_DATABASE_URL, else the SQLite file
    in the data folder."""
    chosen = database if database else os.environ.get(DATABASE_ENV, "").strip() or None
    if chosen:
        return parse_location(chosen)
    return sqlite_location(Path(data_dir) / DB_NAME)
