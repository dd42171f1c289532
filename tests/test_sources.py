"""Library-wide sources: identity across articles, rating and note, appearances, and the user's
corrections surviving a restart and a re-analysis."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

import reader.library.analyses as analyses_module
from reader.analysis.model import Analysis, Source, Statement
from reader.errors import NotFoundError, ReaderError
from reader.library import Library
from reader.store.models import Article

# A tiny stand-in engine so these tests do not depend on the attribution engine's state:
# a line "Name (kind; role; affiliation): words" is one statement of source Name.
LINE_RE = re.compile(r"^(?P<name>[^(:\n]+?)(?: \((?P<meta>[^)]*)\))?: (?P<words>.+)$", re.M)


def fake_analyze(text: str, title: str = "") -> Analysis:
    sources: dict[str, Source] = {}
    statements = []
    for m in LINE_RE.finditer(text):
        name = m["name"].strip()
        kind, role, aff = [*(m["meta"] or "person").split(";"), None, None][:3]
        if name not in sources:
            sources[name] = Source(
                id=f"s{len(sources) + 1}",
                name=name,
                kind=kind.strip(),
                role=role.strip() if role else None,
                affiliation=aff.strip() if aff else None,
                mentions=((m.start("name"), m.end("name")),),
            )
        statements.append(
            Statement(
                id=f"st{len(statements) + 1}",
                source=sources[name].id,
                kind="indirect",
                content=((m.start("words"), m.end("words")),),
                source_mention=(m.start("name"), m.end("name")),
            )
        )
    return Analysis(
        text=text, title=title, sources=tuple(sources.values()), statements=tuple(statements)
    )


@pytest.fixture
def fake_engine(monkeypatch):
    monkeypatch.setattr(analyses_module, "analyze", fake_analyze)


@pytest.fixture
def lib(tmp_path, fake_engine):
    library = Library(tmp_path)
    yield library
    library.close()


def by_name(lib: Library) -> dict:
    return {s.name: s for s in lib.library_sources()}


def reanalyze(lib: Library, article_id: int) -> None:
    """Force the next open to recompute the derived rows, as an engine upgrade would."""
    with lib.db.session() as s:
        a = s.get(Article, article_id)
        a.analysis_version = None
        s.add(a)


# ---- identity across articles --------------------------------------------------------------


def test_full_name_and_surname_are_one_source(lib):
    a1 = lib.import_text(
        "Aliaksandr Azarau (person; head; a veterans group): troops did not move.\n", "One"
    )
    a2 = lib.import_text("Azarau: trains carry tanks slowly.\n", "Two")
    sources = by_name(lib)
    assert "Azarau" not in sources
    azarau = sources["Aliaksandr Azarau"]
    assert (azarau.articles, azarau.statements) == (2, 2)
    seen = lib.source_appearances(azarau.id)
    assert {(a.article_id, tuple(a.statements)) for a in seen} == {
        (a1, ("troops did not move.",)),
        (a2, ("trains carry tanks slowly.",)),
    }
    (other,) = lib.source_appearances(azarau.id, exclude_article=a1)
    article_id, title, quoted = other  # a plain (article_id, title, [texts]) tuple
    assert (article_id, title, quoted) == (a2, "Two", ["trains carry tanks slowly."])


def test_surname_joins_in_either_order(lib):
    lib.import_text("Katkov: the brigades are short of vehicles.\n", "One")
    lib.import_text("Oleh Katkov (person; analyst): capability is reduced.\n", "Two")
    assert [s.articles for s in lib.library_sources() if "Katkov" in s.name] == [2]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anna Smith (person): one.\n", "John Smith (person): two.\n"),
        ("Anna Smith (person; ; Acme Bank): one.\n", "Smith (person; ; City Council): two.\n"),
    ],
    ids=["different first names", "different affiliations"],
)
def test_people_sharing_a_surname_are_not_merged(lib, first, second):
    lib.import_text(first, "One")
    lib.import_text(second, "Two")
    smiths = [s for s in lib.library_sources() if s.name.endswith("Smith")]
    assert len(smiths) == 2
    assert all(s.articles == 1 for s in smiths)


def test_surname_shared_by_two_people_is_ambiguous(lib):
    lib.import_text("Anna Smith (person): one.\n", "One")
    lib.import_text("John Smith (person): two.\n", "Two")
    lib.import_text("Smith (person): three.\n", "Three")
    assert sorted(s.articles for s in lib.library_sources() if "Smith" in s.name) == [1, 1, 1]


def test_anonymous_sources_are_not_joined_across_articles(lib):
    lib.import_text("Officials (anonymous): nothing happened.\n", "One")
    lib.import_text("Officials (anonymous): something happened.\n", "Two")
    assert lib.library_sources() == []


# ---- rating and note ----------------------------------------------------------------------


def test_rating_and_note_persist(tmp_path, fake_engine):
    lib = Library(tmp_path)
    lib.import_text("Jane Roe (person; spokeswoman; Acme): prices rise.\n", "One")
    src = by_name(lib)["Jane Roe"]
    lib.rate_source(src.id, -2)
    lib.set_source_note(src.id, "Paid by Acme")
    lib.close()
    lib = Library(tmp_path)
    again = by_name(lib)["Jane Roe"]
    assert (again.rating, again.note) == (-2, "Paid by Acme")
    me = lib.member().name
    assert again.to_json() == {
        "id": src.id,
        "name": "Jane Roe",
        "kind": "person",
        "role": "spokeswoman",
        "affiliation": "Acme",
        "articles": 1,
        "statements": 1,
        "rating": -2,
        "note": "Paid by Acme",
        # the spread of the team's ratings: here the one member of a library file
        "team": {"count": 1, "mean": -2.0, "min": -2, "max": -2, "members": {me: -2}},
    }
    lib.rate_source(src.id, None)
    assert by_name(lib)["Jane Roe"].rating is None
    lib.close()


def test_rating_survives_reanalysis(lib):
    aid = lib.import_text("Jane Roe (person): prices rise.\n", "One")
    src = by_name(lib)["Jane Roe"]
    lib.rate_source(src.id, 2)
    reanalyze(lib, aid)
    lib.open_article(aid)
    assert by_name(lib)["Jane Roe"].rating == 2


@pytest.mark.parametrize("bad", [3, -3, 10])
def test_rating_out_of_range_is_refused(lib, bad):
    lib.import_text("Jane Roe (person): prices rise.\n", "One")
    with pytest.raises(ReaderError, match="-2 to \\+2"):
        lib.rate_source(by_name(lib)["Jane Roe"].id, bad)


def test_unknown_source_is_reported(lib):
    with pytest.raises(NotFoundError):
        lib.rate_source(999, 1)
    with pytest.raises(NotFoundError):
        lib.source_appearances(999)


# ---- corrections ------------------------------------------------------------------------

TWO_SOURCES = (
    "Aliaksandr Azarau (person; head; a veterans group): troops did not move.\n"
    "Azarov (person): the drones were a fake.\n"
    "Oleh Katkov (person; analyst): brigades are short of vehicles.\n"
)


def statements_by_source(lib: Library, article_id: int) -> dict[str, list[str]]:
    view = lib.open_article(article_id)
    a = view.analysis
    return {s.name: [a.text[st.start : st.end] for st in a.statements_of(s.id)] for s in a.sources}


def restart_and_reanalyze(lib: Library, tmp_path, article_id: int) -> Library:
    lib.close()
    lib = Library(tmp_path)
    reanalyze(lib, article_id)
    return lib


def test_merge_survives_restart_and_reanalysis(tmp_path, fake_engine):
    lib = Library(tmp_path)
    aid = lib.import_text(TWO_SOURCES, "One")
    other = lib.import_text("Azarau: trains are slow.\n", "Two")
    lib.merge_sources(aid, "s2", "s1")  # the engine missed that "Azarov" is a misspelling
    expected = {
        "Aliaksandr Azarau": ["troops did not move.", "the drones were a fake."],
        "Oleh Katkov": ["brigades are short of vehicles."],
    }
    assert statements_by_source(lib, aid) == expected
    lib = restart_and_reanalyze(lib, tmp_path, aid)
    assert statements_by_source(lib, aid) == expected
    with lib.db.session() as s:
        assert s.exec(select(Article.analysis_version).where(Article.id == aid)).one()
    names = by_name(lib)
    assert "Azarov" not in names  # its library source now has no article
    azarau = names["Aliaksandr Azarau"]
    assert (azarau.articles, azarau.statements) == (2, 3)
    texts = {a.article_id: a.statements for a in lib.source_appearances(azarau.id)}
    assert texts == {aid: expected["Aliaksandr Azarau"], other: ["trains are slow."]}
    assert lib.open_article(aid).library_sources["s2"] == azarau.id
    lib.close()


def test_rename_survives_restart_and_reanalysis_and_joins_identity(tmp_path, fake_engine):
    lib = Library(tmp_path)
    aid = lib.import_text(TWO_SOURCES, "One")
    cid = lib.rename_source(aid, "s2", "Aliaksandr Azarau")
    lib = restart_and_reanalyze(lib, tmp_path, aid)
    view = lib.open_article(aid)
    assert [s.name for s in view.analysis.sources].count("Aliaksandr Azarau") == 2
    assert view.library_sources["s1"] == view.library_sources["s2"]
    assert by_name(lib)["Aliaksandr Azarau"].statements == 2
    lib.undo_correction(cid)
    view = lib.open_article(aid)
    assert "Azarov" in [s.name for s in view.analysis.sources]
    assert view.library_sources["s1"] != view.library_sources["s2"]
    assert by_name(lib)["Azarov"].statements == 1
    lib.close()


def test_move_and_not_statement_survive_restart_and_reanalysis(tmp_path, fake_engine):
    lib = Library(tmp_path)
    aid = lib.import_text(TWO_SOURCES, "One")
    lib.move_statement(aid, "st3", "s1")
    lib.mark_not_statement(aid, "st2")
    expected = {
        "Aliaksandr Azarau": ["troops did not move.", "brigades are short of vehicles."],
        "Azarov": [],
        "Oleh Katkov": [],
    }
    assert statements_by_source(lib, aid) == expected
    lib = restart_and_reanalyze(lib, tmp_path, aid)
    assert statements_by_source(lib, aid) == expected
    counts = {s.name: s.statements for s in lib.library_sources()}
    assert counts["Aliaksandr Azarau"] == 2
    assert counts["Oleh Katkov"] == 0
    lib.close()


def test_undo_restores_the_machine_reading(lib):
    aid = lib.import_text(TWO_SOURCES, "One")
    before = statements_by_source(lib, aid)
    links_before = lib.open_article(aid).library_sources
    ids = [
        lib.merge_sources(aid, "s2", "s1"),
        lib.move_statement(aid, "st3", "s1"),
        lib.mark_not_statement(aid, "st1"),
        lib.rename_source(aid, "s3", "Someone Else"),
    ]
    assert len(set(ids)) == 4
    assert statements_by_source(lib, aid) != before
    for cid in reversed(ids):
        lib.undo_correction(cid)
    assert statements_by_source(lib, aid) == before
    assert lib.open_article(aid).library_sources == links_before
    with pytest.raises(NotFoundError):
        lib.undo_correction(ids[0])


@pytest.mark.parametrize(
    ("call", "args", "error"),
    [
        ("rename_source", ("s9", "X"), NotFoundError),
        ("rename_source", ("s1", "  "), ReaderError),
        ("merge_sources", ("s1", "s1"), ReaderError),
        ("merge_sources", ("s1", "s9"), NotFoundError),
        ("move_statement", ("st9", "s1"), NotFoundError),
        ("move_statement", ("st1", "s9"), NotFoundError),
        ("mark_not_statement", ("st9",), NotFoundError),
    ],
)
def test_corrections_naming_nothing_are_refused(lib, call, args, error):
    aid = lib.import_text(TWO_SOURCES, "One")
    with pytest.raises(error):
        getattr(lib, call)(aid, *args)


def test_correction_on_a_missing_article_is_refused(lib):
    with pytest.raises(NotFoundError):
        lib.rename_source(404, "s1", "X")


# ---- with the real engine --------------------------------------------------------------------


def test_sample_sources_with_the_real_engine(tmp_path):
    from reader.analysis import analyze
    from reader.library import sample_path

    assert analyze(sample_path().read_text(encoding="utf-8-sig")).sources
    lib = Library(tmp_path)
    aid = lib.import_sample()
    rows = lib.library_sources()
    assert rows and all(r.articles == 1 for r in rows)
    assert sum(r.statements for r in rows) > 5
    assert any("Azarau" in r.name for r in rows)
    view = lib.open_article(aid)
    named = {s.id for s in view.analysis.sources if s.kind != "anonymous"}
    assert named <= set(view.library_sources)
    lib.close()
