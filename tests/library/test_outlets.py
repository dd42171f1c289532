"""The outlet sourcing profile on a real library of articles written for it (outlet_articles.py):
each figure, the articles and statements behind it, the months, the top sources, feeds as
outlets, corrections, and "too few to say" — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from outlet_articles import ANONYMOUS, NAMED_HEDGED, NAMED_QUOTE, article, build
from sqlmodel import select

from reader.errors import NotFoundError
from reader.ingest.document import ImportedDocument
from reader.library import Library
from reader.library.outlets import TOO_FEW_ARTICLES, TOO_FEW_STATEMENTS, outlet_profiles
from reader.store.models import Feed, FeedEntry


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Library, dict[str, list[int]]]]:
    """The library of outlet_articles.py, built once per engine for the module."""
    folder = tmp_path_factory.mktemp("outlets")
    database = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        name = server.fresh_database()
        database = server.url(name)
    lib = Library(folder, database=database)
    ids = build(lib)
    lib.import_text('"Nothing here," said Jane Roe.', "A file of no site")  # no outlet
    yield lib, ids
    lib.close()
    if database is not None:
        server.drop_database(name)


def _by_name(lib: Library) -> dict:
    return {p.name: p for p in outlet_profiles(lib.location)}


def test_each_figure_of_an_outlet(built) -> None:
    lib, ids = built
    profiles = outlet_profiles(lib.location)
    assert [p.name for p in profiles] == ["Harbor Times", "Bay Post"]  # most articles first
    times = profiles[0]
    assert times.key == "harbortimes.example" and times.site == "harbortimes.example"
    assert [a.id for a in times.articles] == ids["Harbor Times"]
    f = times.figures
    assert (f["per_article"].value, f["per_article"].count, f["per_article"].total) == (6.0, 60, 10)
    expected = {"named": 40, "anonymous": 20, "direct": 30, "hedged": 10, "doubtful": 10}
    for name, count in expected.items():
        assert (f[name].count, f[name].total) == (count, 60), name
        assert f[name].value == pytest.approx(count / 60), name
        assert f[name].too_few is None


def test_every_figure_lists_the_statements_behind_it(built) -> None:
    lib, ids = built
    times = _by_name(lib)["Harbor Times"]
    f = times.figures
    st = times.statements
    assert set(f["per_article"].statements) == set(st) and len(st) == 60
    assert f["per_article"].articles == tuple(ids["Harbor Times"])
    assert {st[i].text for i in f["hedged"].statements} == {
        st[i].text for i in f["doubtful"].statements
    }
    assert all("allegedly cut services" in st[i].text for i in f["hedged"].statements)
    assert all(st[i].source == "John Smith" for i in f["doubtful"].statements)
    assert all(st[i].source == "Officials" for i in f["anonymous"].statements)
    assert set(f["named"].statements).isdisjoint(f["anonymous"].statements)
    assert all(st[i].text.startswith('"') for i in f["direct"].statements)
    assert set(f["hedged"].articles) == set(ids["Harbor Times"][5:])  # February's
    # each statement id is the stored row's, at the engine's key the window opens it by
    for i in f["direct"].statements[:3]:
        view = lib.open_article(st[i].article_id, mark_opened=False)
        found = next(s for s in view.analysis.statements if s.id == st[i].key)
        assert (found.start, found.end) == (st[i].start, st[i].end)
        assert view.text[found.start : found.end] == st[i].text


def test_figures_count_what_the_sources_panel_shows(built) -> None:
    """The same signals as each article's view: named, hedged, doubtful per statement."""
    lib, ids = built
    times = _by_name(lib)["Harbor Times"]
    want: dict[str, set[tuple[int, str]]] = {"named": set(), "hedged": set(), "doubtful": set()}
    for aid in ids["Harbor Times"]:
        view = lib.open_article(aid, mark_opened=False)
        for st in view.analysis.statements:
            if view.signals[st.source].named:
                want["named"].add((aid, st.id))
        for sig in view.signals.values():
            want["hedged"] |= {(aid, h.statement) for h in sig.hedged}
            want["doubtful"] |= {(aid, c.statement) for c in sig.cues if c.stance == "doubtful"}
    for name, refs in want.items():
        got = {
            (times.statements[i].article_id, times.statements[i].key)
            for i in times.figures[name].statements
        }
        assert got == refs, name


def test_months_by_published_date(built) -> None:
    lib, ids = built
    times = _by_name(lib)["Harbor Times"]
    assert list(times.months) == ["2026-01", "2026-02"]
    jan, feb = times.months["2026-01"], times.months["2026-02"]
    assert jan.articles == tuple(ids["Harbor Times"][:5])
    assert feb.articles == tuple(ids["Harbor Times"][5:])
    assert jan.figures["direct"].value == pytest.approx(20 / 30)
    assert feb.figures["direct"].value == pytest.approx(10 / 30)
    assert (jan.figures["hedged"].value, jan.figures["hedged"].statements) == (0.0, ())
    assert feb.figures["hedged"].value == pytest.approx(10 / 30)
    assert set(feb.figures["doubtful"].statements) == set(times.figures["doubtful"].statements)


