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
indexes: the same query syntax, hits, grouping and snippets (the grouping and snippets here
read the article texts through `ArticleTexts`, whichever engine holds them)."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.errors import ReaderError
from reader.store import snippets
from reader.store.snippets import ELLIPSIS, MARK_CLOSE, MARK_OPEN, Term

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from reader.store.location import LibraryLocation

__all__ = ["ELLIPSIS", "MARK_CLOSE", "MARK_OPEN", "SearchHit", "search"]

log = logging.getLogger(__name__)

HITS_PER_ARTICLE = 5
SEARCH_SECONDS = 5.0  # the time limit of one search
MAX_TERMS = 64  # words or phrases of one query that are searched
PROGRESS_STEPS = 1000  # SQLite instructions between two looks at the clock and the cancel flag
# Index table → (content table, indexed columns). Matches migration 0002.
INDEXES = {
    "search_article": ("article", ("title", "text")),
    "search_statement": ("statement", ("text",)),
    "search_source": ("article_source", ("name",)),
    "search_note": ("highlight", ("note",)),
}
FIELDS = ("title", "text", "note", "statement", "source")  # the order hits are listed in
FIELD_WEIGHTS = {"statement": 0.5, "source": 0.5}
FUSION_K = 60
_WORD = re.compile(r"\w", re.UNICODE)
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


class SearchTimeoutError(ReaderError):
    """A search that went past its time limit (very common words in a very large library)."""

    def __init__(self, message: str = "Search took too long; try more specific words.") -> None:
        super().__init__(message)


