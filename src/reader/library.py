"""The operations the app performs on the library: import, open, analyse, annotate, rate.

The window and the CLI both call these; nothing here knows about Qt. Each method opens a
short-lived session, so an edit is committed the moment the method returns.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis import Analysis, analyze
from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.engine import engine_version
from reader.errors import NotFoundError
from reader.ingest import ImportedDocument, read_path
from reader.ingest.document import content_hash
from reader.store.database import Database
from reader.store.drafts import NoteDraft

SAMPLE_NAME = "sample-article.txt"
Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import threading
    from types import SimpleNamespace

    from sqlmodel import col, delete, select

    from reader.sources import LibrarySourceInfo, SourceAppearance
    from reader.store.models import (
        Article,
        ArticleSource,
        Correction,
        Highlight,
        LibrarySource,
        Setting,
        Statement,
        utcnow,
    )
    from reader.store.search import SearchHit
    from reader.store.snapshot import ArticleSnapshot

_store_loaded = False


def _load_store() -> None:
    """Bind the sqlmodel names the operations use. Importing sqlmodel and SQLAlchemy costs about
    0.3 s, and the window paints its first article without them (`reopen_last`), so they are
    imported when the library is first used through `Library.db`."""
    global _store_loaded, col, delete, select, utcnow
    global Article, ArticleSource, Correction, Highlight, LibrarySource, Setting, Statement
    from sqlmodel import col, delete, select

    from reader.store.models import (
        Article,
        ArticleSource,
        Correction,
        Highlight,
        LibrarySource,
        Setting,
        Statement,
        utcnow,
    )

    _store_loaded = True


def default_data_dir() -> Path:
    """READER_DATA_DIR, else the platform's per-user data folder."""
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False)


def prepare_opening(data_dir: Path | str | None = None) -> None:
    """Import what `Library(data_dir)` will need to create or migrate its database (nothing for
    a library at the newest schema). The window calls it before loading Qt: see
    reader.store.database.import_for_opening."""
    from reader.store.database import DB_NAME, import_for_opening

    folder = Path(data_dir) if data_dir else default_data_dir()
    import_for_opening(folder / DB_NAME)


STARTER_NAME = "starter-library.sqlite3"


def starter_path() -> Path:
    """The shipped starter library (the sample, imported and analysed)."""
    return Path(__file__).resolve().parent / "resources" / STARTER_NAME


def install_starter_library(data_dir: Path | str | None = None) -> bool:
    """On a first launch (no library file yet) put the starter library in place, so that the
    window opens the analysed sample at once. False when a library exists or the starter is not
    current; the window then imports the sample the normal way."""
    import sqlite3

    from reader.errors import StoreError
    from reader.store.database import DB_NAME, busy_timeout, head_revision
    from reader.store.lockfile import opening_lock
    from reader.store.starter import install_starter, starter_is_current

    folder = Path(data_dir) if data_dir else default_data_dir()
    db_path = folder / DB_NAME
    if db_path.exists() or db_path.is_symlink():  # a link to a missing drive is not "no library"
        return False
    if not starter_is_current(starter_path(), head_revision(), engine_version()):
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # under the opening lock: a process creating the library meanwhile is never overwritten
        with opening_lock(folder, busy_timeout(), lambda _message: None) as writable:
            return writable and install_starter(starter_path(), db_path)
    except (OSError, sqlite3.Error, StoreError):
        # the library is then built the normal way, which reports what is wrong in one line
        return False


def build_starter_library(out: Path) -> None:
    """Make the starter library file: a new library with the sample imported and opened."""
    import shutil
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp))
        lib.open_article(lib.import_sample())
        lib.close()
        db = Path(tmp) / "library.sqlite3"
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
        conn.close()
        shutil.copyfile(db, out)


def sample_path() -> Path:
    """The bundled sample article (shipped inside the package, with a copy under data/)."""
    here = Path(__file__).resolve().parent / "resources" / SAMPLE_NAME
    if here.exists():
        return here
    return Path(__file__).resolve().parents[2] / "data" / SAMPLE_NAME


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


