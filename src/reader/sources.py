"""Library-wide sources: one record per person or body across articles, the user's rating and
note on it, where it appears, and the user's corrections of the analysis (user data).

`Library` delegates its source operations here; every function takes the open `Library`.
The reads the Sources panel makes when an article opens (`library_sources`, `library_source`,
`source_appearances`) go through the standard library's sqlite3 (store/snapshot.py), so the
window shows them without loading SQLAlchemy; edits go through sqlmodel sessions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.annotate.corrections import apply_corrections, correction_anchor, remap
from reader.errors import NotFoundError, ReaderError
from reader.store.snapshot import read_rows, reading

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.library import Library
    from reader.store.models import Correction, LibrarySource

log = logging.getLogger(__name__)
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


def _readings_of(conn, article_ids: Iterable[int] | None = None) -> dict[int, _ArticleReading]:
    """As `_readings`, through a sqlite3 connection of store.snapshot."""
    ids = None if article_ids is None else list(article_ids)
    return _read(
        read_rows(conn, "article_source", "id", article_ids=ids),
        read_rows(conn, "statement", "start", article_ids=ids),
        read_rows(conn, "correction", "id", article_ids=ids),
    )


def _read(source_rows, statement_rows, correction_rows) -> dict[int, _ArticleReading]:
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
    with reading(lib.db_path) as conn:
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
        for row in read_rows(conn, "library_source", "id"):
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
    with reading(lib.db_path) as conn:
        row = _source_row(conn, library_source_id)
        return LibrarySourceInfo(
            row.id, row.name, row.kind, row.role, row.affiliation, 0, 0, row.rating, row.note
        )


def _source_row(conn, library_source_id: int) -> Any:
    found = read_rows(conn, "library_source", "id", where=("id", int(library_source_id)))
    if not found:
        raise NotFoundError(f"No source with id {library_source_id} in the library")
    return found[0]


def source_appearances(
    lib: Library, library_source_id: int, exclude_article: int | None = None
) -> list[SourceAppearance]:
    """The articles quoting this source and what they quoted, newest article first."""
    with reading(lib.db_path) as conn:
        _source_row(conn, library_source_id)
        article_ids = {
            r.article_id
            for r in read_rows(
                conn, "article_source", "id", where=("library_source_id", int(library_source_id))
            )
        }
        article_ids.discard(exclude_article)
        readings = _readings_of(conn, article_ids)
        out = []
        rows = read_rows(conn, "article", "added_at DESC", article_ids=article_ids)
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


# ---- the user's rating and note ------------------------------------------------------------


def _get_source(s, library_source_id: int) -> LibrarySource:
    from reader.store.models import LibrarySource

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
    from reader.store.models import Article, Correction

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
            anchor=json.dumps(_anchor(s, article_id, action, source_key, statement_key, value)),
        )
        s.add(c)
        s.flush()
        assert c.id is not None
        relink_sources(lib, s, article_id)
        return c.id


def _anchor(
    s,
    article_id: int,
    action: str,
    source_key: str | None,
    statement_key: str | None,
    value: str | None,
) -> dict[str, Any]:
    """The anchors of a new correction, read from the article's analysis as the engine gave it
    (the ids name its rows, whatever earlier corrections did to them)."""
    from sqlmodel import select

    from reader.store.models import Article, ArticleSource, Statement

    article = s.get(Article, article_id)
    srcs = [
        AnalysisSource(
            id=r.key,
            name=r.name,
            kind=r.kind,
            mentions=tuple(tuple(m) for m in json.loads(r.mentions)),
        )
        for r in s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id))
    ]
    sts = [
        AnalysisStatement(id=r.key, source=r.source_key, kind=r.kind, content=((r.start, r.end),))
        for r in s.exec(select(Statement).where(Statement.article_id == article_id))
    ]
    return correction_anchor(article.text, srcs, sts, action, source_key, statement_key, value)


def remap_corrections(s, article: Any, analysis: Analysis) -> None:
    """Put an article's corrections on the ids of its new analysis by their anchors (see
    annotate/corrections.py); one that no longer fits is marked orphaned and left as it was."""
    from sqlmodel import col, select

    from reader.store.models import Correction

    fixes = s.exec(
        select(Correction).where(Correction.article_id == article.id).order_by(col(Correction.id))
    ).all()
    if not fixes:
        return
    placed = remap(article.text, list(analysis.sources), list(analysis.statements), list(fixes))
    for c, r in zip(fixes, placed, strict=True):
        if r.orphaned and not c.orphaned:
            log.info("correction %s (%s) of article %s is orphaned", c.id, c.action, article.id)
        c.source_key, c.statement_key, c.value = r.source_key, r.statement_key, r.value
        c.anchor, c.orphaned = r.anchor, r.orphaned
        s.add(c)
    s.flush()


def orphaned_corrections(lib: Library, article_id: int) -> list[Any]:
    """The article's corrections that no longer fit its analysis (kept, not applied), as rows
    with the Correction columns; read without SQLAlchemy (the window asks when an article
    opens)."""
    with reading(lib.db_path) as conn:
        rows = read_rows(conn, "correction", "id", article_ids=[int(article_id)])
    return [r for r in rows if r.orphaned]


def undo_correction(lib: Library, correction_id: int) -> None:
    """Delete a correction: the article reads as it did before it."""
    from reader.store.models import Correction

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
    from sqlmodel import col, select

    from reader.store.models import Correction

    with lib.db.session() as s:
        rows = s.exec(
            select(Correction)
            .where(Correction.article_id == article_id)
            .order_by(col(Correction.id))
        ).all()
        for r in rows:
            s.expunge(r)
        return list(rows)


def relink_sources(lib: Library, s, article_id: int, also: set[str] | None = None) -> None:
    """Point an article's sources at library sources as the user's corrections say: a renamed
    source is looked up under its new name, a merged one takes its target's library source.
    Sources no correction names keep the link the analysis gave them; `also` names keys to
    look up again (those of a correction just undone)."""
    from sqlmodel import col, select

    from reader.store.models import ArticleSource, Correction

    rows = {
        r.key: r
        for r in s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id))
    }
    fixes = s.exec(
        select(Correction)
        .where(Correction.article_id == article_id, col(Correction.orphaned).is_(False))
        .order_by(col(Correction.id))
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
