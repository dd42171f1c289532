"""Opening the library database: the SQLite file, its pragmas, migrations, and what to do when
the file is corrupt (move it aside, never delete it, start a fresh one)."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlmodel import Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DB_NAME = "library.sqlite3"
MIGRATION_MODULES = (
    "sqlalchemy.dialects.sqlite",
    "sqlmodel",
    "alembic.command",
    "alembic.context",
    "alembic.op",
    "reader.store.models",
)


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def alembic_config(db_path: Path) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return cfg


def make_engine(db_path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def head_revision() -> str:
    """The newest revision id, read from the version scripts without importing alembic."""
    revisions, parents = set(), set()
    for f in (MIGRATIONS / "versions").glob("*.py"):
        text = f.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"The library's migrations have {len(heads)} heads; expected one")
    return heads.pop()


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def at_head(db_path: Path) -> bool:
    """True when the library file exists and its schema is the newest revision."""
    return current_revision(db_path) == head_revision()


def upgrade(engine: Engine, db_path: Path, revision: str = "head") -> None:
    """Bring the schema to `revision` (at every start: a library from an older version opens).
    A library already at head skips alembic entirely: it is the common case and the slow one."""
    if revision == "head" and at_head(db_path):
        return
    from alembic import command

    cfg = alembic_config(db_path)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def import_for_opening(db_path: Path) -> None:
    """Import now what opening `db_path` will need: nothing when it is at head, else SQLAlchemy,
    sqlmodel, the tables and alembic. The window calls this before it loads Qt, because PySide6
    looks at the source of every module imported after it (its __feature__ import hook), which
    adds ~0.1 s to these few hundred modules."""
    if at_head(db_path):
        return
    import contextlib
    import importlib

    for name in MIGRATION_MODULES:
        with contextlib.suppress(ImportError):  # only a head start; opening imports for real
            importlib.import_module(name)


def check_integrity(db_path: Path) -> str | None:
    """None when `db_path` is a healthy SQLite database (or absent), else the reason it is not."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if not row or row[0] != "ok":
        return str(row[0]) if row else "integrity check failed"
    return None


def move_aside(db_path: Path) -> Path:
    """Rename a damaged library (and its WAL files) out of the way; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.corrupt-{stamp}-{n}{db_path.suffix}")
        n += 1
    db_path.rename(target)
    for ext in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + ext)
        if side.exists():
            side.rename(target.with_name(target.name + ext))
    return target


class Database:
    """The open library file. `warning` says what happened if the old file had to be set aside.

    A file already at the newest schema needs no SQLAlchemy to open: the engine (and the import
    of SQLAlchemy, about 0.3 s) waits until `engine` or `session()` is first used."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the library folder {self.data_dir}: {exc.strerror}"
            ) from exc
        self.path = self.data_dir / DB_NAME
        self.warning: str | None = None
        problem = check_integrity(self.path)
        if problem is not None:
            moved = move_aside(self.path)
            self.warning = (
                f"The library file was damaged ({problem}); it was moved to {moved.name} "
                "and a new library was started."
            )
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        if at_head(self.path):
            return
        self._engine = make_engine(self.path)
        try:
            upgrade(self._engine, self.path)
        except Exception as exc:  # a file that passed quick_check but is not our schema
            self._engine.dispose()
            if self.warning is not None:
                raise StoreError(f"Cannot open the library {self.path}: {exc}") from exc
            moved = move_aside(self.path)
            self.warning = (
                f"The library file could not be opened ({exc.__class__.__name__}); it was moved "
                f"to {moved.name} and a new library was started."
            )
            self._engine = make_engine(self.path)
            upgrade(self._engine, self.path)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = make_engine(self.path)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session that commits on success and rolls back on error."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except Exception:
                session.rollback()
                raise

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
