"""Search results as a Qt item model: article → its hits, fed from `Library.search()`
(`SearchHit` dataclasses, already grouped by article, best first).

Article rows show the title and the number of hits; hit rows show where the match is (text,
a statement, a source, a note) and the snippet, whose matches `Role.SnippetHtmlRole` gives as
rich text for the delegate. Roles are declared once in `Role`; views hold no data.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.library.search import MARK_CLOSE, MARK_OPEN, SearchHit
from reader.ui.tree_model import TwoLevelModel

Index = QModelIndex | QPersistentModelIndex

FIELD_LABELS = {
    "title": "Title",
    "text": "Text",
    "statement": "Statement",
    "source": "Source",
    "note": "Note",
}


class Role(IntEnum):
    """Custom roles of the search tree (declared once; the panel and delegate use these)."""

    ArticleIdRole = Qt.ItemDataRole.UserRole + 1  # both row kinds
    IsArticleRole = Qt.ItemDataRole.UserRole + 2  # True for article rows
    HitRole = Qt.ItemDataRole.UserRole + 3  # the SearchHit (hit rows)
    SnippetHtmlRole = Qt.ItemDataRole.UserRole + 4  # snippet as HTML, matches in <b>
    FieldRole = Qt.ItemDataRole.UserRole + 5  # title | text | statement | source | note
    StartRole = Qt.ItemDataRole.UserRole + 6  # offset of the hit in the article, or None
    CountRole = Qt.ItemDataRole.UserRole + 7  # hits of an article (article rows)
    MatchRole = Qt.ItemDataRole.UserRole + 8  # the first run of matched words of a hit


def first_match(snippet: str) -> str:
    """The words between the first pair of match markers of a snippet ("" when none)."""
    a = snippet.find(MARK_OPEN)
    b = snippet.find(MARK_CLOSE, a + 1)
    return snippet[a + len(MARK_OPEN) : b] if a >= 0 and b > a else ""


def matched_phrase(snippet: str) -> str:
    """The first run of matched words, joined with what stands between them when only spaces
    or punctuation do: "⟦Ruth⟧ ⟦Adeyemi⟧ said" → "Ruth Adeyemi"."""
    a = snippet.find(MARK_OPEN)
    if a < 0:
        return ""
    out, pos = [], a
    while True:
        b = snippet.find(MARK_CLOSE, pos + 1)
        if b < 0:
            break
        out.append(snippet[pos + len(MARK_OPEN) : b])
        nxt = snippet.find(MARK_OPEN, b + 1)
        gap = snippet[b + len(MARK_CLOSE) : nxt] if nxt >= 0 else "x"
        if nxt < 0 or any(c.isalnum() for c in gap) or len(gap) > 3:
            break
        out.append(gap)
        pos = nxt
    return "".join(out)


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


class SearchModel(TwoLevelModel):
    """Two levels: articles (top rows, best first) and each article's hits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self._articles: list[tuple[int, str]] = []  # (article_id, title)
        self._hits: list[list[SearchHit]] = []

    # ---- feeding ---------------------------------------------------------------------------

    def set_hits(self, hits: list[SearchHit], query: str = "") -> None:
        self.beginResetModel()
        self.query = query
        self._articles, self._hits = [], []
        where: dict[int, int] = {}
        for h in hits:
            if h.article_id not in where:
                where[h.article_id] = len(self._articles)
                self._articles.append((h.article_id, h.article_title))
                self._hits.append([])
            self._hits[where[h.article_id]].append(h)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([], "")

    def hit_count(self) -> int:
        return sum(len(g) for g in self._hits)

    def article_count(self) -> int:
        return len(self._articles)

    def hit_at(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._hits[index.internalId() - 1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    def article_id_at(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._articles[row][0] if 0 <= row < len(self._articles) else None

    # ---- TwoLevelModel --------------------------------------------------------------------

    def parent_count(self) -> int:
        return len(self._articles)

    def child_count(self, parent_row: int) -> int:
        return len(self._hits[parent_row]) if parent_row < len(self._hits) else 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hit_at(index)
        if hit is None:
            row = index.row()
            if not 0 <= row < len(self._articles):
                return None
            return self._article_data(row, role)
        return self._hit_data(hit, role)

    def _article_data(self, row: int, role: int) -> Any:
        article_id, title = self._articles[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return title or "(untitled)"
        if role == Role.ArticleIdRole:
            return article_id
        if role == Role.IsArticleRole:
            return True
        if role == Role.CountRole:
            return len(self._hits[row])
        return None

    def _hit_data(self, hit: SearchHit, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{FIELD_LABELS.get(hit.field, hit.field)}: {plain_snippet(hit.snippet)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            label = FIELD_LABELS.get(hit.field, hit.field)
            return f"<p><b>{label}</b></p><p>{hit.snippet_html()}</p>"
        if role == Role.ArticleIdRole:
            return hit.article_id
        if role == Role.IsArticleRole:
            return False
        if role == Role.HitRole:
            return hit
        if role == Role.SnippetHtmlRole:
            return hit.snippet_html()
        if role == Role.FieldRole:
            return hit.field
        if role == Role.StartRole:
            return hit.start
        if role == Role.MatchRole:
            return matched_phrase(hit.snippet)
        return None
