"""Who the library's user is among the people sharing it: their identity, recorded as the
creator of their highlights, notes, ratings and corrections, and the name shown beside it.

On PostgreSQL the identity is the database role (`current_user`): row-level security decides
by it what a member may read and write (revision 0008), so it cannot be chosen in the app; the
name set in Preferences is a display name beside it (table `member`). On SQLite, one person's
file, the identity is the name set in Preferences (setting "member"), else the login name; it
is kept in the library the first time it is recorded, so the library's user stays the creator
of their rows on another machine, and changing it renames their rows.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError

if TYPE_CHECKING:
    from sqlmodel import Session

    from reader.store.database import Database

SETTING = "member"
MAX_NAME = 80
# (table, column) of every row a member made
MEMBER_COLUMNS = (
    ("highlight", "creator"),
    ("correction", "creator"),
    ("note_draft", "creator"),
    ("source_rating", "member"),
    ("source_note", "member"),
)


@dataclass(frozen=True)
class Member:
    """A member: `name` is the identity (the role, or the SQLite library's user), `display`
    the name they set in Preferences ("" when none)."""

    name: str
    display: str = ""

    @property
    def label(self) -> str:
        """How the window names them: "Ana Novak (ana)", or the identity alone."""
        if self.display and self.display != self.name:
            return f"{self.display} ({self.name})"
        return self.name


def login_name() -> str:
    """The person logged in to this computer (the SQLite identity until one is set)."""
    try:
        return getpass.getuser() or "me"
    except (KeyError, OSError):  # no entry in the password database, no LOGNAME
        return "me"


def _postgres(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def identity_in(s: Session, *, keep: bool = False) -> str:
    """The member the session acts as. On SQLite with `keep` (about to record it as a
    creator), the name is kept in the library when it was not yet."""
    from sqlalchemy import text

    from reader.store.models import Setting

    if _postgres(s):
        return str(s.execute(text("SELECT current_user")).scalar_one())
    row = s.get(Setting, SETTING)
    if row is not None and row.value:
        return row.value
    name = login_name()
    if keep:  # another process may keep it at the same moment: the first one stays
        s.execute(
            text("INSERT OR IGNORE INTO setting (key, value) VALUES (:key, :name)"),
            {"key": SETTING, "name": name},
        )
        row = s.get(Setting, SETTING, populate_existing=True)
        name = row.value if row is not None and row.value else name
    return name


def identity_of(conn: Any) -> str:
    """As `identity_in`, through a connection of store.snapshot (sqlite3 or psycopg)."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        return str(conn.execute("SELECT current_user").fetchone()[0])
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (SETTING,)).fetchone()
    return str(row[0]) if row and row[0] else login_name()


def me(db: Database) -> Member:
    """The library's user as a Member."""
    from reader.store.models import Member as MemberRow

    with db.session() as s:
        name = identity_in(s)
        row = s.get(MemberRow, name)
        return Member(name, row.display_name if row else "")


def members(db: Database) -> dict[str, Member]:
    """Every member with a display name, by identity (for naming the creator of a note)."""
    from sqlmodel import select

    from reader.store.models import Member as MemberRow

    with db.session() as s:
        return {r.name: Member(r.name, r.display_name) for r in s.exec(select(MemberRow))}


def set_name(db: Database, name: str) -> Member:
    """The name set in Preferences. On PostgreSQL it is shown beside the role; on SQLite it is
    the identity, and the user's highlights, notes, ratings and corrections follow it."""
    from sqlalchemy import text

    from reader.store.models import Member as MemberRow
    from reader.store.models import Setting

    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ReaderError(f"A name has at most {MAX_NAME} characters")
    with db.session() as s:
        old = identity_in(s, keep=True)
        if _postgres(s):
            row = s.get(MemberRow, old) or MemberRow(name=old)
            row.display_name = name
            s.add(row)
            return Member(old, name)
        if not name:
            raise ReaderError("Your name cannot be empty: it is recorded on your notes")
        if name == old:
            return Member(name)
        for table in ("source_rating", "source_note"):
            taken = s.execute(
                text(f"SELECT 1 FROM {table} WHERE member = :name LIMIT 1"), {"name": name}
            ).first()
            if taken is not None:
                raise ReaderError(f"“{name}” is already someone else's name in this library")
        for table, column in MEMBER_COLUMNS:
            s.execute(
                text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
                {"new": name, "old": old},
            )
        s.execute(text("DELETE FROM member WHERE name = :old"), {"old": old})
        setting = s.get(Setting, SETTING) or Setting(key=SETTING)
        setting.value = name
        s.add(setting)
        return Member(name)
