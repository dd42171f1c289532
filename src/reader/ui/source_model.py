"""The Sources tree as a Qt item model: source → its statements, fed from the analysis dataclasses.

The model holds the opened article's `Analysis` and answers every question from it through
the roles of `Role`; the views hold no data. Beside the analysis it holds the library's
record of each source (rating, note, other articles) and the credibility signals with their
chips. A proxy sorts and filters it (by statements, name, kind, rating; by kind and text).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any, cast

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from reader.library.views import Analysis, Citation, Source, SourceSignals, Statement
from reader.ui import icons
from reader.ui.source_chips import Chip, shown_record, source_chips
from reader.ui.tree_model import TwoLevelModel

KIND_LABELS = {
    "person": "Person",
    "organization": "Organisation",
    "media": "Media",
    "anonymous": "Anonymous",
    "document": "Document",
    "other": "Other",
}
STATEMENT_LABELS = {"direct": "Quote", "mixed": "Partial quote", "indirect": "Paraphrase"}

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom roles of the Sources tree (declared once; panels and delegates use these)."""

    SourceKeyRole = Qt.ItemDataRole.UserRole + 1  # Source.id (both row kinds)
    StatementKeyRole = Qt.ItemDataRole.UserRole + 2  # Statement.id (statement rows)
    SpanRole = Qt.ItemDataRole.UserRole + 3  # (start, end) in the article text
    KindRole = Qt.ItemDataRole.UserRole + 4  # source kind or statement kind
    IsSourceRole = Qt.ItemDataRole.UserRole + 5  # True for source rows
    SourceRole = Qt.ItemDataRole.UserRole + 6  # the Source dataclass
    StatementRole = Qt.ItemDataRole.UserRole + 7  # the Statement dataclass
    SecondLineRole = Qt.ItemDataRole.UserRole + 8  # "role · affiliation" / "said · allegedly"
    CountsRole = Qt.ItemDataRole.UserRole + 9  # (direct, paraphrased) for sources
    ColorRole = Qt.ItemDataRole.UserRole + 10  # the source's colour (QColor)
    CueRole = Qt.ItemDataRole.UserRole + 11  # the reporting words of a statement
    HedgesRole = Qt.ItemDataRole.UserRole + 12  # tuple of hedge phrases
    SignalsRole = Qt.ItemDataRole.UserRole + 13  # credibility.SourceSignals of the source
    ChipsRole = Qt.ItemDataRole.UserRole + 14  # list[source_chips.Chip]
    LibraryIdRole = Qt.ItemDataRole.UserRole + 15  # LibrarySource id (None: anonymous)
    RatingRole = Qt.ItemDataRole.UserRole + 16  # the user's rating −2…+2 or None
    NoteRole = Qt.ItemDataRole.UserRole + 17  # the user's private note
    ArticlesRole = Qt.ItemDataRole.UserRole + 18  # articles of the library quoting the source
    AppearancesRole = Qt.ItemDataRole.UserRole + 19  # [(article id, title, [texts])] elsewhere


def statement_counts(statements: list[Statement]) -> tuple[int, int]:
    """(direct, paraphrased): a partial quote counts as direct."""
    direct = sum(1 for s in statements if s.kind in ("direct", "mixed"))
    return direct, len(statements) - direct


def statement_text(text: str, st: Statement) -> str:
    return " … ".join(" ".join(text[a:b].split()) for a, b in st.content)


