"""One row → analysis path: an article read through an operation's session, through the fast
reopen (sqlite3 or psycopg) and through the library-wide source reads gives the same sources
and statements, with nothing dropped (roles, affiliations, mentions, quoted parts, cues,
hedges), on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.library import Library
from reader.library.sources import _readings_of, readings
from reader.store.snapshot import reading

TEXT = (
    "Kyiv - Defence minister Anna Kovalenko of the Ukrainian government said the border was "
    "quiet.\n\n"
    "\u201cWe are watching every road,\u201d Kovalenko said. "
    "\u201cNothing moved overnight.\u201d\n\n"
    "Oleh Marchenko, an analyst at the Razumkov Centre, said supplies were allegedly short.\n\n"
    "Officials said the talks would resume on Monday.\n"
)


def _library(tmp_path: Path, url: str) -> tuple[Library, int]:
    lib = Library(tmp_path, database=url)
    aid = lib.import_text(TEXT, "Border")
    view = lib.open_article(aid)
    lib.add_highlight(aid, 0, 4, note="place")
    named = [s for s in view.analysis.sources if s.kind == "person"]
    lib.rename_source(aid, named[0].id, "Anna K.")
    return lib, aid


def _rich(view) -> None:
    """What the converters must keep: the article's analysis is not a poor one."""
    srcs, sts = view.analysis.sources, view.analysis.statements
    assert any(s.role for s in srcs) and any(s.affiliation for s in srcs)
    assert all(s.mentions for s in srcs if s.kind != "anonymous")
    assert any(len(st.content) > 1 for st in sts), "an interrupted quotation keeps its parts"
    assert all(st.cue and st.cue_text for st in sts)
    assert any(st.hedges for st in sts)
    assert any(s.name == "Anna K." for s in srcs)  # the correction applied


def test_open_and_fast_reopen_give_equal_views(tmp_path: Path, library_url: str) -> None:
    lib, aid = _library(tmp_path, library_url)
    lib.close()
    full = Library(tmp_path, database=library_url).open_article(aid)
    _rich(full)
    quick = Library(tmp_path, database=library_url).reopen_last()
    assert quick is not None
    assert quick == replace(full, info=replace(full.info, opened_at=quick.info.opened_at))


def test_library_wide_reads_keep_the_whole_analysis(tmp_path: Path, library_url: str) -> None:
    lib, aid = _library(tmp_path, library_url)
    view = lib.open_article(aid)
    with reading(lib.location) as conn:
        fast = _readings_of(conn, [aid])[aid]
    with lib.db.session() as s:
        slow = readings(s, [aid])[aid]
    for got in (fast, slow):
        assert tuple(got.sources) == view.analysis.sources
        assert tuple(got.statements) == view.analysis.statements
        assert {k: v for k, v in got.links.items() if v is not None} == view.library_sources


def test_the_view_carries_the_signals_the_export_uses(tmp_path: Path, library_url: str) -> None:
    from reader.analysis.credibility import source_signals
    from reader.library.exports import pdf_input

    lib, aid = _library(tmp_path, library_url)
    view = lib.open_article(aid)
    assert set(view.signals) == {s.id for s in view.analysis.sources}
    assert view.signals == source_signals(view.analysis)
    assert pdf_input(view).credibility is view.signals
    quick = lib.reopen_last()
    assert quick is not None and quick.signals == view.signals
