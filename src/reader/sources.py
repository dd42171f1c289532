"""Library-wide sources: one record per person or body across articles, the user's rating and
note on it, where it appears, and the user's corrections of the analysis (user data).

`Library` delegates its source operations here; every function takes the open `Library`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlmodel import col, select

from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.annotate.corrections import apply_corrections
from reader.errors import NotFoundError, ReaderError
from reader.store.models import Article, ArticleSource, Correction, LibrarySource, Statement

if TYPE_CHECKING:
    from reader.library import Library

RATINGS = range(-2, 3)
CORRECTION_ACTIONS = ("rename", "merge", "move", "not_statement")


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
    rating: int | None
    note: str

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
        }


class SourceAppearance(NamedTuple):
    """An article quoting a library source, and what it quoted (statement texts, in order)."""

    article_id: int
    title: str
    statements: list[str]


@dataclass(frozen=True)
class _ArticleReading:
    """One article's sources and statements as corrected, with their library links."""

    sources: list[AnalysisSource]
    statements: list[AnalysisStatement]
    texts: dict[str, str]  # statement key → its text
    links: dict[str, int | None]  # source key → LibrarySource.id


def _readings(s, article_ids: Iterable[int] | None = None) -> dict[int, _ArticleReading]:
    """Every (or the given) article's corrected sources and statements, read from the rows."""
    src_q = select(ArticleSource).order_by(ArticleSource.id)
    st_q = select(Statement).order_by(Statement.start)
    co_q = select(Correction).order_by(Correction.id)
    if article_ids is not None:
        ids = list(article_ids)
        src_q = src_q.where(col(ArticleSource.article_id).in_(ids))
        st_q = st_q.where(col(Statement.article_id).in_(ids))
        co_q = co_q.where(col(Correction.article_id).in_(ids))
    sources: dict[int, list[ArticleSource]] = {}
    for r in s.exec(src_q):
        sources.setdefault(r.article_id, []).append(r)
    statements: dict[int, list[Statement]] = {}
    for r in s.exec(st_q):
        statements.setdefault(r.article_id, []).append(r)
    corrections: dict[int, list[Correction]] = {}
    for r in s.exec(co_q):
        corrections.setdefault(r.article_id, []).append(r)
    out = {}
    for aid in set(sources) | set(statements):
        srcs = [
            AnalysisSource(
                id=r.key, name=r.name, kind=r.kind, role=r.role, affiliation=r.affiliation
            )
            for r in sources.get(aid, [])
        ]
        sts = [
            AnalysisStatement(
                id=r.key, source=r.source_key, kind=r.kind, content=((r.start, r.end),)
            )
            for r in statements.get(aid, [])
        ]
        if corrections.get(aid):
            srcs, sts = apply_corrections(srcs, sts, corrections[aid])
        out[aid] = _ArticleReading(
            sources=srcs,
            statements=sts,
            texts={r.key: r.text for r in statements.get(aid, [])},
            links={r.key: r.library_source_id for r in sources.get(aid, [])},
        )
    return out


def library_sources(lib: Library) -> list[LibrarySourceInfo]:
    """Every library source that appears in an article (or that the user rated or noted),
    most quoted first."""
    with lib.db.session() as s:
        articles: dict[int, set[int]] = {}
        statements: dict[int, int] = {}
        for aid, reading in _readings(s).items():
            for src in reading.sources:
                lib_id = reading.links.get(src.id)
                if lib_id is None:
                    continue
                articles.setdefault(lib_id, set()).add(aid)
                statements[lib_id] = statements.get(lib_id, 0) + sum(
                    1 for st in reading.statements if st.source == src.id
                )
        out = []
        for row in s.exec(select(LibrarySource)):
            assert row.id is not None
            if row.id not in articles and row.rating is None and not row.note:
                continue  # left behind by a rename or merge; nothing of the user's on it
            out.append(
                LibrarySourceInfo(
                    id=row.id,
                    name=row.name,
                    kind=row.kind,
                    role=row.role,
                    affiliation=row.affiliation,
                    articles=len(articles.get(row.id, ())),
                    statements=statements.get(row.id, 0),
                    rating=row.rating,
                    note=row.note,
                )
            )
    out.sort(key=lambda r: (-r.statements, -r.articles, r.name.lower()))
    return out


def library_source(lib: Library, library_source_id: int) -> LibrarySourceInfo:
    for info in library_sources(lib):
        if info.id == library_source_id:
            return info
    with lib.db.session() as s:
        row = _get_source(s, library_source_id)
        assert row.id is not None
        return LibrarySourceInfo(
            row.id, row.name, row.kind, row.role, row.affiliation, 0, 0, row.rating, row.note
        )


def source_appearances(
    lib: Library, library_source_id: int, exclude_article: int | None = None
) -> list[SourceAppearance]:
    """The articles quoting this source and what they quoted, newest article first."""
    with lib.db.session() as s:
        _get_source(s, library_source_id)
        article_ids = set(
            s.exec(
                select(ArticleSource.article_id).where(
                    ArticleSource.library_source_id == library_source_id
                )
            ).all()
        )
        article_ids.discard(exclude_article)  # type: ignore[arg-type]
        readings = _readings(s, article_ids)
        out = []
        rows = s.exec(
            select(Article)
            .where(col(Article.id).in_(article_ids))
            .order_by(col(Article.added_at).desc())
        ).all()
        for a in rows:
            assert a.id is not None
            reading = readings.get(a.id)
            if reading is None:
                continue
            keys = {k for k, v in reading.links.items() if v == library_source_id}
            keys &= {src.id for src in reading.sources}
            if not keys:
                continue
            quoted = [reading.texts[st.id] for st in reading.statements if st.source in keys]
            out.append(SourceAppearance(a.id, a.title, quoted))
        return out


