"""The main window on a real library: first launch, the Sources panel against the core, offsets,
navigation, persistence, bad input, drag and drop, and the --screenshot entry point."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QTabWidget

from reader.analysis import analyze
from reader.analysis.model import Analysis, Source, Statement
from reader.ingest import read_path
from reader.library import Library, sample_path
from reader.ui.article_view import LAYER_ORDER, ArticleView
from reader.ui.source_model import Role
from reader.ui.theme import DARK, LIGHT

SAMPLE_TEXT = read_path(sample_path()).text


def _statement_rows(window):
    proxy = window.sources_panel.proxy
    for r in range(proxy.rowCount()):
        parent = proxy.index(r, 0)
        for c in range(proxy.rowCount(parent)):
            yield proxy.index(c, 0, parent)


# ---- first launch and the Sources panel ------------------------------------------------------


def test_first_launch_imports_and_shows_the_sample(window):
    assert window.current is not None
    assert window.current.info.origin_kind == "sample"
    assert window.article_view.text == SAMPLE_TEXT
    assert window.article_view.toPlainText() == SAMPLE_TEXT
    a = window.current.analysis
    assert window.status_counts.text().startswith(f"{len(a.sources)} source")
    assert f"{len(a.statements)} statement" in window.status_counts.text()
    assert window.status_title.text()
    assert window.library.article_count() == 1


def test_panel_lists_exactly_what_the_core_returns(window):
    core = analyze(window.current.text, title=window.current.info.title)
    model = window.sources_panel.model
    listed = {}
    for r in range(model.rowCount()):
        src_index = model.index(r, 0)
        source = src_index.data(Role.SourceRole)
        spans = [
            model.index(c, 0, src_index).data(Role.StatementRole).content
            for c in range(model.rowCount(src_index))
        ]
        listed[(source.id, source.name, source.kind)] = sorted(spans)
    expected = {
        (s.id, s.name, s.kind): sorted(st.content for st in core.statements_of(s.id))
        for s in core.sources
    }
    assert listed == expected
    if core.sources:
        assert window.sources_panel.stack.currentWidget() is window.sources_panel.tree
    else:
        assert window.sources_panel.stack.currentWidget() is window.sources_panel.empty


def test_statement_offsets_map_one_to_one(window):
    view = window.article_view
    text = view.text
    spans = [p for st in window.current.analysis.statements for p in st.content]
    spans += [(0, len(text)), (0, 0), (len(text) - 5, len(text))]
    lines = text.split("\n")
    pos = 0
    for line in lines[:6]:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    for a, b in spans:
        cursor = view.cursor_for(a, b)
        assert ArticleView.selected_text(cursor) == text[a:b]
        assert view.offsets_of(cursor) == (a, b)


def test_offsets_survive_characters_outside_the_bmp(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    text = "Emoji 😀 first line.\nHe said “all 🚀 good” today.\nLast 𝔘 line"
    start = text.index("“")
    end = text.index("”") + 1
    st = Statement("q1", "s1", "direct", ((start, end),), cue=(3, 7), cue_text="said")
    analysis = Analysis(text=text, sources=(Source("s1", "He", "person"),), statements=(st,))
    view.set_article(SimpleNamespace(text=text, analysis=analysis))
    for a, b in [(start, end), (0, len(text)), (6, 7), (text.index("𝔘"), len(text))]:
        c = view.cursor_for(a, b)
        assert ArticleView.selected_text(c) == text[a:b]
        assert view.offsets_of(c) == (a, b)
    assert view.layer("claims")


def test_layers_draw_in_fixed_order(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    text = "One two three four five six seven."
    view.set_article(SimpleNamespace(text=text, analysis=Analysis(text=text)))
    fmt = view.currentCharFormat()
    for name in reversed(LAYER_ORDER):
        view.set_layer(name, [view.selection(0, 3, fmt)])
    view.set_layer("custom", [view.selection(4, 7, fmt)])
    order = [view.offsets_of(s.cursor) for s in view.extraSelections()]
    assert order == [(0, 3)] * 4 + [(4, 7)] + [(0, 3)] * 2


def test_clicking_a_statement_scrolls_marks_and_flashes(window, qtbot):
    window.resize(1200, 700)
    rows = list(_statement_rows(window))
    assert rows, "the sample yields statements"
    tree = window.sources_panel.tree
    target = max(rows, key=lambda i: i.data(Role.SpanRole)[0])
    tree.expand(target.parent())
    tree.scrollTo(target)
    window.article_view.verticalScrollBar().setValue(0)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(target).center()
    )
    start, end = target.data(Role.SpanRole)
    view = window.article_view
    assert view.focused_statement == (start, end) and view.layer("statement")
    assert view.offsets_of(view.textCursor()) == (start, start)  # the caret, no selection
    assert view.verticalScrollBar().value() > 0
    rect = view.cursorRect(view.cursor_for(start))
    assert 0 <= rect.top() < view.viewport().height()
    assert view.layer("flash")
    qtbot.waitUntil(lambda: not view.layer("flash"), timeout=4000)


def test_selecting_a_source_emphasises_its_statements(window):
    panel = window.sources_panel
    assert panel.proxy.rowCount() > 0, "the sample yields sources"
    index = panel.proxy.index(0, 0)
    seen = []
    panel.source_selected.connect(seen.append)
    panel.tree.setCurrentIndex(index)
    source = index.data(Role.SourceRole)
    assert seen and seen[-1].id == source.id
    assert window.article_view.focused_source == source.id
    assert window.article_view.layer("source-focus")
    panel.select_source(None)
    assert window.article_view.focused_source is None
    assert not window.article_view.layer("source-focus")


def test_mark_claims_toggle(window):
    has_claims = bool(window.current.analysis.statements)
    assert window.mark_claims_action.isChecked()
    assert bool(window.article_view.layer("claims")) == has_claims
    window.mark_claims_action.trigger()
    assert not window.article_view.claims_visible
    assert not window.article_view.layer("claims")
    window.mark_claims_action.trigger()
    assert bool(window.article_view.layer("claims")) == has_claims


# ---- reading position, persistence ------------------------------------------------------------


def test_top_offset_round_trip(window):
    window.resize(1200, 700)
    view = window.article_view
    para = view.text.index("Meanwhile, the Belarusian")
    view.set_top_offset(para)
    assert view.top_offset() == para
    assert view.verticalScrollBar().value() > 0


def test_reopening_restores_last_article_and_scroll(make_window, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("A short note\n\nNothing to see here.\n", encoding="utf-8")
    w1 = make_window()
    w1.resize(1100, 650)
    w1.open_path(str(other))
    assert w1.current.info.title.startswith("A short note")
    sample_id = w1.library.find_article(str(sample_path()))
    w1.open_article(sample_id)
    view = w1.article_view
    para = view.text.index("Meanwhile, the Belarusian")
    view.set_top_offset(para)
    w1.close()
    w1.library.close()

    w2 = make_window()
    w2.resize(1100, 650)
    assert w2.current.info.id == sample_id
    assert w2.current.info.scroll_pos == para
    assert w2.article_view.top_offset() == para


def test_scroll_position_is_saved_while_reading(window, qtbot):
    window.resize(1100, 650)
    view = window.article_view
    para = view.text.index("However, there was no")
    view.set_top_offset(para)
    qtbot.waitUntil(
        lambda: window.library.open_article(window.current.info.id).info.scroll_pos == para,
        timeout=3000,
    )


def test_geometry_and_dock_state_persist(make_window):
    w1 = make_window()
    w1.resize(730, 540)  # within the offscreen screen (800x600)
    w1.sources_dock.hide()
    w1.close()
    w2 = make_window(show=False)
    w2.show()
    assert (w2.width(), w2.height()) == (730, 540)
    assert not w2.sources_dock.isVisible()
    assert not w2.toggle_sources_action.isChecked()


def test_zoom_actions_and_persistence(make_window):
    w1 = make_window()
    keys = {s.toString() for s in w1.zoom_in_action.shortcuts()}
    assert {"Ctrl+=", "Ctrl++"} <= keys
    assert w1.zoom_out_action.shortcut() == QKeySequence("Ctrl+-")
    assert w1.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")
    size = w1.article_view.reading_font().pixelSize()
    w1.zoom_in_action.trigger()
    w1.zoom_in_action.trigger()
    assert w1.article_view.zoom > 1.15
    assert w1.article_view.reading_font().pixelSize() > size
    zoom = w1.article_view.zoom
    w1.close()
    w2 = make_window()
    assert w2.article_view.zoom == pytest.approx(zoom)
    w2.zoom_reset_action.trigger()
    assert w2.article_view.zoom == 1.0
    w2.zoom_out_action.trigger()
    assert w2.article_view.zoom < 1.0


def test_theme_toggle_and_persistence(make_window):
    w1 = make_window()
    assert w1.theme.name == "light"
    base = w1.article_view.palette().color(QPalette.ColorRole.Base)
    assert base == QColor(LIGHT.paper)
    w1.theme_toggle_action.trigger()
    assert w1.theme.name == "dark"
    assert w1.dark_action.isChecked()
    assert w1.article_view.palette().color(QPalette.ColorRole.Base) == QColor(DARK.paper)
    w1.close()
    w2 = make_window()
    assert w2.theme.name == "dark"
    w2.light_action.trigger()
    assert w2.theme.name == "light"


def test_settings_live_in_the_data_dir(window, data_dir):
    window.close()
    assert (data_dir / "settings.ini").exists()


# ---- opening files, bad input -----------------------------------------------------------------


def test_missing_file_at_launch_keeps_the_previous_article(make_window, tmp_path, monkeypatch):
    w1 = make_window()
    first = w1.current.info.id
    w1.close()
    monkeypatch.chdir(tmp_path)
    w2 = make_window(path="missing.txt")
    assert w2.current is not None and w2.current.info.id == first
    assert w2.statusBar().currentMessage() == "Cannot open missing.txt: no such file"
    assert w2.notice.isVisible()
    assert w2.notice.text() == "Cannot open missing.txt: no such file"


def test_missing_file_on_first_launch_opens_the_sample(make_window):
    w = make_window(path="/nowhere/missing.txt")
    assert w.current.info.origin_kind == "sample"
    assert w.statusBar().currentMessage() == "Cannot open missing.txt: no such file"


def test_bad_file_while_reading_keeps_the_article(window, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    before = window.current.info.id
    window.open_path(str(binary))
    assert window.current.info.id == before
    assert window.statusBar().currentMessage().startswith("Cannot open image.txt")
    assert window.notice.isVisible()


def test_open_dialog_is_injectable_and_recent_list_fills(window, tmp_path):
    f = tmp_path / "story.md"
    f.write_text("# Harbour vote\n\nThe council voted nine to four.\n", encoding="utf-8")
    opened = []
    window.article_opened.connect(opened.append)
    window.ask_open_paths = lambda parent, start: [str(f)]
    window.open_action.trigger()
    assert opened and opened[-1].info.id == window.current.info.id
    assert "council voted" in window.article_view.text
    assert window.recent()[0] == str(f.resolve())
    f.unlink()
    window._fill_recent_menu()
    assert window.recent() == []


def test_drag_and_drop_of_a_file_opens_it(window, tmp_path):
    f = tmp_path / "dropped.txt"
    f.write_text("Dropped article\n\nThe mayor said the road will reopen.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert event.isAccepted()
    assert window.article_view.text.startswith("Dropped article")
    assert window.current.info.origin.endswith("dropped.txt")


def test_drop_of_nothing_useful_is_ignored(window):
    mime = QMimeData()
    mime.setText("just words")
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    before = window.current.info.id
    window.dropEvent(event)
    assert window.current.info.id == before


def test_export_pdf_through_injected_dialog(window, tmp_path):
    out = tmp_path / "out.pdf"
    window.ask_save_pdf = lambda parent, suggested: str(out)
    window.export_pdf_action.trigger()
    window.ops.wait()
    if hasattr(Library, "export_pdf"):
        assert out.exists() and out.read_bytes().startswith(b"%PDF")
    else:
        assert window.statusBar().currentMessage() == "PDF export is not available"


def test_export_pdf_not_available(window, tmp_path):
    with pytest.MonkeyPatch.context() as m:  # the window closes on its real library
        m.setattr(window, "library", SimpleNamespace(data_dir=tmp_path))
        window.ask_save_pdf = lambda parent, suggested: str(tmp_path / "x.pdf")
        window.export_pdf()
        assert window.statusBar().currentMessage() == "PDF export is not available"


# ---- contract, help, errors -------------------------------------------------------------------


def test_main_window_contract(window):
    from PySide6.QtGui import QUndoStack

    from reader.ui.operations import Operations

    assert isinstance(window.library, Library)
    assert isinstance(window.ops, Operations)
    assert isinstance(window.undo_stack, QUndoStack)
    assert isinstance(window.article_view, ArticleView)
    assert isinstance(window.side_tabs, QTabWidget)
    assert window.side_tabs.widget(0) is window.sources_panel
    assert window.sources_dock.widget() is window.side_tabs
    for menu in ("file_menu", "edit_menu", "view_menu", "help_menu"):
        assert getattr(window, menu).actions()
    assert window.toolbar.actions()
    assert window.undo_action in window.edit_menu.actions()
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert window.redo_action.shortcut() == QKeySequence("Ctrl+Shift+Z")
    keys = dict(window.shortcuts_help)
    assert {"Ctrl+O", "Ctrl+Q", "Ctrl+L", "Ctrl+E", "Ctrl+0"} <= set(keys)
    assert callable(window.open_article) and callable(window.open_path)


def test_shortcuts_dialog_lists_shortcuts_help(window, qtbot):
    window.shortcuts_help.append(("Ctrl+H", "Highlight the selection"))
    dlg = window.show_shortcuts()
    qtbot.waitExposed(dlg)
    assert not dlg.isModal()
    rows = [
        (dlg.table.item(r, 0).text(), dlg.table.item(r, 1).text())
        for r in range(dlg.table.rowCount())
    ]
    assert rows == window.shortcuts_help
    dlg.close()
    about = window.show_about()
    assert not about.isModal()
    about.close()


def test_uncaught_exception_is_logged_and_shown(window, _isolated_user_dirs):
    from reader.ui.app import _excepthook

    hook = _excepthook(window, None)
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        hook(ValueError, exc, exc.__traceback__)
    assert "Internal error: boom in a slot" in window.statusBar().currentMessage()
    assert window.notice.isVisible()
    logs = list(Path(_isolated_user_dirs).rglob("reader.log"))
    assert logs and "boom in a slot" in logs[0].read_text()


def test_library_warning_is_shown(window):
    window.show_message("The library file was damaged", error=True)
    assert window.notice.text() == "The library file was damaged"
    window.notice.dismiss()
    assert not window.notice.isVisible()


def test_links_never_open_by_themselves(window):
    assert not window.article_view.openLinks()
    assert not window.article_view.openExternalLinks()


def test_reading_column_is_about_seventy_characters(window):
    window.resize(1400, 900)
    view = window.article_view
    block = view.document().findBlock(view.text.index("Firstly"))
    layout = block.layout()
    assert layout.lineCount() >= 2
    first = layout.lineAt(0)
    assert 60 <= first.textLength() <= 90
    ff = view.document().rootFrame().frameFormat()
    assert abs(ff.leftMargin() - ff.rightMargin()) < 1
    assert view.mapToGlobal(QPoint(0, 0)) is not None


# ---- the --screenshot entry point (real threads) ----------------------------------------------


def test_screenshot_command_writes_the_window(qapp, tmp_path):
    from reader.cli import main

    png = tmp_path / "shot.png"
    data = tmp_path / "shot-data"
    assert main(["--data-dir", str(data), "--screenshot", str(png)]) == 0
    image = QImage(str(png))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 900)
    assert png.stat().st_size > 10_000
    assert Library(data).article_count() == 1


def test_screenshot_with_a_missing_path_still_shows_the_sample(qapp, tmp_path):
    from reader.cli import main

    png = tmp_path / "shot.png"
    assert main(["--data-dir", str(tmp_path / "d"), "--screenshot", str(png), "missing.txt"]) == 0
    assert not QImage(str(png)).isNull()
