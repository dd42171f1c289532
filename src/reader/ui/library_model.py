"""The Library table as a Qt item model: one row per stored article, fed from
`Library.articles()` (`ArticleInfo` dataclasses).

The model holds the list of `ArticleInfo` and answers every question through the roles of
`Role`; the table view holds no data. `LibraryFilterModel` sorts by `Role.SortRole` and keeps
the rows whose title, site or author contain the filter text.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.library import ArticleInfo

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    SITE = 1
    DATE = 2
    SOURCES = 3
    NOTES = 4


HEADERS = {
    Column.TITLE: "Title",
    Column.SITE: "Site",
    Column.DATE: "Date",
    Column.SOURCES: "",  # narrow columns: an icon in the header, the name in its tooltip
    Column.NOTES: "",
}
HEADER_ICONS = {Column.SOURCES: "fa5s.user-friends", Column.NOTES: "fa5s.sticky-note"}
HEADER_TIPS = {
    Column.DATE: "Published, or added to the library when the page gives no date",
    Column.SOURCES: "Sources: people and bodies quoted or cited",
    Column.NOTES: "Notes: yours, on the article",
}


class Role(IntEnum):
    """Custom roles of the Library table (declared once; the panel and proxy use these)."""

    ArticleIdRole = Qt.ItemDataRole.UserRole + 1  # ArticleInfo.id (every column)
    InfoRole = Qt.ItemDataRole.UserRole + 2  # the ArticleInfo
    SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts the column
    FilterTextRole = Qt.ItemDataRole.UserRole + 4  # lower-case title, site, author, origin


def article_date(info: ArticleInfo) -> date | None:
    """The article's date: published when the page says (ISO date or date-time), else added."""
    if info.published:
        text = info.published.strip()
        for cut in (len(text), 10):
            try:
                return datetime.fromisoformat(text[:cut]).date()
            except ValueError:
                continue
    added = info.added_at
    return added.date() if isinstance(added, datetime) else None


def site_of(info: ArticleInfo) -> str:
    """The site name, else the host of a URL origin, else the file's name."""
    if info.site:
        return info.site
    origin = info.origin or ""
    if origin.startswith(("http://", "https://")):
        host = origin.split("/", 3)[2]
        return host.removeprefix("www.")
    if info.origin_kind == "sample":
        return "Sample"
    return origin.replace("\\", "/").rsplit("/", 1)[-1]


def _date_label(d: date | None, short: bool = False) -> str:
    """ "28 Sep 2024"; with `short`, "28 Sep" for a date of this year."""
    if d is None:
        return ""
    if short and d.year == date.today().year:
        return f"{d.day} {d.strftime('%b')}"
    return f"{d.day} {d.strftime('%b %Y')}"


class LibraryModel(QAbstractTableModel):
    """Title, site, date, sources and notes of every article in the library."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleInfo] = []
        self._dates: list[date | None] = []

    # ---- feeding ---------------------------------------------------------------------------

    def set_articles(self, articles: list[ArticleInfo]) -> None:
        rows = list(articles)
        if [a.id for a in rows] == [a.id for a in self._rows]:  # same articles: update in place
            self._rows, self._dates = rows, [article_date(a) for a in rows]
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._rows, self._dates = rows, [article_date(a) for a in rows]
        self.endResetModel()

    def article_at(self, row: int) -> ArticleInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int:
        for row, a in enumerate(self._rows):
            if a.id == article_id:
                return row
        return -1

    def article_ids(self) -> list[int]:
        return [a.id for a in self._rows]

    # ---- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        col = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(col)
        if role == Qt.ItemDataRole.DecorationRole and col in HEADER_ICONS:
            from reader.ui import icons

            return icons.icon(HEADER_ICONS[col])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (Column.SOURCES, Column.NOTES):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Column.TITLE:
                return a.title or "(untitled)"
            if col == Column.SITE:
                return site_of(a)
            if col == Column.DATE:
                return _date_label(self._dates[index.row()], short=True)
            if col == Column.SOURCES:
                return str(a.sources) if a.sources else "·"
            return str(a.notes) if a.notes else "·"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Column.SOURCES, Column.NOTES):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, index.row())
        if role == Role.ArticleIdRole:
            return a.id
        if role == Role.InfoRole:
            return a
        if role == Role.SortRole:
            return self._sort_value(a, col, index.row())
        if role == Role.FilterTextRole:
            return " ".join(x for x in (a.title, site_of(a), a.author or "", a.origin) if x).lower()
        return None

    def _sort_value(self, a: ArticleInfo, col: Column, row: int) -> Any:
        if col == Column.TITLE:
            return (a.title or "").casefold()
        if col == Column.SITE:
            return site_of(a).casefold()
        if col == Column.DATE:
            d = self._dates[row]
            return d.isoformat() if d else ""
        if col == Column.SOURCES:
            return a.sources
        return a.notes

    def _tooltip(self, a: ArticleInfo, row: int) -> str:
        import html

        lines = [f"<b>{html.escape(a.title or '(untitled)')}</b>"]
        meta = [x for x in (a.author, site_of(a), _date_label(self._dates[row])) if x]
        if meta:
            lines.append(html.escape(" · ".join(meta)))
        if a.origin:
            lines.append(f"<span style='color:gray'>{html.escape(a.origin)}</span>")
        return "<br>".join(lines)


class LibraryFilterModel(QSortFilterProxyModel):
    """Sorts on `Role.SortRole`; keeps rows whose title, site, author or origin contain every
    word of the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(Role.SortRole)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        words = text.lower().split()
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        hay = str(model.data(model.index(row, 0, parent), Role.FilterTextRole) or "")
        return all(w in hay for w in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        m = self.sourceModel()
        lv, rv = m.data(left, Role.SortRole), m.data(right, Role.SortRole)
        if lv == rv:  # ties by id, so the order never jumps
            return (m.data(left, Role.ArticleIdRole) or 0) < (
                m.data(right, Role.ArticleIdRole) or 0
            )
        return lv < rv