# ---- the user's rating and note ------------------------------------------------------------


def _get_source(s, library_source_id: int) -> LibrarySource:
    row = s.get(LibrarySource, library_source_id)
    if row is None:
        raise NotFoundError(f"No source with id {library_source_id} in the library")
    return row


def rate_source(lib: Library, library_source_id: int, rating: int | None) -> None:
    """Set the user's trust rating, −2 (distrusted) … +2 (trusted), or None (not rated)."""
    if rating is not None and (isinstance(rating, bool) or int(rating) not in RATINGS):
        raise ReaderError(f"A rating goes from -2 to +2, not {rating}")
    with lib.db.session() as s:
        row = _get_source(s, library_source_id)
        row.rating = None if rating is None else int(rating)
        s.add(row)


def set_source_note(lib: Library, library_source_id: int, note: str) -> None:
    with lib.db.session() as s:
        row = _get_source(s, library_source_id)
        row.note = note or ""
        s.add(row)


# ---- corrections (user data, replayed after every re-analysis) ---------------------------


def add_correction(
    lib: Library,
    article_id: int,
    action: str,
    *,
    source_key: str | None = None,
    statement_key: str | None = None,
    value: str | None = None,
) -> int:
    """Record a correction after checking it names what the corrected article holds."""
    assert action in CORRECTION_ACTIONS
    with lib.db.session() as s:
        if s.get(Article, article_id) is None:
            raise NotFoundError(f"No article with id {article_id} in the library")
        reading = _readings(s, [article_id]).get(article_id)
        keys = {src.id for src in reading.sources} if reading else set()
        st_keys = {st.id for st in reading.statements} if reading else set()
        for key in (source_key, value if action in ("merge", "move") else None):
            if key is not None and key not in keys:
                raise NotFoundError(f"No source {key} in article {article_id}")
        if statement_key is not None and statement_key not in st_keys:
            raise NotFoundError(f"No statement {statement_key} in article {article_id}")
        if action == "rename" and not (value or "").strip():
            raise ReaderError("A source needs a name")
        if action == "merge" and source_key == value:
            raise ReaderError("A source cannot be merged into itself")
        c = Correction(
            article_id=article_id,
            action=action,
            source_key=source_key,
            statement_key=statement_key,
            value=value.strip() if action == "rename" and value else value,
        )
        s.add(c)
        s.flush()
        assert c.id is not None
        relink_sources(lib, s, article_id)
        return c.id


def undo_correction(lib: Library, correction_id: int) -> None:
    """Delete a correction: the article reads as it did before it."""
    with lib.db.session() as s:
        c = s.get(Correction, correction_id)
        if c is None:
            raise NotFoundError(f"No correction with id {correction_id}")
        article_id = c.article_id
        keys = {k for k in (c.source_key, c.value) if k and c.action in ("rename", "merge")}
        s.delete(c)
        s.flush()
        relink_sources(lib, s, article_id, also=keys)


def corrections(lib: Library, article_id: int) -> list[Correction]:
    with lib.db.session() as s:
        rows = s.exec(
            select(Correction).where(Correction.article_id == article_id).order_by(Correction.id)
        ).all()
        for r in rows:
            s.expunge(r)
        return list(rows)


def relink_sources(lib: Library, s, article_id: int, also: set[str] | None = None) -> None:
    """Point an article's sources at library sources as the user's corrections say: a renamed
    source is looked up under its new name, a merged one takes its target's library source.
    Sources no correction names keep the link the analysis gave them; `also` names keys to
    look up again (those of a correction just undone)."""
    rows = {
        r.key: r
        for r in s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id))
    }
    fixes = s.exec(
        select(Correction).where(Correction.article_id == article_id).order_by(Correction.id)
    ).all()
    touched = {c.source_key for c in fixes if c.action in ("rename", "merge")}
    touched |= {c.value for c in fixes if c.action == "merge"}
    touched |= {k for k, r in rows.items() if r.library_source_id is None}
    touched |= also or set()
    names = {k: r.name for k, r in rows.items()}
    for c in fixes:
        if c.action == "rename" and c.source_key in names and c.value:
            names[c.source_key] = c.value
    # links as the names say, then merges in the order they were made
    links = {k: r.library_source_id for k, r in rows.items()}
    for key in touched:
        r = rows.get(key)
        if r is None:
            continue
        links[key] = lib._library_source_for(
            s,
            AnalysisSource(
                id=key, name=names[key], kind=r.kind, role=r.role, affiliation=r.affiliation
            ),
        )
    merged: dict[str, str] = {}
    for c in fixes:
        if c.action == "merge" and c.source_key in rows and c.value in rows:
            merged[c.source_key] = c.value
    for key in merged:
        target, seen = merged[key], {key}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        links[key] = links.get(target)
    for key, r in rows.items():
        if r.library_source_id != links[key]:
            r.library_source_id = links[key]
            s.add(r)
    s.flush()
