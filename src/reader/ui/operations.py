"""Running library operations off the GUI thread (after Anki's CollectionOp/QueryOp).

Database work goes to one single-thread pool (SQLite likes one writer); other slow work (PDF
export, URL download) to the global pool. The result or the error comes back on the GUI thread
through a signal. Tests may set `Operations.synchronous = True` to run ops inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.with_progress = with_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda i, n: self.signals.progress.emit(int(i), int(n)))
            else:
                result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, shown as a message there
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


class Operations(QObject):
    """The window's runner. `changed` tells views what an op changed ("article", "sources",
    "annotations", "library") so they refresh."""

    changed = Signal(str)
    synchronous = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_pool = QThreadPool(self)
        self.db_pool.setMaxThreadCount(1)
        self._live: set[_Signals] = set()
        # keep_failed(again, exc) → True when it keeps a failed edit to run `again` later
        # (reader.ui.connection_status: the library's server out of reach)
        self.keep_failed: Callable[[Callable[[], None], BaseException], bool] | None = None
        # lost_read(exc) → True when a read failed because the server is out of reach and that
        # is said already (reader.ui.connection_status), not as a second message
        self.lost_read: Callable[[BaseException], bool] | None = None

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int], None] | None = None,
        database: bool = True,
        changes: str | None = None,
        edit: bool | None = None,
    ) -> None:
        """Run fn() (or fn(progress) when on_progress is given) off the GUI thread. An `edit`
        (by default: an op that says what it `changes`) that fails may be kept to run again."""
        signals = _Signals()
        edit = bool(changes) if edit is None else edit
        self._live.add(signals)

        def finish(result: Any) -> None:
            self._live.discard(signals)
            if not isValid(self):  # the window that asked is gone: nothing to show it in
                log.debug("an operation finished after its window closed: %s", fn)
                return
            if on_done is not None:
                on_done(result)
            if changes:
                self.changed.emit(changes)

        def fail(exc: BaseException) -> None:
            self._live.discard(signals)
            if not isValid(self):
                log.warning("an operation failed after its window closed: %r", exc)
                return

            def again() -> None:  # the same op, queued again
                self.run(
                    fn,
                    on_done,
                    on_error,
                    on_progress=on_progress,
                    database=database,
                    changes=changes,
                    edit=True,
                )

            if edit and self.keep_failed is not None and self.keep_failed(again, exc):
                return
            if not edit and self.lost_read is not None and self.lost_read(exc):
                return
            if on_error is not None:
                on_error(exc)

        signals.done.connect(finish)
        signals.failed.connect(fail)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        task = _Task(fn, signals, on_progress is not None)
        if self.synchronous:
            task.run()
            return
        (self.db_pool if database else QThreadPool.globalInstance()).start(task)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued ops finish (used at quit and in tests)."""
        ok = self.db_pool.waitForDone(msecs)
        return QThreadPool.globalInstance().waitForDone(msecs) and ok
