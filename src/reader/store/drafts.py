"""Note drafts (table `note_draft`): the text of a note being written, kept as it is typed, read
back when its article opens again, removed once the note is saved or discarded.

Read and written with the standard library's sqlite3, like store/snapshot.py (on PostgreSQL
the same SQL through psycopg, reader.store.dbapi): drafts are read on every article opening,
the first paint's included, which goes without SQLAlchemy; and a draft is written every few
keystrokes, where a plain connection is the lightest way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.store.snapshot import Where, reading


@dataclass(frozen=True)
class NoteDraft:
    """A note being written: on the highlight `highlight_id`, or on the range [start, end) of a
    new note (then `exact`, `prefix` and `suffix` place it again in a changed text)."""

    id: int
    article_id: int
    highlight_id: int | None
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str
    text: str
    updated_at: datetime

    @property
    def anchor(self) -> str:
        return anchor_of(self.highlight_id, self.start, self.end)


def anchor_of(highlight_id: int | None, start: int, end: int) -> str:
    """The key a draft is kept under within its article."""
    return f"h{highlight_id}" if highlight_id is not None else f"r{start}-{end}"


@contextmanager
def transaction(where: Where) -> Iterator[sqlite3.Connection]:
    """A short-lived connection whose work commits on leaving (rolls back on an error)."""
    with reading(where) as conn, conn:
        yield conn


def _stamp(when: datetime) -> str:
    """As sqlmodel's DateTime column stores it: UTC without an offset."""
    return when.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def article_text(conn: sqlite3.Connection, article_id: int) -> str | None:
    row = conn.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else str(row[0])


def highlight_note(conn: sqlite3.Connection, highlight_id: int) -> tuple[int, int, str] | None:
    """(start, end, note) of a highlight, or None when there is no such highlight."""
    row = conn.execute(
        'SELECT start, "end", note FROM highlight WHERE id = ?', (highlight_id,)
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), str(row[2]))


def range_notes(conn: sqlite3.Connection, article_id: int, start: int, end: int) -> list[str]:
    """The notes of the article's highlights spanning exactly [start, end)."""
    rows = conn.execute(
        'SELECT note FROM highlight WHERE article_id = ? AND start = ? AND "end" = ?',
        (article_id, start, end),
    ).fetchall()
    return [str(r[0]) for r in rows]


def save_draft(
    conn: sqlite3.Connection,
    article_id: int,
    highlight_id: int | None,
    start: int,
    end: int,
    text: str,
    *,
    color: str = "yellow",
    quote: tuple[str, str, str] = ("", "", ""),
    now: datetime | None = None,
) -> None:
    """Keep `text` as the draft for its anchor (replacing the one kept before)."""
    exact, prefix, suffix = quote
    conn.execute(
        'INSERT INTO note_draft (article_id, highlight_id, anchor, start, "end", exact, prefix, '
        "suffix, color, text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(article_id, anchor, creator) DO UPDATE SET start = excluded.start, "
        '"end" = excluded."end", color = excluded.color, text = excluded.text, '
        "updated_at = excluded.updated_at",
        (
            article_id,
            highlight_id,
            anchor_of(highlight_id, start, end),
            start,
            end,
            exact,
            prefix,
            suffix,
            color,
            text,
            _stamp(now or datetime.now(UTC)),
        ),
    )


def delete_draft(conn: sqlite3.Connection, article_id: int, anchor: str) -> None:
    conn.execute("DELETE FROM note_draft WHERE article_id = ? AND anchor = ?", (article_id, anchor))


def move_draft(conn: sqlite3.Connection, draft: NoteDraft, start: int, end: int) -> None:
    """A new note's draft follows its quote to [start, end) in a changed text (an older draft
    kept there already gives way)."""
    anchor = anchor_of(None, start, end)
    # not SQLite's UPDATE OR REPLACE: the same two steps on PostgreSQL
    conn.execute(
        "DELETE FROM note_draft WHERE article_id = ? AND anchor = ? AND id <> ?",
        (draft.article_id, anchor, draft.id),
    )
    conn.execute(
        'UPDATE note_draft SET anchor = ?, start = ?, "end" = ? WHERE id = ?',
        (anchor, start, end, draft.id),
    )


def read_drafts(conn: sqlite3.Connection, article_id: int) -> list[NoteDraft]:
    """The article's drafts, the most recently written first."""
    rows = conn.execute(
        'SELECT id, article_id, highlight_id, start, "end", exact, prefix, suffix, color, text, '
        "updated_at FROM note_draft WHERE article_id = ? ORDER BY updated_at DESC, id DESC",
        (article_id,),
    ).fetchall()
    out = []
    for id_, aid, hid, start, end, exact, prefix, suffix, color, text, when in rows:
        stamp = datetime.fromisoformat(str(when))
        stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
        out.append(NoteDraft(id_, aid, hid, start, end, exact, prefix, suffix, color, text, stamp))
    return out
