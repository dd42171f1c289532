"""Full-text search on a PostgreSQL library (a team's): the tsvector and GIN indexes of
revision 0002, read with the same query syntax, hits, grouping and snippets as FTS5 on SQLite
(reader.store.search).

What a person typed becomes a tsquery built here, never parsed by PostgreSQL's query syntax:
each word or "phrase" is folded by `words` exactly as the index's `reader_search_text` folds
the stored text (NFKD, accents dropped, lower case, anything but letters and digits a break),
its words joined by <-> (followed by), the last one typed a prefix (:*), all of them required.

A search runs in a read-only transaction on a connection of the library's small pool
(reader.store.dbapi): PostgreSQL's snapshots never make a writer wait. The time limit is the
server's statement_timeout; a cancel flag set meanwhile cancels the running statement through
libpq (and that connection is closed, not reused, so a late cancel cannot hit another read).
Each index gives its best rows by ts_rank_cd among at most CANDIDATES matches: ranking reads
each match's vector, and a word found in most of a 100,000-article library must still answer
at once (for such a word the hits are ranked among the first CANDIDATES found)."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Any

from reader.errors import StoreError
from reader.store import search as common
from reader.store.search import (
    Candidate,
    Limits,
    SearchCancelledError,
    SearchHit,
    SearchTimeoutError,
)

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Connection

    from reader.store.location import LibraryLocation

log = logging.getLogger(__name__)

CANDIDATES = 1000  # matches of one index ranked at most
TITLE_WEIGHTS = "{0.2, 0.2, 0.2, 1.0}"  # D (text) … A (title): a title match weighs 5 times
CANCEL_POLL_S = 0.05  # how often the watcher looks at the cancel flag
# The combining marks reader_search_text drops after NFKD (revision 0002).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_ALNUM = re.compile(r"[^\W_]+")
# (SQL of one index's best rows) for the statement, source and note indexes: the expression
# is the one their GIN indexes were made on, so the planner uses them.
_ROWS = {
    "statement": ("statement", "key", "start", "text"),
    "source": ("article_source", "key", "mentions", "name"),
    "note": ("highlight", "CAST(id AS TEXT)", "start", "note"),
}


def words(text: str) -> list[str]:
    """The words the index makes of a text (as revision 0002's reader_search_text)."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
    return _ALNUM.findall(folded)


def tsquery(query: str) -> str | None:
    """A tsquery (text form) for what a person typed, or None when it has no words: every
    chunk required, a phrase's words in order, the last chunk a prefix while it is typed."""
    parts = common.chunks(query)
    last = common.prefixed(query, parts)
    out = []
    for i, (chunk, _is_phrase) in enumerate(parts):
        found = words(chunk)
        if not found:
            continue
        # folded words hold letters and digits only: quoting them is all the escaping needed
        lexemes = [f"'{w}'" for w in found]
        if i == last:
            lexemes[-1] += ":*"
        out.append("(" + " <-> ".join(lexemes) + ")" if len(lexemes) > 1 else lexemes[0])
    return " & ".join(out) or None


class _Canceller:
    """Cancels the connection's running statement once `cancel` is set, until stopped."""

    def __init__(self, conn: psycopg.Connection, cancel: threading.Event) -> None:
        self.conn = conn
        self.cancel = cancel
        self.sent = False
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="search-cancel", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            if self.cancel.wait(CANCEL_POLL_S):
                with self._lock:
                    if not self._done.is_set():
                        self.sent = True
                        self.conn.cancel_safe(timeout=5.0)
                return

    def stop(self) -> None:
        with self._lock:
            self._done.set()
        self._thread.join()


class PgTexts:
    """ArticleTexts (reader.store.search) on the search's PostgreSQL connection."""

    def __init__(self, run: _Runner) -> None:
        self.run = run

    def titles(self, article_ids: list[int]) -> dict[int, str]:
        rows = self.run("SELECT id, title FROM article WHERE id = ANY(%s)", (article_ids,))
        return {int(i): t for i, t in rows}

    def head(self, article_id: int, chars: int) -> str:
        rows = self.run("SELECT left(text, %s) FROM article WHERE id = %s", (chars, article_id))
        return (rows[0][0] or "") if rows else ""

    def longer_than(self, article_id: int, head: str) -> bool:
        rows = self.run("SELECT length(text) FROM article WHERE id = %s", (article_id,))
        return bool(rows) and (rows[0][0] or 0) > len(head)

    def text(self, article_id: int) -> str:
        rows = self.run("SELECT text FROM article WHERE id = %s", (article_id,))
        return (rows[0][0] or "") if rows else ""


class _Runner:
    """Runs the search's statements, each under what is left of the time limit."""

    def __init__(self, conn: psycopg.Connection, limits: Limits) -> None:
        self.conn = conn
        self.limits = limits

    def __call__(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        self.limits.check()
        ms = max(1, int(self.limits.remaining() * 1000))
        # prepare=False: a generic plan would not see the query's words, and the planner
        # picks the index or a scan by how common they are.
        self.conn.execute(
            "SELECT set_config('statement_timeout', %s, true)", (str(ms),), prepare=False
        )
        return self.conn.execute(sql, params, prepare=False).fetchall()


def search(
    location: LibraryLocation,
    query: str,
    limit: int = 50,
    *,
    seconds: float = common.SEARCH_SECONDS,
    cancel: threading.Event | None = None,
) -> list[SearchHit]:
    """Hits for `query` in the PostgreSQL library, as reader.store.search.search gives them."""
    import psycopg

    from reader.store import dbapi
    from reader.store.postgres import connection_error

    q = tsquery(query)
    if q is None or limit <= 0:
        return []
    limits = Limits(seconds, cancel)
    limits.check()
    conn = dbapi.acquire(location)
    watcher = _Canceller(conn, cancel) if cancel is not None else None
    try:
        if conn.autocommit:
            conn.execute("BEGIN READ ONLY")
        else:
            conn.execute("SET TRANSACTION READ ONLY")
        run = _Runner(conn, limits)
        candidates = _ranked(run, q, max(limit, 20))
        return common.group(PgTexts(run), candidates, limit, common.query_terms(query), limits)
    except psycopg.errors.QueryCanceled as exc:
        limits.check()  # the cancel flag or the time limit, whichever it was
        if watcher is not None and watcher.sent:
            raise SearchCancelledError() from exc
        raise SearchTimeoutError() from exc
    except psycopg.OperationalError as exc:
        log.info("search on %s failed: %s", location.display, exc)
        raise connection_error(location, exc) from None
    except psycopg.Error as exc:
        log.error("search on %s failed: %s", location.display, exc)
        raise StoreError(f"Search failed: {str(exc).splitlines()[0]}") from exc
    finally:
        if watcher is not None:
            watcher.stop()
        if watcher is not None and watcher.sent:
            conn.close()  # a cancel may still land on the next statement: never reuse it
        else:
            dbapi.release(location, conn)


def _ranked(run: _Runner, q: str, per_index: int) -> list[Candidate]:
    """Each index's best rows by ts_rank_cd among its first CANDIDATES matches."""
    tsq = "to_tsquery('pg_catalog.simple', %(q)s)"
    params = {"q": q, "cap": CANDIDATES, "n": per_index}
    candidates: list[Candidate] = []
    rows = run(
        f"SELECT m.id FROM (SELECT id, doc FROM search_article WHERE doc @@ {tsq} "
        "LIMIT %(cap)s) AS m "
        f"ORDER BY ts_rank_cd('{TITLE_WEIGHTS}', m.doc, {tsq}, 1) DESC, m.id LIMIT %(n)s",
        params,
    )
    for pos, (article_id,) in enumerate(rows):
        candidates.append((int(article_id), "text", None, "", common.fused(pos), None))
    for field, (table, ref, start, text) in _ROWS.items():
        vector = f"reader_search_vector({text})"
        rows = run(
            f"SELECT m.article_id, m.ref, m.start, m.body FROM ("
            f"SELECT id, article_id, {ref} AS ref, {start} AS start, {text} AS body "
            f"FROM {table} WHERE {vector} @@ {tsq} LIMIT %(cap)s) AS m "
            f"ORDER BY ts_rank_cd(reader_search_vector(m.body), {tsq}) DESC, m.id "
            "LIMIT %(n)s",
            params,
        )
        for pos, (article_id, ref_value, start_value, body) in enumerate(rows):
            at = common.first_mention(start_value) if field == "source" else start_value
            candidates.append(
                (int(article_id), field, ref_value, body or "", common.fused(pos, field), at)
            )
    return candidates


def ensure_search_index(conn: Connection, rebuild: bool = False) -> None:
    """Index the articles search_article lacks (a bulk load that went around the trigger);
    with `rebuild`, every article again. The other indexes are on expressions: always whole."""
    if rebuild:
        conn.exec_driver_sql("TRUNCATE search_article")
    conn.exec_driver_sql(
        "INSERT INTO search_article (id, doc) SELECT a.id, "
        "setweight(reader_search_vector(a.title), 'A') || reader_search_vector(a.text) "
        "FROM article AS a WHERE NOT EXISTS (SELECT 1 FROM search_article s WHERE s.id = a.id)"
    )


def check_search_index(conn: Connection) -> bool:
    """True when every article's indexed vector is the one its title and text make now, and
    every index of revision 0002 is there."""
    wanted = {"search_article_doc", "search_statement", "search_source", "search_note"}
    present = {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    if not wanted <= present:
        return False
    stale = conn.exec_driver_sql(
        "SELECT count(*) FROM article AS a FULL JOIN search_article AS s ON s.id = a.id "
        "WHERE s.doc IS DISTINCT FROM "
        "setweight(reader_search_vector(a.title), 'A') || reader_search_vector(a.text)"
    ).scalar()
    return stale == 0
