"""Importing many files at once: one background operation with progress and Cancel in the
status bar, a one-line summary at the end.

`BatchImport.start(paths)` runs `Library.import_path` for each file on the database thread;
a failure is noted and the next file follows; Cancel sets a flag the worker checks between
files. A batch asked for while one runs waits its turn.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from reader.errors import Cancelled, ReaderError
from reader.ingest import is_web_address

SHOWN_FAILURES = 2


@dataclass
class ImportResult:
    """What a batch did: ids in the order of the files, the ones new to the library, the
    files that failed with why, and how many were left when it was cancelled."""

    paths: list[str]
    imported: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (name, message)
    cancelled: bool = False
    skipped: int = 0


def display_name(target: str) -> str:
    if is_web_address(target):
        return target
    return Path(target).name or target


def failure_text(name: str, message: str) -> str:
    """The core's "Cannot open x.bin: it is a binary file" as "x.bin: it is a binary file"."""
    prefix = f"Cannot open {name}: "
    return name + ": " + message[len(prefix) :] if message.startswith(prefix) else message


def summary_text(result: ImportResult) -> str:
    """One line: "Imported 7 articles; 1 could not be read: x.bin: it is a binary file"."""
    n = len(result.imported)
    again = n - len(result.new)
    parts = [f"Imported {n} article{'s' * (n != 1)}"]
    if again:
        parts[0] += f" ({again} already in the library)"
    if result.failures:
        shown = "; ".join(failure_text(*f) for f in result.failures[:SHOWN_FAILURES])
        more = len(result.failures) - SHOWN_FAILURES
        if more > 0:
            shown += f"; and {more} more"
        parts.append(f"{len(result.failures)} could not be read: {shown}")
    if result.cancelled:
        parts.append(f"cancelled before the other {result.skipped}")
    return "; ".join(parts)


def import_files(library, paths: list[str], cancel: threading.Event, progress) -> ImportResult:
    """The worker (no widgets): import each path, note failures, stop between files on cancel.
    An error that is not a ReaderError is a bug: it ends the batch and reaches the window's
    handler, which logs its traceback and says so in one line."""
    result = ImportResult(paths=list(paths))
    before = {a.id for a in library.articles()}
    total = len(paths)
    for i, target in enumerate(paths):
        if cancel.is_set():
            result.cancelled = True
            result.skipped = total - i
            break
        progress(i, total)
        name = display_name(target)
        try:
            article_id = library.import_path(target, progress=_pages(cancel))
        except Cancelled:  # Cancel pressed while a long PDF was read: it is not stored
            result.cancelled = True
            result.skipped = total - i
            break
        except ReaderError as exc:  # one bad file must not stop the others; a bug does (logged)
            result.failures.append((name, str(exc)))
            continue
        if article_id not in result.imported:
            result.imported.append(article_id)
            if article_id not in before:
                result.new.append(article_id)
    progress(total - result.skipped, total)
    return result


def _pages(cancel: threading.Event):
    """A PDF's page-progress callback that stops the file being read once Cancel is pressed."""

    def check(done: int, total: int) -> None:
        if cancel.is_set():
            raise Cancelled("Import cancelled")

    return check


class ImportProgress(QWidget):
    """Status-bar strip: "Importing 3 of 7 · name", a progress bar and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setFixedHeight(12)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.cancel_button.setToolTip("Stop after the file being imported")
        self.cancel_button.clicked.connect(self.cancel_requested)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 4, 0)
        lay.setSpacing(8)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        self.hide()

    def set_progress(self, done: int, total: int, name: str = "") -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        text = f"Importing {min(done + 1, total)} of {total}"
        if name and done < total:
            text += f" · {name if len(name) <= 40 else name[:39] + '…'}"
        self.label.setText(text)

    def set_pages(self, done: int, total: int, name: str) -> None:
        """A long PDF being read: "Reading page 120 of 1,000 · report.pdf"."""
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        shown = name if len(name) <= 40 else name[:39] + "…"
        self.label.setText(f"Reading page {min(done + 1, total):,} of {total:,} · {shown}")


class BatchImport(QObject):
    """Background import of many files for one window; `finished(ImportResult)` at the end."""

    finished = Signal(object)  # ImportResult
    progressed = Signal(int, int)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.progress = ImportProgress(window)
        self.progress.cancel_requested.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)
        self._cancel: threading.Event | None = None
        self._paths: list[str] = []
        self._queue: list[list[str]] = []

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, paths: list[str]) -> None:
        """Import these files (or URLs) in the background."""
        paths = [str(p) for p in paths if str(p)]
        if not paths:
            return
        if self.running:
            self._queue.append(paths)
            return
        cancel = threading.Event()
        self._cancel, self._paths = cancel, paths
        library = self.window.library
        self.progress.set_progress(0, len(paths), display_name(paths[0]))
        self.progress.cancel_button.setEnabled(True)
        self.progress.show()
        self.window.ops.run(
            lambda report: import_files(library, paths, cancel, report),
            self._done,
            self._failed,
            on_progress=self._on_progress,
            database=True,
            changes="library",
        )

    def cancel(self) -> None:
        """Stop after the file being imported (and drop batches waiting their turn)."""
        self._queue.clear()
        if self._cancel is not None:
            self._cancel.set()
            self.progress.cancel_button.setEnabled(False)
            self.progress.label.setText("Cancelling…")

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel is not None and self._cancel.is_set():
            return
        name = display_name(self._paths[done]) if 0 <= done < len(self._paths) else ""
        self.progress.set_progress(done, total, name)
        self.progressed.emit(done, total)

    def _done(self, result: ImportResult) -> None:
        self._end()
        w = self.window
        w.show_message(summary_text(result), error=bool(result.failures))
        if getattr(w, "current", None) is None and result.imported:
            w.open_article(result.imported[0])
        self.finished.emit(result)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._end()
        failed = getattr(self.window, "_failed", None)
        if failed is not None:
            failed(exc, "Import failed")
        else:
            self.window.show_message(f"Import failed: {exc}", error=True)
        self.finished.emit(ImportResult(paths=self._paths))
        self._next()

    def _end(self) -> None:
        self._cancel = None
        self.progress.hide()

    def _next(self) -> None:
        if self._queue and not self.running:
            self.start(self._queue.pop(0))
