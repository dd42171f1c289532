"""Corrections that no longer fit are shown under the Sources panel's menus ("2 corrections no
longer fit — show"), listed in words (what, on what, when) and discarded one by one through the
library (issue 12). The library is real; the engine is the real one with its output changed
(a source dropped), as in tests/store/test_correction_identity.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import reader.engine
import reader.library.analyses
from reader.analysis import Analysis, analyze
from reader.library import Library

AZARAU = "Aliaksandr Azarau"


def without(name: str):
    """The engine, changed: the source called `name` and its statements are gone."""

    def analyze_changed(text: str, title: str = "") -> Analysis:
        a = analyze(text, title=title)
        gone = {s.id for s in a.sources if s.name == name}
        return replace(
            a,
            sources=tuple(s for s in a.sources if s.id not in gone),
            statements=tuple(st for st in a.statements if st.source not in gone),
        )

    return analyze_changed


def orphan_two(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """A library whose sample has a rename of Azarau and a "not a statement" on one of his
    statements, then an engine that no longer finds him: both corrections are orphaned."""
    lib = Library(data_dir)
    aid = lib.import_sample()
    view = lib.open_article(aid)
    (azarau,) = [s for s in view.analysis.sources if s.name == AZARAU]
    statement = next(st for st in view.analysis.statements if st.source == azarau.id)
    lib.rename_source(aid, azarau.id, "Alexander Azarov")
    lib.mark_not_statement(aid, statement.id)
    quote = " ".join(view.text[statement.start : statement.end].split())
    lib.close()
    monkeypatch.setattr(reader.library.analyses, "analyze", without(AZARAU))
    monkeypatch.setattr(reader.engine, "_cached", "changed")
    return aid, quote


def test_corrections_that_no_longer_fit_are_shown_and_discarded(
    make_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    aid, quote = orphan_two(data_dir, monkeypatch)
    window = make_window()
    assert window.current is not None and window.current.info.id == aid
    assert AZARAU not in [s.name for s in window.current.analysis.sources]
    line = window.sources_panel.orphans
    assert line.isVisible()
    assert line.text().startswith("2 corrections no longer fit — ")

    listing = line.show_list()
    qtbot.waitExposed(listing)
    texts = [t.text() for t in listing.rows.findChildren(QLabel)]
    rename = next(t for t in texts if "Rename to “Alexander Azarov”" in t)
    assert f"on the source “{AZARAU}”" in rename and "made " in rename
    not_statement = next(t for t in texts if "Not a statement" in t)
    assert quote[:40] in not_statement
    assert len(listing.buttons) == 2

    renamed = next(i for i in line.items if i.what.startswith("Rename"))
    qtbot.mouseClick(listing.buttons[renamed.id], Qt.MouseButton.LeftButton)
    window.ops.wait()
    left = window.library.orphaned_corrections(aid)
    assert [r.action for r in left] == ["not_statement"]
    assert line.text().startswith("1 correction no longer fits — ")
    assert list(listing.buttons) == [left[0].id]

    qtbot.mouseClick(listing.buttons[left[0].id], Qt.MouseButton.LeftButton)
    window.ops.wait()
    assert window.library.orphaned_corrections(aid) == []
    assert not line.isVisible()


def test_no_line_when_every_correction_fits(make_window, data_dir: Path) -> None:
    lib = Library(data_dir)
    aid = lib.import_sample()
    view = lib.open_article(aid)
    (azarau,) = [s for s in view.analysis.sources if s.name == AZARAU]
    lib.rename_source(aid, azarau.id, "Alexander Azarov")
    lib.close()
    window = make_window()
    assert window.current is not None and window.current.info.id == aid
    assert "Alexander Azarov" in [s.name for s in window.current.analysis.sources]
    assert not window.sources_panel.orphans.isVisible()


def test_the_line_goes_with_its_article(
    make_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    orphan_two(data_dir, monkeypatch)
    window = make_window()
    line = window.sources_panel.orphans
    assert line.isVisible()
    window.close_article_action.trigger()
    assert window.current is None
    assert not line.isVisible()
