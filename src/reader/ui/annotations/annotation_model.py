"""The Annotations tab's item model: one row per highlight, orphans under their own header.

Rows are fed from `reader.library.HighlightInfo`; the view and its delegate read them only
through the roles in `AnnotationRole`. `AnnotationFilter` narrows by colour and by text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QTextCharFormat

from reader.library import HighlightInfo

COLORS: dict[str, str] = {
    "yellow": "#f2c230",
    "green": "#5cb85c",
    "blue": "#4a98de",
    "pink": "#ec6fa6",
    "purple": "#9b78dc",
}
COLOR_NAMES = tuple(COLORS)
ORPHAN_HEADER = "Could not be placed in the current text"


def color_of(name: str) -> QColor:
    return QColor(COLORS.get(name, COLORS["yellow"]))


def highlight_format(name: str, alpha: int) -> QTextCharFormat:
    """How a highlight of that colour shows in the article: a translucent background."""
    color = color_of(name)
    color.setAlpha(alpha)
    fmt = QTextCharFormat()
    fmt.setBackground(color)
    return fmt


class AnnotationRole(IntEnum):
    """Custom roles of `AnnotationModel` (Qt.DisplayRole gives the quoted text)."""

    Info = Qt.ItemDataRole.UserRole + 1  # the HighlightInfo, None on a header row
    Id = Qt.ItemDataRole.UserRole + 2
    Color = Qt.ItemDataRole.UserRole + 3  # colour name ("yellow")
    Quote = Qt.ItemDataRole.UserRole + 4
    Note = Qt.ItemDataRole.UserRole + 5
    Time = Qt.ItemDataRole.UserRole + 6  # "today 14:05"
    Orphaned = Qt.ItemDataRole.UserRole + 7
    Start = Qt.ItemDataRole.UserRole + 8
    End = Qt.ItemDataRole.UserRole + 9
    IsHeader = Qt.ItemDataRole.UserRole + 10
    Author = Qt.ItemDataRole.UserRole + 11  # who wrote it when not the user; "" when the user
    Shared = Qt.ItemDataRole.UserRole + 12  # the team sees it


@dataclass(frozen=True)
class _Row:
    info: HighlightInfo | None  # None: the orphans' header
    header: str = ""


def time_label(moment: datetime, now: datetime | None = None) -> str:
    """A short, local, human time: "just now", "12 min ago", "today 14:05", "3 Mar 2025"."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    seconds = (now - moment).total_seconds()
    local = moment.astimezone()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if local.date() == now.astimezone().date():
        return f"today {local:%H:%M}"
    if local.year == now.astimezone().year:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y}"


def author_of(h: HighlightInfo, me: str, names: dict[str, str]) -> str:
    """Who wrote it when not the user `me`: the author of an annotation imported from a PDF,
    or the member who made it (by their label in `names`); "" for the user's own."""
    if h.author:
        return h.author
    if h.creator and me and h.creator != me:
        return names.get(h.creator, h.creator)
    return ""


class AnnotationModel(QAbstractListModel):
    """The highlights of the open article: placed ones in text order, then the orphans."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self.me = ""  # the user's identity: another member's highlight names its creator
        self.names: dict[str, str] = {}  # members' labels by identity ("Ana Novak (ana)")

    def author_of(self, h: HighlightInfo) -> str:
        """Who wrote it when not the user (see `author_of`)."""
        return author_of(h, self.me, self.names)

    def set_highlights(self, highlights: list[HighlightInfo] | tuple[HighlightInfo, ...]) -> None:
        placed = sorted((h for h in highlights if not h.orphaned), key=lambda h: (h.start, h.id))
        orphans = sorted((h for h in highlights if h.orphaned), key=lambda h: h.id)
        self.beginResetModel()
        self._rows = [_Row(h) for h in placed]
        if orphans:
            self._rows.append(_Row(None, ORPHAN_HEADER))
            self._rows += [_Row(h) for h in orphans]
        self.endResetModel()

    def highlights(self) -> list[HighlightInfo]:
        return [r.info for r in self._rows if r.info is not None]

    def row_of(self, highlight_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.info is not None and r.info.id == highlight_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].info is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        h = row.info
        if role == AnnotationRole.IsHeader:
            return h is None
        if h is None:
            return row.header if role == Qt.ItemDataRole.DisplayRole else None
        if role in (Qt.ItemDataRole.DisplayRole, AnnotationRole.Quote):
            return h.exact
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.note or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            note = f" Note: {h.note}" if h.note else ""
            author = self.author_of(h)
            by = f" by {author}" if author else ""
            shared = ", shared with the team" if h.shared else ""
            return f"{h.color} highlight{by}{shared}: {h.exact}.{note}"
        by_role: dict[int, Any] = {
            AnnotationRole.Info: h,
            AnnotationRole.Id: h.id,
            AnnotationRole.Color: h.color,
            AnnotationRole.Note: h.note,
            AnnotationRole.Time: time_label(h.updated_at),
            AnnotationRole.Orphaned: h.orphaned,
            AnnotationRole.Start: h.start,
            AnnotationRole.End: h.end,
            AnnotationRole.Author: self.author_of(h),
            AnnotationRole.Shared: h.shared,
        }
        return by_role.get(role)


class AnnotationFilter(QSortFilterProxyModel):
    """Keeps rows whose colour is among `colors` and whose quote or note holds `text`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.colors: set[str] = set(COLOR_NAMES)
        self.text = ""

    def set_colors(self, colors: set[str]) -> None:
        self._refilter(lambda: setattr(self, "colors", set(colors)))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "text", text.strip().casefold()))

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def _accepts(self, h: HighlightInfo) -> bool:
        if h.color not in self.colors and not (h.color not in COLORS and "yellow" in self.colors):
            return False
        return not self.text or self.text in h.exact.casefold() or self.text in h.note.casefold()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if model.data(index, AnnotationRole.IsHeader):
            # the orphans' header shows when one of the orphans below it does
            return any(
                self._accepts(model.data(model.index(r, 0, parent), AnnotationRole.Info))
                for r in range(row + 1, model.rowCount(parent))
            )
        return self._accepts(model.data(index, AnnotationRole.Info))
