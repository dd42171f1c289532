"""Which library the window is on, when it is not the data folder's own file: a team library on
PostgreSQL (postgresql://user@host:port/dbname, never a password) or a file named by
--database. A permanent label at the right of the status bar, the whole name in its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

MAX_SHOWN = 60  # characters; the tooltip has the rest


def library_name(library: Any) -> str | None:
    """What to show for the library: None for the default file of the data folder."""
    location = library.location
    if location.is_postgres:
        return f"Team library: {location.display}"
    default = library.data_dir / "library.sqlite3"
    return None if location.path == default else f"Library: {location.display}"


def show_library(window: Any, library: Any) -> QLabel | None:
    """Add the label to the window's status bar (nothing for the default library)."""
    name = library_name(library)
    if name is None:
        return None
    # elided in the middle: the kind of library and its database's name both stay in sight
    half = (MAX_SHOWN - 1) // 2
    shown = name if len(name) <= MAX_SHOWN else name[:half] + "…" + name[-half:]
    label = QLabel(shown, window)
    label.setObjectName("libraryLocation")
    label.setToolTip(name)
    label.setAccessibleName(name)
    window.statusBar().addPermanentWidget(label)
    return label
