"""Icons of the window: Font Awesome glyphs from qtawesome's font, and the application icon.

Importing qtawesome (and qtpy under it) costs about 0.15 s of start-up, so the "fa5s.*" icons are
drawn here the way qtawesome draws them (its solid Font Awesome 5 font and charmap, read from
the installed package without importing it); anything else, or a missing font, falls back to
qtawesome itself.
"""

from __future__ import annotations

import contextlib
import json
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

SOLID_PREFIX = "fa5s"
SOLID_TTF = "fontawesome5-solid-webfont-5.15.4.ttf"
SOLID_CHARMAP = "fontawesome5-solid-webfont-charmap-5.15.4.json"

KIND_ICONS: dict[str, str] = {
    "person": "fa5s.user",
    "organization": "fa5s.building",
    "media": "fa5s.newspaper",
    "anonymous": "fa5s.user-secret",
    "document": "fa5s.file-alt",
    "other": "fa5s.question-circle",
}
STATEMENT_ICONS: dict[str, str] = {
    "direct": "fa5s.quote-left",
    "mixed": "fa5s.quote-left",
    "indirect": "fa5s.comment",
}

_cache: dict[tuple[str, str], QIcon] = {}
_color = "#55606e"


def set_icon_color(color: str) -> None:
    """The colour of toolbar and panel icons (follows the theme); clears the cache."""
    global _color
    if color != _color:
        _color = color
        _cache.clear()


def icon(name: str, color: str | None = None) -> QIcon:
    """A qtawesome icon such as "fa5s.user", cached per colour."""
    key = (name, color or _color)
    found = _cache.get(key)
    if found is None:
        c = QColor(key[1])
        disabled = QColor(c.red(), c.green(), c.blue(), 90)
        found = _glyph_icon(name, c, disabled)
        if found is None:
            import qtawesome

            found = qtawesome.icon(name, color=c, color_disabled=disabled)
        _cache[key] = found
    return found


class _GlyphEngine(QIconEngine):
    """Paints one glyph as qtawesome's CharIconPainter does with its default options: 7/8 of
    the icon's height, centred, in `color` (`disabled` when the icon is disabled)."""

    def __init__(self, family: str, char: str, color: QColor, disabled: QColor) -> None:
        super().__init__()
        self.family, self.char, self.color, self.disabled = family, char, color, disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self.disabled if mode == QIcon.Mode.Disabled else self.color)
        font = QFont()
        font.setFamily(self.family)
        font.setPixelSize(round(0.875 * rect.height()))
        font.setStyleName("Solid")
        painter.setFont(font)
        painter.setOpacity(1.0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pm

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.family, self.char, self.color, self.disabled)


def _glyph_icon(name: str, color: QColor, disabled: QColor) -> QIcon | None:
    prefix, _, glyph = name.partition(".")
    font = _solid_font() if prefix == SOLID_PREFIX else None
    if font is None or glyph not in font[1]:
        return None
    family, charmap = font
    return QIcon(_GlyphEngine(family, chr(charmap[glyph]), color, disabled))


def _fonts_dir() -> Path | None:
    """qtawesome's `fonts/` folder, found without importing qtawesome (or in a frozen build)."""
    candidates = []
    with_spec = None
    with contextlib.suppress(ImportError, ValueError):
        with_spec = find_spec("qtawesome")
    if with_spec is not None and with_spec.submodule_search_locations:
        candidates += [Path(p) / "fonts" for p in with_spec.submodule_search_locations]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "qtawesome" / "fonts")
    return next((c for c in candidates if (c / SOLID_TTF).is_file()), None)


@cache
def _solid_font() -> tuple[str, dict[str, int]] | None:
    """The family name and charmap of Font Awesome 5 Solid, loaded once; None if unavailable."""
    folder = _fonts_dir()
    if folder is None:
        return None
    try:
        raw = json.loads((folder / SOLID_CHARMAP).read_text(encoding="utf-8"))
        charmap = {k: int(v, 16) if isinstance(v, str) else int(v) for k, v in raw.items()}
    except (OSError, ValueError):
        return None
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(folder / SOLID_TTF))
    )
    return (families[0], charmap) if families else None


def kind_icon(kind: str, color: str | None = None) -> QIcon:
    return icon(KIND_ICONS.get(kind, KIND_ICONS["other"]), color)


def statement_icon(kind: str, color: str | None = None) -> QIcon:
    return icon(STATEMENT_ICONS.get(kind, "fa5s.comment"), color)


def resources_dir() -> Path:
    """`resources/` at the top of the source tree, else the copy inside the package."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[3] / "resources", here.parents[1] / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    return here.parents[3] / "resources"


@cache
def app_icon() -> QIcon:
    path = resources_dir() / "icons" / "reader.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
