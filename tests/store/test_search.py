"""Full-text search: query quoting, grouping by article, snippets, and the index following
every write (import, re-import, notes, deletes) through the triggers of revision 0002 — on
both engines (the `library_url` fixture: SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text as sql

from reader.library import Library
from reader.store.search import (
    MARK_CLOSE,
    MARK_OPEN,
    MAX_TERMS,
    SearchHit,
    check_search_index,
    match_expression,
)

A = (
    "Council approves flood wall\n"
    "The council approved a £40m flood wall on Tuesday.\n"
    "“This wall will keep people safe,” said Councillor Ruth Adeyemi.\n"
    "Residents said the café owners on the quay would lose trade."
)
B = (
    "Drought hits cattle farmers\n"
    "Ranchers sold cattle as reservoirs fell to record lows.\n"
    "“There is a short-term flood of meat,” said Carla Mendes, an economist."
)
C = "Метро бастует\nМашинисты объявили забастовку с понедельника, сообщил профсоюз."


@pytest.fixture
def lib(tmp_path: Path, library_url: str):
    """A library on each engine: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""
    library = Library(tmp_path, database=library_url)
    yield library
    library.close()


@pytest.fixture
def three(lib: Library) -> tuple[int, int, int]:
    return (
        lib.import_text(A, "Council approves flood wall"),
        lib.import_text(B, "Drought hits cattle farmers"),
        lib.import_text(C, "Метро бастует"),
    )


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("flood wall", '"flood" "wall"*'),
        ("flood wall ", '"flood" "wall"'),
        ('"flood wall" safe', '"flood wall" "safe"*'),
        ('say "hi', '"say" "hi"'),  # an unclosed quote is a phrase to the end
        ("AND OR NOT", '"AND" "OR" "NOT"*'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("title:wall", '"title:wall"*'),
        ('he said """', '"he" "said"*'),
        ("x", '"x"'),  # one letter: no prefix search
        ("*", None),
        ("   ", None),
        ("— … !!", None),
        ("wall*", '"wall*"'),
        ("^start -minus +plus", '"^start" "-minus" "+plus"*'),
    ],
)
def test_match_expression(typed: str, expression: str | None) -> None:
    assert match_expression(typed) == expression


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        "'",
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "a:b",
        "{x}",
        "*",
        "^",
        "-",
        "\\",
        'flood" OR "x',
        "col:flood",
        "NEAR(flood wall, 2)",
        "flood AND",
        "'; DROP TABLE article; --",
    ],
)
def test_user_syntax_never_breaks_the_query(lib: Library, three, typed: str) -> None:
    hits = lib.search(typed)
    assert isinstance(hits, list)
    assert lib.article_count() == 3


@pytest.mark.parametrize(
    ("query", "article", "field"),
    [
        ("Adeyemi", 0, "text"),
        ("adeye", 0, "text"),  # prefix of the last word
        ("cafe", 0, "text"),  # diacritics ignored
        ("CATTLE farmers", 1, "text"),
        ("забастовку", 2, "text"),
        ("ЗАБАСТ", 2, "text"),
        ('"record lows"', 1, "text"),
    ],
)
def test_finds_words_in_text(lib: Library, three, query: str, article: int, field: str) -> None:
    hits = lib.search(query)
    assert hits, query
    assert hits[0].article_id == three[article]
    assert any(h.field == field for h in hits)
    assert {h.article_id for h in hits} == {three[article]}


def test_hits_carry_snippet_offset_and_title(lib: Library, three) -> None:
    (hit,) = [h for h in lib.search("Adeyemi") if h.field == "text"]
    assert isinstance(hit, SearchHit)
    assert hit.article_title == "Council approves flood wall"
    assert f"{MARK_OPEN}Adeyemi{MARK_CLOSE}" in hit.snippet
    assert hit.start == A.index("Adeyemi")
    assert hit.ref is None
    assert hit.to_json()["start"] == hit.start
    assert "<b>Adeyemi</b>" in hit.snippet_html()


