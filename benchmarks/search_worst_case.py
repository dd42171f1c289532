"""Search on pathological texts: a table of queries × milliseconds (issue 17).

Builds a library with the texts that made FTS5's snippet() take minutes — a 12 MB page of
HTML entities, a 30 MB article of common words, a 30 MB article whose one rare word is at the
very end — next to 2,000 ordinary articles (rows inserted straight into the store, indexed by
the triggers of revision 0002), then times `Library.search` for each query of the battery
(median and worst of --runs runs), and how long a highlight takes to save while a search of
common words runs in another thread.

    .venv/bin/python benchmarks/search_worst_case.py [--runs 3] [--data-dir DIR]

Target: every query ≤ 2,000 ms. With --data-dir the library is kept, and reused on a re-run.
Before this change, "council" on the 12 MB page had not answered after 12 minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text as sql

from reader.library import Library
from reader.store.search import SearchTimeoutError

TARGET_MS = 2000.0
_COMMON_WORDS = (
    "the of and to a in that is was he for it with as his on be at by had are but from or "
    "have an they which one you were her all she there would their we him been has when who "
    "will more no if out so said what up its about into than them can only other new some "
    "could time these two may then do first any my now such like our over man me even most "
    "council minister government police people year city report week"
)
COMMON = _COMMON_WORDS.split()
ENTITIES = ("&amp;", "&nbsp;", "&quot;", "&#8203;", "&lt;div&gt;", "&#x2014;", "&rsquo;")
QUERIES = [
    "the",
    "said",
    "council",
    "amp",
    "nbsp",
    "8203",
    "the council said",
    '"of the"',
    "th",
    "co",
    "counc",
    "zeppelin",
    "cafe",
    "minister police report",
    "xylophone",
    "a",
]


def _insert(conn, title: str, text: str) -> None:
    conn.execute(
        sql(
            "INSERT INTO article (title, text, origin, origin_kind, content_hash, added_at, "
            "scroll_pos) VALUES (:title, :text, '', 'text', :hash, CURRENT_TIMESTAMP, 0)"
        ),
        {"title": title, "text": text, "hash": hashlib.sha256(text.encode()).hexdigest()},
    )


def build(lib: Library, seed: int = 11) -> float:
    """The pathological texts and 2,000 ordinary articles; returns the seconds it took."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    entity_page = " ".join(rng.choice(ENTITIES) for _ in range(1_600_000))[:12_000_000]
    common = " ".join(rng.choice(COMMON) for _ in range(7_000_000))[:30_000_000]
    with lib.db.engine.begin() as conn:
        _insert(conn, "A page of entities", "A page of entities\n" + entity_page)
        _insert(conn, "Common words", "Common words\n" + common)
        _insert(conn, "The last word", f"The last word\n{common[:-1]}. A zeppelin at the café.")
        for i in range(2000):
            words = " ".join(rng.choice(COMMON) for _ in range(rng.randint(150, 900)))
            _insert(conn, f"Story {i}", f"Story {i}\n{words}.")
    with lib.db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO search_article(search_article) VALUES ('optimize')")
    return time.perf_counter() - t0


def time_query(lib: Library, query: str, runs: int) -> tuple[list[float], int, str]:
    times, hits, note = [], 0, ""
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            hits = len(lib.search(query, limit=200))
        except SearchTimeoutError as exc:
            note = str(exc)
        times.append((time.perf_counter() - t0) * 1000)
    return times, hits, note


def write_during_search(lib: Library, article_id: int) -> tuple[float, float]:
    """(ms to save a highlight while a search runs, ms the search took)."""
    done: list[float] = []

    def run() -> None:
        t0 = time.perf_counter()
        lib.search("the council said", limit=200)
        done.append((time.perf_counter() - t0) * 1000)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.02)
    t0 = time.perf_counter()
    h = lib.add_highlight(article_id, 0, 5, note="saved while a search ran")
    saved = (time.perf_counter() - t0) * 1000
    worker.join()
    lib.delete_highlight(h.id)
    return saved, done[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=None, help="keep/reuse the library here")
    args = ap.parse_args(argv)
    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    else:
        folder = args.data_dir
    lib = Library(folder)
    if lib.article_count() == 0:
        print(f"building the library: {build(lib):.1f} s", flush=True)
    with lib.db.engine.connect() as conn:
        n, chars = conn.execute(sql("SELECT count(*), max(length(text)) FROM article")).one()
    print(f"{n} articles, the longest {chars / 1e6:.1f} M characters\n")
    print(f"| {'query':<24} | hits | median ms | worst ms |")
    print(f"|{'-' * 26}|-----:|----------:|---------:|")
    worst_all = 0.0
    for query in QUERIES:
        times, hits, note = time_query(lib, query, args.runs)
        worst_all = max(worst_all, max(times))
        shown = f"{hits}" if not note else "slow"
        print(
            f"| {query:<24} | {shown:>4} | {statistics.median(times):>9.0f} | {max(times):>8.0f} |",
            flush=True,
        )
    first = lib.articles()[-1].id
    saved, searched = write_during_search(lib, first)
    print(f"\nhighlight saved in {saved:.0f} ms while a {searched:.0f} ms search ran")
    ok = worst_all <= TARGET_MS
    print(f"worst query {worst_all:.0f} ms (target ≤ {TARGET_MS:.0f} ms): {'ok' if ok else 'SLOW'}")
    lib.close()
    if tmp is not None:
        tmp.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
