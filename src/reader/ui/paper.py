"""The paper an article is laid out for (File → Paper Size: A4 or US Letter, by default from the
locale), shared by Export and Print, and the file name an export suggests.

Kept apart from printing (reader.ui.print_article) so that the window can read the setting
without loading the PDF export at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

PAPER_KEY = "export/paper"
PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}


def saved_paper(settings: QSettings) -> str:
    """The paper chosen in File → Paper Size, else the locale's ("letter" in the US …)."""
    value = str(settings.value(PAPER_KEY, "") or "")
    if value in PAPER_NAMES:
        return value
    # the export's styles load reportlab: only when no paper was ever chosen, and not before
    # the menu is opened or an article exported
    from reader.export.styles import default_paper

    return default_paper()


def paper_menu(parent: QWidget, settings: QSettings) -> QMenu:
    """File → Paper Size: A4 or US Letter for Export and Print, remembered in the settings.
    The paper in use is ticked when the menu opens (the locale's until one is chosen)."""
    menu = QMenu("Paper &Size", parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    stored = str(settings.value(PAPER_KEY, "") or "")
    for key, name in PAPER_NAMES.items():
        act = QAction(name, menu, checkable=True)
        act.setData(key)
        act.setChecked(key == stored)
        act.triggered.connect(lambda _on=False, k=key: settings.setValue(PAPER_KEY, k))
        group.addAction(act)
        menu.addAction(act)

    def tick() -> None:
        current = saved_paper(settings)
        for act in menu.actions():
            act.setChecked(act.data() == current)

    menu.aboutToShow.connect(tick)
    return menu


def file_stem(title: str, limit: int = 60) -> str:
    """A file name for an article's export: its title's words joined by hyphens, cut after a
    whole word ("…-Alexander-Lukashenko", never "…-Alexander-Lukashenk")."""
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    words = keep.split()
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > limit:
            break
        stem = longer
    return stem or (words[0][:limit] if words else "") or "article"
