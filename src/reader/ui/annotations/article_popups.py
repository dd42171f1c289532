"""The article's popups for annotations: where they go (next to a range of the text), the note
shown when hovering a highlight (naming another member who wrote it), and the right-click menu
with colours, note, sharing with the team and removal — none of them on another member's
highlight (called from the Annotator, which they reach only through `PopupHost`)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QHelpEvent, QKeySequence
from PySide6.QtWidgets import QToolTip

from reader.ui.annotations.annotation_model import COLOR_NAMES, color_of
from reader.ui.annotations.commands import HighlightRef
from reader.ui.annotations.selection_toolbar import swatch_icon
from reader.ui.annotations.team import TeamView
from reader.ui.article_view import ArticleView
from reader.ui.html_text import escape


class PopupHost(Protocol):
    """What the popups need of the annotations of a window (reader.ui.annotations.Annotator):
    the article view, which highlight lies where, and the commands the menu offers."""

    @property
    def view(self) -> ArticleView: ...

    @property
    def find_action(self) -> QAction: ...

    @property
    def team(self) -> TeamView: ...

    def highlight_at(self, start: int, end: int) -> HighlightRef | None: ...

    def target(self) -> tuple[HighlightRef | None, tuple[int, int] | None]: ...

    def color_selection(self, name: str) -> None: ...

    def note_on_selection(self) -> None: ...

    def delete(self, ref: HighlightRef) -> None: ...


def selection_rect(view: ArticleView, start: int, end: int) -> QRect:
    """The range's box in viewport coordinates (its first and last line)."""
    a = view.cursorRect(view.cursor_for(start))
    b = view.cursorRect(view.cursor_for(end))
    if abs(a.top() - b.top()) < 4:
        return QRect(QPoint(a.left(), a.top()), QPoint(b.right(), max(a.bottom(), b.bottom())))
    return QRect(QPoint(a.left(), a.top()), QPoint(a.left() + 120, b.bottom()))


def rect_in_view(view: ArticleView, start: int, end: int) -> QRect:
    """The range's box in the article view's own coordinates (where the note editor lives)."""
    return selection_rect(view, start, end).translated(view.viewport().mapTo(view, QPoint(0, 0)))


def note_tooltip(ann: PopupHost, event: QHelpEvent) -> bool:
    """The note of the highlight under the mouse, as a tooltip; False when there is none."""
    doc_point = QPointF(
        event.pos().x() + ann.view.horizontalScrollBar().value(),
        event.pos().y() + ann.view.verticalScrollBar().value(),
    )
    qpos = ann.view.document().documentLayout().hitTest(doc_point, Qt.HitTestAccuracy.ExactHit)
    if qpos < 0:
        return False
    pos = ann.view.offset_at(event.pos())
    ref = ann.highlight_at(pos, pos)
    info = ref.info if ref is not None else None
    if info is None or not info.note:
        return False
    body = escape(info.note).replace("\n", "<br>")
    swatch = color_of(info.color).name()
    author = ann.team.author_of(info)
    title = f"Note by {escape(author)}" if author else "Note"
    html = (
        f"<div style='max-width:320px'><span style='color:{swatch}'>■</span> "
        f"<b>{title}</b><br>{body}</div>"
    )
    QToolTip.showText(event.globalPos(), html, ann.view.viewport())
    return True


def context_menu(ann: PopupHost, event: QContextMenuEvent) -> bool:
    """The article's context menu with the highlight and note actions for what is under it."""
    menu = ann.view.createStandardContextMenu()
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ref, rng = ann.target()
    if rng is None:
        pos = ann.view.offset_at(event.pos())
        ref = ann.highlight_at(pos, pos)
        rng = (ref.start, ref.end) if ref is not None else None
    theirs = ref is not None and not ann.team.is_mine(ref.info)
    if theirs and ref is not None and ref.info is not None:
        menu.addSeparator()
        by = menu.addAction(f"Shared by {ann.team.author_of(ref.info)}")
        by.setEnabled(False)  # another member's: theirs to change
    elif rng is not None:
        menu.addSeparator()
        verb = "Recolour" if ref is not None else "Highlight"
        for name in COLOR_NAMES:
            act = menu.addAction(swatch_icon(name, 16), f"{verb} {name}")
            act.triggered.connect(lambda _=False, n=name: ann.color_selection(n))
        note = menu.addAction("Edit note…" if ref is not None else "Note…")
        note.setShortcut(QKeySequence("Ctrl+Alt+M"))
        note.triggered.connect(lambda _=False: ann.note_on_selection())
        if ref is not None:
            share = menu.addAction("Shared with the Team")
            share.setCheckable(True)
            share.setChecked(ref.info is not None and ref.info.shared)
            share.setEnabled(ref.info is not None)
            share.setStatusTip("Other members see this highlight and its note; else only you")
            share.toggled.connect(lambda on, r=ref: ann.team.share(r, on))
            rm = menu.addAction("Remove highlight")
            rm.triggered.connect(lambda _=False, r=ref: ann.delete(r))
    menu.addSeparator()
    menu.addAction(ann.find_action)
    menu.popup(event.globalPos())
    return True