def _info(a: Article | SimpleNamespace, sources: int = 0, notes: int = 0) -> ArticleInfo:
    """An article row, or its snapshot namespace, as the UI sees it."""
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


def _hl(h: Highlight | SimpleNamespace) -> HighlightInfo:
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


def source_key(name: str) -> str:
    """Normalised name used to find the same source across articles."""
    return " ".join(name.replace("’", "'").lower().removeprefix("the ").split())


class Library:
    """One open library (a data folder holding the SQLite file)."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self._db = Database(self.data_dir)
        self.backup_warning: str | None = None  # today's backup failed: said once at opening
        self._backup_if_due()

    @property
    def db(self) -> Database:
        """The open database; the first use loads the sqlmodel side of the library."""
        if not _store_loaded:
            _load_store()
        return self._db

    @db.setter
    def db(self, value: Database) -> None:
        self._db = value

    @property
    def db_path(self) -> Path:
        """The SQLite file (for the reads that go without SQLAlchemy: store/snapshot.py)."""
        return self._db.path

    def _backup_if_due(self) -> None:
        """Today's backup. One that cannot be made (a full disk, a read-only backups folder, a
        busy file) does not stop the opening: it is logged, and said once (`warning`) unless the
        library opened read-only, which has already been said."""
        import sqlite3

        from reader.store.backup import backup_dir, backup_if_due

        try:
            backup_if_due(self._db.path, self.data_dir)
        except (OSError, sqlite3.Error) as exc:
            folder = backup_dir(self.data_dir)
            log.warning("today's backup in %s could not be made", folder, exc_info=exc)
            if not self._db.read_only:
                from reader.logs import log_path

                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.backup_warning = (
                    f"Today's backup of the library could not be made in {folder}: {reason} "
                    f"(details in {log_path()})"
                )

    def backups(self) -> list:
        """The automatic backups, newest first (each with .path and .label)."""
        from reader.store.backup import list_backups

        return list_backups(self.data_dir)

    def restore_backup(self, backup_path: Path) -> None:
        """Replace the library with a backup; the current state is backed up first."""
        from reader.store.backup import restore_backup

        self.db.close()
        restore_backup(Path(backup_path), self.db.path, self.data_dir)
        self.db = Database(self.data_dir)

    @property
    def warning(self) -> str | None:
        """Set when the library file was damaged and set aside at opening, could only be opened
        read-only, or today's backup could not be made."""
        said = [w for w in (self._db.warning, self.backup_warning) if w]
        return " ".join(said) or None

    def close(self) -> None:
        self._db.close()

    # ---- articles -------------------------------------------------------------------------

    def import_document(self, doc: ImportedDocument) -> int:
        """Store a document (or find the stored one with the same content); returns its id."""
        if "\r" in doc.text:  # the window maps one text offset to one document position
            from reader.ingest.decoding import normalize_newlines

            doc = replace(doc, text=normalize_newlines(doc.text))
        digest = doc.content_hash
        with self.db.session() as s:
            existing = s.exec(select(Article).where(Article.content_hash == digest)).first()
            if existing is None and doc.canonical_url:
                existing = s.exec(
                    select(Article).where(Article.canonical_url == doc.canonical_url)
                ).first()
                if existing is not None:
                    return self._replace_text(s, existing, doc)
            if existing is not None:
                assert existing.id is not None
                return existing.id
            article = Article(
                title=doc.title,
                text=doc.text,
                origin=doc.origin,
                origin_kind=doc.origin_kind,
                canonical_url=doc.canonical_url,
                site=doc.site,
                author=doc.author,
                published=doc.published,
                content_hash=digest,
            )
            s.add(article)
            s.flush()
            assert article.id is not None
            self._store_analysis(s, article)
            return article.id

    def _replace_text(self, s, article: Article, doc: ImportedDocument) -> int:
        """A changed page re-imported: new text, derived rows recomputed, highlights re-anchored."""
        from reader.annotate.anchoring import reanchor

        article.text = doc.text
        article.title = doc.title or article.title
        article.content_hash = doc.content_hash
        s.add(article)
        for h in s.exec(select(Highlight).where(Highlight.article_id == article.id)).all():
            placed = reanchor(doc.text, h.exact, h.prefix, h.suffix, h.start)
            if placed is None:
                h.orphaned = True
            else:
                h.start, h.end = placed
                h.orphaned = False
            s.add(h)
        self._store_analysis(s, article)
        assert article.id is not None
        return article.id

    def import_path(self, path: str | Path) -> int:
        """Import a local file (.txt, .md, .html) or a URL; returns the article id."""
        from reader.ingest import read_address  # decides web address or local file

        return self.import_document(read_address(path))

    def import_text(self, text: str, title: str, origin: str = "", kind: str = "text") -> int:
        return self.import_document(
            ImportedDocument(text=text, title=title, origin=origin, origin_kind=kind)
        )

    def import_sample(self) -> int:
        doc = read_path(sample_path())
        return self.import_document(
            ImportedDocument(
                text=doc.text, title=doc.title, origin=SAMPLE_NAME, origin_kind="sample"
            )
        )

    def find_article(self, ref: str | int) -> int:
        """An article id from an id, or from a path whose content is stored."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isascii() and ref.isdigit()):
            with self.db.session() as s:
                if s.get(Article, int(ref)) is None:
                    raise NotFoundError(f"No article with id {ref} in the library")
            return int(ref)
        doc = read_path(ref)
        with self.db.session() as s:
            a = s.exec(
                select(Article).where(Article.content_hash == content_hash(doc.text))
            ).first()
            if a is None or a.id is None:
                raise NotFoundError(f"{Path(ref).name} is not in the library; import it first")
            return a.id

    def articles(self) -> list[ArticleInfo]:
        from sqlalchemy import func

        with self.db.session() as s:
            src = dict(
                s.exec(
                    select(ArticleSource.article_id, func.count()).group_by(
                        col(ArticleSource.article_id)
                    )
                ).all()
            )
            notes = dict(
                s.exec(
                    select(Highlight.article_id, func.count())
                    .where(Highlight.note != "")
                    .group_by(col(Highlight.article_id))
                ).all()
            )
            rows = s.exec(select(Article).order_by(col(Article.added_at).desc())).all()
            # a stored row's id is set; SQLModel types every primary key Optional
            return [_info(a, src.get(a.id, 0), notes.get(a.id, 0)) for a in rows]  # type: ignore[arg-type]

    def article_count(self) -> int:
        from sqlalchemy import func

        with self.db.session() as s:
            return int(s.exec(select(func.count()).select_from(Article)).one())

    def open_article(self, article_id: int, mark_opened: bool = True) -> ArticleView:
        """Everything the window shows for one article; marks it as the last opened (the one
        the window reopens) unless `mark_opened` is False, as for an export."""
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            # a read-only library shows the analysis it holds: a new one could not be saved,
            # and the corrections and source links stored are made for that one
            if a.analysis_version != engine_version() and not self._db.read_only:
                self._store_analysis(s, a)
            if mark_opened and not self._db.read_only:  # reading a read-only library is fine
                a.opened_at = utcnow()
                s.add(a)
                self._set(s, "last_article", str(article_id))
            analysis = self._load_analysis(s, a)
            highlights = s.exec(
                select(Highlight)
                .where(Highlight.article_id == article_id)
                .order_by(col(Highlight.start))
            ).all()
            links = {
                r.key: r.library_source_id
                for r in s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id))
                if r.library_source_id is not None
            }
            return ArticleView(
                info=_info(a, len(analysis.sources)),
                text=a.text,
                analysis=analysis,
                highlights=tuple(_hl(h) for h in highlights),
                library_sources=links,
            )

    def delete_article(self, article_id: int) -> None:
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            s.delete(a)

    def article_bundle(self, article_id: int) -> ArticleBundle:
        """What `restore_article` needs to bring a deleted article back: its row and the
        user's data on it (highlights with notes, corrections). Derived rows are recomputed."""
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            rows = s.exec(select(Correction).where(Correction.article_id == article_id)).all()
            return ArticleBundle(
                article=a.model_dump(),
                highlights=tuple(self.highlights(article_id)),
                corrections=tuple(c.model_dump() for c in rows),
            )

    def restore_article(self, bundle: ArticleBundle) -> int:
        """Put a deleted article back as it was (same id), with its highlights, notes and
        corrections (undo of delete); returns its id."""
        with self.db.session() as s:
            article = Article(**bundle.article)
            if s.get(Article, article.id) is not None:
                raise NotFoundError(f"Article {article.id} is already in the library")
            s.add(article)
            s.flush()
            for c in bundle.corrections:
                s.add(Correction(**c))
            s.flush()
            self._store_analysis(s, article)
        for h in bundle.highlights:
            self.restore_highlight(h)
        assert article.id is not None
        return article.id

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        seconds: float | None = None,
        cancel: threading.Event | None = None,
    ) -> list[SearchHit]:
        """Full-text search over titles, text, statements, source names and notes; hits
        grouped by article, best first. It reads on a connection of its own, so writes never
        wait for it; past `seconds` it raises SearchTimeoutError, once `cancel` is set
        SearchCancelledError (reader.store.search)."""
        from reader.store.search import SEARCH_SECONDS, search

        return search(self.db_path, query, limit, seconds=seconds or SEARCH_SECONDS, cancel=cancel)

    def last_article_id(self) -> int | None:
        with self.db.session() as s:
            row = s.get(Setting, "last_article")
            if row and row.value.isdigit() and s.get(Article, int(row.value)) is not None:
                return int(row.value)
        return None

    def set_scroll(self, article_id: int, pos: int) -> None:
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is not None:
                a.scroll_pos = max(0, int(pos))
                s.add(a)

    @staticmethod
    def _set(s, key: str, value: str) -> None:
        row = s.get(Setting, key) or Setting(key=key)
        row.value = value
        s.add(row)

    # ---- analysis (derived) --------------------------------------------------------------

    def _store_analysis(self, s, article: Article) -> None:
        """Recompute the derived rows of one article; user data is not touched."""
        analysis = analyze(article.text, title=article.title)
        s.exec(delete(Statement).where(col(Statement.article_id) == article.id))
        s.exec(delete(ArticleSource).where(col(ArticleSource.article_id) == article.id))
        assert article.id is not None
        for src in analysis.sources:
            lib_id = self._library_source_for(s, src)
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
                    source_mention=json.dumps(list(st.source_mention))
                    if st.source_mention
                    else None,
                    hedges=json.dumps(list(st.hedges)),
                    stance=st.stance,
                    continues=st.continues,
                )
            )
        article.analysis_version = engine_version()
        s.add(article)
        s.flush()
        from reader.sources import relink_sources, remap_corrections

        remap_corrections(s, article, analysis)  # the user's corrections, on the new ids
        relink_sources(self, s, article.id)  # the user's renames and merges, replayed

    def _library_source_for(self, s, src: AnalysisSource) -> int | None:
        """The library-wide record for a source: same full name, or a surname that is unique."""
        if src.kind == "anonymous":
            return None
        key = source_key(src.name)
        found = s.exec(select(LibrarySource).where(LibrarySource.key == key)).all()
        if not found and src.kind == "person":
            found = self._match_person(s, key, src)
        if found:
            lib = found[0]
            if len(src.name) > len(lib.name):
                lib.name, lib.key = src.name, key
            lib.role = lib.role or src.role
            lib.affiliation = lib.affiliation or src.affiliation
            s.add(lib)
            return lib.id
        lib = LibrarySource(
            name=src.name, key=key, kind=src.kind, role=src.role, affiliation=src.affiliation
        )
        s.add(lib)
        s.flush()
        return lib.id

    @staticmethod
    def _match_person(s, key: str, src: AnalysisSource) -> list[LibrarySource]:
        """Join "Azarau" to "Aliaksandr Azarau" (or the reverse) when exactly one person fits
        and neither first names nor affiliations disagree."""
        words = key.split()
        surname = words[-1]
        people = s.exec(
            select(LibrarySource).where(
                LibrarySource.kind == "person", col(LibrarySource.key).endswith(surname)
            )
        ).all()
        fits = []
        for p in people:
            pw = p.key.split()
            if pw[-1] != surname:
                continue
            if len(pw) > 1 and len(words) > 1 and pw[0] != words[0]:
                continue  # different first names
            if (
                p.affiliation
                and src.affiliation
                and source_key(p.affiliation) != source_key(src.affiliation)
            ):
                continue
            fits.append(p)
        return fits if len(fits) == 1 else []

    def _load_analysis(self, s, article: Article) -> Analysis:
        sources = s.exec(
            select(ArticleSource)
            .where(ArticleSource.article_id == article.id)
            .order_by(col(ArticleSource.id))
        ).all()
        statements = s.exec(
            select(Statement)
            .where(Statement.article_id == article.id)
            .order_by(col(Statement.start))
        ).all()
        corrections = s.exec(
            select(Correction)
            .where(Correction.article_id == article.id)
            .order_by(col(Correction.id))
        ).all()
        return _analysis_from_rows(article, sources, statements, corrections)

    # ---- the first article, without SQLAlchemy ---------------------------------------------

    def reopen_last(self) -> ArticleView | None:
        """The last opened article as `open_article` gives it, read with the standard library's
        sqlite3 (see store/snapshot.py) and marked as opened again; None when there is no last
        article or its analysis is not current (then take the normal way)."""
        from reader.store.snapshot import mark_opened, read_last_article

        if self._db.read_only:  # it would write; the normal way reads without marking
            return None
        snap = read_last_article(self.db_path, engine_version())
        if snap is None:
            return None
        view = _view_from_snapshot(snap)
        now = datetime.now(UTC)
        mark_opened(self.db_path, view.info.id, now)
        return replace(view, info=replace(view.info, opened_at=now))

    # ---- highlights and notes (user data) --------------------------------------------------

    def add_highlight(
        self, article_id: int, start: int, end: int, color: str = "yellow", note: str = ""
    ) -> HighlightInfo:
        from reader.annotate.anchoring import quote_selector
        from reader.annotate.selection import snap_to_words

        with self.db.session() as s:
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
            )
            s.add(h)
            s.flush()
            return _hl(h)

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        """Put back a deleted highlight exactly as it was (undo of delete)."""
        with self.db.session() as s:
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
            )
            s.add(h)
            s.flush()
            return _hl(h)

    def update_highlight(
        self, highlight_id: int, *, color: str | None = None, note: str | None = None
    ) -> HighlightInfo:
        with self.db.session() as s:
            h = s.get(Highlight, highlight_id)
            if h is None:
                raise NotFoundError(f"No highlight with id {highlight_id}")
            if color is not None:
                h.color = color
            if note is not None:
                h.note = note
            h.updated_at = utcnow()
            s.add(h)
            s.flush()
            return _hl(h)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        with self.db.session() as s:
            h = s.get(Highlight, highlight_id)
            if h is None:
                raise NotFoundError(f"No highlight with id {highlight_id}")
            info = _hl(h)
            s.delete(h)
            return info

    def highlights(self, article_id: int) -> list[HighlightInfo]:
        with self.db.session() as s:
            rows = s.exec(
                select(Highlight)
                .where(Highlight.article_id == article_id)
                .order_by(col(Highlight.start))
            ).all()
            return [_hl(h) for h in rows]

    # ---- note drafts: a note being written, kept as it is typed (see store/drafts.py) ----

    def save_note_draft(
        self,
        article_id: int,
        text: str,
        *,
        highlight_id: int | None = None,
        start: int = 0,
        end: int = 0,
        color: str = "yellow",
    ) -> None:
        """Keep the text of the note being written on the highlight (or, for a new note, on
        the range [start, end)); a highlight deleted meanwhile leaves a draft on its range."""
        from reader.annotate.anchoring import quote_selector
        from reader.store import drafts

        with drafts.transaction(self.db_path) as conn:
            article = drafts.article_text(conn, article_id)
            if article is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            if highlight_id is not None and drafts.highlight_note(conn, highlight_id) is None:
                highlight_id = None
            start, end = max(0, min(start, end)), min(len(article), max(start, end))
            if highlight_id is not None:
                quote = ("", "", "")  # the highlight's own selector places it
            else:
                quote = quote_selector(article, start, end)
            drafts.save_draft(
                conn, article_id, highlight_id, start, end, text, color=color, quote=quote
            )

    def discard_note_draft(
        self, article_id: int, *, highlight_id: int | None = None, start: int = 0, end: int = 0
    ) -> None:
        """Remove the draft of a note that was saved or discarded."""
        from reader.store import drafts

        with drafts.transaction(self.db_path) as conn:
            drafts.delete_draft(conn, article_id, drafts.anchor_of(highlight_id, start, end))

    def note_drafts(self, article_id: int) -> list[NoteDraft]:
        """The article's unsaved notes, the newest first, placed in its current text (a new
        note's range follows its quote; one that cannot be placed becomes a margin note at its
        old place). A draft equal to the note it was saved as is removed, not returned: the
        save landed and the clean-up after it did not."""
        from reader.annotate.anchoring import reanchor
        from reader.store import drafts

        out = []
        with drafts.transaction(self.db_path) as conn:
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

    # ---- library-wide sources, ratings and corrections (user data; see reader.sources) ----

    def library_sources(self) -> list[LibrarySourceInfo]:
        """Every source across the library with its article and statement counts."""
        from reader import sources

        return sources.library_sources(self)

    def library_source(self, library_source_id: int) -> LibrarySourceInfo:
        from reader import sources

        return sources.library_source(self, library_source_id)

    def source_appearances(
        self, library_source_id: int, exclude_article: int | None = None
    ) -> list[SourceAppearance]:
        """(article_id, title, [statement texts]) of each article quoting the source."""
        from reader import sources

        return sources.source_appearances(self, library_source_id, exclude_article)

    def rate_source(self, library_source_id: int, rating: int | None) -> None:
        from reader import sources

        sources.rate_source(self, library_source_id, rating)

    def set_source_note(self, library_source_id: int, note: str) -> None:
        from reader import sources

        sources.set_source_note(self, library_source_id, note)

    def rename_source(self, article_id: int, source_key: str, name: str) -> int:
        """Rename a source of one article; returns the correction id (for undo)."""
        from reader import sources

        return sources.add_correction(self, article_id, "rename", source_key=source_key, value=name)

    def merge_sources(self, article_id: int, from_key: str, into_key: str) -> int:
        """Merge source `from_key` into `into_key` (statements and mentions follow)."""
        from reader import sources

        return sources.add_correction(
            self, article_id, "merge", source_key=from_key, value=into_key
        )

    def move_statement(self, article_id: int, statement_key: str, to_source_key: str) -> int:
        from reader import sources

        return sources.add_correction(
            self, article_id, "move", statement_key=statement_key, value=to_source_key
        )

    def mark_not_statement(self, article_id: int, statement_key: str) -> int:
        from reader import sources

        return sources.add_correction(
            self, article_id, "not_statement", statement_key=statement_key
        )

    def undo_correction(self, correction_id: int) -> None:
        from reader import sources

        sources.undo_correction(self, correction_id)

    def orphaned_corrections(self, article_id: int) -> list:
        """The article's corrections whose source or statement the current analysis no longer
        has: kept (and listed here), never applied to another."""
        from reader import sources

        return sources.orphaned_corrections(self, article_id)

    def stale_articles(self) -> list[int]:
        """Articles whose analysis was made by another engine than this one (read without
        SQLAlchemy: the window asks at start-up)."""
        from reader.store.snapshot import stale_article_ids

        return stale_article_ids(self.db_path, engine_version())

    def reanalyze(self, article_id: int) -> bool:
        """Analyse one article again if another engine analysed it (corrections re-mapped,
        user data untouched); False when it was current, is gone, or the library read-only."""
        if self._db.read_only:
            return False
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None or a.analysis_version == engine_version():
                return False  # deleted, or opened (so analysed) meanwhile
            self._store_analysis(s, a)
            return True

    def reanalyze_stale(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> int:
        """Analyse again, one article per transaction, every article a previous engine analysed;
        `progress(done, total)` after each, and stop between articles once `cancel` is set.
        Returns how many were analysed. (The window runs `reanalyze` one article per operation
        instead, so that what the user asks for meanwhile is not queued behind all of them.)"""
        if self._db.read_only:
            return 0
        todo = self.stale_articles()
        done = 0
        for i, article_id in enumerate(todo, 1):
            if cancel is not None and cancel.is_set():
                break
            done += self.reanalyze(article_id)
            if progress is not None:
                progress(i, len(todo))
        return done

    def _annotated(self, article_id: int) -> tuple[ArticleInfo, list[HighlightInfo]]:
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            info = _info(a)
        return info, self.highlights(article_id)

    def export_annotations_json(self, article_id: int, path: str | Path) -> Path:
        """Write the article's highlights and notes as W3C Web Annotation JSON-LD (safely:
        see reader.files)."""
        from reader.annotate.w3c import annotation_collection
        from reader.files import write_text

        info, marks = self._annotated(article_id)
        doc = annotation_collection(info, marks)
        return write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")

    def export_markdown(self, article_id: int, path: str | Path) -> Path:
        """Write the article's highlights and notes as Markdown quotes, in text order (safely:
        see reader.files)."""
        from reader.annotate.markdown import annotations_markdown
        from reader.files import write_text

        info, marks = self._annotated(article_id)
        return write_text(path, annotations_markdown(info, marks))

    def export_pdf(
        self,
        article_id: int,
        out_path: str | Path,
        paper: str | None = None,
        claims: bool = True,
        progress: Progress | None = None,
        author: str | None = None,
    ):
        """Write the article as an annotated PDF: highlights and notes as PDF annotations,
        claims shaded, appendices of sources and notes. Returns a PdfReport."""
        from reader.export.pdf import PdfInput, export_pdf

        view = self.open_article(article_id, mark_opened=False)  # exporting is not reading
        info = view.info
        doc = PdfInput(
            title=info.title,
            text=view.text,
            origin=info.origin,
            origin_kind=info.origin_kind,
            site=info.site,
            author=info.author,
            published=info.published,
            segments=view.analysis.segments,
            analysis=view.analysis,
            highlights=[h for h in view.highlights if not h.orphaned],
        )
        return export_pdf(
            doc, Path(out_path), paper=paper, claims=claims, author=author, progress=progress
        )


def _analysis_from_rows(article, sources, statements, corrections) -> Analysis:
    """An article's analysis from its stored rows (model objects or snapshot namespaces), with
    the user's corrections applied and the segments recomputed."""
    from reader.annotate.corrections import apply_corrections

    srcs = [
        AnalysisSource(
            id=r.key,
            name=r.name,
            kind=r.kind,
            role=r.role,
            affiliation=r.affiliation,
            mentions=tuple(tuple(m) for m in json.loads(r.mentions)),
        )
        for r in sources
    ]
    sts = [
        AnalysisStatement(
            id=r.key,
            source=r.source_key,
            kind=r.kind,
            content=tuple(tuple(p) for p in json.loads(r.content)),
            cue=tuple(json.loads(r.cue)) if r.cue else None,
            source_mention=tuple(json.loads(r.source_mention)) if r.source_mention else None,
            hedges=tuple(json.loads(r.hedges)),
            stance=r.stance,
            cue_text=r.cue_text,
            continues=r.continues,
        )
        for r in statements
    ]
    srcs, sts = apply_corrections(srcs, sts, corrections)
    return Analysis(
        text=article.text,
        title=article.title,
        sources=tuple(srcs),
        statements=tuple(sts),
        segments=analyze_segments(article.text),
    )


def _view_from_snapshot(snap: ArticleSnapshot) -> ArticleView:
    a = snap.article
    analysis = _analysis_from_rows(a, snap.sources, snap.statements, snap.corrections)
    return ArticleView(
        info=_info(a, len(analysis.sources)),
        text=a.text,
        analysis=analysis,
        highlights=tuple(_hl(h) for h in snap.highlights),
        library_sources={
            r.key: r.library_source_id for r in snap.sources if r.library_source_id is not None
        },
    )


def analyze_segments(text: str) -> tuple:
    """Document structure is cheap to recompute and not stored (the import ran the same
    segmentation over the same text, so an error here is a bug, not bad input)."""
    from reader.analysis.segment import segment

    return tuple(segment(text))
