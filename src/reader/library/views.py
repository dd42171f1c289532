"""What the library hands the window and the CLI: an article's record, its highlights, the
opened article with its analysis and its sources' credibility signals, and a deleted article
kept for undo (frozen dataclasses). The analysis types the window shows (`Analysis`, `Source`,
`Statement`, `SourceSignals`…) are re-exported here, so the window needs nothing of
reader.analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.analysis import Analysis
from reader.analysis.credibility import Relation, SourceSignals
from reader.analysis.language import looks_english
from reader.analysis.model import Source, Span, Statement
from reader.store.drafts import NoteDraft

__all__ = [
    "Analysis",
    "ArticleBundle",
    "ArticleInfo",
    "ArticleView",
    "Citation",
    "HighlightInfo",
    "NoteDraft",
    "Relation",
    "Source",
    "SourceSignals",
    "Span",
    "Statement",
    "article_info",
    "highlight_info",
    "is_negation",
    "looks_english",
]


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    origin: str
    origin_kind: str
    site: str | None
    author: str | None
    published: str | None
    added_at: datetime
    opened_at: datetime | None
    scroll_pos: int
    sources: int = 0
    notes: int = 0


@dataclass(frozen=True)
class HighlightInfo:
    id: int
    article_id: int
    color: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str
    orphaned: bool
    created_at: datetime
    updated_at: datetime
    author: str = ""  # who wrote it when not the user (an annotation imported from a PDF)
    creator: str = ""  # the member who made (or imported) it (library/members.py)
    shared: bool = False  # read by the whole team; else private to its creator
    version: int = 1  # an edit carries the version it was based on (ConflictError)


@dataclass(frozen=True)
class Citation:
    """Where a source with no statement of its own is cited: a statement of another source
    whose content names it ("Morrison said that Fiona Hill told him …" cites Hill in
    Morrison's statement)."""

    statement: str  # Statement.id of the statement that names the source
    by: str  # Source.id of that statement's source
    mention: Span  # the first of the source's mentions inside that statement


@dataclass(frozen=True)
class ArticleView:
    """An opened article: its record, its analysis (corrections applied), the user's marks, and
    each source's credibility signals, computed once by the library (in the thread that called
    it, not the window's) for the window, the PDF export and the CLI alike."""

    info: ArticleInfo
    text: str
    analysis: Analysis
    highlights: tuple[HighlightInfo, ...] = ()
    library_sources: dict[str, int] = field(default_factory=dict)  # source key → LibrarySource.id
    signals: Mapping[str, SourceSignals] = field(default_factory=dict)  # source key → signals
    # source key → the statements of others that name it, for a source with no statement
    cited: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleBundle:
    """A deleted article kept for undo: the article row and the user's data on it."""

    article: dict
    highlights: tuple[HighlightInfo, ...] = ()
    corrections: tuple[dict, ...] = ()
    pdf: tuple[bytes, bytes] | None = None  # read from a PDF: its original and text map


def article_info(a: Any, sources: int = 0, notes: int = 0) -> ArticleInfo:
    """An article row (a model object or a row read with sqlite3) as the UI sees it."""
    assert a.id is not None
    return ArticleInfo(
        id=a.id,
        title=a.title,
        origin=a.origin,
        origin_kind=a.origin_kind,
        site=a.site,
        author=a.author,
        published=a.published,
        added_at=a.added_at,
        opened_at=a.opened_at,
        scroll_pos=a.scroll_pos,
        sources=sources,
        notes=notes,
    )


def highlight_info(h: Any) -> HighlightInfo:
    """A highlight row (a model object or a row read with sqlite3) as the UI sees it."""
    assert h.id is not None
    return HighlightInfo(
        id=h.id,
        article_id=h.article_id,
        color=h.color,
        start=h.start,
        end=h.end,
        exact=h.exact,
        prefix=h.prefix,
        suffix=h.suffix,
        note=h.note,
        orphaned=h.orphaned,
        created_at=h.created_at,
        updated_at=h.updated_at,
        author=h.author,
        creator=h.creator,
        shared=h.shared,
        version=h.version,
    )


def is_negation(words: str) -> bool:
    """Whether words the engine gave as a relation's evidence are a negation ("not", "never")
    or a denial ("denied", "rejects"): what makes two statements contradict."""
    from reader.analysis.credibility import DENIAL_STEMS, NEGATION_RE, stem

    w = words.strip()
    return bool(NEGATION_RE.fullmatch(w)) or any(stem(x) in DENIAL_STEMS for x in w.split())
