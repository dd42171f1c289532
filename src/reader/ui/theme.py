"""Light and dark themes: the Qt palette, a small stylesheet and the colours of the article.

Colours are calm on purpose: paper and ink for the article, muted greys for chrome, and one
palette of distinguishable source colours that claims and the Sources panel share.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.export.palette import DARK_SOURCES, LIGHT_SOURCES
from reader.ui import icons


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # chrome: toolbar, docks, status bar
    panel: str  # list backgrounds
    paper: str  # the article page
    ink: str  # article text
    text: str  # chrome text
    dim: str  # secondary text
    faint: str  # furniture, faded text
    border: str
    accent: str
    selection: str  # selected rows in lists
    flash: str
    # marks in the article, drawn over the source tints: each must stand out from every tint
    # (tests/ui/test_article_marks.py measures it), so their lightness is the paper's opposite
    text_selection: str
    text_selection_ink: str
    find_match: str
    find_current: str
    find_ink: str
    sources: tuple[str, ...]  # one colour per source (reader.export.palette: the PDF uses them too)

    def source_color(self, index: int) -> QColor:
        return QColor(self.sources[index % len(self.sources)])


LIGHT = Theme(
    name="light",
    window="#f3f1ec",
    panel="#fbfaf7",
    paper="#fdfcf9",
    ink="#22262b",
    text="#2b3036",
    dim="#6b7380",
    faint="#a3a9b1",
    border="#dcd8cf",
    accent="#2f6f9f",
    selection="#cfe0f0",
    flash="#ffd75e",
    text_selection="#2d5fa8",
    text_selection_ink="#ffffff",
    find_match="#ffd24d",
    find_current="#f08c00",
    find_ink="#22262b",
    sources=LIGHT_SOURCES,
)

DARK = Theme(
    name="dark",
    window="#25272b",
    panel="#1f2124",
    paper="#1b1c1f",
    ink="#dcd8d0",
    text="#d6d6d6",
    dim="#9099a6",
    faint="#626a74",
    border="#3a3d43",
    accent="#6fa8d6",
    selection="#34506b",
    flash="#8a6d12",
    text_selection="#a9c7ec",
    text_selection_ink="#101215",
    find_match="#c99a1a",
    find_current="#e07b00",
    find_ink="#101215",
    sources=DARK_SOURCES,
)

THEMES = {"light": LIGHT, "dark": DARK}


def flatten(color: QColor, under: str | QColor) -> QColor:
    """A translucent colour as it shows over `under`, made opaque: drawn over a source tint, it
    looks as it does on the bare paper instead of mixing with the tint."""
    if color.alpha() == 255:
        return QColor(color)
    a, base = color.alphaF(), QColor(under)
    return QColor(
        round(color.red() * a + base.red() * (1 - a)),
        round(color.green() * a + base.green() * (1 - a)),
        round(color.blue() * a + base.blue() * (1 - a)),
    )


def theme(name: str) -> Theme:
    return THEMES.get(name, LIGHT)


def palette(t: Theme) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(t.window))
    p.setColor(role.WindowText, QColor(t.text))
    p.setColor(role.Base, QColor(t.panel))
    p.setColor(role.AlternateBase, QColor(t.window))
    p.setColor(role.Text, QColor(t.text))
    p.setColor(role.Button, QColor(t.window))
    p.setColor(role.ButtonText, QColor(t.text))
    p.setColor(role.ToolTipBase, QColor(t.panel))
    p.setColor(role.ToolTipText, QColor(t.text))
    p.setColor(role.PlaceholderText, QColor(t.faint))
    p.setColor(role.Highlight, QColor(t.selection))
    p.setColor(role.HighlightedText, QColor(t.ink))
    p.setColor(role.Link, QColor(t.accent))
    p.setColor(role.Mid, QColor(t.border))
    p.setColor(role.Midlight, QColor(t.border))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(t.faint))
    return p


def stylesheet(t: Theme) -> str:
    return f"""
QMainWindow::separator {{ background: {t.border}; width: 1px; height: 1px; }}
QToolBar {{ background: {t.window}; border: none; border-bottom: 1px solid {t.border};
           spacing: 2px; padding: 3px 6px; }}
QToolBar QToolButton {{ border: 1px solid transparent; border-radius: 5px; padding: 4px; }}
QToolBar QToolButton:hover {{ background: {t.panel}; border-color: {t.border}; }}
QToolBar QToolButton:checked {{ background: {t.panel}; border-color: {t.border}; }}
QDockWidget {{ color: {t.dim}; font-weight: 600; }}
QDockWidget::title {{ background: {t.window}; padding: 6px 10px; text-align: left; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {t.border}; }}
QTabBar::tab {{ background: transparent; color: {t.dim}; padding: 5px 12px;
               border: none; border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {t.text}; border-bottom: 2px solid {t.accent}; }}
QTreeView, QListView {{ background: {t.panel}; border: none; outline: 0; }}
QLineEdit, QComboBox {{ background: {t.paper}; color: {t.text}; border: 1px solid {t.border};
                       border-radius: 5px; padding: 3px 6px; }}
QLineEdit:focus {{ border-color: {t.accent}; }}
QStatusBar {{ background: {t.window}; color: {t.dim}; border-top: 1px solid {t.border}; }}
QStatusBar QLabel {{ color: {t.dim}; padding: 0 6px; }}
QStatusBar::item {{ border: none; }}
QTextBrowser#article {{ background: {t.paper}; color: {t.ink}; border: none;
                        selection-background-color: {t.text_selection};
                        selection-color: {t.text_selection_ink}; }}
QFrame#notice {{ background: {t.panel}; border: none; border-bottom: 1px solid {t.border}; }}
QFrame#notice[error="true"] {{ background: {"#fbeae5" if t.name == "light" else "#4a2a24"}; }}
QLabel#noticeText {{ color: {t.text}; }}
QLabel#emptyState {{ color: {t.dim}; padding: 24px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {t.border}; border-radius: 4px; min-height: 30px;
                              margin: 2px; }}
QScrollBar::handle:vertical:hover {{ background: {t.faint}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
"""


def apply_theme(name: str, app: QApplication | None = None) -> Theme:
    """Switch the whole application to the light or dark theme; returns it."""
    t = theme(name)
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is not None:
        # each of these restyles every widget there is, even to what it was already (some
        # 15 ms at start-up): the window applies its theme before its widgets are made, and
        # again with its settings, which then changes nothing
        colors, sheet = palette(t), stylesheet(t)
        if app.styleSheet() != sheet or app.palette() != colors:  # else all three are done
            app.setStyle("Fusion")
            app.setPalette(colors)
            app.setStyleSheet(sheet)
    icons.set_icon_color(t.dim)
    return t
