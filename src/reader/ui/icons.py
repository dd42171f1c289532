"""Icons of the window: a lazy qtawesome cache and the application icon.

qtawesome costs about 0.3 s to import, so it is loaded the first time an icon is asked for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QIcon

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
        import qtawesome

        c = QColor(key[1])
        found = qtawesome.icon(
            name, color=c, color_disabled=QColor(c.red(), c.green(), c.blue(), 90)
        )
        _cache[key] = found
    return found


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
