"""The Sources panel: who is cited in the open article, each with their statements, the
signals a reader can check (each chip quoting its evidence on hover), the user's rating, and a
details pane for the selected source.

A thin view over `SourceModel` (through its sort/filter proxy): a filter box, kind and sort
menus, a tree drawn by `reader.ui.source_delegate` and `SourceDetails` below it. It tells the
window what the reader picked or asked for through signals; `reader.ui.source_actions` turns
the requests (rating, note, corrections) into undoable library operations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QRect, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library.views import (
    Analysis,
    Citation,
    Source,
    SourceSignals,
    Statement,
    looks_english,
)
from reader.ui import icons
from reader.ui.delegates import configure_card_tree, item_value
from reader.ui.orphan_list import OrphanLine
from reader.ui.signals_help import show_signals_help
from reader.ui.source_delegate import SourceDelegate, SourceTree
from reader.ui.source_details import SourceDetails
from reader.ui.source_model import KIND_LABELS, Role, SourceFilterModel, SourceModel
from reader.ui.viewports import wrap_viewport

NO_SOURCES = "No cited sources found in this article."
NOT_ENGLISH = (
    "No cited sources found.\n\nSource detection reads English only; this article looks like"
    " it is in another language."
)
PICK_HINT = "Select a source to see its signals, evidence and your rating."
SPLITTER_KEY = "sources/splitter"


class SourcesPanel(QWidget):
    """Filter box, kind and sort menus, the source → statements tree and the details pane.

    Requests go out as signals (the panel changes no data): `rename_requested`,
    `merge_requested`, `move_requested`, `not_statement_requested`, `rating_requested`,
    `note_changed`, `article_requested`."""

    statement_activated = Signal(int, int)  # start, end in the article text
    source_selected = Signal(object)  # reader.library.views.Source or None
    rename_requested = Signal(str, str)  # source key, new name
    merge_requested = Signal(str, str)  # from source key, into source key
    move_requested = Signal(str, str)  # statement key, to source key
    not_statement_requested = Signal(str)  # statement key
    rating_requested = Signal(int, object)  # library source id, rating −2…+2 or None
    note_changed = Signal(int, str)  # library source id, note (debounced)
    article_requested = Signal(int)  # another article quoting the source

    SORTS = (
        ("statements", "Most statements"),
        ("name", "Name"),
        ("kind", "Kind"),
        ("rating", "Your rating"),
    )
    KINDS = (None, "person", "organization", "media", "anonymous", "document")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SourceModel(self)
        self.proxy = SourceFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.model.rename_requested.connect(self.rename_requested)
        self._keep: str | None = None  # source to select again after the next analysis

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter sources and statements")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon("fa5s.search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self._on_filter)
        self.kind_combo = QComboBox(self)
        for kind in self.KINDS:
            self.kind_combo.addItem("All kinds" if kind is None else KIND_LABELS[kind])
        self.kind_combo.setToolTip("Show one kind of source")
        self.kind_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_kind(self.KINDS[i] if 0 <= i < len(self.KINDS) else None)
        )
        self.sort_combo = QComboBox(self)
        for _key, label in self.SORTS:
            self.sort_combo.addItem(label)
        self.sort_combo.setToolTip("Sort sources")
        self.sort_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_sort_key(self.SORTS[i][0] if 0 <= i < len(self.SORTS) else "")
        )
        self.help_button = QToolButton(self)
        self.help_button.setObjectName("signalsHelpButton")
        self.help_button.setText("?")
        self.help_button.setIcon(icons.icon("fa5s.question-circle"))
        self.help_button.setToolTip("What the signals mean")
        self.help_button.setAutoRaise(True)
        self.help_button.clicked.connect(lambda: self.show_help())

        self.tree = SourceTree(self)
        self.tree.setObjectName("sourcesTree")
        wrap_viewport(self.tree)  # before anything asks for it: see reader.ui.viewports
        self.tree.setModel(self.proxy)
        configure_card_tree(self.tree, indentation=14)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.delegate = SourceDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.clicked.connect(self._activate)
        self.tree.activated.connect(self._activate)
        self.tree.selectionModel().currentChanged.connect(self._on_current)

        self.empty = QLabel(NO_SOURCES, self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        # corrections kept from an earlier analysis that no longer fit (orphaned_corrections.py)
        self.orphans = OrphanLine(self)

        self.details = SourceDetails(self)
        self.details.evidence_activated.connect(self.statement_activated)
        self.details.rating_chosen.connect(self.rating_requested)
        self.details.note_edited.connect(self.note_changed)
        self.details.article_requested.connect(self.article_requested)
        self.details.help_requested.connect(self.show_help)
        # the pane takes room only once there is a source to show: a thin hint line until then
        self.pick_hint = QLabel(PICK_HINT, self)
        self.pick_hint.setObjectName("sourcesPickHint")
        self.pick_hint.setWordWrap(True)
        self.pick_hint.setContentsMargins(12, 5, 12, 6)
        self.pick_hint.setEnabled(False)  # drawn dimmed

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("sourcesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(7)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.splitterMoved.connect(lambda _pos, _i: self._save_splitter())
        parent_settings = getattr(parent, "settings", None)
        self._settings = parent_settings if isinstance(parent_settings, QSettings) else None
        self._splitter_restored = False
        self.details.hide()

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.addWidget(self.filter_edit, 1)
        menus = QHBoxLayout()
        menus.setContentsMargins(8, 0, 8, 6)
        menus.setSpacing(6)
        menus.addWidget(self.kind_combo, 1)
        menus.addWidget(self.sort_combo, 1)
        menus.addWidget(self.help_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addLayout(menus)
        lay.addWidget(self.orphans)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.pick_hint)
        self.stack.setCurrentWidget(self.empty)
        self.pick_hint.hide()

    # ---- feeding ---------------------------------------------------------------------------

    def set_analysis(
        self,
        analysis: Analysis | None,
        colors: dict | None = None,
        signals: Mapping[str, SourceSignals] | None = None,
        cited: Mapping[str, tuple[Citation, ...]] | None = None,
    ) -> None:
        """Show an analysis (with the view's signals and citations); the source selected
        before (or the one `keep_source` named) stays selected when the new analysis still has
        it (a reload after a correction)."""
        same = analysis is not None and analysis.text == self.model.text
        current = self.current_source()
        keep = (self._keep or (current.id if current else None)) if same else None
        self._keep = None
        if not same:  # another article (or none): its own orphaned corrections are read anew
            self.orphans.set_orphans(None, [])
        self.details.flush()
        self.model.set_analysis(analysis, colors, signals, cited)  # the view's (the library's)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        has = bool(analysis and analysis.sources)
        self.stack.setCurrentWidget(self.tree if has else self.empty)
        if analysis is not None and not has:
            self.empty.setText(empty_text(analysis))
        self.details.show_source(None, self.model)
        self._show_details(False, has)
        if has:  # sources at a glance (a lone source opened to show its statements)
            self.tree.collapseAll()
            keep_index = self.index_of_source(keep) if keep else QModelIndex()
            if keep_index.isValid():
                self.tree.setCurrentIndex(keep_index)
                self.tree.scrollTo(keep_index)
            elif self.proxy.rowCount() == 1:
                self.tree.expand(self.proxy.index(0, 0))

    def keep_source(self, source_id: str | None) -> None:
        """Select this source after the next `set_analysis` (e.g. the target of a merge)."""
        self._keep = source_id

    def set_library(self, links: dict, infos: dict, appearances: dict | None = None) -> None:
        """The library's record of the article's sources (ratings, notes, other articles).
        Rows it leaves as they were are neither sorted nor laid out again (nor painted)."""
        if self.model.set_library(links, infos, appearances) or self.proxy.sort_key == "rating":
            self.proxy.invalidate()
            self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
            self.tree.scheduleDelayedItemsLayout()
        self.details.show_source(self.current_source(), self.model)

    def update_info(self, info: Any) -> None:
        """A library source's rating or note changed."""
        self.model.update_info(info)
        if self.proxy.sort_key == "rating":
            self.proxy.invalidate()
            self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.tree.scheduleDelayedItemsLayout()
        self.details.refresh_info(self.model)

    def set_text_scale(self, scale: float) -> None:
        """Follow the article's text zoom: the chips' small text grows and shrinks with it."""
        if abs(scale - self.delegate.text_scale) < 1e-6:
            return
        self.delegate.text_scale = scale
        self.tree.scheduleDelayedItemsLayout()
        self.tree.viewport().update()

    def show_help(self, anchor: str = "") -> None:
        """Help → What the signals mean, at one signal's section."""
        show_signals_help(self, anchor)

    # ---- the details pane ------------------------------------------------------------------

    def _show_details(self, selected: bool, has_sources: bool) -> None:
        """The details pane shows once a source is selected, at the height the reader left it;
        until then the list has the room and one dim line says what selecting does."""
        self.pick_hint.setVisible(has_sources and not selected)
        if selected != self.details.isHidden():  # already as asked (visible or not)
            return
        self.details.setVisible(selected)
        if selected and not self._splitter_restored:
            self._splitter_restored = True
            state = self._settings.value(SPLITTER_KEY) if self._settings is not None else None
            if not isinstance(state, QByteArray) or not self.splitter.restoreState(state):
                total = max(2, sum(self.splitter.sizes()))
                self.splitter.setSizes([total * 5 // 9, total * 4 // 9])

    def _save_splitter(self) -> None:
        if self._settings is not None and getattr(self.window(), "persist", True):
            self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def set_colors(self, colors: dict) -> None:
        self.model.set_colors(colors)
        self.tree.viewport().update()
        self.details.refresh()  # the theme may have changed
        self.help_button.setIcon(icons.icon("fa5s.question-circle"))

    # ---- queries ---------------------------------------------------------------------------

    def source_rows(self) -> list[Source]:
        """The sources as listed (sorted and filtered)."""
        return [
            item_value(self.proxy.index(r, 0), Role.SourceRole)
            for r in range(self.proxy.rowCount())
        ]

    def current_source(self) -> Source | None:
        index = self.tree.currentIndex()
        return item_value(index, Role.SourceRole) if index.isValid() else None

    def index_of_statement(self, statement_id: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.statement_index(statement_id))

    def index_of_source(self, source_id: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.source_index(source_id))

    def select_source(self, source_id: str | None) -> None:
        if source_id is None:
            self.tree.clearSelection()
            self.tree.setCurrentIndex(QModelIndex())
            self.source_selected.emit(None)
            return
        self.tree.setCurrentIndex(self.index_of_source(source_id))

    def hit_areas(self, source_id: str) -> list[tuple[str, QRect, str]]:
        """(what, rect in the tree's viewport, tooltip) of a source row's parts and chips."""
        index = self.index_of_source(source_id)
        if not index.isValid():
            return []
        return self.delegate.source_hit_areas(self.tree.font(), self.tree.visualRect(index), index)

    def rename_source(self, source_id: str) -> None:
        """Edit the source's name in place (Enter asks for the rename, Escape cancels)."""
        index = self.index_of_source(source_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self.tree.edit(index)

    # ---- context menu ----------------------------------------------------------------------

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The corrections menu of a row: rename, merge into ▸ for a source; move to ▸ and
        not a statement for a statement. Actions emit the panel's request signals."""
        if not index.isValid():
            return None
        src: Source | None = item_value(index, Role.SourceRole)
        if src is None:
            return None
        others = [s for s in self.model.sources() if s.id != src.id]
        menu = QMenu(self)
        if item_value(index, Role.IsSourceRole):
            menu.addAction(
                icons.icon("fa5s.i-cursor"), "Rename source…", lambda: self.rename_source(src.id)
            )
            merge = menu.addMenu(icons.icon("fa5s.compress-alt"), "Merge into")
            for other in others:
                merge.addAction(
                    icons.kind_icon(other.kind),
                    other.name,
                    lambda o=other.id: self._request_merge(src.id, o),
                )
            merge.setEnabled(bool(others))
        else:
            st: Statement | None = item_value(index, Role.StatementRole)
            if st is None:
                return None
            move = menu.addMenu(icons.icon("fa5s.exchange-alt"), "Move statement to")
            for other in others:
                move.addAction(
                    icons.kind_icon(other.kind),
                    other.name,
                    lambda o=other.id, k=st.id: self.move_requested.emit(k, o),
                )
            move.setEnabled(bool(others))
            menu.addAction(
                icons.icon("fa5s.ban"),
                "Not a statement",
                lambda k=st.id: self.not_statement_requested.emit(k),
            )
        return menu

    def _request_merge(self, from_key: str, into_key: str) -> None:
        self.keep_source(into_key)
        self.merge_requested.emit(from_key, into_key)

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(pos))
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.tree.viewport().mapToGlobal(pos))  # never a modal exec()

    # ---- reactions -------------------------------------------------------------------------

    def _on_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if text:
            self.tree.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if (
            current.isValid()
            and item_value(current, Role.IsSourceRole)
            and not self.filter_edit.text()
        ):
            # one source open at a time, at the top: its statements under it
            for r in range(self.proxy.rowCount()):
                other = self.proxy.index(r, 0)
                if other != current:
                    self.tree.collapse(other)
            self.tree.expand(current)
            self.tree.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtTop)
        elif current.isValid() and item_value(current, Role.IsSourceRole):
            self.tree.expand(current)
        source = item_value(current, Role.SourceRole) if current.isValid() else None
        self.details.show_source(source, self.model)
        self._show_details(source is not None, self.stack.currentWidget() is self.tree)
        self.source_selected.emit(source)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or item_value(index, Role.IsSourceRole):
            return
        span = item_value(index, Role.SpanRole)
        if span:
            self.statement_activated.emit(int(span[0]), int(span[1]))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.tree.currentIndex().isValid():
            self.select_source(None)
            event.accept()
            return
        super().keyPressEvent(event)


def empty_text(analysis: Analysis) -> str:
    """Why the list is empty: no sources, or (no statements in a text that does not look like
    English) an engine that reads English only."""
    if not analysis.statements and not looks_english(analysis.text):
        return NOT_ENGLISH
    return NO_SOURCES
