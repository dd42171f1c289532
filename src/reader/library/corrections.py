"""The user's corrections of an article's analysis (rename, merge, move, not a statement):
recorded after checking they name what the article holds, anchored to what they were made on,
re-mapped to the ids of every new analysis (one that no longer fits is kept as orphaned), and
undone (user data). Corrections are the team's: every member reads them; each records its
creator, and only they undo it."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from reader.annotate.corrections import correction_anchor, remap
from reader.errors import NotFoundError, ReaderError
from reader.library.identity import relink_sources
from reader.library.rows import corrected
from reader.library.sources import readings
from reader.store.records import CorrectionRecord
from reader.store.snapshot import read_rows, reading

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.store.database import Database
    from reader.store.models import Correction
    from reader.store.snapshot import Where  # the library file, or a PostgreSQL location

log = logging.getLogger(__name__)
CORRECTION_ACTIONS = ("rename", "merge", "move", "not_statement")


def add_correction(
    db: Database,
    article_id: int,
    action: str,
    *,
    source_key: str | None = None,
    statement_key: str | None = None,
    value: str | None = None,
) -> int:
    """Record a correction after checking it names what the corrected article holds."""
    from reader.library.members import identity_in
    from reader.store.models import Article, Correction

    assert action in CORRECTION_ACTIONS
    with db.session() as s:
        if s.get(Article, article_id) is None:
            raise NotFoundError(f"No article with id {article_id} in the library")
        reading = readings(s, [article_id]).get(article_id)
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
            creator=identity_in(s, keep=True),
        )
        s.add(c)
        s.flush()
        assert c.id is not None
        relink_sources(s, article_id)
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
    assert article is not None  # checked by add_correction in this session
    srcs, sts = corrected(
        s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id)),
        s.exec(select(Statement).where(Statement.article_id == article_id)),
        (),  # the analysis as the engine gave it
    )
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
        c.version += 1
        s.add(c)
    s.flush()


def orphaned_corrections(db_path: Where, article_id: int) -> list[Any]:
    """The article's corrections that no longer fit its analysis (kept, not applied), as rows
    with the Correction columns; read without SQLAlchemy (the window asks when an article
    opens)."""
    with reading(db_path) as conn:
        rows = read_rows(conn, CorrectionRecord, "id", article_ids=[int(article_id)])
    return [r for r in rows if r.orphaned]


def undo_correction(db: Database, correction_id: int) -> None:
    """Delete a correction: the article reads as it did before it. Only its creator may."""
    from reader.library.members import identity_in
    from reader.store.models import Correction

    with db.session() as s:
        c = s.get(Correction, correction_id)
        if c is None:
            raise NotFoundError(f"No correction with id {correction_id}")
        if c.creator and c.creator != identity_in(s):
            raise ReaderError(f"This correction is {c.creator}'s: only they can undo it")
        article_id = c.article_id
        keys = {k for k in (c.source_key, c.value) if k and c.action in ("rename", "merge")}
        s.delete(c)
        s.flush()
        relink_sources(s, article_id, also=keys)


def corrections(db: Database, article_id: int) -> list[Correction]:
    from sqlmodel import col, select

    from reader.store.models import Correction

    with db.session() as s:
        rows = s.exec(
            select(Correction)
            .where(Correction.article_id == article_id)
            .order_by(col(Correction.id))
        ).all()
        for r in rows:
            s.expunge(r)
        return list(rows)
