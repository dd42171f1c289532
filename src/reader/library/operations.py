"""The operations the app performs on the library: import, open, delete and restore
articles, and (delegated to the modules that own them) annotate, correct, rate, re-analyse,
search and export. `Library` is what the window and the CLI hold.

Nothing here knows about Qt. Each method opens a short-lived session, so an edit is committed
the moment the method returns.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reader.library.analyses as analyses
import reader.library.backups as backups
import reader.library.corrections as corrections
import reader.library.highlights as highlights
import reader.library.sources as sources
from reader.engine import engine_version
from reader.errors import NotFoundError
from reader.library.paths import SAMPLE_NAME, default_data_dir, sample_path
from reader.library.rows import view_from_snapshot
from reader.library.team import TeamOperations
from reader.library.views import (
    ArticleBundle,
    ArticleInfo,
    ArticleView,
    HighlightInfo,
    NoteDraft,
    article_info,
)
from reader.store.database import DB_NAME, Database

log = logging.getLogger(__name__)
# importing, exporting and PDFs (reader.ingest and what it reads with) are imported by the
# methods that use them: the window's first paint needs none of them

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from sqlmodel import col, select

    from reader.export.pdf import PdfReport
    from reader.ingest import ImportedDocument
    from reader.ingest.pdf_map import PdfTextMap
    from reader.library.analyses import Progress
    from reader.library.sources import LibrarySourceInfo, SourceAppearance
    from reader.store.location import LibraryLocation
    from reader.store.models import Article, ArticleSource, Correction, Highlight, Setting, utcnow
    from reader.store.search import SearchHit

_store_loaded = False


def _load_store() -> None:
    """Bind the sqlmodel names the operations use. Importing sqlmodel and SQLAlchemy costs about
    0.3 s, and the window paints its first article without them (`reopen_last`), so they are
    imported when the library is first used through `Library.db`."""
    global _store_loaded, col, select, utcnow
    global Article, ArticleSource, Correction, Highlight, Setting
    from sqlmodel import col, select

    from reader.store.models import Article, ArticleSource, Correction, Highlight, Setting, utcnow

    _store_loaded = True


class Library(TeamOperations):
    """One open library: the SQLite file of a data folder, or the database `database` names
    (--database URL, else READER_DATABASE_URL: reader.store.location). The data folder keeps
    the window's settings and the logs either way."""

    def __init__(self, data_dir: Path | str | None = None, *, database: str | None = None) -> None:
        from reader.store.location import resolve_location

        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        location = resolve_location(self.data_dir, database)
        self._url = None if location.path == self.data_dir / DB_NAME else location.url
        self._db = Database(self.data_dir, url=self._url)
        # today's backup; one that failed is said once at opening (see backups.py)
        self.backup_warning = backups.backup_today(self._db, self._backup_folder())

    def _backup_folder(self) -> Path:
        """Where a SQLite library's backups go: the folder of its file (the data folder);
        the data folder for a team library, which has none (backups.SERVER_BACKUPS)."""
        path = self._db.location.path
        return self.data_dir if path is None else path.parent

    @property
    def location(self) -> LibraryLocation:
        """Which library this is (`display` names it without a password)."""
        return self._db.location

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
        """The SQLite file (StoreError on a team library, which has none: the reads that go
        without SQLAlchemy take `location`, see reader.store.dbapi)."""
        return self._db.path

    def backups(self) -> list:
        """The automatic backups, newest first (each with .path and .label); none for a team
        library, whose backups are the server's."""
        from reader.store.backup import list_backups

        if self.location.is_postgres:
            return []
        return list_backups(self._backup_folder())

    @property
    def backup_note(self) -> str | None:
        """Why there are no backups to list: a team library's are the server's."""
        return backups.SERVER_BACKUPS if self.location.is_postgres else None

    def restore_backup(self, backup_path: Path) -> None:
        """Replace the library with a backup; the current state is backed up first."""
        from reader.errors import StoreError
        from reader.store.backup import restore_backup

        if self.location.is_postgres:
            raise StoreError(backups.SERVER_BACKUPS)
        self.db.close()
        restore_backup(Path(backup_path), self.db.path, self._backup_folder())
        self.db = Database(self.data_dir, url=self._url)

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
        from reader.library import importing

        return importing.import_document(self.db, doc)

    def import_path(
        self,
        path: str | Path,
        *,
        password: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Import a local file (.txt, .md, .html, .pdf) or a URL; returns the article id.
        `password` opens an encrypted PDF; `progress(page, pages)` follows a PDF's pages and
        may raise `reader.ingest.pdf.Cancelled` to stop (nothing is stored then)."""
        from reader.ingest import read_address  # decides web address or local file

        return self.import_document(read_address(path, password=password, progress=progress))

    def pdf_original(self, article_id: int) -> tuple[bytes, PdfTextMap] | None:
        """The PDF an article was read from, as it was, and the map from the article's text
        to its pages; None when the article did not come from a PDF."""
        from reader.library.pdfs import pdf_original

        return pdf_original(self.db, article_id)

    def import_text(self, text: str, title: str, origin: str = "", kind: str = "text") -> int:
        from reader.ingest import ImportedDocument

        return self.import_document(
            ImportedDocument(text=text, title=title, origin=origin, origin_kind=kind)
        )

    def import_sample(self) -> int:
        from reader.ingest import ImportedDocument, read_path

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
        from reader.ingest import read_path
        from reader.ingest.document import content_hash

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
            return [article_info(a, src.get(a.id, 0), notes.get(a.id, 0)) for a in rows]  # type: ignore[arg-type]

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
                analyses.store_analysis(s, a)
            if self._db.dialect == "postgresql" and not self._db.read_only:
                highlights.reanchor_highlights(s, a, stale_only=True)  # another re-imported it
            if mark_opened and not self._db.read_only:  # reading a read-only library is fine
                a.opened_at = utcnow()
                s.add(a)
                self._set(s, "last_article", str(article_id))
            return analyses.load_view(s, a)

    def delete_article(self, article_id: int) -> None:
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            if self._db.dialect == "postgresql":  # not with other members' notes on it
                highlights.delete_team_article(s, a)
            else:
                s.delete(a)

    def article_bundle(self, article_id: int) -> ArticleBundle:
        """What `restore_article` needs to bring a deleted article back: its row and the
        user's data on it (highlights with notes, corrections). Derived rows are recomputed."""
        from reader.library import pdfs

        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            rows = s.exec(select(Correction).where(Correction.article_id == article_id)).all()
            return ArticleBundle(
                article=a.model_dump(),
                highlights=tuple(self.highlights(article_id)),
                corrections=tuple(c.model_dump() for c in rows),
                pdf=pdfs.pdf_blobs(s, article_id),
            )

    def restore_article(self, bundle: ArticleBundle) -> int:
        """Put a deleted article back as it was (same id), with its highlights, notes and
        corrections (undo of delete); returns its id."""
        from reader.library import pdfs

        with self.db.session() as s:
            article = Article(**bundle.article)
            if s.get(Article, article.id) is not None:
                raise NotFoundError(f"Article {article.id} is already in the library")
            s.add(article)
            s.flush()
            for c in bundle.corrections:
                s.add(Correction(**c))
            assert article.id is not None
            pdfs.restore_pdf(s, article.id, bundle.pdf)
            s.flush()
            analyses.store_analysis(s, article)
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

        return search(self.location, query, limit, seconds=seconds or SEARCH_SECONDS, cancel=cancel)

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

    # ---- the first article, without SQLAlchemy ---------------------------------------------

    def reopen_last(self) -> ArticleView | None:
        """The last opened article as `open_article` gives it, read with the standard library's
        sqlite3 (see store/snapshot.py) and marked as opened again; None when there is no last
        article or its analysis is not current (then take the normal way)."""
        from reader.store.snapshot import mark_opened, read_last_article

        if self._db.read_only:  # it would write; the normal way reads without marking
            return None
        snap = read_last_article(self.location, engine_version())
        if snap is None:
            return None
        view = view_from_snapshot(snap)
        now = datetime.now(UTC)
        mark_opened(self.location, view.info.id, now)
        return replace(view, info=replace(view.info, opened_at=now))

    # ---- highlights and notes (user data; see highlights.py) ------------------------------

    def add_highlight(
        self,
        article_id: int,
        start: int,
        end: int,
        color: str = "yellow",
        note: str = "",
        *,
        shared: bool = False,
    ) -> HighlightInfo:
        """A highlight by the user, private to them unless `shared` (see highlights.py; its
        changes, sharing, ratings and who made what: team.py)."""
        return highlights.add_highlight(self.db, article_id, start, end, color, note, shared=shared)

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        """Put back a deleted highlight exactly as it was (undo of delete)."""
        return highlights.restore_highlight(self.db, info)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        return highlights.delete_highlight(self.db, highlight_id)

    def highlights(self, article_id: int) -> list[HighlightInfo]:
        return highlights.highlights(self.db, article_id)

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
        """Keep the text of the note being written (see highlights.save_note_draft)."""
        highlights.save_note_draft(
            self.location,
            article_id,
            text,
            highlight_id=highlight_id,
            start=start,
            end=end,
            color=color,
        )

    def discard_note_draft(
        self, article_id: int, *, highlight_id: int | None = None, start: int = 0, end: int = 0
    ) -> None:
        """Remove the draft of a note that was saved or discarded."""
        highlights.discard_note_draft(
            self.location, article_id, highlight_id=highlight_id, start=start, end=end
        )

    def note_drafts(self, article_id: int) -> list[NoteDraft]:
        """The article's unsaved notes, newest first, placed in its current text."""
        return highlights.note_drafts(self.location, article_id)

    # ---- library-wide sources, ratings and corrections (see sources.py, corrections.py) ---

    def library_sources(self) -> list[LibrarySourceInfo]:
        """Every source across the library with its article and statement counts."""
        return sources.library_sources(self.location)

    def library_source(self, library_source_id: int) -> LibrarySourceInfo:
        return sources.library_source(self.location, library_source_id)

    def source_appearances(
        self, library_source_id: int, exclude_article: int | None = None
    ) -> list[SourceAppearance]:
        """(article_id, title, [statement texts]) of each article quoting the source."""
        return sources.source_appearances(self.location, library_source_id, exclude_article)

    def rename_source(self, article_id: int, source_key: str, name: str) -> int:
        """Rename a source of one article; returns the correction id (for undo)."""
        return corrections.add_correction(
            self.db, article_id, "rename", source_key=source_key, value=name
        )

    def merge_sources(self, article_id: int, from_key: str, into_key: str) -> int:
        """Merge source `from_key` into `into_key` (statements and mentions follow)."""
        return corrections.add_correction(
            self.db, article_id, "merge", source_key=from_key, value=into_key
        )

    def move_statement(self, article_id: int, statement_key: str, to_source_key: str) -> int:
        return corrections.add_correction(
            self.db, article_id, "move", statement_key=statement_key, value=to_source_key
        )

    def mark_not_statement(self, article_id: int, statement_key: str) -> int:
        return corrections.add_correction(
            self.db, article_id, "not_statement", statement_key=statement_key
        )

    def undo_correction(self, correction_id: int) -> None:
        corrections.undo_correction(self.db, correction_id)

    def orphaned_corrections(self, article_id: int) -> list[Any]:
        """The article's corrections whose source or statement the current analysis no longer
        has: kept (and listed here), never applied to another."""
        return corrections.orphaned_corrections(self.location, article_id)

    # ---- stale analyses (see analyses.py) ---------------------------------------------------

    def stale_articles(self) -> list[int]:
        """Articles whose analysis was made by another engine than this one."""
        return analyses.stale_articles(self.location)

    def reanalyze(self, article_id: int) -> bool:
        """Analyse one article again if another engine analysed it; False when it was current,
        is gone, or the library read-only."""
        return analyses.reanalyze(self.db, article_id)

    def reanalyze_stale(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> int:
        """Analyse again every article a previous engine analysed, one per transaction. (The
        window runs `reanalyze` one article per operation instead, so that what the user asks
        for meanwhile is not queued behind all of them.)"""
        return analyses.reanalyze_stale(self.db, progress, cancel)

    # ---- exports (see exports.py) -------------------------------------------------------

    def _annotated(self, article_id: int) -> tuple[ArticleInfo, list[HighlightInfo]]:
        with self.db.session() as s:
            a = s.get(Article, article_id)
            if a is None:
                raise NotFoundError(f"No article with id {article_id} in the library")
            info = article_info(a)
        return info, self.highlights(article_id)

    def export_annotations_json(self, article_id: int, path: str | Path) -> Path:
        """Write the article's highlights and notes as W3C Web Annotation JSON-LD."""
        from reader.library import exports

        names = {k: m.display for k, m in self.members().items() if m.display}
        return exports.export_annotations_json(*self._annotated(article_id), path, names)

    def export_markdown(self, article_id: int, path: str | Path) -> Path:
        """Write the article's highlights and notes as Markdown quotes, in text order."""
        from reader.library import exports

        return exports.export_markdown(*self._annotated(article_id), path)

    def export_pdf(
        self,
        article_id: int,
        out_path: str | Path,
        paper: str | None = None,
        claims: bool = True,
        progress: Progress | None = None,
        author: str | None = None,
    ) -> PdfReport:
        """Write the article as an annotated PDF (see exports.export_pdf)."""
        view = self.open_article(article_id, mark_opened=False)  # exporting is not reading
        view, me = self.as_written(view)
        from reader.library import exports

        return exports.export_pdf(view, out_path, paper, claims, progress, author or me)
