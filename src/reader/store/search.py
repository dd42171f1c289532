"""Full-text search over the library: article titles and text, statements, source names and
highlight notes, through the FTS5 indexes of revision 0002 (kept in step by triggers).

A search reads on its own read-only connection (the library is in WAL mode, so it never
waits for the writer nor makes it wait), under a time limit and a cancel flag checked by
SQLite's progress handler. Hits are ranked with BM25 alone; snippets are made afterwards in
Python for the hits kept (store/snippets.py), never with FTS5 snippet(), which takes minutes
on a huge article. Hits come back grouped by article (best article first), each with a
snippet whose matched words sit between MARK_OPEN and MARK_CLOSE and the character offset of
the match in the article text where one is known, so a view can open the article at the hit.

A PostgreSQL library (a team's) is searched by reader.store.search_pg with tsvector and GIN
indexes: the same query syntax, hits, grouping and snippets (reader.store.search_hits, the
half both engines share)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store.search_hits import (
    MAX_TERMS,
    SEARCH_SECONDS,
    Candidate,
    Limits,
    SearchCancelledError,
    SearchHit,
    SearchTimeoutError,
    chunks,
    first_mention,
    fused,
    group,
    prefixed,
    query_terms,
)
from reader.store.snippets import ELLIPSIS, MARK_CLOSE, MARK_OPEN

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from reader.store.location import LibraryLocation

__all__ = [
    "ELLIPSIS",
    "MARK_CLOSE",
    "MARK_OPEN",
    "MAX_TERMS",
    "SEARCH_SECONDS",
    "SearchCancelledError",
    "SearchHit",
    "SearchTimeoutError",
    "match_expression",
    "query_terms",
    "search",
]

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000  # SQLite instructions between two looks at the clock and the cancel flag
# Index table → (content table, indexed columns). Matches migration 0002.
INDEXES = {
    "search_article": ("article", ("title", "text")),
    "search_statement": ("statement", ("text",)),
    "search_source": ("article_source", ("name",)),
    "search_note": ("highlight", ("note",)),
}


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed, or None when it has no words.

    Every word is quoted (so AND, NEAR, *, :, ^, unbalanced quotes and the like are plain
    text, never syntax); a "quoted phrase" stays a phrase; the last word matches as a prefix,
    so results appear while the person is still typing."""
    parts = chunks(query)
    if not parts:
        return None
    last = prefixed(query, parts)
    out = []
    for i, (chunk, _is_phrase) in enumerate(parts):
        quoted = '"' + chunk.replace('"', '""') + '"'
        out.append(quoted + ("*" if i == last else ""))
    return " ".join(out)


def open_reader(db_path: Path | str) -> sqlite3.Connection:
    """A read-only connection of its own on the library file: in WAL mode it reads a snapshot
    while the window's database thread goes on writing."""
    path = Path(db_path).resolve()
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0, check_same_thread=False
        )
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    except sqlite3.OperationalError as exc:
        # A read-only open of a WAL file needs its -shm file; without one (nothing else has the
        # library open and the folder is not ours to write) a plain connection that only reads.
        log.info("read-only open of %s failed (%s); using a query-only connection", path, exc)
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
    return conn


def search(
    db: Path | str | LibraryLocation,
    query: str,
    limit: int = 50,
    *,
    seconds: float = SEARCH_SECONDS,
    cancel: threading.Event | None = None,
) -> list[SearchHit]:
    """Hits for `query` across the library `db` (its SQLite file, or its location: a
    PostgreSQL library is searched by search_pg), grouped by article, best article first.

    Raises SearchTimeoutError when ranking takes longer than `seconds` (snippets past the
    limit are left out instead), SearchCancelledError once `cancel` is set."""
    if isinstance(db, (Path, str)):
        db_path: Path | str = db
    elif db.path is not None:
        db_path = db.path
    else:
        from reader.store import search_pg

        return search_pg.search(db, query, limit, seconds=seconds, cancel=cancel)
    expr = match_expression(query)
    if expr is None or limit <= 0:
        return []
    limits = Limits(seconds, cancel)
    conn = open_reader(db_path)
    conn.set_progress_handler(limits.stop, PROGRESS_STEPS)
    try:
        candidates = _ranked(conn, expr, max(limit, 20), limits)
        return group(SqliteTexts(conn), candidates, limit, query_terms(query), limits)
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        limits.check()
        raise SearchTimeoutError() from exc
    finally:
        conn.close()


