"""Highlights and notes in the window: wires the article, the selection toolbar, the find bar,
the note editor and the Annotations tab to undoable Library edits.

Every edit is a QUndoCommand on the window's undo stack whose do and undo call the Library
through the window's operations runner; the views refresh on `ops.changed("annotations")`.

Nothing of this is seen in the window's first frame but the Annotations tab's label, so the
widgets are made when first needed, after the first paint: the tab's panel when the tab is
shown, the find bar on Ctrl+F, the selection toolbar on a selection, the note editor when a
note (or a draft to restore) is opened — or when any of them is asked for by its attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QMenu, QWidget

from reader.errors import ConflictError
from reader.library import HighlightInfo
from reader.ui.annotations import article_popups as popups
from reader.ui.annotations.annotation_model import COLOR_NAMES, highlight_format
from reader.ui.annotations.commands import (
    AddHighlight,
    DeleteHighlight,
    EditNote,
    HighlightRef,
    Recolor,
)
from reader.ui.annotations.drafts import DraftKeeper, Target
from reader.ui.annotations.selection_toolbar import SelectionToolbar, swatch_icon
from reader.ui.annotations.team import TeamView

if TYPE_CHECKING:  # made when first needed (see the module's doc)
    from reader.ui.annotations.annotations_panel import AnnotationsPanel
    from reader.ui.annotations.find_bar import FindBar
    from reader.ui.annotations.note_editor import NoteEditor

SHORTCUTS = [
    ("Ctrl+F", "Find in the article (Enter: next, Shift+Enter: previous, Esc: close)"),
    ("Ctrl+H", "Highlight the selection in the current colour"),
    ("Ctrl+Alt+M", "Note on the selection (Ctrl+Enter saves, Esc cancels; twice on changed text)"),
    ("Delete", "Remove the selected highlight (in the article or the Annotations tab)"),
]


class Annotator(QObject):
    """The annotation features of one MainWindow (see `install_annotations`)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.article_view
        self.library = window.library
        self.ops = window.ops
        self.undo_stack = window.undo_stack
        settings = getattr(window, "settings", None)
        saved = str(settings.value("annotations/color", "yellow")) if settings is not None else ""
        self.color = saved if saved in COLOR_NAMES else "yellow"
        self.highlights: list[HighlightInfo] = []
        self.refs: dict[int, HighlightRef] = {}
        self.pending: list[HighlightRef] = []  # added, the Library call still queued
        self._note_ref: HighlightRef | None = None
        self._draft: tuple[int, int] | None = None  # a range being noted, not yet a highlight
        self._mouse_target = False
        self._shown_id: int | None = None

        self._find_bar: FindBar | None = None
        self._toolbar: SelectionToolbar | None = None
        self._note_editor: NoteEditor | None = None
        self._panel: AnnotationsPanel | None = None
        # the tab holds an empty page until it is first shown; the panel then takes its place
        self._tabs = window.side_tabs
        self._page: QWidget | None = QWidget()
        self._tabs.addTab(self._page, "Annotations")

        self._toolbar_timer = QTimer(self)
        self._toolbar_timer.setSingleShot(True)
        self._toolbar_timer.setInterval(120)
        self._toolbar_timer.timeout.connect(self._update_toolbar)
        self.view.selectionChanged.connect(self._toolbar_timer.start)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self._viewport = self.view.viewport()
        self._alive = True
        self.view.destroyed.connect(self._on_view_destroyed)
        self.view.installEventFilter(self)
        self._viewport.installEventFilter(self)

        self._build_actions()
        self.drafts = DraftKeeper(self, self._failed, getattr(window, "leaving", None), self)
        self.team = TeamView(self)  # who the user is; sharing; changes saved meanwhile
        window.article_opened.connect(self._on_opened)
        self.ops.changed.connect(self._on_changed)
        self._tabs.currentChanged.connect(self._tab_changed)
        if self._tabs.currentWidget() is self._page:
            self._tab_changed()
        if getattr(window, "current", None) is not None:
            self._on_opened(window.current)

    # ---- the widgets, made when first needed -----------------------------------------------

    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from reader.ui.annotations.find_bar import FindBar

            self._find_bar = FindBar(self.view)
            self._find_bar.closed.connect(self._toolbar_timer_start)
        return self._find_bar

    @property
    def toolbar(self) -> SelectionToolbar:
        if self._toolbar is None:
            self._toolbar = SelectionToolbar(self.view.viewport())
            self._toolbar.color_chosen.connect(self.color_selection)
            self._toolbar.note_requested.connect(self.note_on_selection)
            self._toolbar.delete_requested.connect(self.delete_at_selection)
        return self._toolbar

    @property
    def note_editor(self) -> NoteEditor:
        if self._note_editor is None:
            from reader.ui.annotations.note_editor import NoteEditor

            self._note_editor = NoteEditor(self.view)
            self._note_editor.saved.connect(self._note_saved)
            self._note_editor.cancelled.connect(self._note_cancelled)
            self.drafts.attach(self._note_editor)
        return self._note_editor

    @property
    def panel(self) -> AnnotationsPanel:
        """The Annotations tab's panel; made here puts it in the tab in its page's place."""
        if self._panel is None:
            from reader.ui.annotations.annotations_panel import AnnotationsPanel

            panel = self._panel = AnnotationsPanel()
            panel.model.me, panel.model.names = self.team.me, self.team.names
            panel.set_highlights(self.highlights)
            panel.activated.connect(self.go_to)
            panel.edit_requested.connect(self.edit_note)
            panel.delete_requested.connect(self.delete)
            page, self._page = self._page, None
            index = self._tabs.indexOf(page)
            if index >= 0:
                shown = self._tabs.currentIndex() == index
                self._tabs.insertTab(index, panel, "Annotations")
                if shown:
                    self._tabs.setCurrentIndex(index)
                self._tabs.removeTab(index + 1)
            if page is not None:
                page.deleteLater()
        return self._panel

    def _tab_changed(self, _index: int = -1) -> None:
        if self._page is not None and self._tabs.currentWidget() is self._page:
            self.panel  # noqa: B018  (made as the tab is shown)

    def members_changed(self) -> None:
        """Who the user is, or the members' names, changed (TeamView): the tab's rows name
        their creators again."""
        panel = self._panel
        if panel is not None:
            model = panel.model
            model.me, model.names = self.team.me, self.team.names
            model.set_highlights(model.highlights())

    # ---- actions ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        w = self.window

        def action(text: str, slot, keys: str | None = None) -> QAction:
            act = QAction(text, w)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _=False: slot())
            w.addAction(act)
            return act

        self.find_action = action("&Find in Article…", lambda: self.find_bar.open(), "Ctrl+F")
        self.highlight_action = action("&Highlight Selection", self.highlight_selection, "Ctrl+H")
        self.note_action = action("&Note on Selection…", self.note_on_selection, "Ctrl+Alt+M")
        # Delete is handled where the focus is (article, Annotations list): as a window
        # shortcut it would take the key from every other widget.
        self.delete_action = QAction("&Delete Highlight\tDel", w)
        self.delete_action.triggered.connect(self.delete_at_selection)
        self.color_menu = QMenu("Highlight &Colour", w)
        group = QActionGroup(self.color_menu)
        self.color_actions: dict[str, QAction] = {}
        for name in COLOR_NAMES:
            act = self.color_menu.addAction(swatch_icon(name, 16), name.capitalize())
            act.setCheckable(True)
            act.setChecked(name == self.color)
            act.triggered.connect(lambda _=False, n=name: self.set_color(n))
            group.addAction(act)
            self.color_actions[name] = act
        menu = getattr(w, "edit_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.find_action)
            menu.addSeparator()
            menu.addAction(self.highlight_action)
            menu.addAction(self.note_action)
            menu.addAction(self.delete_action)
            menu.addMenu(self.color_menu)
        help_list = getattr(w, "shortcuts_help", None)
        if help_list is not None:
            help_list.extend(SHORTCUTS)

    def set_color(self, name: str) -> None:
        if name not in COLOR_NAMES:
            return
        self.color = name
        if name in self.color_actions:
            self.color_actions[name].setChecked(True)
        settings = getattr(self.window, "settings", None)
        if settings is not None:
            settings.setValue("annotations/color", name)

    # ---- the open article and its highlights -----------------------------------------------

    @property
    def article_id(self) -> int | None:
        current = getattr(self.window, "current", None)
        return current.info.id if current is not None else None

    def _on_opened(self, article) -> None:
        same = article.info.id == self._shown_id
        self._shown_id = article.info.id
        _hide(self._toolbar)
        if same:  # the same article shown again (its sources changed): keep what is open
            if _visible(self._find_bar):
                self.find_bar.refresh()
        else:
            _hide(self._find_bar)
            self.drafts.leave()  # what was being typed stays a draft of its article
            _hide(self._note_editor)
            self._note_ref, self._draft = None, None
        self.pending = [r for r in self.pending if r.article_id == article.info.id]
        self._set_highlights(article.info.id, list(article.highlights))
        if not same:
            self.drafts.restore(article.info.id)

    def _on_changed(self, what: str) -> None:
        if what == "annotations":
            self.reload()

    def reload(self) -> None:
        aid = self.article_id
        if aid is None:
            return
        lib = self.library
        self.ops.run(
            lambda: lib.highlights(aid),
            lambda rows: self._set_highlights(aid, rows),
            self._failed,
        )

    def _set_highlights(self, article_id: int, rows: list[HighlightInfo]) -> None:
        if article_id != self.article_id:
            return
        self.highlights = list(rows)
        for h in self.highlights:
            ref = self.refs.get(h.id)
            if ref is not None:
                ref.info = h
                ref.start, ref.end, ref.color = h.start, h.end, h.color
        self.pending = [r for r in self.pending if r.info is None]
        if self._panel is not None:  # else given them when it is made
            self._panel.set_highlights(self.highlights)
        self.paint()
        if _visible(self._toolbar):
            self._update_toolbar()

    def ref_for(self, info: HighlightInfo) -> HighlightRef:
        ref = self.refs.get(info.id)
        if ref is None:
            ref = HighlightRef(info.article_id, info.start, info.end, info.color)
            ref.info = info
            self.refs[info.id] = ref
        return ref

    def paint(self) -> None:
        """The user's highlights in the "highlights" layer: translucent colour backgrounds."""
        dark = getattr(getattr(self.view, "theme", None), "name", "light") == "dark"
        alpha = 120 if dark else 92
        sels = []
        for h in self.highlights:
            if h.orphaned or h.end <= h.start:
                continue
            sels.append(self.view.selection(h.start, h.end, highlight_format(h.color, alpha)))
        for r in self.pending:
            if r.end > r.start:
                sels.append(self.view.selection(r.start, r.end, highlight_format(r.color, alpha)))
        if self._draft is not None and self._draft[1] > self._draft[0]:
            sels.append(self.view.selection(*self._draft, highlight_format(self.color, alpha + 40)))
        self.view.set_layer("highlights", sels)

    def highlight_at(self, start: int, end: int) -> HighlightRef | None:
        """The highlight holding the range (or the point) [start, end], innermost first."""
        for r in self.pending:
            if r.start <= start and end <= r.end:
                return r
        fits = [
            h
            for h in self.highlights
            if not h.orphaned
            and h.start <= start
            and (end <= h.end)
            and (start < h.end or h.start == h.end)
        ]
        if not fits:
            return None
        return self.ref_for(min(fits, key=lambda h: h.end - h.start))

    def target(self) -> tuple[HighlightRef | None, tuple[int, int] | None]:
        """What an annotation command acts on: the selection (and a highlight holding it),
        else the highlight under the cursor."""
        sel = self.view.selection_offsets()
        if sel is not None and sel[1] > sel[0]:
            return self.highlight_at(*sel), sel
        pos = self.view.offsets_of(self.view.textCursor())[0]
        ref = self.highlight_at(pos, pos)
        return ref, ((ref.start, ref.end) if ref is not None else None)

    # ---- edits -----------------------------------------------------------------------------

    def run_edit(self, fn, on_done=None) -> None:
        """Runner protocol for the commands: a Library edit, then the views refresh."""
        self.ops.run(fn, on_done, self._failed, changes="annotations")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError) and self.team.resolve(exc):
            return
        failed = getattr(self.window, "_failed", None)
        if failed is not None:
            failed(exc, "Cannot save the annotation")
        else:
            self.window.show_message(str(exc), error=True)

    def _message(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if show is not None:
            show(text)

    def add(self, start: int, end: int, color: str | None = None, note: str = "") -> HighlightRef:
        aid = self.article_id
        assert aid is not None
        ref = HighlightRef(aid, start, end, color or self.color)
        self.pending.append(ref)
        self.undo_stack.push(AddHighlight(self, ref, note))
        self.paint()
        return ref

    def recolor(self, ref: HighlightRef, color: str) -> None:
        old = ref.info.color if ref.info is not None else ref.color
        if old == color:
            return
        ref.color = color
        self.undo_stack.push(Recolor(self, ref, old, color))

    def set_note(self, ref: HighlightRef, note: str) -> None:
        old = ref.info.note if ref.info is not None else ""
        if old != note:
            self.undo_stack.push(EditNote(self, ref, old, note))

    def delete(self, info_or_ref) -> None:
        ref = info_or_ref if isinstance(info_or_ref, HighlightRef) else self.ref_for(info_or_ref)
        if self._note_ref is ref:
            self.drafts.drop()
            self.note_editor.hide()
            self._note_closed()
        self.undo_stack.push(DeleteHighlight(self, ref))
        _hide(self._toolbar)

    def highlight_selection(self, color: str | None = None) -> None:
        """Ctrl+H: highlight the selection (or recolour the highlight it lies in)."""
        if self.article_id is None:
            return
        color = color or self.color
        ref, rng = self.target()
        if ref is not None:
            if (ref.info.color if ref.info else ref.color) == color:
                self._message("Already highlighted — pick another colour to recolour it")
            else:
                self.recolor(ref, color)
            return
        if rng is None:
            self._message("Select some text to highlight")
            return
        self.add(*rng, color=color)
        # the new colour shows at once instead of under the selection; the caret stays inside
        # the highlight, so a note (Ctrl+Alt+M) or Delete still acts on it
        self.view.setTextCursor(self.view.cursor_for(rng[0]))

    def delete_at_selection(self) -> None:
        ref, _ = self.target()
        if ref is None:
            self._message("No highlight here to remove")
            return
        self.delete(ref)

    # ---- notes -----------------------------------------------------------------------------

    def note_on_selection(self) -> None:
        """Ctrl+Alt+M: edit the note of the highlight at the selection (one is made on save)."""
        if self.article_id is None:
            return
        ref, rng = self.target()
        if ref is None and rng is None:
            self._message("Select some text to write a note on")
            return
        _hide(self._toolbar)
        if ref is not None:
            self._open_note(ref)
            return
        assert rng is not None
        self.open_range(rng)

    def open_range(self, rng: tuple[int, int]) -> None:
        """The note editor on a new note for the range (a highlight is made when it is saved)."""
        aid = self.article_id
        assert aid is not None
        draft = self.drafts.begin(Target(aid, None, *rng, self.color, ""))
        self._note_ref, self._draft = None, rng
        self.paint()
        quote = self.view.text[rng[0] : rng[1]]
        near = popups.rect_in_view(self.view, *rng)
        self.note_editor.open_for(quote, "", self.color, near, *(draft or (None, None)))

    def edit_note(self, info: HighlightInfo) -> None:
        """Edit the note of a highlight (double-click in the Annotations tab)."""
        ref = self.ref_for(info)
        if not info.orphaned:
            self.view.scroll_to(info.start)
        self._open_note(ref)

    def _open_note(self, ref: HighlightRef) -> None:
        if self.team.refuse_edit(ref.info):  # another member's: nothing typed to lose
            return
        info = ref.info
        quote = info.exact if info is not None else self.view.text[ref.start : ref.end]
        note = info.note if info is not None else ""
        color = info.color if info is not None else ref.color
        draft = self.drafts.begin(Target(ref.article_id, ref.id, ref.start, ref.end, color, note))
        self._note_ref, self._draft = ref, None
        orphan = info is not None and info.orphaned
        near = None if orphan else popups.rect_in_view(self.view, ref.start, ref.end)
        self.note_editor.open_for(quote, note, color, near, *(draft or (None, None)))

    def _note_saved(self, text: str) -> None:
        ref, draft = self._note_ref, self._draft
        self._note_closed()
        if ref is not None:
            self.set_note(ref, text)
        elif draft is not None:
            self.add(*draft, note=text)
        self.drafts.finish()  # queued after the save: a crash between them keeps the text

    def _note_cancelled(self) -> None:
        self.drafts.finish()
        self._note_closed()

    def _note_closed(self) -> None:
        had_draft = self._draft is not None
        self._note_ref, self._draft = None, None
        if had_draft:
            self.paint()
        if self.window.isActiveWindow() or not self.view.hasFocus():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- going to a highlight --------------------------------------------------------------

    def go_to(self, info: HighlightInfo) -> None:
        if info.orphaned:
            self._message("This highlight could not be placed in the current text")
            return
        self.view.scroll_to(info.start)
        cursor = self.view.cursor_for(info.start)
        self.view.setTextCursor(cursor)
        self.view.flash(info.start, info.end)

    # ---- the selection toolbar -------------------------------------------------------------

    def _update_toolbar(self) -> None:
        busy = _visible(self._note_editor) or _visible(self._find_bar)
        if busy or self.article_id is None:
            _hide(self._toolbar)
            return
        sel = self.view.selection_offsets()
        if sel is not None and sel[1] > sel[0]:
            ref = self.highlight_at(*sel)
        elif self._mouse_target:
            ref, sel = self.target()
        else:
            ref = None
        if sel is None or sel[1] <= sel[0]:
            _hide(self._toolbar)
            return
        existing = None if ref is None else (ref.info.color if ref.info else ref.color)
        self.toolbar.set_state(self.color, existing)
        self.toolbar.show_near(popups.selection_rect(self.view, *sel))

    def _toolbar_timer_start(self) -> None:
        self._toolbar_timer.start()

    def _on_scroll(self) -> None:
        if _visible(self._toolbar):
            self._update_toolbar()

    def color_selection(self, name: str) -> None:
        """A colour picked in the toolbar or the menu: highlight (or recolour) the selection."""
        self.set_color(name)
        self.highlight_selection(name)
        cursor = self.view.textCursor()
        if cursor.hasSelection():  # show the colour, not the selection
            cursor.setPosition(cursor.selectionEnd())
            self.view.setTextCursor(cursor)
        _hide(self._toolbar)

    # ---- events on the article -------------------------------------------------------------

    _tooltip = popups.note_tooltip  # the note under the mouse (article_popups.py)
    _context_menu = popups.context_menu

    def _on_view_destroyed(self) -> None:
        self._alive = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self._alive:
            return False
        et = event.type()
        if obj is self.view and et in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            self._mouse_target = False
            if event.key() == Qt.Key.Key_Delete and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                ref, _ = self.target()
                if ref is not None:
                    if et == QEvent.Type.ShortcutOverride:
                        event.accept()
                    else:
                        self.delete(ref)
                    return True
            escape_key = event.key() == Qt.Key.Key_Escape and et == QEvent.Type.KeyPress
            if escape_key and _visible(self._toolbar):
                self.toolbar.hide()
                return True
        elif obj is self._viewport:
            if et == QEvent.Type.MouseButtonPress:
                self._mouse_target = False
            elif et == QEvent.Type.MouseButtonRelease:
                self._mouse_target = True
                self._toolbar_timer.start()
            elif et == QEvent.Type.ToolTip:
                assert isinstance(event, QHelpEvent)
                return self._tooltip(event)
            elif et == QEvent.Type.ContextMenu:
                assert isinstance(event, QContextMenuEvent)
                return self._context_menu(event)
        return super().eventFilter(obj, event)


def _visible(widget: QWidget | None) -> bool:
    """Whether a widget made when first needed is shown (one not made yet is not)."""
    return widget is not None and widget.isVisible()


def _hide(widget: QWidget | None) -> None:
    if widget is not None:
        widget.hide()
