"""What the user adds (corrections, ratings, private notes, highlights) stays on the source or
statement it was made for when a *changed* engine re-analyses the article: one that drops,
adds and reorders sources, so that every engine id ("s8", "st22") moves. A correction whose
source is gone is kept and listed as orphaned, never applied to another source.

The changed engine is the real one with its output edited (`changed_engine`), installed as the
library's engine with a different engine version; the store is real (SQLite under tmp_path, and
PostgreSQL for the tests that do not open a file of their own)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import reader.engine
import reader.library.analyses
from reader.analysis import Analysis, analyze
from reader.library import Library
from reader.store.database import DB_NAME, current_revision, head_revision

FIXTURE = Path(__file__).parent / "fixtures" / "library-r0003-corrections.sqlite3"
NEW_PERSON = "Marta Nowak"


def changed_engine(drop: tuple[str, ...]):
    """The engine, changed: the sources named in `drop` (and their statements) are gone, a new
    person is found, and the sources come in reverse order, so every id is different."""

    def analyze_changed(text: str, title: str = "") -> Analysis:
        a = analyze(text, title=title)
        keep = [s for s in a.sources if s.name not in drop]
        kept = {s.id for s in keep}
        sts = [st for st in a.statements if st.source in kept]
        i = max(0, text.find("Military Balance"))
        extra = replace(keep[0], id="new", name=NEW_PERSON, kind="person", mentions=((i, i + 8),))
        order = [extra, *reversed(keep)]
        ids = {s.id: f"s{n}" for n, s in enumerate(order, 1)}
        st_ids = {st.id: f"st{n}" for n, st in enumerate(reversed(sts), 1)}
        return replace(
            a,
            sources=tuple(replace(s, id=ids[s.id]) for s in order),
            statements=tuple(
                replace(
                    st,
                    id=st_ids[st.id],
                    source=ids[st.source],
                    continues=st_ids.get(st.continues) if st.continues else None,
                )
                for st in reversed(sts)
            ),
        )

    return analyze_changed


def use_engine(monkeypatch: pytest.MonkeyPatch, engine, version: str) -> None:
    monkeypatch.setattr(reader.library.analyses, "analyze", engine)
    monkeypatch.setattr(reader.engine, "_cached", version)


def by_mention(view, span: tuple[int, int]):
    (src,) = [s for s in view.analysis.sources if span in s.mentions]
    return src


def statement_at(view, quote: str, skip: int = 0):
    """The statement covering `quote` (after its first `skip` characters), or None."""
    i = view.text.index(quote) + skip
    found = [st for st in view.analysis.statements if st.start <= i < st.end]
    return found[0] if found else None


def ratings(lib: Library, view) -> dict[str, tuple[int | None, str]]:
    """Article source name → (rating, note) of the library source it is linked to."""
    out = {}
    for src in view.analysis.sources:
        lib_id = view.library_sources.get(src.id)
        if lib_id is not None:
            info = lib.library_source(lib_id)
            out[src.name] = (info.rating, info.note)
    return out


AZARAU = (3346, 3363)  # "Aliaksandr Azarau", first mention
MINSK = (2107, 2121)  # "official Minsk"
MINISTRY = (2011, 2045)  # "Belarusian Ministry of Defense"
KATKOV = (6627, 6638)
LUKASHENKO = (42, 62)
THE_SAME = ("interlocutors said the same", len("interlocutors said "))


def make_corrections(lib: Library) -> int:
    aid = lib.import_sample()
    view = lib.open_article(aid)
    text = view.text
    i = text.index("We constantly monitor the situation")
    lib.add_highlight(aid, i, i + 35, color="green", note="verify with border guards")
    links = view.library_sources
    lib.rate_source(links[by_mention(view, LUKASHENKO).id], -2)
    lib.set_source_note(links[by_mention(view, KATKOV).id], "analyst; check Defense Express")
    lib.rename_source(aid, by_mention(view, AZARAU).id, "Alexander Azarov")
    lib.merge_sources(aid, by_mention(view, MINSK).id, by_mention(view, MINISTRY).id)
    lib.move_statement(
        aid, statement_at(view, "Belarus has a total of up").id, by_mention(view, KATKOV).id
    )
    lib.mark_not_statement(aid, statement_at(view, *THE_SAME).id)
    azarov = lib.open_article(aid).library_sources[by_mention(view, AZARAU).id]
    lib.rate_source(azarov, 1)
    return aid


def assert_all_in_place(lib: Library, view) -> None:
    """Every correction, rating, note and highlight of `make_corrections` where it was made."""
    assert by_mention(view, AZARAU).name == "Alexander Azarov"
    assert [s.name for s in view.analysis.sources].count("Alexander Azarov") == 1
    ministry = by_mention(view, MINISTRY)
    assert MINSK in ministry.mentions  # merged
    assert statement_at(view, "Ukraine of aggression").source == ministry.id
    assert statement_at(view, "Belarus has a total of up").source == by_mention(view, KATKOV).id
    assert statement_at(view, *THE_SAME) is None  # not a statement
    rated = ratings(lib, view)
    assert rated["Alexander Azarov"] == (1, "")
    assert rated["Alexander Lukashenko"] == (-2, "")
    assert rated["Oleh Katkov"] == (None, "analyst; check Defense Express")
    others = {k: v for k, v in rated.items() if k not in {"Alexander Azarov", "Oleh Katkov"}}
    assert {k for k, v in others.items() if v != (None, "")} == {"Alexander Lukashenko"}
    (h,) = [h for h in view.highlights if h.note == "verify with border guards"]
    assert view.text[h.start : h.end] == "We constantly monitor the situation"
    assert h.color == "green" and not h.orphaned


def test_a_changed_engine_keeps_everything_on_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = make_corrections(lib)
    before = lib.open_article(aid)
    assert_all_in_place(lib, before)
    use_engine(monkeypatch, changed_engine(drop=("Belarusian opposition media",)), "changed")
    after = lib.open_article(aid)
    assert by_mention(after, AZARAU).id != by_mention(before, AZARAU).id  # the ids did move
    assert NEW_PERSON in [s.name for s in after.analysis.sources]
    assert_all_in_place(lib, after)
    assert lib.orphaned_corrections(aid) == []


def test_a_correction_whose_source_is_gone_is_orphaned_not_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_url: str
) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = make_corrections(lib)
    use_engine(monkeypatch, changed_engine(drop=("Aliaksandr Azarau",)), "changed")
    view = lib.open_article(aid)
    names = [s.name for s in view.analysis.sources]
    assert "Alexander Azarov" not in names and "Aliaksandr Azarau" not in names
    (orphan,) = lib.orphaned_corrections(aid)
    assert (orphan.action, orphan.value) == ("rename", "Alexander Azarov")
    assert json.loads(orphan.anchor)["source"]["name"] == "Aliaksandr Azarau"
    assert all(r != (1, "") for r in ratings(lib, view).values())  # Azarov's rating on no one
    # the rest is where it was
    assert MINSK in by_mention(view, MINISTRY).mentions
    assert statement_at(view, *THE_SAME) is None
    # the engine finds the source again: the kept correction applies to it once more
    use_engine(monkeypatch, changed_engine(drop=()), "changed again")
    assert_all_in_place(lib, lib.open_article(aid))
    assert lib.orphaned_corrections(aid) == []


def test_a_library_from_schema_0003_keeps_everything_under_the_new_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fixtures/library-r0003-corrections.sqlite3 was made by the release before anchors
    (tests/store/make_library_r0003_corrections.py); its corrections name ids only."""
    shutil.copy(FIXTURE, tmp_path / DB_NAME)
    use_engine(monkeypatch, changed_engine(drop=("Belarusian opposition media",)), "changed")
    lib = Library(tmp_path)
    assert current_revision(tmp_path / DB_NAME) == head_revision()
    view = lib.open_article(lib.last_article_id() or 0)
    assert_all_in_place(lib, view)
    assert lib.orphaned_corrections(view.info.id) == []
    (margin,) = [h for h in view.highlights if h.note == "a margin note"]
    assert margin.start == margin.end == 100


