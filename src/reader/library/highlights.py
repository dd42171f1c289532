"""The user's highlights and notes on an article, and the drafts of notes being written (user
data; drafts are kept with the standard library's sqlite3, see store/drafts.py).

Each highlight records its creator (library/members.py) and is private to them unless shared;
on PostgreSQL row-level security holds that (revision 0008), so another member's private
highlight is not found at all. A change carries the version it was based on: one made
meanwhile elsewhere is never written over (ConflictError)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reader.errors import ConflictError, NotFoundError, ReaderError
from reader.library.views import HighlightInfo, NoteDraft, highlight_info

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

    from reader.store.database import Database
    from reader.store.snapshot import Where  # the library file, or a PostgreSQL location


def add_highlight(
    db: Database,
    article_id: int,
    start: int,
    end: int,
    color: str = "yellow",
    note: str = "",
    *,
    shared: bool = False,
) -> HighlightInfo:
    from reader.annotate.anchoring import quote_selector
    from reader.annotate.selection import snap_to_words
    from reader.library.members import identity_in
    from reader.store.models import Article, Highlight

    with db.session() as s:
        a = s.get(Article, article_id)
        if a is None:
            raise NotFoundError(f"No article with id {article_id} in the library")
        start, end = max(0, min(start, end)), min(len(a.text), max(start, end))
        start, end = snap_to_words(a.text, start, end)  # a mouse selection ends mid-word
        exact, prefix, suffix = quote_selector(a.text, start, end)
        h = Highlight(
            article_id=article_id,
            color=color,
            start=start,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            note=note,
            creator=identity_in(s, keep=True),
            shared=shared,
        )
        s.add(h)
        s.flush()
        return highlight_info(h)


def restore_highlight(db: Database, info: HighlightInfo) -> HighlightInfo:
    """Put back a deleted highlight exactly as it was (undo of delete)."""
    from reader.store.models import Highlight

    with db.session() as s:
        h = Highlight(
            id=info.id,
            article_id=info.article_id,
            color=info.color,
            start=info.start,
            end=info.end,
            exact=info.exact,
            prefix=info.prefix,
            suffix=info.suffix,
            note=info.note,
            orphaned=info.orphaned,
            created_at=info.created_at,
            updated_at=info.updated_at,
            author=info.author,
            creator=info.creator,
            shared=info.shared,
            version=info.version,
        )
        s.add(h)
        s.flush()
        return highlight_info(h)


def update_highlight(
    db: Database,
    highlight_id: int,
    *,
    color: str | None = None,
    note: str | None = None,
    shared: bool | None = None,
    base_version: int | None = None,
) -> HighlightInfo:
    """Change a highlight's colour, note or sharing. With `base_version` (the version the
    change was based on) a highlight changed meanwhile is left as it is and ConflictError says
    so, with what it holds now (`theirs`) and what this change would have made (`mine`)."""
    from sqlalchemy import update

    from reader.library.members import identity_in
    from reader.store.models import Highlight, utcnow

    with db.session() as s:
        h = _own_highlight(s, highlight_id, identity_in(s))
        stored = highlight_info(h)
        changes = {
            k: v for k, v in (("color", color), ("note", note), ("shared", shared)) if v is not None
        }
        mine = replace(stored, **changes)  # type: ignore[arg-type]
        if base_version is not None and base_version != h.version:
            raise _conflict(stored, mine)
        done: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's
            update(Highlight)
            .where(Highlight.id == highlight_id, Highlight.version == h.version)  # type: ignore[arg-type]
            .values(**changes, updated_at=utcnow(), version=h.version + 1)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:  # another change landed between the read and this write
            s.expire(h)
            raise _conflict(highlight_info(h), mine)
        s.refresh(h)
        return highlight_info(h)


def _own_highlight(s, highlight_id: int, me: str):  # -> Highlight
    from reader.store.models import Highlight

    h = s.get(Highlight, highlight_id)
    if h is None:
        raise NotFoundError(f"No highlight with id {highlight_id}")
    if h.creator and h.creator != me:
        raise ReaderError(f"This note is {h.creator}'s: only they can change it")
    return h


def _conflict(theirs: HighlightInfo, mine: HighlightInfo) -> ConflictError:
    return ConflictError(
        "This note was changed elsewhere since you opened it (version "
        f"{theirs.version}); nothing was written over: reload it, your text is kept",
        theirs,
        mine,
    )


def delete_highlight(db: Database, highlight_id: int) -> HighlightInfo:
    from reader.library.members import identity_in

    with db.session() as s:
        h = _own_highlight(s, highlight_id, identity_in(s))
        info = highlight_info(h)
        s.delete(h)
        return info


def reanchor_highlights(s, article: Any, *, stale_only: bool = False) -> None:
    """Place the user's highlights on the article's current text (after a changed page was
    imported again), by their quotes; one that cannot be found is marked orphaned. On
    PostgreSQL only the user's own: another member's private ones are out of sight and their
    shared ones not the user's to write — each member's are placed when they open the article
    (`stale_only`: those whose quote no longer stands at their place)."""
    from sqlmodel import select

    from reader.annotate.anchoring import reanchor
    from reader.library.members import identity_in
    from reader.store.models import Highlight

    query = select(Highlight).where(Highlight.article_id == article.id)
    if s.get_bind().dialect.name == "postgresql":
        query = query.where(Highlight.creator == identity_in(s))
    text = article.text
    for h in s.exec(query).all():
        if stale_only and (h.orphaned or text[h.start : h.end] == h.exact):
            continue
        placed = reanchor(text, h.exact, h.prefix, h.suffix, h.start)
        if placed is None:
            h.orphaned = True
        else:
            h.start, h.end = placed
            h.orphaned = False
        s.add(h)


def delete_team_article(s, article: Any) -> None:
    """Delete an article of a PostgreSQL library: the user's highlights on it first (another
    member's do not go with it: see revision 0008), then the article — refused, with nothing
    deleted, while another member's highlights hold it."""
    from sqlalchemy import delete
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import col

    from reader.library.members import identity_in
    from reader.store.models import Article, Highlight

    s.execute(
        delete(Highlight).where(
            col(Highlight.article_id) == article.id,
            col(Highlight.creator) == identity_in(s),
        )
    )
    try:
        with s.begin_nested():
            s.execute(delete(Article).where(col(Article.id) == article.id))
    except IntegrityError:
        raise ReaderError(
            f"Other members have highlights or notes on “{article.title}”: it stays in the library"
        ) from None


