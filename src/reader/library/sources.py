"""Library-wide sources: one record per person or body across articles with its counts, where
it appears, and the user's rating and note on it (user data).

`Library` delegates its source operations here. The reads the Sources panel makes when an
article opens (`library_sources`, `library_source`, `source_appearances`) go through the
standard library's sqlite3 (store/snapshot.py), so the window shows them without loading
SQLAlchemy; edits go through sqlmodel sessions of the library's `Database`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.errors import NotFoundError
from reader.library.ratings import RatingSpread, read_member_ratings
from reader.library.rows import corrected
from reader.store.records import (
    ArticleRecord,
    CorrectionRecord,
    LibrarySourceRecord,
    SourceRecord,
    StatementRecord,
)
from reader.store.snapshot import read_rows, reading

if TYPE_CHECKING:
    import sqlite3

    from sqlmodel import Session

    from reader.store.snapshot import Where

RATINGS = range(-2, 3)


@dataclass(frozen=True)
class LibrarySourceInfo:
    """One library source with its counts over the library (corrections applied)."""

    id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    articles: int
    statements: int
    rating: int | None  # the user's own (library/ratings.py)
    note: str  # the user's own, private
    rating_version: int = 0  # what a change of them is based on (0: none yet)
    note_version: int = 0
    spread: RatingSpread = field(default_factory=RatingSpread)  # the team's, the user's included

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "articles": self.articles,
            "statements": self.statements,
            "rating": self.rating,
            "note": self.note,
            "team": self.spread.to_json(),
        }


class SourceAppearance(NamedTuple):
    """An article quoting a library source, and what it quoted (statement texts, in order)."""

    article_id: int
    title: str
    statements: list[str]


@dataclass(frozen=True)
class ArticleReading:
    """One article's sources and statements as corrected, with their library links."""

    sources: list[AnalysisSource]
    statements: list[AnalysisStatement]
    texts: dict[str, str]  # statement key → its text
    links: dict[str, int | None]  # source key → LibrarySource.id


def readings(s: Session, article_ids: Iterable[int] | None = None) -> dict[int, ArticleReading]:
    """Every (or the given) article's corrected sources and statements, read in session `s`."""
    from sqlmodel import col, select

    from reader.store.models import ArticleSource, Correction, Statement

    src_q = select(ArticleSource).order_by(col(ArticleSource.id))
    st_q = select(Statement).order_by(col(Statement.start))
    co_q = select(Correction).order_by(col(Correction.id))
    if article_ids is not None:
        ids = list(article_ids)
        src_q = src_q.where(col(ArticleSource.article_id).in_(ids))
        st_q = st_q.where(col(Statement.article_id).in_(ids))
        co_q = co_q.where(col(Correction.article_id).in_(ids))
    return _read(s.exec(src_q), s.exec(st_q), s.exec(co_q))


def _readings_of(
    conn: sqlite3.Connection, article_ids: Iterable[int] | None = None
) -> dict[int, ArticleReading]:
    """As `readings`, through a sqlite3 connection of store.snapshot."""
    ids = None if article_ids is None else list(article_ids)
    return _read(
        read_rows(conn, SourceRecord, "id", article_ids=ids),
        read_rows(conn, StatementRecord, "start", article_ids=ids),
        read_rows(conn, CorrectionRecord, "id", article_ids=ids),
    )


def _read(
    source_rows: Iterable[Any], statement_rows: Iterable[Any], correction_rows: Iterable[Any]
) -> dict[int, ArticleReading]:
    """The rows of several articles, grouped by article and converted (rows.py)."""
    sources: dict[int, list] = {}
    for r in source_rows:
        sources.setdefault(r.article_id, []).append(r)
    statements: dict[int, list] = {}
    for r in statement_rows:
        statements.setdefault(r.article_id, []).append(r)
    corrections: dict[int, list] = {}
    for r in correction_rows:
        corrections.setdefault(r.article_id, []).append(r)
    out = {}
    for aid in set(sources) | set(statements):
        # the same conversion as opening the article: nothing of the analysis is dropped
        srcs, sts = corrected(
            sources.get(aid, []), statements.get(aid, []), corrections.get(aid, [])
        )
        out[aid] = ArticleReading(
            sources=srcs,
            statements=sts,
            texts={r.key: r.text for r in statements.get(aid, [])},
            links={r.key: r.library_source_id for r in sources.get(aid, [])},
        )
    return out


def library_sources(library: Where) -> list[LibrarySourceInfo]:
    """Every library source that appears in an article (or that the user rated or noted),
    most quoted first."""
    with reading(library) as conn:
        articles: dict[int, set[int]] = {}
        statements: dict[int, int] = {}
        for aid, article in _readings_of(conn).items():
            for src in article.sources:
                lib_id = article.links.get(src.id)
                if lib_id is None:
                    continue
                articles.setdefault(lib_id, set()).add(aid)
                statements[lib_id] = statements.get(lib_id, 0) + sum(
                    1 for st in article.statements if st.source == src.id
                )
        out = []
        team = read_member_ratings(conn)
        for row in read_rows(conn, LibrarySourceRecord, "id"):
            rating, rating_version = team.rating.get(row.id, (None, 0))
            note, note_version = team.note.get(row.id, ("", 0))
            spread = team.spread.get(row.id, RatingSpread())
            if row.id not in articles and rating is None and not note and not spread.count:
                continue  # left behind by a rename or merge; nothing of anyone's on it
            out.append(
                LibrarySourceInfo(
                    id=row.id,
                    name=row.name,
                    kind=row.kind,
                    role=row.role,
                    affiliation=row.affiliation,
                    articles=len(articles.get(row.id, ())),
                    statements=statements.get(row.id, 0),
                    rating=rating,
                    note=note,
                    rating_version=rating_version,
                    note_version=note_version,
                    spread=spread,
                )
            )
    out.sort(key=lambda r: (-r.statements, -r.articles, r.name.lower()))
    return out


def library_source(library: Where, library_source_id: int) -> LibrarySourceInfo:
    for info in library_sources(library):
        if info.id == library_source_id:
            return info
    with reading(library) as conn:
        row = _source_row(conn, library_source_id)
        return LibrarySourceInfo(
            row.id, row.name, row.kind, row.role, row.affiliation, 0, 0, None, ""
        )


def _source_row(conn, library_source_id: int) -> Any:
    found = read_rows(conn, LibrarySourceRecord, "id", where=("id", int(library_source_id)))
    if not found:
        raise NotFoundError(f"No source with id {library_source_id} in the library")
    return found[0]


def source_appearances(
    library: Where, library_source_id: int, exclude_article: int | None = None
) -> list[SourceAppearance]:
    """The articles quoting this source and what they quoted, newest article first."""
    with reading(library) as conn:
        _source_row(conn, library_source_id)
        article_ids = {
            r.article_id
            for r in read_rows(
                conn, SourceRecord, "id", where=("library_source_id", int(library_source_id))
            )
        }
        article_ids.discard(exclude_article)
        readings = _readings_of(conn, article_ids)
        out = []
        rows = read_rows(conn, ArticleRecord, "added_at DESC", article_ids=article_ids)
        for a in rows:
            article = readings.get(a.id)
            if article is None:
                continue
            keys = {k for k, v in article.links.items() if v == library_source_id}
            keys &= {src.id for src in article.sources}
            if not keys:
                continue
            quoted = [article.texts[st.id] for st in article.statements if st.source in keys]
            out.append(SourceAppearance(a.id, a.title, quoted))
        return out


# the user's rating and note, per member: library/ratings.py (rate_source, set_source_note)
