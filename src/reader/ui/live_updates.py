"""Other people's edits appearing in the open window: a change listener on the library
(reader.library.changes; LISTEN/NOTIFY on PostgreSQL, `data_version` on SQLite) whose events
are handed to the GUI thread, gathered for a moment, and turned into the reloads the window
already knows — the highlights and notes, the article with its corrections, the Sources panel's
ratings and notes, the Library list — without losing the selection, the reading position or a
note being typed. The listener's connection state goes to reader.ui.connection_status.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.library.changes import ChangeListener, Changes, listen

log = logging.getLogger(__name__)

GATHER_MS = 150  # a burst of changes (a re-analysis, a colleague's quick edits) → one reload
START_MS = 1000  # with no article open, the listener starts this long after the window


class LiveUpdates(QObject):
    """Listens for changes to the window's library while the window is open. `arrived` and
    `state_changed` are emitted from the listener's thread; Qt queues them to this object's."""

    arrived = Signal(object)  # reader.library.changes.Changes
    state_changed = Signal(bool, str)  # connected, why not
    applied = Signal(object)  # the Changes the window reloaded for (tests wait on it)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._pending: Changes | None = None
        self._selection: tuple[int, tuple[int, int]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._apply)
        self.arrived.connect(self._gather)
        self.listener: ChangeListener | None = None
        window.article_opened.connect(self._opened)
        window.ops.changed.connect(self._window_changed)
        window.destroyed.connect(self.close)
        if getattr(window, "current", None) is not None:
            self._opened(window.current)
        else:  # after the first paint: nothing is shown to update before it
            QTimer.singleShot(START_MS, self, self.start)

    def start(self) -> ChangeListener:
        """The listener, started on first use."""
        if self.listener is None:
            self.listener = listen(self.window.library, self._hand_over, self._hand_state)
        return self.listener

    def _hand_over(self, changes: Changes) -> None:
        """(Listener thread.) To the GUI thread; a window closed meanwhile stops the listener."""
        try:
            self.arrived.emit(changes)
        except RuntimeError:  # this object is gone with its window
            self.close()

    def _hand_state(self, connected: bool, why: str | None) -> None:
        try:
            self.state_changed.emit(connected, why or "")
        except RuntimeError:
            self.close()

    @property
    def connected(self) -> bool:
        return self.listener is not None and self.listener.connected

    @property
    def dialect(self) -> str:
        return self.start().dialect

    def close(self, *_args: object) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()

    # ---- what is shown --------------------------------------------------------------------

    def _opened(self, view: Any) -> None:
        self.start().watch(view.info.id, self._source_ids(view))
        keep, self._selection = self._selection, None
        if keep is not None and keep[0] == view.info.id:
            self.window.article_view.select(*keep[1])  # the reload kept what was selected

    def _window_changed(self, what: str) -> None:
        """The window reads its article again after its own edit (a correction, a re-analysis):
        the selection is kept through that reload too."""
        if what in ("article", "sources"):
            self._keep_selection()

    def _keep_selection(self) -> None:
        w = self.window
        sel = w.article_view.selection_offsets()
        if sel is not None and sel[1] > sel[0] and w.current is not None:
            self._selection = (w.current.info.id, sel)

    @staticmethod
    def _source_ids(view: Any) -> set[int]:
        return {i for i in dict(view.library_sources).values() if i is not None}

    # ---- changes --------------------------------------------------------------------------

    def _gather(self, changes: Changes) -> None:
        self._pending = changes if self._pending is None else self._pending | changes
        if not self._timer.isActive():
            self._timer.start()

    def _apply(self) -> None:
        changes, self._pending = self._pending, None
        if changes is None:
            return
        w = self.window
        if changes.library:
            w.ops.changed.emit("library")  # the Library list and search results ask again
        view = w.current
        if view is not None and changes.touches(view.info.id, self._source_ids(view)):
            aid = view.info.id
            if changes.everything or aid in changes.articles:
                self._reload_article()  # the Sources panel follows through article_opened
            else:
                if aid in changes.annotations:
                    w.ops.changed.emit("annotations")
                if changes.sources & self._source_ids(view):
                    actions = getattr(w, "source_actions", None)
                    if actions is not None:
                        actions.load(view)  # ratings and notes; a note being typed stays
        log.debug("live update: %s", changes)
        self.applied.emit(changes)

    def _reload_article(self) -> None:
        """Read the open article again (corrections, analysis), keeping the selection; the
        reading position and an open note editor are kept by the window and the annotator."""
        w = self.window
        self._keep_selection()
        w.reload_current()
        w.ops.changed.emit("annotations")


def install_live_updates(window: Any) -> LiveUpdates:
    """Start listening for the window's library (and show the connection's state)."""
    from reader.ui.connection_status import ConnectionStatus

    window.live_updates = LiveUpdates(window)
    window.connection_status = ConnectionStatus(window, window.live_updates)
    return window.live_updates
