"""Start-up without the cyclic garbage collector: it is off while the window is built (the
objects made then live as long as the window), frozen and back on once the first article
shows, and on again whatever way `run_gui` ends."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

from reader.cli import main


def test_the_collector_is_off_until_the_first_article_shows(qapp, tmp_path: Path) -> None:
    from reader.ui.main_window import MainWindow

    seen: list[tuple[bool, int]] = []
    original = MainWindow._show_article

    def spy(window: MainWindow, view) -> None:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        original(window, view)

    MainWindow._show_article = spy  # type: ignore[method-assign]
    try:
        png = tmp_path / "shot.png"
        assert main(["--data-dir", str(tmp_path / "d"), "--screenshot", str(png)]) == 0
        assert seen and seen[0][0] is False  # built with the collector off
        assert gc.isenabled()
        assert gc.get_freeze_count() > seen[0][1] + 1000  # what start-up made is frozen
    finally:
        MainWindow._show_article = original  # type: ignore[method-assign]
        gc.unfreeze()
        gc.enable()


def test_the_collector_is_back_on_when_the_library_cannot_open(qapp, tmp_path: Path) -> None:
    from reader.library import Library
    from reader.store.database import DB_NAME

    data = tmp_path / "d"
    Library(data).close()
    conn = sqlite3.connect(data / DB_NAME)  # made by a newer reader: no window opens
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    assert main(["--data-dir", str(data), "--screenshot", str(tmp_path / "shot.png")]) == 2
    assert gc.isenabled()
