"""Full-text search over the library: article titles and text, statements, source names and
highlight notes, through the FTS5 indexes of revision 0002 (kept in step by triggers).

Hits come back grouped by article (best article first, BM25), each with a snippet whose
matched words sit between MARK_OPEN and MARK_CLOSE, and the character offset of the match in
the article text where one is known, so a view can open the article at the hit."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
ELLIPSIS = "…"
# Inside SQL we mark with control characters that cannot occur in stored text, so offsets can
# be recovered exactly; they become the public markers before a hit leaves this module.
_OPEN, _CLOSE, _CUT = "\x02", "\x03", "\x04"
SNIPPET_TOKENS = 16
HITS_PER_ARTICLE = 5
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


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed, or None when it has no words.

    Every word is quoted (so AND, NEAR, *, :, ^, unbalanced quotes and the like are plain
    text, never syntax); a "quoted phrase" stays a phrase; the last word matches as a prefix,
    so results appear while the person is still typing."""
    parts: list[tuple[str, bool]] = []  # (text, is_phrase)
    for m in _TOKEN.finditer(query):
        phrase, word = m.group(1), m.group(2)
        chunk = phrase if phrase is not None else word
        if chunk and _WORD.search(chunk):
            parts.append((chunk, phrase is not None))
    if not parts:
        return None
    finished = query != query.rstrip()  # a space after the last word: it is complete
    out = []
    for i, (chunk, is_phrase) in enumerate(parts):
        quoted = '"' + chunk.replace('"', '""') + '"'
        last = i == len(parts) - 1
        if last and not is_phrase and not finished and _prefixable(chunk):
            quoted += "*"
        out.append(quoted)
    return " ".join(out)


def _prefixable(word: str) -> bool:
    """A prefix search on one letter would match most of the library: not worth it."""
    return len(_WORD.findall(word)) >= 2 and _WORD.search(word[-1]) is not None


def _plain(snippet: str) -> str:
    return snippet.replace(_OPEN, "").replace(_CLOSE, "").replace(_CUT, "")


def _public(snippet: str) -> str:
    return (
        snippet.replace(_OPEN, MARK_OPEN)
        .replace(_CLOSE, MARK_CLOSE)
        .replace(_CUT, ELLIPSIS)
        .replace("\n", " ")
        .strip()
    )


def _offset_in(text: str, snippet: str) -> int | None:
    """Where the first match of a snippet lies in the text the snippet was cut from."""
    body = snippet.replace(_CUT, "")
    first = body.find(_OPEN)
    if first < 0:
        return None
    plain = _plain(body)
    at = text.find(plain)
    if at < 0:
        return None
    return at + len(_plain(body[:first]))


def _snippet_sql(index: str, column: int) -> str:
    return f"snippet({index}, {column}, '{_OPEN}', '{_CLOSE}', '{_CUT}', {SNIPPET_TOKENS})"


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """Hits for `query` across the library, grouped by article, best article first."""
    expr = match_expression(query)
    if expr is None or limit <= 0:
        return []
    from sqlalchemy import text as sql

    conn = session.connection()
    per_table = max(limit, 20)
    candidates: list[tuple[int, str, str | None, str, float, int | None]] = []
    # (article_id, field, ref, raw snippet, rank, start)

    rows = conn.execute(
        sql(
            # ORDER BY rank lets FTS5 sort by itself, so snippets are made only for the rows
            # kept; a title match weighs five times a match in the text.
            f"SELECT rowid, rank, "
            f"{_snippet_sql('search_article', 1)}, "
            f"highlight(search_article, 0, '{_OPEN}', '{_CLOSE}') "
            f"FROM search_article WHERE search_article MATCH :q "
            f"AND rank MATCH 'bm25(5.0, 1.0)' ORDER BY rank LIMIT :n"
        ),
        {"q": expr, "n": per_table},
    ).all()
    for pos, (article_id, _score, text_snip, title_hl) in enumerate(rows):
        if _OPEN in text_snip:
            candidates.append((article_id, "text", None, text_snip, _fused(pos), None))
        else:
            candidates.append((article_id, "title", None, title_hl, _fused(pos), None))

    for index, table, field, ref_col, start_col in (
        ("search_statement", "statement", "statement", "c.key", "c.start"),
        ("search_source", "article_source", "source", "c.key", "NULL"),
        ("search_note", "highlight", "note", "CAST(c.id AS TEXT)", "c.start"),
    ):
        rows = conn.execute(
            sql(
                f"SELECT c.article_id, {ref_col}, {start_col}, {index}.rank, "
                f"{_snippet_sql(index, 0)}"
                f"{', c.mentions' if table == 'article_source' else ''} "
                f"FROM {index} JOIN {table} AS c ON c.id = {index}.rowid "
                f"WHERE {index} MATCH :q ORDER BY {index}.rank LIMIT :n"
            ),
            {"q": expr, "n": per_table},
        ).all()
        for pos, row in enumerate(rows):
            start = row[2]
            if table == "article_source":
                start = _first_mention(row[5])
            candidates.append((row[0], field, row[1], row[4], _fused(pos, field), start))

    return _group(conn, candidates, limit)


def _fused(position: int, field: str = "text") -> float:
    """A hit's rank from its place in its own index's BM25 order (reciprocal rank fusion):
    scores of different FTS tables are not comparable, places are. Lower is better."""
    return -FIELD_WEIGHTS.get(field, 1.0) / (FUSION_K + position)


def _article_score(hits: list[tuple[int, str, str | None, str, float, int | None]]) -> float:
    """An article's place: its text and the reader's notes count; statements and source names
    are cut from the text, so they count only for an article matched by nothing else."""
    primary = [h[4] for h in hits if h[1] in ("title", "text", "note")]
    return sum(primary) if primary else min(h[4] for h in hits)


def _first_mention(mentions: str | None) -> int | None:
    import json

    try:
        spans = json.loads(mentions or "[]")
        return min(int(s[0]) for s in spans) if spans else None
    except (ValueError, TypeError, IndexError):
        return None


def _group(
    conn: Connection,
    candidates: list[tuple[int, str, str | None, str, float, int | None]],
    limit: int,
) -> list[SearchHit]:
    by_article: dict[int, list[tuple[int, str, str | None, str, float, int | None]]] = {}
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
    from sqlalchemy import text as sql

    marks = ", ".join(str(int(a)) for a in chosen)
    articles = {
        r[0]: (r[1], r[2])
        for r in conn.execute(sql(f"SELECT id, title, text FROM article WHERE id IN ({marks})"))
    }
    hits: list[SearchHit] = []
    for article_id in chosen:
        if article_id not in articles:
            continue
        title, body = articles[article_id]
        for _aid, field, ref, snip, rank, start in by_article[article_id][:HITS_PER_ARTICLE]:
            if field == "text":
                start = _offset_in(body, snip)
            hits.append(
                SearchHit(
                    article_id=article_id,
                    article_title=title,
                    field=field,
                    ref=ref,
                    snippet=_public(snip),
                    rank=round(float(rank), 6),
                    start=start,
                )
            )
            if len(hits) >= limit:
                return hits
    return hits


def ensure_search_index(conn: Connection, rebuild: bool = False) -> None:
    """Re-create any missing search trigger (a batch migration that rebuilds a table drops
    its triggers) and, with `rebuild`, re-index everything from the content tables."""
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

    try:
        for index in INDEXES:
            conn.exec_driver_sql(
                f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"
            )
    except DatabaseError:
        return False
    return True