def test_grouped_by_article_best_first(lib: Library, three) -> None:
    hits = lib.search("flood")
    articles = [h.article_id for h in hits]
    # every article's hits are together
    seen: list[int] = []
    for a in articles:
        if not seen or seen[-1] != a:
            assert a not in seen
            seen.append(a)
    assert set(seen) == {three[0], three[1]}
    assert seen[0] == three[0]  # in the title and twice in the text


def test_limit(lib: Library) -> None:
    for i in range(30):
        lib.import_text(f"Story {i}\nThe harbour board met again, meeting number {i}.", f"S{i}")
    assert len(lib.search("harbour", limit=7)) == 7
    assert lib.search("harbour", limit=0) == []
    assert len({h.article_id for h in lib.search("harbour", limit=100)}) == 30


def test_notes_are_searchable_and_follow_edits(lib: Library, three) -> None:
    h = lib.add_highlight(three[1], 0, 7, note="check the export figure with the ministry")
    hits = [x for x in lib.search("ministry") if x.field == "note"]
    assert [(x.article_id, x.ref, x.start) for x in hits] == [(three[1], str(h.id), 0)]
    lib.update_highlight(h.id, note="ask the exchange for July data")
    assert not [x for x in lib.search("ministry") if x.field == "note"]
    assert [x.field for x in lib.search("exchange")] == ["note"]
    lib.delete_highlight(h.id)
    assert lib.search("exchange") == []


def test_statements_and_sources_are_searchable(lib: Library) -> None:
    text = (
        "Port strike ends\n"
        "“We have a fair deal at last,” said Maria Okafor, the union's general secretary.\n"
        "The employers said the settlement would cost them £3m a year."
    )
    article_id = lib.import_text(text, "Port strike ends")
    view = lib.open_article(article_id)
    assert view.analysis.statements, "the port-strike text yields statements"
    fields = {h.field for h in lib.search("fair deal")}
    assert "statement" in fields
    source_hits = [h for h in lib.search("Okafor") if h.field == "source"]
    assert source_hits and source_hits[0].ref is not None
    assert text[source_hits[0].start :].startswith(("Maria Okafor", "Okafor"))


def test_index_follows_reimport_and_delete(lib: Library) -> None:
    from reader.ingest.document import ImportedDocument

    url = "https://news.example/a/1"
    first = lib.import_document(
        ImportedDocument(
            text="Old headline\nThe zeppelin landed.",
            title="Old headline",
            origin=url,
            origin_kind="url",
            canonical_url=url,
        )
    )
    assert lib.search("zeppelin")
    again = lib.import_document(
        ImportedDocument(
            text="New headline\nThe dirigible landed.",
            title="New headline",
            origin=url,
            origin_kind="url",
            canonical_url=url,
        )
    )
    assert again == first
    assert lib.search("zeppelin") == []
    assert [h.article_id for h in lib.search("dirigible")] == [first]
    lib.add_highlight(first, 4, 13, note="blimp")
    lib.delete_article(first)
    assert lib.search("dirigible") == []
    assert lib.search("blimp") == []
    with lib.db.engine.begin() as conn:
        assert check_search_index(conn)


def test_index_is_consistent_after_many_writes(lib: Library, three) -> None:
    for i in range(5):
        hid = lib.add_highlight(three[0], i, i + 5, note=f"note {i} about walls").id
        if i % 2:
            lib.delete_highlight(hid)
    lib.delete_article(three[2])
    with lib.db.engine.begin() as conn:
        assert check_search_index(conn)
        n = conn.execute(sql("SELECT count(*) FROM search_article")).scalar()
    assert n == 2


def test_a_repeated_word_is_searched_once() -> None:
    assert match_expression("mayor said " * 1820) == '"mayor" "said"'
    assert match_expression("said mayor said") == '"mayor" "said"*'


def test_a_query_of_thousands_of_words_answers_like_its_words(lib: Library, three) -> None:
    pasted = "port strike " * 2000 + " ".join(f"w{i}x" for i in range(500))
    expression = match_expression(pasted)
    assert expression is not None and expression.count('"') == 2 * MAX_TERMS
    assert lib.search("port strike " * 2000) == lib.search("port strike ")
