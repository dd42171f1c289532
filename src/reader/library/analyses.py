"""An article's analysis as stored (derived rows, never user data): computing and storing it
(the user's corrections re-mapped and the library links replayed), reading it back, and
analysing again the articles another engine analysed."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.analysis import analyze
from reader.engine import engine_version
from reader.library.corrections import remap_corrections
from reader.library.identity import library_source_for, relink_sources
from reader.library.rows import view_from_rows
from reader.library.views import ArticleView

if TYPE_CHECKING:
    from sqlmodel import Session

    from reader.store.database import Database
    from reader.store.models import Article
    from reader.store.snapshot import Where  # the library file, or a PostgreSQL location

Progress = Callable[[int, int], None]


def store_analysis(s: Session, article: Article) -> None:
    """Recompute the derived rows of one article; user data is not touched."""
    from sqlmodel import col, delete

    from reader.store.models import ArticleSource, Statement

    assert article.id is not None
    lock_analysis(s, article.id)  # another client re-analysing it finishes first
    analysis = analyze(article.text, title=article.title)
    s.exec(delete(Statement).where(col(Statement.article_id) == article.id))
    s.exec(delete(ArticleSource).where(col(ArticleSource.article_id) == article.id))
    for src in analysis.sources:
        lib_id = library_source_for(s, src)
        s.add(
            ArticleSource(
                article_id=article.id,
                key=src.id,
                name=src.name,
                kind=src.kind,
                role=src.role,
                affiliation=src.affiliation,
                mentions=json.dumps([list(m) for m in src.mentions]),
                library_source_id=lib_id,
            )
        )
    for st in analysis.statements:
        s.add(
            Statement(
                article_id=article.id,
                key=st.id,
                source_key=st.source,
                kind=st.kind,
                start=st.start,
                end=st.end,
                content=json.dumps([list(p) for p in st.content]),
                text=" … ".join(article.text[a:b] for a, b in st.content),
                cue=json.dumps(list(st.cue)) if st.cue else None,
                cue_text=st.cue_text,
                source_mention=json.dumps(list(st.source_mention)) if st.source_mention else None,
                hedges=json.dumps(list(st.hedges)),
                stance=st.stance,
                continues=st.continues,
            )
        )
    article.analysis_version = engine_version()
    s.add(article)
    s.flush()
    remap_corrections(s, article, analysis)  # the user's corrections, on the new ids
    relink_sources(s, article.id)  # the user's renames and merges, replayed


# (class id, article id) of the advisory lock held while an article's analysis is replaced; the
# class id keeps it apart from other advisory locks (the migrations' one)
ANALYSIS_LOCK_CLASS = 0x52454144  # "READ"


def lock_analysis(s: Session, article_id: int, wait: bool = True) -> bool:
    """Hold, until the session's transaction ends, the right to replace the article's derived
    rows, so that two clients re-analysing it never interleave their deletes and inserts; with
    `wait` False, True only when no other client holds it now. On PostgreSQL a transaction
    advisory lock; on SQLite the write lock serialises writers already, and this is a no-op."""
    from sqlalchemy import text

    if s.get_bind().dialect.name != "postgresql":
        return True
    fn = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
    got = s.connection().execute(
        text(f"SELECT {fn}(:c, :a)"), {"c": ANALYSIS_LOCK_CLASS, "a": article_id}
    )
    return True if wait else bool(got.scalar())


def load_view(s: Session, article: Article) -> ArticleView:
    """What the window shows for the article: its stored analysis with the user's corrections
    applied, its highlights and its sources' library links (rows → view as in rows.py, the
    same way the fast reopen reads them)."""
    from sqlmodel import col, select

    from reader.store.models import ArticleSource, Correction, Highlight, Statement

    def rows(table: Any, order: Any) -> list[Any]:
        query = select(table).where(table.article_id == article.id).order_by(col(order))
        return list(s.exec(query).all())

    return view_from_rows(
        article,
        rows(ArticleSource, ArticleSource.id),
        rows(Statement, Statement.start),
        rows(Correction, Correction.id),
        rows(Highlight, Highlight.start),
    )


# ---- stale analyses: made by another engine than this one -------------------------------------


def stale_articles(db_path: Where) -> list[int]:
    """Articles whose analysis was made by another engine than this one (read without
    SQLAlchemy: the window asks at start-up)."""
    from reader.store.snapshot import stale_article_ids

    return stale_article_ids(db_path, engine_version())


def reanalyze(db: Database, article_id: int) -> bool:
    """Analyse one article again if another engine analysed it (corrections re-mapped, user
    data untouched); False when it was current, is gone, or the library read-only."""
    from reader.store.models import Article

    if db.read_only:
        return False
    with db.session() as s:
        if not lock_analysis(s, article_id, wait=False):
            return False  # another client is analysing it now: theirs will do
        a = s.get(Article, article_id)
        if a is None or a.analysis_version == engine_version():
            return False  # deleted, or opened (so analysed) meanwhile
        store_analysis(s, a)
        return True


def reanalyze_stale(
    db: Database, progress: Progress | None = None, cancel: threading.Event | None = None
) -> int:
    """Analyse again, one article per transaction, every article a previous engine analysed;
    `progress(done, total)` after each, and stop between articles once `cancel` is set.
    Returns how many were analysed."""
    if db.read_only:
        return 0
    todo = stale_articles(db.location)
    done = 0
    for i, article_id in enumerate(todo, 1):
        if cancel is not None and cancel.is_set():
            break
        done += reanalyze(db, article_id)
        if progress is not None:
            progress(i, len(todo))
    return done