class SourceModel(TwoLevelModel):
    """Two levels: sources (top rows) and each source's statements in text order.

    A source row is editable (its name): an edit does not change the model but asks for a
    rename through `rename_requested`, which the window turns into a library correction."""

    rename_requested = Signal(str, str)  # source key, new name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self.text = ""
        self._sources: list[Source] = []
        self._statements: list[list[Statement]] = []
        self._colors: dict[str, QColor] = {}
        self._signals: dict[str, SourceSignals] = {}
        self._cited: dict[str, tuple[Citation, ...]] = {}  # source key → the view's citations
        self._chips: dict[str, list[Chip]] = {}
        # source key → what of the library's record its chips show (source_chips.shown_record)
        self._chips_of: dict[str, tuple[object, ...]] = {}
        self.links: dict[str, int] = {}  # source key → LibrarySource id
        self.infos: dict[int, Any] = {}  # LibrarySource id → sources.LibrarySourceInfo
        self.appearances: dict[int, list] = {}  # LibrarySource id → appearances elsewhere

    # ---- feeding ---------------------------------------------------------------------------

    def set_analysis(
        self,
        analysis: Analysis | None,
        colors: dict[str, QColor] | None = None,
        signals: Mapping[str, SourceSignals] | None = None,
        cited: Mapping[str, tuple[Citation, ...]] | None = None,
    ) -> None:
        """Show an analysis with its sources' signals and citations as the library computed
        them (with the ArticleView, off the GUI thread): nothing is computed here."""
        same = analysis is not None and self.analysis is not None and analysis.text == self.text
        self.beginResetModel()
        self.analysis = analysis
        self.text = analysis.text if analysis else ""
        self._sources = list(analysis.sources) if analysis else []
        self._statements = (
            [sorted(analysis.statements_of(s.id), key=lambda st: st.start) for s in self._sources]
            if analysis
            else []
        )
        self._colors = dict(colors or {})
        self._signals = dict(signals or {}) if analysis else {}
        self._cited = dict(cited or {}) if analysis else {}
        if not same:  # a reload of the same article keeps the library's record until it comes
            self.links, self.infos, self.appearances = {}, {}, {}
        self._make_chips()
        self.endResetModel()

    def set_library(
        self,
        links: dict[str, int],
        infos: dict[int, Any],
        appearances: dict[int, list] | None = None,
    ) -> bool:
        """The library's record of the sources: ids, ratings, notes, other articles. True when
        a row looks different for it (its chips); the rows that do not are not painted again
        (a first article's sources have no ratings, notes or other articles yet)."""
        shown = self._chips
        self.links = dict(links)
        self.infos = dict(infos)
        self.appearances = dict(appearances or {})
        self._make_chips(keep=True)
        rows = [r for r, s in enumerate(self._sources) if self._chips.get(s.id) != shown.get(s.id)]
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], 0))
        return bool(rows)

    def update_info(self, info: Any) -> None:
        """One library source changed (rating, note): refresh the rows that show it."""
        self.infos[info.id] = info
        self._make_chips(keep=True)
        for row, src in enumerate(self._sources):
            if self.links.get(src.id) == info.id:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def _make_chips(self, keep: bool = False) -> None:
        """Every source's chips; with `keep` (the same analysis, the library's record come or
        changed), a source whose record shows the same keeps its chips: the record of a
        just-opened article's sources comes before the first paint and seldom changes them."""
        if self.analysis is None:
            self._chips, self._chips_of = {}, {}
            return
        names = {s.id: s.name for s in self._sources}
        shown, shown_of = self._chips, self._chips_of
        self._chips, self._chips_of = {}, {}
        for src in self._sources:
            info = self.info_of(src.id)
            lib_id = self.links.get(src.id)
            titles = [a[1] for a in self.appearances.get(lib_id, [])] if lib_id else []
            articles = info.articles if info else 0
            note = info.note if info else ""
            rating = info.rating if info else None
            record = shown_record(articles, titles, note, rating)
            self._chips_of[src.id] = record
            if keep and src.id in shown and shown_of.get(src.id) == record:
                self._chips[src.id] = shown[src.id]
                continue
            self._chips[src.id] = source_chips(
                self.analysis,
                src,
                self._signals.get(src.id),
                names,
                articles=articles,
                other_titles=titles,
                note=note,
                rating=rating,
                cited=self._cited.get(src.id, ()),
            )

    def info_of(self, source_id: str) -> Any:
        lib_id = self.links.get(source_id)
        return self.infos.get(lib_id) if lib_id is not None else None

    def signals_of(self, source_id: str) -> SourceSignals | None:
        return self._signals.get(source_id)

    def cited_of(self, source_id: str) -> tuple[Citation, ...]:
        """The statements of others that name a source with no statement of its own."""
        return self._cited.get(source_id, ())

    def chips_of(self, source_id: str) -> list[Chip]:
        return self._chips.get(source_id, [])

    def sources(self) -> list[Source]:
        return list(self._sources)

    def set_colors(self, colors: dict[str, QColor]) -> None:
        self._colors = dict(colors)
        if self._sources:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._sources) - 1, 0))

    def source_at(self, index: Index) -> Source | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._sources[row] if 0 <= row < len(self._sources) else None

    def statement_at(self, index: Index) -> Statement | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._statements[index.internalId() - 1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    def source_index(self, source_id: str) -> QModelIndex:
        for row, s in enumerate(self._sources):
            if s.id == source_id:
                return self.index(row, 0)
        return QModelIndex()

    def statement_index(self, statement_id: str) -> QModelIndex:
        for srow, group in enumerate(self._statements):
            for row, st in enumerate(group):
                if st.id == statement_id:
                    return self.index(row, 0, self.index(srow, 0))
        return QModelIndex()

    # ---- TwoLevelModel --------------------------------------------------------------------

    def parent_count(self) -> int:
        return len(self._sources)

    def child_count(self, parent_row: int) -> int:
        return len(self._statements[parent_row]) if parent_row < len(self._statements) else 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A source's name edited in place: ask for a rename (the analysis is not changed here;
        the library's correction comes back as a new analysis)."""
        src = self.source_at(index)
        if role != Qt.ItemDataRole.EditRole or src is None or index.internalId() != 0:
            return False
        name = " ".join(str(value or "").split())
        if not name or name == src.name:
            return False
        self.rename_requested.emit(src.id, name)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        st = self.statement_at(index)
        src = self.source_at(index)
        if src is None:
            return None
        if st is None:
            return self._source_data(index.row(), src, role)
        return self._statement_data(src, st, role)

    def _source_data(self, row: int, src: Source, role: int) -> Any:
        statements = self._statements[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return src.name
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.kind_icon(
                src.kind, self._colors[src.id].name() if src.id in self._colors else None
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            direct, para = statement_counts(statements)
            lines = [f"<b>{_esc(src.name)}</b> — {KIND_LABELS.get(src.kind, src.kind)}"]
            if src.role or src.affiliation:
                lines.append(_esc(" · ".join(x for x in (src.role, src.affiliation) if x)))
            lines.append(f"{direct} quoted, {para} paraphrased; named {len(src.mentions)}×")
            return "<br>".join(lines)
        if role == Role.SourceKeyRole:
            return src.id
        if role == Role.KindRole:
            return src.kind
        if role == Role.IsSourceRole:
            return True
        if role == Role.SourceRole:
            return src
        if role == Role.SecondLineRole:
            # a group's own phrase as its role ("local traders") would only repeat the name
            said = src.role if src.role and src.role.casefold() != src.name.casefold() else None
            parts = [x for x in (said, src.affiliation) if x]
            if not parts:
                parts = [KIND_LABELS.get(src.kind, src.kind)]
            return " · ".join(parts)
        if role == Role.CountsRole:
            return statement_counts(statements)
        if role == Role.SpanRole:
            if src.mentions:
                return tuple(src.mentions[0])
            return (statements[0].start, statements[0].end) if statements else None
        if role == Role.ColorRole:
            return self._colors.get(src.id)
        if role == Role.SignalsRole:
            return self._signals.get(src.id)
        if role == Role.ChipsRole:
            return self._chips.get(src.id, [])
        if role == Role.LibraryIdRole:
            return self.links.get(src.id)
        info = self.info_of(src.id)
        if role == Role.RatingRole:
            return info.rating if info else None
        if role == Role.NoteRole:
            return info.note if info else ""
        if role == Role.ArticlesRole:
            return info.articles if info else 0
        if role == Role.AppearancesRole:
            lib_id = self.links.get(src.id)
            return self.appearances.get(lib_id, []) if lib_id is not None else []
        return None

    def _statement_data(self, src: Source, st: Statement, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return statement_text(self.text, st)
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.statement_icon(st.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            head = STATEMENT_LABELS.get(st.kind, st.kind)
            if st.cue_text:
                head += f" · “{_esc(st.cue_text)}”"
            if st.hedges:
                head += " · hedged: " + _esc(", ".join(st.hedges))
            body = _esc(statement_text(self.text, st))
            return f"<p><b>{head}</b></p><p>{body}</p>"
        if role == Role.SourceKeyRole:
            return src.id
        if role == Role.StatementKeyRole:
            return st.id
        if role == Role.KindRole:
            return st.kind
        if role == Role.IsSourceRole:
            return False
        if role == Role.SourceRole:
            return src
        if role == Role.StatementRole:
            return st
        if role == Role.SpanRole:
            return (st.start, st.end)
        if role == Role.CueRole:
            return st.cue_text
        if role == Role.HedgesRole:
            return tuple(st.hedges)
        if role == Role.SecondLineRole:
            parts = [STATEMENT_LABELS.get(st.kind, st.kind)]
            if st.cue_text:
                parts.append(st.cue_text)
            parts.extend(st.hedges)
            return " · ".join(parts)
        if role == Role.ColorRole:
            return self._colors.get(src.id)
        return None


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


SORT_KEYS = ("statements", "name", "kind", "rating")


class SourceFilterModel(QSortFilterProxyModel):
    """Sorts sources (by statements, name, kind or rating) and filters them by kind and by a
    text; statements stay in text order, and a matching source keeps all its statements."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sort_key = "statements"
        self._needle = ""
        self.kind: str | None = None
        self.setDynamicSortFilter(True)

    def set_kind(self, kind: str | None) -> None:
        """Show only sources of this kind (None: all)."""
        kind = kind or None
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self.kind = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kind = kind
            self.invalidateFilter()

    def set_sort_key(self, key: str) -> None:
        self.sort_key = key if key in SORT_KEYS else "statements"
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_filter_text(self, text: str) -> None:
        needle = " ".join(text.lower().split())
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def _matches(self, index: QModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        hay = " ".join(
            str(model.data(index, r) or "")
            for r in (Qt.ItemDataRole.DisplayRole, Role.SecondLineRole, Role.KindRole)
        )
        return self._needle in hay.lower()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = cast(SourceModel, self.sourceModel())  # the sources panel sets a SourceModel
        if self.kind and not parent.isValid():
            src = model.source_at(model.index(row, 0, parent))
            if src is None or src.kind != self.kind:
                return False
        if not self._needle:
            return True
        index = model.index(row, 0, parent)
        if self._matches(index):
            return True
        if parent.isValid():  # a statement: shown when its source matches
            return self._matches(model.index(parent.row(), 0))
        return any(self._matches(model.index(r, 0, index)) for r in range(model.rowCount(index)))

    def lessThan(self, left: Index, right: Index) -> bool:
        m = self.sourceModel()
        if left.parent().isValid():
            return (m.data(left, Role.SpanRole) or (0, 0)) < (
                m.data(right, Role.SpanRole) or (0, 0)
            )
        ln, rn = str(m.data(left) or "").lower(), str(m.data(right) or "").lower()
        if self.sort_key == "name":
            return ln < rn
        lc, rc = sum(m.data(left, Role.CountsRole)), sum(m.data(right, Role.CountsRole))
        if self.sort_key == "rating":  # trusted first, not rated last
            lr, rr = m.data(left, Role.RatingRole), m.data(right, Role.RatingRole)
            lv = -lr if lr is not None else 9
            rv = -rr if rr is not None else 9
            return (lv, -lc, ln) < (rv, -rc, rn)
        if self.sort_key == "kind":
            lk, rk = list(KIND_LABELS), list(KIND_LABELS)
            li = lk.index(m.data(left, Role.KindRole)) if m.data(left, Role.KindRole) in lk else 99
            ri = (
                rk.index(m.data(right, Role.KindRole)) if m.data(right, Role.KindRole) in rk else 99
            )
            return (li, -lc, ln) < (ri, -rc, rn)
        return (-lc, ln) < (-rc, rn)