def test_stale_articles_are_reanalysed_with_progress_and_cancel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_url: str
) -> None:
    import threading

    lib = Library(tmp_path, database=library_url)
    aid = make_corrections(lib)
    other = lib.import_text("“It works,” said Jane Doe, a tester.", title="Other")
    assert lib.stale_articles() == []
    use_engine(monkeypatch, changed_engine(drop=("Belarusian opposition media",)), "changed")
    assert lib.stale_articles() == [aid, other]
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # stop after the first

    assert lib.reanalyze_stale(progress, cancel) == 1
    assert seen == [(1, 2)] and lib.stale_articles() == [other]
    assert lib.reanalyze_stale() == 1 and lib.stale_articles() == []
    assert_all_in_place(lib, lib.open_article(aid))


def test_a_read_only_library_from_an_older_engine_shows_what_it_holds(
    tmp_path: Path, read_only
) -> None:
    """Opened read-only, a stale article is shown as stored (no attempt to write)."""
    import sqlite3
    import sys

    lib = Library(tmp_path)
    aid = make_corrections(lib)
    lib.close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with conn:
        conn.execute("UPDATE article SET analysis_version = '0.1.0+1'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")  # no -shm to make in a read-only place
    conn.close()
    code = (
        "import sys\n"
        "from reader.library import Library\n"
        "lib = Library(sys.argv[1])\n"
        f"view = lib.open_article({aid})\n"
        "print(sorted(s.name for s in view.analysis.sources if s.name.startswith('Alex')))\n"
        "print(lib.reanalyze_stale())\n"
    )
    run = read_only(tmp_path, [sys.executable, "-c", code, str(tmp_path)])
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["['Alexander Azarov', 'Alexander Lukashenko']", "0"]


