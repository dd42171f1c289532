"""Full-text search on a PostgreSQL library (a team's): the tsvector and GIN indexes of
revision 0002, read with the same query syntax, hits, grouping and snippets as FTS5 on SQLite
(reader.store.search_hits).

What a person typed becomes a tsquery built here, never parsed by PostgreSQL's query syntax:
each word or "phrase" is folded by `words` exactly as the index's `reader_search_text` folds
the stored text (NFKD, accents dropped, lower case, anything but letters and digits a break),
its words joined by <-> (followed by), the last one typed a prefix (:*), all of them required.

A search runs in a read-only transaction on a connection of the library's small pool
(reader.store.dbapi): PostgreSQL's snapshots never make a writer wait. The time limit is the
server's statement_timeout; a cancel flag set meanwhile cancels the running statement through
libpq (and that connection is closed, not reused, so a late cancel cannot hit another read).
A search is three round trips: the transaction's settings, the four indexes' best rows (one
statement), the titles and heads of the articles kept. Each index gives its best rows by
ts_rank_cd among its first matches (ARTICLE_CANDIDATES, CANDIDATES): ranking reads each
match's vector, and a word found in most of a 100,000-article library must still answer at
once; for such a word the hits are ranked among the first matches found."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Any

from reader.errors import StoreError
from reader.store import search_hits as common
from reader.store import snippets
from reader.store.search_hits import (
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

ARTICLE_CANDIDATES = 300  # articles ranked at most (a vector of a few KB read per match)
CANDIDATES = 300  # statements or sources ranked at most (short stored vectors)
NOTE_CANDIDATES = 100  # notes ranked at most (their vectors are made again to rank them)
CHECKED_VECTORS = 500  # articles whose stored vector check_search_index makes again
TITLE_WEIGHTS = "{0.2, 0.2, 0.2, 1.0}"  # D (text) … A (title): a title match weighs 5 times
CANCEL_POLL_S = 0.05  # how often the watcher looks at the cancel flag
# The combining marks reader_search_text drops after NFKD (revision 0002).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_ALNUM = re.compile(r"[^\W_]+")
_Q = "to_tsquery('pg_catalog.simple', %(q)s)"
# For the search's transaction: no JIT (at 100,000 articles a plan's cost passes its
# threshold, and compiling costs more than the query). The planner picks a GIN index or a scan
# by how common the words are: a scan that stops at the first matches is the faster for a word
# in most rows (21 against 58 ms for "said" at 100,000 articles); search_article keeps its
# vectors in its own pages (revision 0002) so that a scan is priced at what it reads. A phrase
# is priced as its words together, far too common for a phrase of common words ("of the" in
# statements: a scan read 556,000 to find 300, 400 ms): phrases take the indexes.
_SETTINGS = "SET LOCAL jit = off"
_PHRASE_SETTINGS = _SETTINGS + "; SET LOCAL enable_seqscan = off"
# One statement for the four indexes' best rows: (field, article, ref, start, text, place in
# its index's order). Notes are matched on the expression their GIN index was made on.
_RANKED = f"""
(SELECT 'text', m.id, NULL, NULL, NULL,
        row_number() OVER (ORDER BY ts_rank_cd('{TITLE_WEIGHTS}', m.doc, {_Q}, 1) DESC, m.id)
   FROM (SELECT id, doc FROM search_article WHERE doc @@ {_Q} LIMIT %(articles)s) AS m
  ORDER BY 6 LIMIT %(n)s)
UNION ALL
(SELECT 'statement', m.article_id, m.key, CAST(m.start AS text), m.text,
        row_number() OVER (ORDER BY ts_rank_cd(m.search_doc, {_Q}) DESC, m.id)
   FROM (SELECT id, article_id, key, start, text, search_doc FROM statement
          WHERE search_doc @@ {_Q} LIMIT %(cap)s) AS m
  ORDER BY 6 LIMIT %(n)s)
UNION ALL
(SELECT 'source', m.article_id, m.key, m.mentions, m.name,
        row_number() OVER (ORDER BY ts_rank_cd(m.search_doc, {_Q}) DESC, m.id)
   FROM (SELECT id, article_id, key, mentions, name, search_doc FROM article_source
          WHERE search_doc @@ {_Q} LIMIT %(cap)s) AS m
  ORDER BY 6 LIMIT %(n)s)
