"""View → Outlets…: how each outlet sources its stories (reader.library.outlets) — a table of
the outlets and their figures, for the selected one a chart of its shares per month and the
sources it quotes most, and the articles and statements behind any figure (double-click it);
opening one opens the article at that statement through the window's own `open_article`.

The profiles are read off the GUI thread (`window.ops`, not the database queue: the read has
its own connection), again when the library or its sources change while the dialog is open.
The menu item that opens it is `reader.ui.outlets_menu`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.library.outlets import (
    FIGURES,
    MIN_ARTICLES,
    MIN_STATEMENTS,
    OutletProfile,
    OutletStatement,
    outlet_profiles,
)
from reader.ui.outlet_chart import LINES, MonthPoint, OutletChart
from reader.ui.outlets_model import (
    FIRST_FIGURE,
    OutletsModel,
    Role,
    SourcesModel,
    behind_model,
)

if TYPE_CHECKING:
    from reader.library.views import ArticleView
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)
RELOAD_DELAY_MS = 400


class OutletsDialog(QDialog):
    """The outlets and their figures; what is behind each; the way back to the text."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Outlets — how each outlet sources its stories")
        self.resize(1100, 720)
        self._generation = 0
        self._pending: tuple[int, OutletStatement | None] | None = None

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)

        self.model = OutletsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._figure_activated)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._apply_spans)

        self.chart_title = QLabel(self)
        self.chart = OutletChart(self)
        self.chart.month_clicked.connect(self._month_clicked)
        chart_box = QWidget(self)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart, 1)

        self.sources_model = SourcesModel(self)
        self.sources = QTableView(self)
        self.sources.setModel(self.sources_model)
        self.sources.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.verticalHeader().hide()
        self.sources.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sources.doubleClicked.connect(self._source_activated)

        self.behind_title = QLabel("Double-click a figure, a source or a month", self)
        self.behind_title.setWordWrap(True)
        self.behind = QTreeView(self)
        self.behind.setHeaderHidden(True)
        self.behind.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.behind.activated.connect(self._behind_activated)
        behind_box = QWidget(self)
        behind_layout = QVBoxLayout(behind_box)
        behind_layout.setContentsMargins(4, 4, 4, 4)
        behind_layout.addWidget(self.behind_title)
        behind_layout.addWidget(self.behind, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.sources, "Quoted most")
        self.tabs.addTab(behind_box, "Behind the figure")

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(chart_box)
        lower.addWidget(self.tabs)
        lower.setSizes([560, 540])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([300, 420])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        window.article_opened.connect(self._on_opened)
        window.ops.changed.connect(self._on_changed)
        self._again = QTimer(self)  # a batch import changes the library once per file: read once
        self._again.setSingleShot(True)
        self._again.setInterval(RELOAD_DELAY_MS)
        self._again.timeout.connect(self.reload)

    # ---- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every outlet's profile again, off the GUI thread; a newer reload wins."""
        self._generation += 1
        generation = self._generation
        self.status.setText("Reading the library…")
        self.refresh_button.setEnabled(False)
        where = self.window_.library.location  # the file, or a team library on PostgreSQL

        def done(profiles: list[OutletProfile]) -> None:
            if generation == self._generation:
                self.show_profiles(profiles)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.refresh_button.setEnabled(True)
            if isinstance(exc, ReaderError):
                text = str(exc)
            else:
                from reader.errors import log_exception

                text = f"Cannot read the outlets: {exc} (details in {log_exception(exc)})"
            self.status.setText(text)
            self.window_.show_message(text, error=True)

        self.window_.ops.run(lambda: outlet_profiles(where), done, failed, database=False)

    def _on_changed(self, what: str) -> None:
        """Articles imported or deleted, sources corrected: the figures change with them."""
        if what in ("library", "sources") and self.isVisible():
            self._again.start()

    def show_profiles(self, profiles: list[OutletProfile]) -> None:
        self.refresh_button.setEnabled(True)
        self.model.set_profiles(profiles)
        if not profiles:
            self.status.setText(
                "No outlets yet: articles imported from a web address or a feed have one."
            )
            self.select(None)
            return
        self.status.setText(
            f"{len(profiles)} outlets. A figure needs {MIN_ARTICLES} articles and "
            f"{MIN_STATEMENTS} statements (statements per article: {MIN_ARTICLES} articles); "
            "double-click one to see what is behind it."
        )
        self._size_columns()
        self.table.selectRow(0)

    def _size_columns(self) -> None:
        """Number columns as wide as their header or a number, not as the "too few" words a
        span lays across them; the outlet's name takes the rest."""
        header = self.table.horizontalHeader()
        digits = self.table.fontMetrics().horizontalAdvance("100,000") + 16
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, max(header.sectionSizeHint(column), digits))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _apply_spans(self) -> None:
        self.table.clearSpans()
        for row in range(self.model.rowCount()):
            for column, count in self.model.spans(row):
                self.table.setSpan(row, column, 1, count)

    # ---- the selected outlet ---------------------------------------------------------------

    def profile(self) -> OutletProfile | None:
        index = self.table.currentIndex()
        return index.data(Role.ProfileRole) if index.isValid() else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.select(current.data(Role.ProfileRole) if current.isValid() else None)

    def select(self, profile: OutletProfile | None) -> None:
        self.sources_model.set_profile(profile)
        if profile is None:
            self.chart_title.setText("")
            self.chart.set_points([], "No outlet selected")
            return
        self.chart_title.setText(f"<b>{profile.name}</b>: shares per month (click a month)")
        self.chart.set_points(
            [
                MonthPoint(month, {name: period.figures[name].value for name, _, _ in LINES})
                for month, period in profile.months.items()
            ]
        )

    # ---- what is behind a figure -----------------------------------------------------------

    def _figure_activated(self, index: QModelIndex) -> None:
        profile: OutletProfile | None = index.data(Role.ProfileRole)
        if profile is None:
            return
        name = index.data(Role.FigureRole)
        if name is None and index.column() >= FIRST_FIGURE:
            return
        self.show_figure(profile, name or "per_article")

    def show_figure(self, profile: OutletProfile, name: str, month: str | None = None) -> None:
        """List the articles and statements behind one figure of the outlet (or of a month)."""
        period = profile.months[month] if month else profile.overall
        f = period.figures[name]
        where = f" in {month}" if month else ""
        value = "" if f.value is None else f" — {f.count} of {f.total}"
        if name == "per_article":
            caption = f"{profile.name}{where}: {len(f.articles)} articles, {f.count} statements"
        else:
            caption = f"{profile.name}{where}: {FIGURES[name].lower()}{value}"
        if f.too_few:
            caption += f" ({f.too_few})"
        self._show_behind(profile, caption, f.statements, f.articles)

    def _source_activated(self, index: QModelIndex) -> None:
        source = index.data(Role.SourceRole)
        profile = self.sources_model.profile
        if source is None or profile is None:
            return
        caption = (
            f"{profile.name}: {source.name} — {len(source.statements)} statements in "
            f"{len(source.articles)} articles"
        )
        self._show_behind(profile, caption, source.statements, ())

    def _month_clicked(self, month: str) -> None:
        profile = self.profile()
        if profile is not None and month in profile.months:
            self.show_figure(profile, "per_article", month)

    def _show_behind(
        self, profile: OutletProfile, caption: str, statements: tuple, articles: tuple
    ) -> None:
        old = self.behind.model()
        self.behind.setModel(behind_model(profile, statements, articles, self))
        if old is not None:
            old.deleteLater()
        self.behind.expandAll()
        self.behind_title.setText(caption)
        self.tabs.setCurrentIndex(1)

    # ---- back to the text ------------------------------------------------------------------

    def _behind_activated(self, index: QModelIndex) -> None:
        article_id = index.data(Role.ArticleIdRole)
        if article_id is not None:
            self.open_at(int(article_id), index.data(Role.StatementRole))

    def open_at(self, article_id: int, statement: OutletStatement | None) -> None:
        """Open the article (the window's way) and, when it shows, go to the statement."""
        current = self.window_.current
        if current is not None and current.info.id == article_id:
            self._reveal(current, statement)
            return
        self._pending = (article_id, statement)
        self.window_.open_article(article_id)

    def _on_opened(self, view: ArticleView) -> None:
        pending = self._pending
        if pending is not None and view.info.id == pending[0]:
            self._pending = None
            self._reveal(view, pending[1])

    def _reveal(self, view: ArticleView, statement: OutletStatement | None) -> None:
        if statement is None:
            return
        found = next((s for s in view.analysis.statements if s.id == statement.key), None)
        start, end = (found.start, found.end) if found else (statement.start, statement.end)
        self.window_.show_statement(start, end)
        self.window_.activateWindow()
