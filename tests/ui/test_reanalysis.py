"""After an engine change the window brings the library's analyses up to date in the background,
one article per operation, saying so in the status bar; closing stops it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library
from reader.store.database import DB_NAME


def stale_library(data_dir: Path, n: int = 3) -> list[int]:
    lib = Library(data_dir)
    ids = [
        lib.import_text(f"“Point {i} holds,” said Jane Doe{i}, a tester.", title=f"A{i}")
        for i in range(n)
    ]
    lib.close()
    conn = sqlite3.connect(data_dir / DB_NAME)
    with conn:
        conn.execute("UPDATE article SET analysis_version = '0.1.0+1'")  # an older engine's
    conn.close()
    return ids


def test_stale_analyses_are_updated_in_the_background(make_window, data_dir: Path) -> None:
    ids = stale_library(data_dir)
    w = make_window()
    # the window's start-up opens the newest article (analysed then); the timer does the rest
    steps: list[str] = []
    w.statusBar().messageChanged.connect(steps.append)
    w.reanalysis.start()
    assert w.library.stale_articles() == []
    assert any(m.startswith("Updating analyses to the new engine: 1 of ") for m in steps)
    assert w.statusBar().currentMessage().startswith("Analyses updated to the new engine (")
    for aid in ids:
        names = [s.name for s in w.library.open_article(aid, mark_opened=False).analysis.sources]
        assert names and names[0].startswith("Jane Doe")


def test_closing_the_window_stops_the_updates(make_window, data_dir: Path) -> None:
    stale_library(data_dir, n=2)
    w = make_window(start=False)
    w.close()
    w.reanalysis.start()
    assert len(w.library.stale_articles()) == 2  # left for the next start


def test_a_correction_that_no_longer_fits_is_said_when_its_article_opens(
    make_window, data_dir: Path
) -> None:
    lib = Library(data_dir)
    aid = lib.import_text("“It holds,” said Jane Doe, a tester.", title="A")
    view = lib.open_article(aid)
    lib.rename_source(aid, view.analysis.sources[0].id, "Janet Doe")
    lib.close()
    conn = sqlite3.connect(data_dir / DB_NAME)
    with conn:  # as if the corrected source were one a newer engine no longer finds
        gone = '{"source": {"name": "Nobody", "key": "nobody", "mentions": []}}'
        conn.execute("UPDATE correction SET anchor = ?", (gone,))
        conn.execute("UPDATE article SET analysis_version = '0.1.0+1'")
    conn.close()
    w = make_window()
    assert w.current is not None and w.current.info.id == aid
    assert [s.name for s in w.current.analysis.sources] == ["Jane Doe"]
    assert w.statusBar().currentMessage() == (
        "1 correction of this article no longer fits its analysis (the engine changed): "
        "kept, not applied"
    )
    (orphan,) = w.library.orphaned_corrections(aid)
    assert orphan.value == "Janet Doe"
