"""The Outlets dialog's item models, fed from `reader.library.outlets.OutletProfile`: the outlets
with their figures (one row each), an outlet's top sources, and the articles and statements
behind a figure (a tree: article → its statements). The views hold no data of their own."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from reader.library.outlets import (
    FIGURES,
    MIN_ARTICLES,
    MIN_STATEMENTS,
    SHARES,
    OutletProfile,
    OutletStatement,
    figure_text,
)

Index = QModelIndex | QPersistentModelIndex
FIGURE_COLUMNS = ("per_article", *SHARES)  # after Outlet, Articles, Statements
FIRST_FIGURE = 3
HEADERS = (
    "Outlet",
    "Articles",
    "Statements",
    "St./article",
    "Named",
    "Anonymous",
    "Verbatim",
    "Hedged",
    "Doubtful verbs",
)
TIPS = {
    "per_article": "Statements per article",
    "named": "Share of statements from named sources",
    "anonymous": "Share of statements from anonymous or unnamed sources",
    "direct": "Share of statements quoted verbatim",
    "hedged": 'Share of statements hedged ("allegedly", "reportedly")',
    "doubtful": 'Share of statements reported with a doubtful verb ("claimed")',
}


class Role(IntEnum):
    """Custom roles of the Outlets dialog's models (declared once)."""

    ProfileRole = Qt.ItemDataRole.UserRole + 1  # the row's OutletProfile
    FigureRole = Qt.ItemDataRole.UserRole + 2  # the column's figure name (None: the outlet)
    ArticleIdRole = Qt.ItemDataRole.UserRole + 3  # an article row of the tree
    StatementRole = Qt.ItemDataRole.UserRole + 4  # a statement row of the tree
    SourceRole = Qt.ItemDataRole.UserRole + 5  # a QuotedSource


def figure_of_column(column: int) -> str | None:
    """The figure a column shows; None for Outlet, Articles and Statements (all the outlet's)."""
    i = column - FIRST_FIGURE
    return FIGURE_COLUMNS[i] if 0 <= i < len(FIGURE_COLUMNS) else None


class OutletsModel(QAbstractTableModel):
    """One row per outlet, most articles first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profiles: list[OutletProfile] = []

    def set_profiles(self, profiles: list[OutletProfile]) -> None:
        self.beginResetModel()
        self.profiles = list(profiles)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.profiles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            name = figure_of_column(section)
            return TIPS[name] if name else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.profiles):
            return None
        p = self.profiles[index.row()]
        col = index.column()
        name = figure_of_column(col)
        if role == Role.ProfileRole:
            return p
        if role == Role.FigureRole:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return p.name
            if col == 1:
                return len(p.articles)
            if col == 2:
                return len(p.statements)
            return figure_text(p.figures[name]) if name else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            if name and p.figures[name].value is None:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return f"{p.name} ({p.key})"
            if name:
                f = p.figures[name]
                of = "articles" if name == "per_article" else "statements"
                tip = f"{FIGURES[name]}: {f.count} of {f.total} {of}"
                if f.too_few:
                    tip += (
                        f" — {f.too_few} ({MIN_ARTICLES} articles and {MIN_STATEMENTS} statements"
                        " are needed)"
                    )
                return tip + ". Double-click to see them."
        return None

    def spans(self, row: int) -> list[tuple[int, int]]:
        """(first column, count) of each run of figure columns saying the same "too few"."""
        figures = [self.profiles[row].figures[name] for name in FIGURE_COLUMNS]
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(figures):
            text, j = figures[i].too_few, i + 1
            while text and j < len(figures) and figures[j].too_few == text:
                j += 1
            if text and j - i > 1:
                out.append((FIRST_FIGURE + i, j - i))
            i = j
        return out


class SourcesModel(QAbstractTableModel):
    """The outlet's most quoted sources: name, statements, articles."""

    HEADERS = ("Quoted most", "Statements", "Articles")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile: OutletProfile | None = None

    def set_profile(self, profile: OutletProfile | None) -> None:
        self.beginResetModel()
        self.profile = profile
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.profile is None else len(self.profile.top_sources)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.profile is None or not index.isValid():
            return None
        s = self.profile.top_sources[index.row()]
        if role == Role.SourceRole:
            return s
        if role == Qt.ItemDataRole.DisplayRole:
            return (s.name, len(s.statements), len(s.articles))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.name} ({s.kind}). Double-click to see the statements."
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


def behind_model(
    profile: OutletProfile,
    statement_ids: tuple[int, ...],
    article_ids: tuple[int, ...],
    parent: QObject | None = None,
) -> QStandardItemModel:
    """The articles (in the outlet's order) and, under each, the statements of `statement_ids`
    it holds; an article of `article_ids` without any is listed too (statements per article
    counts it)."""
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels(["Article / statement"])
    wanted = set(statement_ids)
    listed = set(article_ids)
    for a in profile.articles:
        sts = [profile.statements[i] for i in a.statements if i in wanted]
        if not sts and a.id not in listed:
            continue
        count = f"{len(sts)} statement" + ("" if len(sts) == 1 else "s")
        item = QStandardItem(f"{a.title}  ·  {a.month}  ·  {count}")
        item.setEditable(False)
        item.setData(a.id, Role.ArticleIdRole)
        item.setToolTip("Double-click to open the article")
        for st in sts:
            item.appendRow(statement_item(st))
        model.appendRow(item)
    return model


def statement_item(st: OutletStatement) -> QStandardItem:
    marks = [
        w
        for w, on in (
            ("named" if st.named else "anonymous", True),
            ("verbatim", st.direct),
            ("hedged", st.hedged),
            ("doubtful verb", st.doubtful),
        )
        if on
    ]
    text = st.text if len(st.text) <= 160 else st.text[:159] + "…"
    item = QStandardItem(f"{st.source}: {text}")
    item.setEditable(False)
    item.setData(st, Role.StatementRole)
    item.setData(st.article_id, Role.ArticleIdRole)
    item.setToolTip(f"{', '.join(marks)} — double-click to open the article at this statement")
    return item
