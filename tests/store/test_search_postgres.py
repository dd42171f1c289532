"""Search on a PostgreSQL library (revision 0002's tsvector + GIN indexes, store/search_pg.py):
the same hits and snippets as FTS5 on SQLite for the same library, phrases, prefixes, accents
and cases folded on a server whose locale is "C", notes behind row-level security, every edit
seen by the next search, a text too long for one tsvector, and the time limit and the cancel
flag ending a search the server is still running."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text as sql

from reader.cli import run_cli
from reader.library import Library
from reader.store import search_pg
from reader.store.search import SearchCancelledError, SearchTimeoutError, check_search_index

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
D = (
    "Port strike ends\n"
    "“We have a fair deal at last,” said Maria Okafor, the union's general secretary.\n"
    "The employers said the settlement would cost them £3m a year at Ålesund and Zürich."
)
QUERIES = [
    "flood",
    "flood wall",
    "flood wall ",
    "Adeyemi",
    "adeye",
    "cafe",
    "CAFÉ",
    "zurich",
    "alesund",
    "CATTLE farmers",
    "забастовку",
    "ЗАБАСТ",
    '"record lows"',
    '"lows record"',
    "short-term",
    '"short term"',
    "fair deal",
    "Okafor",
    "okaf",
    "said",
    "ministry",
    "the",
    "40m",
    "nothing-here-at-all",
    'AND OR "NOT',
    "'; DROP TABLE article; --",
]


def _fill(lib: Library) -> list[int]:
    ids = [lib.import_text(t, t.split("\n")[0]) for t in (A, B, C, D)]
    lib.add_highlight(ids[1], 0, 7, note="check the export figure with the ministry")
    return ids


def _hits(lib: Library, query: str) -> list[tuple]:
    return sorted((h.article_id, h.field, h.ref, h.snippet, h.start) for h in lib.search(query))


def test_the_same_hits_and_snippets_on_both_engines(tmp_path: Path, postgres_url: str) -> None:
    lite = Library(tmp_path / "lite")
    team = Library(tmp_path / "team", database=postgres_url)
    try:
        assert team.location.is_postgres and not lite.location.is_postgres
        assert _fill(lite) == _fill(team)
        for query in QUERIES:
            assert _hits(team, query) == _hits(lite, query), query
        # the article order too, where the ranking is not a tie
        assert team.search("flood")[0].article_id == 1
    finally:
        lite.close()
        team.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"record lows"', True),
        ('"lows record"', False),  # a phrase keeps its order
        ('"cattle as reservoirs"', True),
        ('"sold reservoirs"', False),  # and its words next to each other
        ("reserv", True),  # the last word is a prefix while typed
        ("reserv ", False),  # a finished word is not
        ("reserv drought", False),  # nor is a word before the last
        ("RECORD Lows", True),
        ("short term", True),  # "short-term" is two words, as FTS5 reads it
    ],
)
def test_phrases_and_prefixes(postgres_url: str, tmp_path: Path, query: str, found: bool) -> None:
    lib = Library(tmp_path, database=postgres_url)
    try:
        aid = lib.import_text(B, "Drought hits cattle farmers")
        assert [h.article_id for h in lib.search(query)][:1] == ([aid] if found else [])
    finally:
        lib.close()


def test_accents_and_cases_fold_without_extensions(postgres_url: str, tmp_path: Path) -> None:
    lib = Library(tmp_path, database=postgres_url)
    try:
        decomposed = "Cafe\u0301 society\nThe CAFE\u0301 on the Ångström quay reopened in Łódź."
        aid = lib.import_text(decomposed, "Cafe\u0301 society")
        greek = lib.import_text("Αθήνα\nΗ ΑΘΉΝΑ ψήφισε.", "Αθήνα")
        for query in ("café", "CAFE", "angstrom", "ÅNGSTRÖM", "łodz", "ŁÓDŹ"):
            assert [h.article_id for h in lib.search(query)] == [aid], query
        assert lib.search("lodz") == []  # a stroke is no accent (nor is it to FTS5)
        assert {h.article_id for h in lib.search("αθηνα")} == {greek}
        (hit,) = [h for h in lib.search("angstrom") if h.field == "text"]
        assert "⟦Ångström⟧" in hit.snippet
        with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
            ctype = conn.execute("SHOW lc_ctype").fetchone()
            folded = conn.execute("SELECT reader_search_text('“ÉCOLE”—Straße, 3.5')").fetchone()
        assert folded is not None and folded[0].split() == search_pg.words("“ÉCOLE”—Straße, 3.5")
        assert ctype is not None  # whatever the locale: the folding above is ICU's
    finally:
        lib.close()


def test_every_edit_is_seen_by_the_next_search(postgres_url: str, tmp_path: Path) -> None:
    from reader.ingest.document import ImportedDocument

    lib = Library(tmp_path, database=postgres_url)
    try:
        url = "https://news.example/a/1"

        def doc(text: str) -> ImportedDocument:
            title = text.split("\n")[0]
            return ImportedDocument(
                text=text, title=title, origin=url, origin_kind="url", canonical_url=url
            )

        first = lib.import_document(doc("Old headline\nThe zeppelin landed."))
        assert [h.article_id for h in lib.search("zeppelin")] == [first]
        assert lib.import_document(doc("New headline\nThe dirigible landed.")) == first
        assert lib.search("zeppelin") == []
        assert [h.article_id for h in lib.search("dirigible")] == [first]
        h = lib.add_highlight(first, 4, 13, note="ask the harbourmaster")
        assert [(x.field, x.ref) for x in lib.search("harbourmaster")] == [("note", str(h.id))]
        lib.update_highlight(h.id, note="call the blimp operator")
        assert lib.search("harbourmaster") == []
        assert [x.field for x in lib.search("blimp")] == ["note"]
        with lib.db.engine.begin() as conn:  # a write around the app: the trigger follows it
            conn.execute(
                sql("UPDATE article SET title = 'Airship news' WHERE id = :i"), {"i": first}
            )
        assert [(x.article_id, x.field) for x in lib.search("airship")] == [(first, "title")]
        with lib.db.engine.begin() as conn:
            assert check_search_index(conn)
        with lib.db.engine.connect() as conn:  # the check sees an index out of step
            conn.execute(sql("UPDATE search_article SET doc = ''"))
            assert not check_search_index(conn)
            conn.rollback()
            conn.execute(sql("DELETE FROM search_article"))
            assert not check_search_index(conn)
            conn.rollback()
        lib.delete_article(first)
        assert lib.search("dirigible") == [] and lib.search("blimp") == []
        with lib.db.engine.begin() as conn:
            assert check_search_index(conn)
            assert conn.execute(sql("SELECT count(*) FROM search_article")).scalar() == 0
    finally:
        lib.close()


def test_a_text_too_long_for_one_tsvector_is_saved_and_found(
    postgres_url: str, tmp_path: Path
) -> None:
    lib = Library(tmp_path, database=postgres_url)
    try:
        # ~1.6 MB of distinct words: its vector would pass PostgreSQL's 1 MB cap
        body = " ".join(f"w{i:x}q" for i in range(200_000))
        with lib.db.engine.begin() as conn:
            conn.execute(
                sql(
                    "INSERT INTO article (title, text, origin, origin_kind, content_hash, "
                    "added_at, scroll_pos) VALUES ('Huge', :t, '', 'text', 'h', now(), 0)"
                ),
                {"t": "Huge page\nopening words " + body},
            )
        hits = lib.search("opening words")
        assert [h.field for h in hits] == ["text"] and "⟦opening⟧" in hits[0].snippet
        assert lib.search("w10q")  # a word within the indexed head
    finally:
        lib.close()


def test_a_private_note_is_not_found_by_another_member(
    postgres_url: str, tmp_path: Path, make_role
) -> None:
    ann = make_role("pgsearch_ann", "ann-secret")
    bob = make_role("pgsearch_bob", "bob-secret")
    owner = Library(tmp_path / "owner", database=postgres_url)
    aid = owner.import_text(A, "Council approves flood wall")
    owner.close()
    lib_ann = Library(tmp_path / "ann", database=ann.url)
    lib_bob = Library(tmp_path / "bob", database=bob.url)
    try:
        lib_ann.add_highlight(aid, 0, 7, note="private hunch about the quayside")
        lib_ann.add_highlight(aid, 8, 15, note="shared remark on the seawall", shared=True)
        assert [h.field for h in lib_ann.search("quayside")] == ["note"]
        assert lib_bob.search("quayside") == []
        assert [h.field for h in lib_bob.search("seawall")] == ["note"]
        assert {h.article_id for h in lib_bob.search("adeyemi")} == {aid}  # articles are shared
    finally:
        lib_ann.close()
        lib_bob.close()


@pytest.fixture
def locked(postgres_url: str, tmp_path: Path):
    """A library whose article index another session holds locked (ACCESS EXCLUSIVE), so that
    a search waits on the server until its time limit or its cancel ends it."""
    lib = Library(tmp_path, database=postgres_url)
    lib.import_text(A, "Council approves flood wall")
    blocker = psycopg.connect(postgres_url.replace("+psycopg", ""))
    blocker.execute("LOCK TABLE search_article IN ACCESS EXCLUSIVE MODE")
    watcher = psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True)
    yield lib, blocker, watcher
    watcher.close()
    blocker.close()
    lib.close()


def _searches_waiting(watcher: psycopg.Connection) -> int:
    """Searches the server is running (read outside a transaction: pg_stat_activity is read
    once per transaction)."""
    row = watcher.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%search_article WHERE doc%' "
        "AND state = 'active' AND pid <> pg_backend_pid()"
    ).fetchone()
    return int(row[0]) if row else 0


def test_the_time_limit_ends_a_search_on_the_server(locked) -> None:
    lib, blocker, watcher = locked
    began = time.monotonic()
    with pytest.raises(SearchTimeoutError):
        lib.search("flood", seconds=0.5)
    assert 0.4 < time.monotonic() - began < 4.0
    assert _searches_waiting(watcher) == 0  # the server stopped it too
    blocker.rollback()  # the lock goes: the next search answers
    assert [h.article_id for h in lib.search("flood")] == [1]


def test_cancel_ends_a_search_the_server_is_running(locked) -> None:
    lib, blocker, watcher = locked
    cancel = threading.Event()
    outcome: list[BaseException | list] = []

    def run() -> None:
        try:
            outcome.append(lib.search("flood", seconds=30, cancel=cancel))
        except (SearchCancelledError, SearchTimeoutError) as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 10
    while _searches_waiting(watcher) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _searches_waiting(watcher) == 1
    began = time.monotonic()
    cancel.set()
    thread.join(10)
    assert time.monotonic() - began < 3.0
    assert len(outcome) == 1 and isinstance(outcome[0], SearchCancelledError)
    assert _searches_waiting(watcher) == 0
    blocker.rollback()
    assert [h.article_id for h in lib.search("flood")] == [1]


def test_reader_search_on_a_team_library(
    postgres_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    lib = Library(tmp_path, database=postgres_url)
    aid = lib.import_text(A, "Council approves flood wall")
    lib.close()
    assert run_cli(["search", "adeyemi", "--format", "json", "--database", postgres_url]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["article_id"], h["field"]) for h in hits][:1] == [(aid, "text")]
    assert "⟦Adeyemi⟧" in hits[0]["snippet"]
    monkeypatch.setenv("READER_DATABASE_URL", postgres_url)  # or named by the environment
    assert run_cli(["search", '"flood wall"']) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines[0].split()[:2] == [str(aid), "text"]