def test_too_few_articles_to_say(built) -> None:
    lib, ids = built
    post = _by_name(lib)["Bay Post"]
    assert [a.id for a in post.articles] == ids["Bay Post"]
    for name, fig in post.figures.items():
        assert fig.value is None and fig.too_few == TOO_FEW_ARTICLES, name
    # the counts and the statements behind them are still there to look at
    assert (post.figures["named"].count, post.figures["named"].total) == (3, 6)
    assert len(post.figures["per_article"].statements) == 6
    # no date: the month the article was added
    assert list(post.months) == [post.articles[0].month]


def test_top_sources(built) -> None:
    lib, _ids = built
    times = _by_name(lib)["Harbor Times"]
    tops = [(s.name, len(s.statements), len(s.articles)) for s in times.top_sources]
    assert tops == [("Jane Roe", 30, 10), ("Officials", 20, 10), ("John Smith", 10, 5)]
    roe = times.top_sources[0]
    assert roe.library_source_id is not None
    assert all(times.statements[i].source == "Jane Roe" for i in roe.statements)


def test_one_outlet_by_host_name_or_key(built) -> None:
    lib, _ids = built
    for ref in ("harbortimes.example", "HARBOR TIMES", "www.harbortimes.example"):
        assert [p.name for p in outlet_profiles(lib.location, ref)] == ["Harbor Times"], ref
    one = outlet_profiles(lib.location, "Harbor Times")[0]
    assert (
        one.figures["named"].statements == _by_name(lib)["Harbor Times"].figures["named"].statements
    )
    with pytest.raises(NotFoundError, match=r"No outlet .nowhere\.example."):
        outlet_profiles(lib.location, "nowhere.example")


def test_a_feed_is_the_outlet_of_its_entries(tmp_path, library_url) -> None:
    lib = Library(tmp_path, database=library_url)
    a = lib.import_document(article(1, [NAMED_QUOTE, ANONYMOUS], "Bay Post", "2026-03-01"))
    b = lib.import_document(article(2, [NAMED_QUOTE], "Bay Post", "2026-03-02"))
    with lib.db.session() as s:
        feed = Feed(url="https://baypost.example/rss", title="Bay Post — World")
        s.add(feed)
        s.flush()
        assert feed.id is not None
        s.add(FeedEntry(feed_id=feed.id, guid="g1", url="https://x/1", article_id=b))
        feed_id = feed.id
    profiles = {p.key: p for p in outlet_profiles(lib.location)}
    assert set(profiles) == {"baypost.example", f"feed/{feed_id}"}
    assert [x.id for x in profiles["baypost.example"].articles] == [a]
    fp = profiles[f"feed/{feed_id}"]
    assert (fp.name, fp.feed_id, fp.site) == ("Bay Post — World", feed_id, "baypost.example")
    assert [x.id for x in fp.articles] == [b]
    assert outlet_profiles(lib.location, f"feed/{feed_id}")[0].key == f"feed/{feed_id}"
    with lib.db.session() as s:
        assert len(s.exec(select(FeedEntry)).all()) == 1  # only read


def test_corrections_are_applied(tmp_path, library_url) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = lib.import_document(article(1, [NAMED_QUOTE, NAMED_HEDGED, ANONYMOUS], "Bay Post", None))
    before = outlet_profiles(lib.location)[0]
    assert before.figures["per_article"].count == 3
    hedged = before.statements[before.figures["hedged"].statements[0]]
    lib.mark_not_statement(aid, hedged.key)
    after = outlet_profiles(lib.location)[0]
    assert after.figures["per_article"].count == 2
    assert hedged.id not in after.statements and after.figures["hedged"].count == 0
    anonymous = after.statements[after.figures["anonymous"].statements[0]]
    named = after.statements[after.figures["named"].statements[0]]
    lib.move_statement(aid, anonymous.key, named.source_id)  # the user: it was the mayor
    moved = outlet_profiles(lib.location)[0]
    assert moved.figures["anonymous"].count == 0 and moved.figures["named"].count == 2
    assert moved.statements[anonymous.id].source == named.source


def test_a_library_without_outlets(tmp_path, library_url) -> None:
    lib = Library(tmp_path, database=library_url)
    lib.import_document(
        ImportedDocument(text='"Hello," said Jane Roe.', title="t", origin="/tmp/x.txt")
    )
    assert outlet_profiles(lib.location) == []


def test_enough_articles_but_too_few_statements(tmp_path, library_url) -> None:
    """Statements per article is a mean over articles: 5 articles say it; the shares of 5
    statements do not."""
    lib = Library(tmp_path, database=library_url)
    for n in range(5):
        lib.import_document(article(n, [NAMED_QUOTE], "Bay Post", "2026-03-01"))
    f = outlet_profiles(lib.location)[0].figures
    assert (f["per_article"].value, f["per_article"].too_few) == (1.0, None)
    for name in ("named", "anonymous", "direct", "hedged", "doubtful"):
        assert f[name].value is None and f[name].too_few == TOO_FEW_STATEMENTS, name
    assert (f["named"].count, f["named"].total, len(f["named"].articles)) == (5, 5, 5)