def _ranked(conn: sqlite3.Connection, expr: str, per_table: int, limits: Limits) -> list[Candidate]:
    """Each index's best rows by BM25 alone (no snippet: cheap on any text)."""
    candidates: list[Candidate] = []
    limits.check()
    rows = conn.execute(
        # ORDER BY rank lets FTS5 sort by itself; a title match weighs five times the text.
        "SELECT rowid FROM search_article WHERE search_article MATCH ? "
        "AND rank MATCH 'bm25(5.0, 1.0)' ORDER BY rank LIMIT ?",
        (expr, per_table),
    ).fetchall()
    for pos, (article_id,) in enumerate(rows):
        candidates.append((article_id, "text", None, "", fused(pos), None))
    for index, table, field, ref_col, start_col, text_col in (
        ("search_statement", "statement", "statement", "c.key", "c.start", "c.text"),
        ("search_source", "article_source", "source", "c.key", "c.mentions", "c.name"),
        ("search_note", "highlight", "note", "CAST(c.id AS TEXT)", "c.start", "c.note"),
    ):
        limits.check()
        rows = conn.execute(
            f"SELECT c.article_id, {ref_col}, {start_col}, {text_col} "
            f"FROM {index} JOIN {table} AS c ON c.id = {index}.rowid "
            f"WHERE {index} MATCH ? ORDER BY {index}.rank LIMIT ?",
            (expr, per_table),
        ).fetchall()
        for pos, (article_id, ref, start, text) in enumerate(rows):
            if table == "article_source":
                start = first_mention(start)
            candidates.append((article_id, field, ref, text or "", fused(pos, field), start))
    return candidates


class SqliteTexts:
    """ArticleTexts on the search's own SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def titles(self, article_ids: list[int]) -> dict[int, str]:
        marks = ", ".join(str(int(a)) for a in article_ids)
        rows = self.conn.execute(f"SELECT id, title FROM article WHERE id IN ({marks})")
        return dict(rows.fetchall())

    def head(self, article_id: int, chars: int) -> str:
        row = self.conn.execute(
            "SELECT substr(text, 1, ?) FROM article WHERE id = ?", (chars, article_id)
        ).fetchone()
        return (row[0] or "") if row else ""

    def longer_than(self, article_id: int, head: str) -> bool:
        # In bytes: SQLite's text functions stop at a NUL, which a library from an older
        # version may hold.
        row = self.conn.execute(
            "SELECT length(CAST(text AS BLOB)) FROM article WHERE id = ?", (article_id,)
        ).fetchone()
        size = (row[0] or 0) if row else 0
        return size > len(head) and size > len(head.encode("utf-8", "surrogatepass"))

    def text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM article WHERE id = ?", (article_id,)).fetchone()
        return (row[0] or "") if row else ""


def ensure_search_index(conn: Connection, rebuild: bool = False) -> None:
    """Re-create any missing search trigger (a batch migration that rebuilds a table drops
    its triggers) and, with `rebuild`, re-index everything from the content tables."""
    if conn.dialect.name == "postgresql":
        from reader.store import search_pg

        search_pg.ensure_search_index(conn, rebuild)
        return
    for index, (table, columns) in INDEXES.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        insert = f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old});"
        for name, event, body in (
            ("ai", "AFTER INSERT", insert),
            ("ad", "AFTER DELETE", delete),
            ("au", f"AFTER UPDATE OF {cols}", f"{delete} {insert}"),
        ):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {index}_{name} {event} ON {table} BEGIN {body} END"
            )
        if rebuild:
            conn.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def check_search_index(conn: Connection) -> bool:
    """True when every index agrees with its content table (FTS5 integrity-check)."""
    from sqlalchemy.exc import DatabaseError

    if conn.dialect.name == "postgresql":
        from reader.store import search_pg

        return search_pg.check_search_index(conn)

    try:
        for index in INDEXES:
            conn.exec_driver_sql(
                f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"
            )
    except DatabaseError:
        return False
    return True