UNION ALL
(SELECT 'note', m.article_id, CAST(m.id AS text), CAST(m.start AS text), m.note,
        row_number() OVER (ORDER BY ts_rank_cd(reader_search_vector(m.note), {_Q}) DESC, m.id)
   FROM (SELECT id, article_id, start, note FROM highlight
          WHERE reader_search_vector(note) @@ {_Q} LIMIT %(notes)s) AS m
  ORDER BY 6 LIMIT %(n)s)
"""


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
    """ArticleTexts (reader.store.search_hits) on the search's PostgreSQL connection: the titles
    of the articles kept, and the heads of those matched in their text (`matched`), are read
    at once (one round trip)."""

    def __init__(self, run: _Runner, matched: set[int]) -> None:
        self.run = run
        self.matched = matched
        self._heads: dict[int, tuple[str, int]] = {}

    def titles(self, article_ids: list[int]) -> dict[int, str]:
        rows = self.run(
            "SELECT id, title, CASE WHEN id = ANY(%s) THEN left(text, %s) END, length(text) "
            "FROM article WHERE id = ANY(%s)",
            (list(self.matched), snippets.SCAN_CHARS + snippets.AFTER, article_ids),
        )
        self._heads = {int(i): (head or "", int(size or 0)) for i, _t, head, size in rows}
        return {int(i): title for i, title, _h, _s in rows}

    def head(self, article_id: int, chars: int) -> str:
        head = self._heads.get(article_id, ("", 0))[0]
        return head[:chars]

    def longer_than(self, article_id: int, head: str) -> bool:
        return self._heads.get(article_id, ("", 0))[1] > len(head)

    def text(self, article_id: int) -> str:
        rows = self.run("SELECT text FROM article WHERE id = %s", (article_id,))
        return (rows[0][0] or "") if rows else ""


class _Runner:
    """Runs the search's statements (the time limit is the transaction's statement_timeout;
    the cancel flag and the clock are looked at before each)."""

    def __init__(self, conn: psycopg.Connection, limits: Limits) -> None:
        self.conn = conn
        self.limits = limits

    def __call__(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        self.limits.check()
        # prepare=False: a generic plan would not see the query's words, and the planner
        # picks the index or a scan by how common they are.
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
        begin = "BEGIN READ ONLY" if conn.autocommit else "SET TRANSACTION READ ONLY"
        ms = max(1, int(limits.remaining() * 1000))
        settings = _PHRASE_SETTINGS if "<->" in q else _SETTINGS
        conn.execute(f"{begin}; {settings}; SET LOCAL statement_timeout = {ms}", prepare=False)
        run = _Runner(conn, limits)
        candidates = _ranked(run, q, max(limit, 20))
        texts = PgTexts(run, {c[0] for c in candidates if c[1] == "text"})
        return common.group(texts, candidates, limit, common.query_terms(query), limits)
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
    """Each index's best rows by ts_rank_cd among its first matches (see _RANKED)."""
    params = {
        "q": q,
        "articles": ARTICLE_CANDIDATES,
        "cap": CANDIDATES,
        "notes": NOTE_CANDIDATES,
        "n": per_index,
    }
    candidates: list[Candidate] = []
    for field, article_id, ref, start, body, pos in run(_RANKED, params):
        if field == "source":
            at = common.first_mention(start)
        else:
            at = int(start) if start is not None else None
        rank = common.fused(int(pos) - 1, field)
        candidates.append((int(article_id), field, ref, body or "", rank, at))
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


def check_search_index(conn: Connection, *, recheck: int = CHECKED_VECTORS) -> bool:
    """True when every index of revision 0002 is there, search_article holds one row for each
    article and no other, and the newest `recheck` articles' vectors are the ones their title
    and text make now (every article's would take minutes on a big library: the trigger
    keeps them, this looks that it did)."""
    wanted = {"search_article_doc", "search_statement", "search_source", "search_note"}
    present = {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    if not wanted <= present:
        return False
    unpaired = conn.exec_driver_sql(
        "SELECT count(*) FROM article AS a FULL JOIN search_article AS s ON s.id = a.id "
        "WHERE a.id IS NULL OR s.id IS NULL"
    ).scalar()
    stale = conn.exec_driver_sql(
        "SELECT count(*) FROM (SELECT id, title, text FROM article ORDER BY id DESC "
        f"LIMIT {int(recheck)}) AS a JOIN search_article AS s ON s.id = a.id "
        "WHERE s.doc IS DISTINCT FROM "
        "setweight(reader_search_vector(a.title), 'A') || reader_search_vector(a.text)"
    ).scalar()
    return unpaired == 0 and stale == 0