def highlights(db: Database, article_id: int) -> list[HighlightInfo]:
    from sqlmodel import col, select

    from reader.store.models import Highlight

    with db.session() as s:
        rows = s.exec(
            select(Highlight)
            .where(Highlight.article_id == article_id)
            .order_by(col(Highlight.start))
        ).all()
        return [highlight_info(h) for h in rows]


# ---- note drafts: a note being written, kept as it is typed ----------------------------------


def save_note_draft(
    db_path: Where,
    article_id: int,
    text: str,
    *,
    highlight_id: int | None = None,
    start: int = 0,
    end: int = 0,
    color: str = "yellow",
) -> None:
    """Keep the text of the note being written on the highlight (or, for a new note, on the
    range [start, end)); a highlight deleted meanwhile leaves a draft on its range."""
    from reader.annotate.anchoring import quote_selector
    from reader.store import drafts

    with drafts.transaction(db_path) as conn:
        article = drafts.article_text(conn, article_id)
        if article is None:
            raise NotFoundError(f"No article with id {article_id} in the library")
        if highlight_id is not None and drafts.highlight_note(conn, highlight_id) is None:
            highlight_id = None
        start, end = max(0, min(start, end)), min(len(article), max(start, end))
        # a highlight's own selector places its draft; a new note's range needs a quote
        no_quote = ("", "", "")
        quote = no_quote if highlight_id is not None else quote_selector(article, start, end)
        drafts.save_draft(
            conn, article_id, highlight_id, start, end, text, color=color, quote=quote
        )


def discard_note_draft(
    db_path: Where,
    article_id: int,
    *,
    highlight_id: int | None = None,
    start: int = 0,
    end: int = 0,
) -> None:
    """Remove the draft of a note that was saved or discarded."""
    from reader.store import drafts

    with drafts.transaction(db_path) as conn:
        drafts.delete_draft(conn, article_id, drafts.anchor_of(highlight_id, start, end))


def note_drafts(db_path: Where, article_id: int) -> list[NoteDraft]:
    """The article's unsaved notes, the newest first, placed in its current text (a new note's
    range follows its quote; one that cannot be placed becomes a margin note at its old place).
    A draft equal to the note it was saved as is removed, not returned: the save landed and the
    clean-up after it did not."""
    from reader.annotate.anchoring import reanchor
    from reader.store import drafts

    out = []
    with drafts.transaction(db_path) as conn:
        text = drafts.article_text(conn, article_id) or ""
        for d in drafts.read_drafts(conn, article_id):
            hid = d.highlight_id
            found = drafts.highlight_note(conn, hid) if hid is not None else None
            if found is not None:
                start, end, saved = found[0], found[1], [found[2]]
            else:
                placed = reanchor(text, d.exact, d.prefix, d.suffix, d.start)
                start, end = placed or (min(d.start, len(text)),) * 2
                saved = drafts.range_notes(conn, article_id, d.start, d.end)
            if d.text.strip() in (n.strip() for n in saved):
                drafts.delete_draft(conn, article_id, d.anchor)
                continue
            if d.highlight_id is None and (start, end) != (d.start, d.end):
                drafts.move_draft(conn, d, start, end)
            out.append(replace(d, start=start, end=end))
    return out
