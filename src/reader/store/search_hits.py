"""The engine-independent half of search: what a person typed as words, phrases and a prefix
(`chunks`, `query_terms`), the time limit and cancel flag of one search (`Limits`), the hits
(`SearchHit`), and how each index's best rows become hits grouped by article with their
snippets (`group`, reading the article texts through `ArticleTexts`). reader.store.search
(FTS5 on SQLite) and reader.store.search_pg (tsvector on PostgreSQL) rank; this groups."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import asdict, dataclass
from typing import Protocol

from reader.errors import ReaderError
from reader.store import snippets
from reader.store.snippets import MARK_CLOSE, MARK_OPEN, Term

log = logging.getLogger(__name__)

HITS_PER_ARTICLE = 5
SEARCH_SECONDS = 5.0  # the time limit of one search
MAX_TERMS = 64  # words or phrases of one query that are searched
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


Candidate = tuple[int, str, str | None, str, float, int | None]
# (article_id, field, ref, the matched row's text, rank, start)


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