def summary(lib, view) -> dict:
    """What the user sees of their corrections, ratings and notes, by what they are about (a
    mention, a quote), never by engine id; the same code runs in the changed-lexicon process."""
    spans = {
        "azarau": (3346, 3363),
        "minsk": (2107, 2121),
        "ministry": (2011, 2045),
        "katkov": (6627, 6638),
        "lukashenko": (42, 62),
    }
    quotes = {
        "aggression": ("Ukraine of aggression", 0),
        "tanks": ("Belarus has a total of up", 0),
        "the same": ("interlocutors said the same", len("interlocutors said ")),
    }
    names = {s.id: s.name for s in view.analysis.sources}
    out: dict = {"mentions": {}, "statements": {}, "ratings": {}}
    for label, span in spans.items():
        found = [s for s in view.analysis.sources if tuple(span) in s.mentions]
        out["mentions"][label] = [s.name for s in found]
    for label, (quote, skip) in quotes.items():
        i = view.text.index(quote) + skip
        found = [st for st in view.analysis.statements if st.start <= i < st.end]
        out["statements"][label] = [names[st.source] for st in found]
    for src in view.analysis.sources:
        lib_id = view.library_sources.get(src.id)
        info = lib.library_source(lib_id) if lib_id is not None else None
        if info is not None and (info.rating is not None or info.note):
            out["ratings"][src.name] = [info.rating, info.note]
    out["orphaned"] = len(lib.orphaned_corrections(view.info.id))
    out["highlights"] = sorted([h.start, h.end, h.color, h.note] for h in view.highlights)
    return out


def test_a_changed_lexicon_keeps_everything_on_its_source(tmp_path: Path) -> None:
    """A real engine change: a copy of reader whose media lexicon lacks "media" loses the
    source "Belarusian opposition media" and finds "Belarusian media" further on, so the ids
    of the sources after it shift (Azarau's "s8" is then that new source)."""
    import inspect
    import subprocess
    import sys

    lib = Library(tmp_path / "data")
    aid = make_corrections(lib)
    before = summary(lib, lib.open_article(aid))
    lib.close()
    copy = tmp_path / "engine"
    source = Path(reader.__file__).parent
    shutil.copytree(source, copy / "reader", ignore=shutil.ignore_patterns("__pycache__"))
    words = copy / "reader" / "analysis" / "lexicons" / "media_words.txt"
    kept = [w for w in words.read_text(encoding="utf-8").splitlines() if w.strip() != "media"]
    words.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code = (
        "import json, sys\n"
        "from reader.library import Library\n"
        + inspect.getsource(summary)
        + f"lib = Library(sys.argv[1])\nview = lib.open_article({aid})\n"
        "print(json.dumps([summary(lib, view), [s.name for s in view.analysis.sources]]))\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(copy)},
        timeout=55,
    )
    assert run.returncode == 0, run.stderr
    after, names = json.loads(run.stdout)
    assert "Belarusian opposition media" not in names and "Belarusian media" in names
    assert after == json.loads(json.dumps(before))
    assert after["mentions"]["azarau"] == ["Alexander Azarov"]
    assert after["ratings"] == {
        "Alexander Azarov": [1, ""],
        "Alexander Lukashenko": [-2, ""],
        "Oleh Katkov": [None, "analyst; check Defense Express"],
    }
