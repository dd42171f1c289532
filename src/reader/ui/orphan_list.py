"""Corrections that no longer fit, as the Sources panel shows them: one discreet line ("2
corrections no longer fit — show") and the list it opens, each correction said in words (what
it was, on what name or text, when it was made) with a Discard button.

A view only: it is given the rows (`Library.orphaned_corrections`) and asks for a discard by a
signal; reader.ui.orphaned_corrections reads and discards through the library.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.ui.html_text import escape

log = logging.getLogger(__name__)

QUOTE_CHARS = 90  # a statement's text is cut here in the list
EXPLAIN = (
    "The analysis of this article changed, and these corrections no longer find the source or "
    "statement they were made on. They are kept, and applied again if a later analysis finds "
    "it; they are never applied to another source. Discard the ones you no longer need."
)


@dataclass(frozen=True)
class OrphanText:
    """One orphaned correction in words: `what` it did, `on` what (a name or a quote), `when`."""

    id: int
    what: str
    on: str
    when: str


def describe(row: Any) -> OrphanText:
    """A correction row (columns of reader.store.models.Correction) in words. Its anchor says
    what its keys stood for; a correction made before anchors (schema 0003) names keys only."""
    try:
        anchor = json.loads(row.anchor or "{}")
    except (TypeError, ValueError):  # a damaged anchor: the keys still say something
        log.warning("correction %s has an unreadable anchor", row.id)
        anchor = {}
    if not isinstance(anchor, dict):
        anchor = {}
    source = _name(anchor.get("source"), row.source_key)
    target = _name(anchor.get("target"), row.value)
    quote = _quote(anchor.get("statement"), row.statement_key)
    if row.action == "rename":
        what, on = f"Rename to “{row.value or ''}”", f"the source {source}"
    elif row.action == "merge":
        what, on = f"Merge into {target}", f"the source {source}"
    elif row.action == "move":
        what, on = f"Move to {target}", f"the statement {quote}"
    elif row.action == "not_statement":
        what, on = "Not a statement", f"the statement {quote}"
    else:
        what, on = f"Correction “{row.action}”", f"the source {source}"
    when = made_at(row.created_at)
    if creator := getattr(row, "creator", ""):  # a team library's corrections say who
        when = f"{when} by {creator}".strip()
    return OrphanText(int(row.id), what, on, when)


def _name(anchor: Any, key: str | None) -> str:
    if isinstance(anchor, dict) and anchor.get("name"):
        return f"“{anchor['name']}”"
    return f"{key} (its name was not kept)" if key else "(unknown)"


def _quote(anchor: Any, key: str | None) -> str:
    if isinstance(anchor, dict) and anchor.get("exact"):
        text = " ".join(str(anchor["exact"]).split()).strip("“”\"' ")
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        return f"“{text}”"
    return f"{key} (its text was not kept)" if key else "(unknown)"


def made_at(value: Any) -> str:
    """When a correction was made, in local time ("made 1 Dec 2026, 23:10"); stored in UTC."""
    when = value
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return f"made {value}" if value else ""
    if not isinstance(when, datetime):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone()
    return f"made {local.day} {local:%b %Y, %H:%M}"


class OrphanLine(QLabel):
    """The discreet line under the Sources panel's menus; hidden when nothing is orphaned.
    "show" opens the list; a Discard there is asked for with `discard_requested(id)`."""

    discard_requested = Signal(int)  # correction id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orphanedCorrections")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard  # Tab reaches "show", Enter opens
        )
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dim in either theme
        self.setContentsMargins(12, 0, 12, 6)
        self.setWordWrap(True)
        self.linkActivated.connect(lambda _link: self.show_list())
        self.items: list[OrphanText] = []
        self.article_id: int | None = None
        self.list: OrphanList | None = None
        self.hide()

    def set_orphans(self, article_id: int | None, rows: list[Any]) -> None:
        """The open article's orphaned corrections (none: the line hides)."""
        self.article_id = article_id
        self.items = [describe(r) for r in rows]
        n = len(self.items)
        if n:
            fit = "no longer fits" if n == 1 else "no longer fit"
            self.setText(f"{n} correction{'s' * (n != 1)} {fit} — <a href='show'>show</a>")
            self.setToolTip("Corrections kept from before the analysis changed")
        self.setVisible(bool(n))
        if self.list is not None:
            if n:
                self.list.set_items(self.items)
            else:
                self.list.close()

    def show_list(self) -> OrphanList:
        """The list of the corrections that no longer fit (non-modal, one at a time)."""
        if self.list is None:
            self.list = OrphanList(self.window())
            self.list.discard_requested.connect(self.discard_requested)
            self.list.destroyed.connect(lambda _=None: setattr(self, "list", None))
        self.list.set_items(self.items)
        self.list.show()
        self.list.raise_()
        return self.list


class OrphanList(QDialog):
    """Each correction that no longer fits: what it was, on what, when, and Discard."""

    discard_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orphanedCorrectionsList")
        self.setWindowTitle("Corrections that no longer fit")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(520, 360)
        explain = QLabel(EXPLAIN, self)
        explain.setWordWrap(True)
        self.rows = QWidget(self)
        self.rows_layout = QVBoxLayout(self.rows)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.rows)
        from PySide6.QtWidgets import QDialogButtonBox  # here, not at the start (signals_help.py)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(explain)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.buttons: dict[int, QPushButton] = {}

    def set_items(self, items: list[OrphanText]) -> None:
        while (child := self.rows_layout.takeAt(0)) is not None:
            if (w := child.widget()) is not None:
                w.deleteLater()
        self.buttons = {}
        for item in items:
            self.rows_layout.addWidget(self._row(item))
        self.rows_layout.addStretch(1)

    def _row(self, item: OrphanText) -> QWidget:
        row = QFrame(self.rows)
        row.setFrameShape(QFrame.Shape.NoFrame)
        text = QLabel(row)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setText(
            f"<b>{escape(item.what)}</b><br>on {escape(item.on)}"
            f"<br><span style='color:{self.palette().placeholderText().color().name()}'>"
            f"{escape(item.when)}</span>"
        )
        discard = QPushButton("Discard", row)
        discard.setToolTip("Delete this correction for good")
        discard.clicked.connect(lambda _=False, i=item.id: self._discard(i))
        self.buttons[item.id] = discard
        lay = QHBoxLayout(row)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(text, 1)
        lay.addWidget(discard, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _discard(self, correction_id: int) -> None:
        button = self.buttons.get(correction_id)
        if button is not None:
            button.setEnabled(False)  # until the library answers (the list is then re-read)
        self.discard_requested.emit(correction_id)
