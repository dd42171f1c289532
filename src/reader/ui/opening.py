"""How the window opens things: a stored article, a file or address, the start-up article,
files dropped on the window, and the File menu's Open and Open URL.

`Opening` is mixed into `reader.ui.main_window.MainWindow`. Imports and reads run through
`self.ops` off the GUI thread; `_show_article` puts the result on screen and emits
`article_opened`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QUrl, SignalInstance
from PySide6.QtWidgets import QLabel, QMainWindow

from reader.errors import Cancelled, PasswordNeeded, ReaderError
from reader.library import ArticleView as OpenArticle
from reader.library import Library
from reader.ui.article_view import ArticleView
from reader.ui.closing import start_without_article
from reader.ui.dialogs import NoticeBar
from reader.ui.operations import Operations
from reader.ui.sources_panel import SourcesPanel
from reader.ui.window_actions import display_name

# a scheme ("https:", "file:", "data:"), not a host and port ("localhost:8000")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:(?!\d)")
_PATH_START = re.compile(r"^([/~.\\]|[A-Za-z]:[\\/])")  # /, ~, ./, \\server, C:\

if TYPE_CHECKING:
    from reader.ui.pdf_opening import PdfOpening
    from reader.ui.read_ahead import ReadAhead

    _Window = QMainWindow
else:  # a plain mixin at run time: MainWindow brings the QMainWindow
    _Window = object


class Opening(_Window):
    """The open/import flow of the main window (a mixin of MainWindow)."""

    # set by MainWindow.__init__
    library: Library
    settings: QSettings
    ops: Operations
    current: OpenArticle | None
    article_view: ArticleView
    sources_panel: SourcesPanel
    status_title: QLabel
    status_counts: QLabel
    ask_open_paths: Any
    ask_url: Any
    notice: NoticeBar
    _opening: int | None
    _loads = 0  # files and addresses being imported

    if TYPE_CHECKING:  # defined by MainWindow and its other parts
        article_opened: SignalInstance
        leaving: SignalInstance

        def save_scroll(self) -> None: ...
        def add_recent(self, path: str) -> None: ...
        def _failed(self, exc: BaseException, context: str = ...) -> None: ...

    def open_article(self, article_id: int) -> None:
        """Open a stored article (off the GUI thread); `article_opened` fires when it shows.
        Asked again while it is on its way (a double-click), it opens once: a second read
        would show it again at its saved reading position, after a search hit scrolled it."""
        if self._opening == article_id:
            return
        stale = self.notice.text() if self.notice.isVisible() else None
        self.leaving.emit()
        self.save_scroll()
        self._opening = article_id

        def done(view: OpenArticle) -> None:
            if self._opening == article_id:
                self._opening = None
            self._show_article(view)
            if stale is not None and self.notice.isVisible() and self.notice.text() == stale:
                self.notice.dismiss()  # an error about what was open before is over now

        def failed(exc: BaseException) -> None:
            if self._opening == article_id:
                self._opening = None
            self._failed(exc, "Cannot open the article")

        self.ops.run(lambda: self.library.open_article(article_id), done, failed)

    def open_path(
        self, path: str | Path, fallback: bool = False, password: str | None = None
    ) -> None:
        """Import a file or URL (or find it in the library) and open it. With `fallback`, an
        unreadable path opens the last article or the sample instead (start-up). An encrypted
        PDF asks for its `password`; a long one shows its pages read, with Cancel."""
        target = str(path)
        library = self.library
        pdf = self.pdf_opening()
        password = password or pdf.passwords.get(target)
        name = display_name(target)
        check_pages = pdf.start(target, name)

        def work(report) -> tuple[int | None, BaseException | None]:
            def pages(done: int, total: int) -> None:
                check_pages(done, total)
                report(done, total)

            try:
                return library.import_path(target, password=password, progress=pages), None
            except ReaderError as exc:
                if not fallback or isinstance(exc, Cancelled):
                    raise
                return fallback_article(library), exc

        def done(result: tuple[int | None, BaseException | None]) -> None:
            article_id, error = result
            if error is None:
                self.add_recent(target)
            if article_id is not None:
                self.open_article(article_id)
            if isinstance(error, PasswordNeeded):
                self._ask_password(target, error)
            elif error is not None:
                self._failed(error, f"Cannot open {Path(target).name}")

        opening = f"Opening {name}…"
        self._loads += 1

        def finished() -> None:  # the "Opening …" line goes when the last load is done
            pdf.finished(target)
            self._loads -= 1
            if self._loads == 0 and self.statusBar().currentMessage().startswith("Opening "):
                self.statusBar().clearMessage()

        def loaded(result: tuple[int | None, BaseException | None]) -> None:
            finished()
            done(result)

        def failed(exc: BaseException) -> None:
            finished()
            if isinstance(exc, PasswordNeeded):
                self._ask_password(target, exc)
            elif isinstance(exc, Cancelled):
                self.statusBar().showMessage(str(exc), 8000)
            else:
                self._failed(exc, f"Cannot open {name}")

        self.statusBar().showMessage(opening)
        self.ops.run(
            work,
            loaded,
            failed,
            on_progress=lambda i, n: pdf.shown(target, name, i, n),
        )

    def pdf_opening(self) -> PdfOpening:
        """The window's PDF passwords and page progress (made on first use)."""
        pdf = getattr(self, "_pdf_opening", None)
        if pdf is None:
            from reader.ui.pdf_opening import PdfOpening  # with the first file opened

            pdf = self._pdf_opening = PdfOpening(self)
        return pdf

    def _ask_password(self, target: str, error: PasswordNeeded) -> None:
        """An encrypted PDF: ask for its password and open it again; cancelled, say so."""
        name = display_name(target)
        password = self.pdf_opening().ask(target, name, error.wrong)
        if password is None:
            self.statusBar().showMessage(f"{name} was not opened: it is encrypted", 8000)
            return
        self.open_path(target, password=password)

    def open_start(self, path: str | None = None, ahead: ReadAhead | None = None) -> None:
        """What the window shows at launch: PATH, else the last article, else the sample. The
        last article read `ahead` (reader.ui.read_ahead) shows at once, before any paint."""
        if path:
            self.open_path(path, fallback=True)
            return
        if start_without_article(self):  # File → Close article left nothing open
            return
        library = self.library

        def failed(exc: BaseException) -> None:
            self._failed(exc, "Cannot open the library")

        if ahead is not None:
            view, error = ahead.result()
            if error is not None:
                failed(error)
            elif view is not None:
                self._show_article(view)
                _lay_out_now()
            else:  # no last article to reopen: the one to open is found the usual way
                self.ops.run(lambda: fallback_article(library), self._open_found, failed)
            return

        def work() -> OpenArticle | int | None:
            # the last article comes back whole, without loading SQLAlchemy (the quick way
            # to the first paint); otherwise the id of the one to open
            view = library.reopen_last()
            return view if view is not None else fallback_article(library)

        self.ops.run(work, self._open_found, failed)

    def _open_found(self, result: OpenArticle | int | None) -> None:
        if isinstance(result, int):
            self.open_article(result)
        elif result is not None:
            self._show_article(result)
            _lay_out_now()

    def _show_article(self, view: OpenArticle) -> None:
        self.current = view
        self.article_view.set_article(view)
        colors = self.article_view.source_colors()
        self.sources_panel.set_analysis(view.analysis, colors, view.signals, view.cited)
        self.sources_panel.set_text_scale(self.article_view.zoom)  # a zoom restored at start
        self.article_view.set_top_offset(view.info.scroll_pos)
        self._update_status()
        self.setWindowTitle(f"{short(view.info.title, 80)} — reader")
        self.article_opened.emit(view)

    def _update_status(self) -> None:
        view = self.current
        if view is None:
            self.status_title.setText("")
            self.status_counts.setText("")
            return
        a = view.analysis
        self.status_title.setText(short(view.info.title, 90))
        n_src, n_st = len(a.sources), len(a.statements)
        self.status_counts.setText(
            f"{n_src} source{'s' * (n_src != 1)} · {n_st} statement{'s' * (n_st != 1)}"
        )

    def reload_current(self) -> None:
        """Open the current article again (after its sources or annotations changed)."""
        if self.current is None:
            return
        article_id = self.current.info.id
        top = self.article_view.top_offset()

        def done(view: OpenArticle) -> None:
            self._show_article(view)
            self.article_view.set_top_offset(top)

        self.ops.run(lambda: self.library.open_article(article_id), done, self._failed)

    def _on_changed(self, what: str) -> None:
        if what in ("article", "sources"):
            self.reload_current()

    # ---- File menu -------------------------------------------------------------------------

    def choose_files(self) -> None:
        start = str(self.settings.value("paths/last_dir", str(Path.home())))
        for path in self.ask_open_paths(self, start):
            self.settings.setValue("paths/last_dir", str(Path(path).parent))
            self.open_path(path)

    def choose_url(self) -> None:
        url = self.ask_url(self)
        if url:
            self.open_path(typed_address(url))

    # ---- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if dropped_targets(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        targets = dropped_targets(event.mimeData())
        if not targets:
            event.ignore()
            return
        event.acceptProposedAction()
        batch = getattr(self, "import_paths", None)  # set by reader.ui.library_panel
        if batch is not None and len(targets) > 1:
            batch(targets)  # many files: import in the background with progress
            return
        for t in targets:
            self.open_path(t)


