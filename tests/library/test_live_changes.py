"""Live changes on both engines: what one Library (or another process) writes reaches another
Library's change listener within 2 s, as the articles and sources it concerns; two clients
re-analysing one article on PostgreSQL take turns."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.library import Library
from reader.library.changes import Changes, coalesce, connection_lost, listen
from reader.store.changes import MISSED, RowChange, parse_payload

ARRIVAL_S = 2.0


class Heard:
    """What a listener delivered, with a wait for the first delivery matching a test."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self.event = threading.Condition()

    def __call__(self, changes: Changes) -> None:
        with self.event:
            self.changes.append(changes)
            self.event.notify_all()

    def wait_for(self, test, timeout: float = ARRIVAL_S) -> Changes | None:
        deadline = time.monotonic() + timeout
        with self.event:
            while True:
                for c in self.changes:
                    if test(c):
                        return c
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.event.wait(left)


def _pair(tmp_path: Path, url: str) -> tuple[Library, Library, int]:
    writer = Library(tmp_path / "a", database=url)
    article_id = writer.import_sample()
    return writer, Library(tmp_path / "b", database=url), article_id


def test_a_note_reaches_the_other_librarys_listener(tmp_path: Path, library_url: str) -> None:
    writer, reader_, article_id = _pair(tmp_path, library_url)
    heard = Heard()
    listener = listen(reader_, heard)
    try:
        assert listener.wait_listening()
        listener.watch(article_id)
        assert listener.wait_watched()  # SQLite: the watched rows' baseline is taken
        started = time.monotonic()
        h = writer.add_highlight(article_id, 10, 40, note="checked with the ministry")
        got = heard.wait_for(lambda c: article_id in c.annotations)
        assert got is not None, f"nothing heard in {ARRIVAL_S} s: {heard.changes}"
        assert time.monotonic() - started < ARRIVAL_S
        assert article_id not in got.articles  # a note does not make the article reload
        notes = [x.note for x in reader_.highlights(article_id) if x.id == h.id]
        assert notes == ["checked with the ministry"]
    finally:
        listener.close()
        writer.close()
        reader_.close()


def test_a_correction_and_a_rating_say_which_article_and_source(
    tmp_path: Path, library_url: str
) -> None:
    writer, reader_, article_id = _pair(tmp_path, library_url)
    view = writer.open_article(article_id)
    source = view.analysis.sources[0]
    library_id = dict(view.library_sources)[source.id]
    heard = Heard()
    listener = listen(reader_, heard)
    try:
        assert listener.wait_listening()
        listener.watch(article_id, [library_id])
        assert listener.wait_watched()
        writer.rename_source(article_id, source.id, "Someone Else")
        assert heard.wait_for(lambda c: article_id in c.articles) is not None
        writer.rate_source(library_id, 2)
        assert heard.wait_for(lambda c: library_id in c.sources) is not None
    finally:
        listener.close()
        writer.close()
        reader_.close()


WRITER = """
import sys
from reader.library import Library
lib = Library(sys.argv[1], database=sys.argv[2])
lib.add_highlight(int(sys.argv[3]), 50, 90, note="from another process")
lib.close()
"""


def test_another_process_note_is_heard(tmp_path: Path, library_url: str) -> None:
    writer, reader_, article_id = _pair(tmp_path, library_url)
    writer.close()
    heard = Heard()
    listener = listen(reader_, heard)
    try:
        assert listener.wait_listening()
        listener.watch(article_id)
        assert listener.wait_watched()
        subprocess.run(
            [sys.executable, "-c", WRITER, str(tmp_path / "c"), library_url, str(article_id)],
            check=True,
            timeout=120,
        )
        finished = time.monotonic()
        got = heard.wait_for(lambda c: article_id in c.annotations)
        assert got is not None and time.monotonic() - finished < ARRIVAL_S
        assert "from another process" in [h.note for h in reader_.highlights(article_id)]
    finally:
        listener.close()
        reader_.close()


def test_postgres_says_who_and_sends_no_text(tmp_path: Path, postgres_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    writer, reader_, article_id = _pair(tmp_path, postgres_url)
    url = make_url(postgres_url).set(drivername="postgresql")
    payloads: list[str] = []
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute("LISTEN reader_changes")
        writer.add_highlight(article_id, 10, 40, note="a private thought")
        writer.set_scroll(article_id, 120)  # reading: nobody else needs to hear it
        payloads = [n.payload for n in conn.notifies(timeout=1.0)]
    writer.close()
    reader_.close()
    changes = [parse_payload(p) for p in payloads]
    assert [(c.table, c.op, c.article_id) for c in changes if c] == [
        ("highlight", "INSERT", article_id)
    ]
    assert all("private thought" not in p for p in payloads)
    assert changes[0] is not None and changes[0].who == url.username


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([RowChange("highlight", "INSERT", 1, 7)], Changes(annotations=frozenset({7}))),
        ([RowChange("correction", "DELETE", 2, 7)], Changes(articles=frozenset({7}))),
        (
            [RowChange("source_rating", "UPDATE", 3, None, 11, "bob")],
            Changes(sources=frozenset({11}), who=frozenset({"bob"})),
        ),
        ([RowChange("article", "INSERT", 8, 8)], Changes(articles=frozenset({8}), library=True)),
        ([MISSED], Changes(library=True, everything=True)),
        ([RowChange("member", "UPDATE", 1)], Changes()),
    ],
)
def test_row_changes_coalesce(rows: list[RowChange], expected: Changes) -> None:
    assert coalesce(rows) == expected


def test_a_refused_connection_is_lost_a_wrong_edit_is_not() -> None:
    import psycopg

    from reader.errors import NotFoundError

    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect("host=127.0.0.1 port=1 connect_timeout=2")
    assert connection_lost(refused.value)
    assert not connection_lost(NotFoundError("No highlight with id 3"))
    assert not connection_lost(psycopg.errors.UniqueViolation("duplicate key"))


# ---- re-analysis by two clients ------------------------------------------------------------


def test_a_second_client_skips_an_article_being_reanalysed(
    tmp_path: Path, postgres_url: str
) -> None:
    from sqlalchemy import text

    from reader.library.analyses import lock_analysis

    first, second, article_id = _pair(tmp_path, postgres_url)
    with first.db.session() as s:
        s.connection().execute(
            text("UPDATE article SET analysis_version = 'old' WHERE id = :a"), {"a": article_id}
        )
    opened: list[float] = []
    with first.db.session() as s:
        assert lock_analysis(s, article_id, wait=False)  # first client: re-analysing it
        assert second.reanalyze(article_id) is False  # the second skips it
        waiting = threading.Thread(
            target=lambda: (second.open_article(article_id), opened.append(time.monotonic()))
        )
        waiting.start()
        time.sleep(0.5)
        assert not opened, "opening a stale article waits for the analysis under way"
        released = time.monotonic()
    waiting.join(60)
    assert opened and opened[0] >= released
    assert second.reanalyze(article_id) is False  # current now: nothing to do
    first.close()
    second.close()
