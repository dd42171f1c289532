"""What the library hands the window and the CLI: an article's record, its highlights, the
opened article with its analysis, and a deleted article kept for undo (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.analysis import Analysis
from reader.store.drafts import NoteDraft

__all__ = [
    "ArticleBundle",
    "ArticleInfo",
    "ArticleView",
    "HighlightInfo",
    "NoteDraft",
    "article_info",
    "highlight_info",
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


@dataclass(frozen=True)
class ArticleView:
    """An opened article: its record, its analysis (corrections applied) and the user's marks."""

    info: ArticleInfo
    text: str
    analysis: Analysis
    highlights: tuple[HighlightInfo, ...] = ()
    library_sources: dict[str, int] = field(default_factory=dict)  # source key → LibrarySource.id


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
    )
