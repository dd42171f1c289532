"""The quick way to the first paint: the last article and the Sources panel's reads without
SQLAlchemy (store/snapshot.py: sqlite3 on a file, psycopg on PostgreSQL) give what the sqlmodel
way gives, and need no SQLAlchemy, on both engines."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from sqlmodel import select

from reader.library import Library
from reader.store.models import Article


def _annotated_library(data: Path, url: str) -> tuple[Library, int]:
    lib = Library(data, database=url)
    aid = lib.import_sample()
    view = lib.open_article(aid)
    lib.add_highlight(aid, 10, 40, color="green", note="a note")
    lib.add_highlight(aid, 100, 120)
    first, second = view.analysis.sources[:2]
    lib.rename_source(aid, first.id, "Someone Else")
    lib.merge_sources(aid, second.id, view.analysis.sources[2].id)
    linked = next(iter(lib.open_article(aid).library_sources.values()))
    lib.rate_source(linked, 2)
    lib.set_source_note(linked, "trusted")
    return lib, aid


def test_reopen_last_gives_what_open_article_gives(tmp_path: Path, library_url: str) -> None:
    lib, aid = _annotated_library(tmp_path, library_url)
    lib.close()

    quick_lib = Library(tmp_path, database=library_url)
    quick = quick_lib.reopen_last()
    assert quick is not None
    assert quick_lib.last_article_id() == aid
    full = Library(tmp_path, database=library_url).open_article(aid)
    assert quick.info.opened_at is not None
    assert quick == replace(full, info=replace(full.info, opened_at=quick.info.opened_at))
    assert len(quick.highlights) == 2 and quick.highlights[0].note == "a note"
    assert any(s.name == "Someone Else" for s in quick.analysis.sources)


def test_reopen_last_marks_the_article_opened(tmp_path: Path, library_url: str) -> None:
    lib, aid = _annotated_library(tmp_path, library_url)
    with lib.db.session() as s:
        before = s.get(Article, aid).opened_at
    view = lib.reopen_last()
    assert view is not None
    with lib.db.session() as s:
        after = s.get(Article, aid).opened_at
    assert after > before
    assert after == view.info.opened_at


def test_reopen_last_declines_a_stale_analysis_or_no_last_article(
    tmp_path: Path, library_url: str
) -> None:
    empty = Library(tmp_path / "empty", database=library_url)
    assert empty.reopen_last() is None
    empty.import_sample()  # imported, never opened
    assert empty.reopen_last() is None
    empty.close()  # the same library (library_url) is annotated below

    lib, aid = _annotated_library(tmp_path / "lib", library_url)
    with lib.db.session() as s:
        a = s.get(Article, aid)
        a.analysis_version = "an older engine"
        s.add(a)
    assert lib.reopen_last() is None
    assert lib.open_article(aid).info.id == aid  # the normal way re-analyses it


def test_source_reads_match_the_sessions(tmp_path: Path, library_url: str) -> None:
    lib, aid = _annotated_library(tmp_path, library_url)
    other = lib.import_sample()  # the same content: found, not added
    assert other == aid
    second = lib.import_text("Aliaksandr Azarau said hello. " * 3, "Another")
    lib.open_article(second)
    infos = lib.library_sources()
    assert infos and any(i.rating == 2 and i.note == "trusted" for i in infos)
    with lib.db.session() as s:
        ids = [r.id for r in s.exec(select(Article))]
    assert sorted(ids) == sorted({aid, second})
    for info in infos:
        assert lib.library_source(info.id) == info
        for seen in lib.source_appearances(info.id):
            assert seen.article_id in ids


def test_first_paint_reads_need_no_sqlalchemy(tmp_path: Path, library_url: str) -> None:
    lib, aid = _annotated_library(tmp_path, library_url)
    lib.close()
    code = (
        "import json, sys\n"
        "from reader.library import Library\n"
        f"lib = Library({str(tmp_path)!r}, database={library_url!r})\n"
        "view = lib.reopen_last()\n"
        "ids = set(view.library_sources.values())\n"
        "infos = [i for i in lib.library_sources() if i.id in ids]\n"
        "seen = {i: lib.source_appearances(i, exclude_article=view.info.id) for i in ids}\n"
        "lib.close()\n"
        "print(json.dumps([view.info.id, len(infos),"
        " sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    article_id, n_infos, loaded = json.loads(out)
    assert article_id == aid and n_infos > 0
    assert loaded == []
