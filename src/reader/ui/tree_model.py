"""A two-level tree model (parents, each with a list of children) that the Sources tree and the
search results share: one column, children addressed by their parent's row in internalId."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class TwoLevelModel(QAbstractItemModel):
    """Subclasses say how many parents there are and how many children each has; a parent's
    index has internalId 0, a child's holds its parent's row + 1."""

    def parent_count(self) -> int:
        raise NotImplementedError

    def child_count(self, parent_row: int) -> int:
        raise NotImplementedError

    @staticmethod
    def is_parent(index: Index) -> bool:
        return index.isValid() and index.internalId() == 0

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < self.parent_count() else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        prow = parent.row()
        if prow < self.parent_count() and row < self.child_count(prow):
            return self.createIndex(row, 0, prow + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self.parent_count()
        if parent.internalId() == 0 and parent.row() < self.parent_count():
            return self.child_count(parent.row())
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1