class SearchCancelledError(ReaderError):
    """A search given up because a newer one replaced it or the window closed."""

    def __init__(self, message: str = "Search cancelled.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class SearchHit:
    """One place a query matched. `rank`: lower is better (from each index's BM25 order).

    field: title | text | statement | source | note; ref: the statement or source key within
    the article ("st3", "s1") or the highlight id, None for title and text hits; start: the
    character offset of the match in the article text, when known."""

    article_id: int
    article_title: str
    field: str
    ref: str | None
    snippet: str
    rank: float
    start: int | None = None

    def to_json(self) -> dict:
        return asdict(self)

    def snippet_html(self, tag: str = "b") -> str:
        """The snippet as HTML-escaped text with the matches wrapped in <tag>."""
        import html

        return (
            html.escape(self.snippet)
            .replace(MARK_OPEN, f"<{tag}>")
            .replace(MARK_CLOSE, f"</{tag}>")
        )


def chunks(query: str) -> list[tuple[str, bool]]:
    """What a person typed, as (text, is_phrase) chunks that hold at least one word.

    Every chunk must match, so a repeated one adds nothing but work (a pasted paragraph repeats
    "the" dozens of times): each is kept once, at its last place so the word being typed stays
    last. At most MAX_TERMS are kept, the last ones typed: a query of thousands of words would
    cost FTS5 seconds for no better answer."""
    parts: list[tuple[str, bool]] = []
    for m in _TOKEN.finditer(query):
        phrase, word = m.group(1), m.group(2)
        chunk = phrase if phrase is not None else word
        if chunk and _WORD.search(chunk):
            parts.append((chunk, phrase is not None))
    seen: set[tuple[str, bool]] = set()
    kept: list[tuple[str, bool]] = []
    for chunk, is_phrase in reversed(parts):
        key = (snippets.fold(chunk), is_phrase)
        if key not in seen and len(kept) < MAX_TERMS:
            seen.add(key)
            kept.append((chunk, is_phrase))
    if len(kept) < len(parts):
        log.debug("search: %d chunks typed, %d searched", len(parts), len(kept))
    return kept[::-1]


def prefixed(query: str, parts: list[tuple[str, bool]]) -> int | None:
    """The index of the chunk searched as a prefix: the last one, while it is being typed."""
    if not parts:
        return None
    finished = query != query.rstrip()  # a space after the last word: it is complete
    chunk, is_phrase = parts[-1]
    return len(parts) - 1 if not is_phrase and not finished and _prefixable(chunk) else None


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


def query_terms(query: str) -> tuple[Term, ...]:
    """The chunks of `match_expression` as the index reads them: folded words, phrases, and
    the prefix (for building snippets in Python)."""
    parts = chunks(query)
    last = prefixed(query, parts)
    return tuple(
        Term(tuple(snippets.TOKEN.findall(snippets.fold(chunk))), i == last)
        for i, (chunk, _is_phrase) in enumerate(parts)
    )


def _prefixable(word: str) -> bool:
    """A prefix search on one letter would match most of the library: not worth it."""
    return len(_WORD.findall(word)) >= 2 and _WORD.search(word[-1]) is not None


class Limits:
    """The time limit and the cancel flag of one search (SQLite's progress handler, and the
    checks between the statements of a search on either engine)."""

    def __init__(self, seconds: float, cancel: threading.Event | None) -> None:
        self.deadline = time.monotonic() + seconds
        self.cancel = cancel

    def remaining(self) -> float:
        """Seconds left before the time limit."""
        return self.deadline - time.monotonic()

    def stop(self) -> bool:
        """True when the search must end now (SQLite then interrupts the statement)."""
        return self.cancelled() or time.monotonic() > self.deadline

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def check(self) -> None:
        if self.cancelled():
            raise SearchCancelledError()
        if time.monotonic() > self.deadline:
            raise SearchTimeoutError()


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


Candidate = tuple[int, str, str | None, str, float, int | None]
# (article_id, field, ref, the matched row's text, rank, start)


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


def fused(position: int, field: str = "text") -> float:
    """A hit's rank from its place in its own index's BM25 order (reciprocal rank fusion):
    scores of different FTS tables are not comparable, places are. Lower is better."""
    return -FIELD_WEIGHTS.get(field, 1.0) / (FUSION_K + position)


def _article_score(hits: list[Candidate]) -> float:
    """An article's place: its text and the reader's notes count; statements and source names
    are cut from the text, so they count only for an article matched by nothing else."""
    primary = [h[4] for h in hits if h[1] in ("title", "text", "note")]
    return sum(primary) if primary else min(h[4] for h in hits)


def first_mention(mentions: str | None) -> int | None:
    import json

    try:
        spans = json.loads(mentions or "[]")
        return min(int(s[0]) for s in spans) if spans else None
    except (ValueError, TypeError, IndexError):
        return None


class ArticleTexts(Protocol):
    """The reads the grouping makes of the articles that have hits (on either engine)."""

    def titles(self, article_ids: list[int]) -> dict[int, str]: ...

    def head(self, article_id: int, chars: int) -> str:
        """The first `chars` characters of the article's text."""
        ...

    def longer_than(self, article_id: int, head: str) -> bool:
        """Whether the stored text goes on after `head`."""
        ...

    def text(self, article_id: int) -> str: ...


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


def group(
    texts: ArticleTexts,
    candidates: list[Candidate],
    limit: int,
    terms: tuple[Term, ...],
    limits: Limits,
) -> list[SearchHit]:
    by_article: dict[int, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (FIELDS.index(c[1]), c[4])):
        by_article.setdefault(c[0], []).append(c)
    order = sorted(by_article, key=lambda a: (_article_score(by_article[a]), a))
    chosen: list[int] = []
    count = 0
    for article_id in order:
        if count >= limit:
            break
        chosen.append(article_id)
        count += min(len(by_article[article_id]), HITS_PER_ARTICLE)
    if not chosen:
        return []
    titles = texts.titles(chosen)
    pattern = snippets.terms_pattern(terms)
    starts = snippets.anchors(terms)
    hits: list[SearchHit] = []
    for article_id in chosen:
        if article_id not in titles:
            continue
        title = titles[article_id]
        for _aid, field, ref, text, rank, start in by_article[article_id][:HITS_PER_ARTICLE]:
            if limits.stop():
                if limits.cancelled():
                    raise SearchCancelledError()
                log.warning("search %r: time limit reached after %d hits", terms, len(hits))
                return hits
            if field == "text":
                field, snip, start = _article_snippet(texts, article_id, title, pattern, starts)
            else:
                at = snippets.locate(text, pattern, starts)
                snip = (
                    snippets.snippet(text, at, pattern) if at and pattern else snippets.plain(text)
                )
            hits.append(
                SearchHit(
                    article_id=article_id,
                    article_title=title,
                    field=field,
                    ref=ref,
                    snippet=snip,
                    rank=round(float(rank), 6),
                    start=start,
                )
            )
            if len(hits) >= limit:
                return hits
    return hits


def _article_snippet(
    texts: ArticleTexts,
    article_id: int,
    title: str,
    pattern: re.Pattern[str] | None,
    starts: tuple[str, ...],
) -> tuple[str, str, int | None]:
    """(field, snippet, start) of an article matched in its title or text: the text around
    the first match when the text has one, else the title with its matches marked. Only the
    head of a long text is read, unless the match lies further on."""
    text = texts.head(article_id, snippets.SCAN_CHARS + snippets.AFTER)
    at = snippets.locate(text, pattern, starts)
    if at is None and texts.longer_than(article_id, text):
        text = texts.text(article_id)
        at = snippets.locate(text, pattern, starts)
    if at is not None and pattern is not None:
        return "text", snippets.snippet(text, at, pattern), at.start()
    return "title", snippets.marked(title, pattern), None


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