def _lay_out_now(levels: int = 8) -> None:
    """Lay out now what showing an article changed, before the window's first paint: that
    paint was asked for when the window was shown, so the layout requests posted since would
    come after it and have everything painted twice. A request climbs one parent per round."""
    for _ in range(levels):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def typed_address(text: str) -> str:
    """What was typed in Open URL, as an address: a web address without its scheme
    ("reuters.com/markets/story-123", "localhost:8000/a") gets https://; a scheme, an absolute
    or home path and an existing file stay as typed (the address parser judges them)."""
    text = text.strip()
    if _SCHEME.match(text) or _PATH_START.match(text) or _is_file(text):
        return text
    return "https://" + text


def _is_file(text: str) -> bool:
    try:
        return Path(text).expanduser().exists()
    except (OSError, ValueError):  # too long a name, a NUL in it: not a file
        return False


def fallback_article(library: Library) -> int | None:
    """The article to show when nothing else is asked for: the last one, the newest, the sample."""
    last = library.last_article_id()
    if last is not None:
        return last
    if library.article_count() == 0:
        return library.import_sample()
    rows = library.articles()
    return rows[0].id if rows else library.import_sample()


def dropped_targets(mime) -> list[str]:
    """The files and web addresses in dropped mime data."""
    out: list[str] = []
    if mime is None:
        return out
    if mime.hasUrls():
        for url in mime.urls():
            url = QUrl(url)
            if url.isLocalFile():
                out.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                out.append(url.toString())
    elif mime.hasText():
        from reader.ingest import is_web_address  # reader.ingest waits for a first drop

        text = mime.text().strip()
        if is_web_address(text) and " " not in text:
            out.append(text)
    return out


def short(text: str, n: int) -> str:
    """TEXT on one line, cut to N characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
