"""Search and open-an-article times on a 100,000-article PostgreSQL library (issue 16: "search
median ≤ 50 ms; open an article ≤ 100 ms").

Builds the library once, cached by name: a few hundred varied news heads (library_speed's
generator: quotes, named speakers, titles, places) are imported through the library, so the
real engine finds their statements and sources; each of the N articles is one of those heads
followed by a tail of its own (2–4.5 KB of generated text, no quotes: the analysis of the whole
would be the head's), its statements and sources copied from the head's rows by bulk SQL (COPY),
and a note on one article in fifty. Every index is filled by the database itself (revision
0002's trigger and GIN indexes), as for any other write. Then times `Library.search` for a set
of queries (a common word, a rare one, a phrase, prefixes, a source's name, no hit …) and
`Library.open_article`, and prints a table.

    .venv/bin/python benchmarks/pg_scale.py [--articles 100000] [--name NAME] [--url URL]
        [--runs 15] [--opens 60] [--rebuild]

The server: --url, else READER_BENCH_POSTGRES_URL (a superuser's URL: the benchmark creates
its database there), else a cluster of our own started like the tests' (initdb, as an
unprivileged user) in --cluster-dir, kept between runs (the cache) and stopped at the end.
The database is NAME_N; its comment records what it holds, so a re-run reuses it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from library_speed import COMMON, FIRST, LAST, _pseudo_words, make_article, percentile
from psycopg import sql

from reader.engine import engine_version
from reader.library import Library

ROOT = Path(__file__).resolve().parents[1]
SEARCH_TARGET_MS = 50.0
OPEN_TARGET_MS = 100.0
GENERATOR = "pg_scale-1"  # bump when the generated library changes
HEADS = 300  # distinct analysed heads
TAIL_WORDS = 60_000  # the tails' vocabulary: common words, then invented ones (Zipf)
NOTE_EVERY = 50
BATCH = 2_000


@contextmanager
def admin_url(args: argparse.Namespace) -> Iterator[str]:
    """The server's superuser URL (libpq form), for as long as the benchmark runs."""
    url = args.url or os.environ.get("READER_BENCH_POSTGRES_URL", "").strip()
    if url:
        yield url.replace("postgresql+psycopg://", "postgresql://")
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_cluster import (  # the tests' own way to run a cluster as a non-root user
        PostgresCluster,
        _find_bindir,
        _free_port,
        _unprivileged_user,
    )

    class BenchCluster(PostgresCluster):
        def start(self) -> None:  # the tests' settings, with a server's memory
            options = (
                f"-p {self.port} -c listen_addresses=127.0.0.1 "
                f"-c unix_socket_directories={self.folder} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB "
                "-c max_wal_size=4GB -c maintenance_work_mem=256MB"
            )
            self._run("pg_ctl", "start", "-w", "-t", "120", "-D", str(self.data),
                      "-l", str(self.log), "-o", options)  # fmt: skip

    folder = args.cluster_dir
    user = _unprivileged_user()
    folder.mkdir(parents=True, exist_ok=True)
    if user is not None:
        import pwd

        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = BenchCluster(_find_bindir(), folder, user, _free_port())
    if not cluster.data.exists():
        print(f"initialising a PostgreSQL cluster in {folder} …", flush=True)
        cluster.init()
    cluster.start()
    try:
        yield f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres"
    finally:
        cluster.stop()  # the data folder stays: the library is reused next time


def _with_db(url: str, name: str) -> str:
    base, _, _rest = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name


def ensure_library(admin: str, name: str, n: int, rebuild: bool) -> str:
    """The URL of the benchmark library NAME, built unless the one there is complete."""
    wanted = f"reader {GENERATOR}: {n} articles, complete"
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
        if row is not None and row[0] == wanted and not rebuild:
            return _with_db(admin, name)
        if row is not None:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with_db(admin, name)
    t0 = time.perf_counter()
    build(url, n)
    print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(wanted)
            )
        )
    return url


def _head(rng: random.Random, i: int, rare: list[str]) -> tuple[str, str]:
    """A short article (library_speed's generator cut to its first paragraphs)."""
    title, text = make_article(rng, i, rare)
    paragraphs = text.split("\n")
    return title, "\n".join(paragraphs[: rng.randint(4, 7)])


def _tail(rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    size = rng.randint(2_000, 4_500)
    paragraphs, length = [], 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(9, 22))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return "\n".join(paragraphs)


def build(url: str, n: int, seed: int = 16) -> None:
    rng = random.Random(seed)
    rare = _pseudo_words(rng, 5000)
    invented = [w for w in _pseudo_words(rng, TAIL_WORDS) if w not in set(rare)]
    vocabulary = COMMON + invented
    running, weights = 0.0, []
    for rank in range(1, len(vocabulary) + 1):
        running += 1.0 / rank  # Zipf: the n-th word 1/n as frequent as the first
        weights.append(running)

    print(f"importing {HEADS} heads through the library (the engine analyses them) …", flush=True)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
        lib = Library(Path(scratch), database=url)
        made = [_head(rng, i, rare) for i in range(HEADS)]
        heads = [lib.import_text(text, title) for title, text in made]
        lib.close()

    with psycopg.connect(url) as conn:
        stmt_cols, stmt_rows = _rows(conn, "statement", heads)
        src_cols, src_rows = _rows(conn, "article_source", heads)
        article = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT id, title, text, analysis_version FROM article WHERE id = ANY(%s)",
                (heads,),
            )
        }
        first, have = conn.execute("SELECT max(id) + 1, count(*) FROM article").fetchone()
        end = first + max(0, n - have)  # the starter's article and the heads count too
        base = datetime(2020, 1, 1, tzinfo=UTC)
        t0 = time.perf_counter()
        for start in range(first, end, BATCH):
            ids = range(start, min(start + BATCH, end))
            _copy_batch(conn, rng, ids, heads, article, vocabulary, weights, base)
            _copy_derived(conn, ids, heads, "statement", stmt_cols, stmt_rows)
            _copy_derived(conn, ids, heads, "article_source", src_cols, src_rows)
            _copy_notes(conn, rng, ids, vocabulary, weights)
            conn.commit()
            done = ids[-1]
            rate = (done - first + 1) / (time.perf_counter() - t0)
            print(f"  {done:>7,} articles ({rate:,.0f}/s)", end="\r", flush=True)
        print()
        conn.execute("SELECT setval('article_id_seq', (SELECT max(id) FROM article))")
        conn.commit()
        conn.autocommit = True
        print("VACUUM ANALYZE …", flush=True)
        conn.execute("VACUUM ANALYZE")


def _rows(conn: psycopg.Connection, table: str, heads: list[int]) -> tuple[list[str], dict]:
    """The head articles' rows of a derived table: (its written columns but id, {article:
    rows}); a column the database computes (search_doc) is left to it."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND table_schema = current_schema() AND is_generated = 'NEVER' "
            "AND column_name <> 'id' ORDER BY ordinal_position",
            (table,),
        )
    ]
    listed = ", ".join(f'"{c}"' for c in names)
    cur = conn.execute(
        f"SELECT {listed} FROM {table} WHERE article_id = ANY(%s) ORDER BY id", (heads,)
    )
    out: dict[int, list[tuple]] = {}
    for row in cur:
        out.setdefault(row[names.index("article_id")], []).append(tuple(row))
    return names, out


def _copy_batch(conn, rng, ids, heads, article, vocabulary, weights, base) -> None:
    columns = (
        "id, title, text, origin, origin_kind, site, content_hash, added_at, scroll_pos, "
        "analysis_version"
    )
    with conn.cursor().copy(f"COPY article ({columns}) FROM STDIN") as copy:
        for i in ids:
            title, head, version = article[heads[i % len(heads)]]
            text = head + "\n" + _tail(rng, vocabulary, weights)
            if rng.random() < 0.5:
                title = f"{title}: {rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(COMMON)}"
            copy.write_row(
                (
                    i,
                    title,
                    text,
                    f"https://news.example/{i}",
                    "url",
                    rng.choice(["Courier", "Global Wire", "Vesti", "Herald"]),
                    hashlib.sha256(f"{i}:{text}".encode()).hexdigest(),
                    base + timedelta(minutes=i),
                    0,
                    version,
                )
            )


def _copy_derived(conn, ids, heads, table: str, columns: list[str], rows: dict) -> None:
    at = columns.index("article_id")
    names = ", ".join(f'"{c}"' for c in columns)
    with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for i in ids:
            for row in rows.get(heads[i % len(heads)], ()):
                copy.write_row((*row[:at], i, *row[at + 1 :]))


def _copy_notes(conn, rng, ids, vocabulary, weights) -> None:
    columns = 'article_id, color, start, "end", exact, prefix, suffix, note, orphaned, '
    columns += "created_at, updated_at, shared"
    now = datetime.now(UTC)
    with conn.cursor().copy(f"COPY highlight ({columns}) FROM STDIN") as copy:
        for i in ids:
            if i % NOTE_EVERY == 0:
                words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(4, 20))
                note = "check " + " ".join(words)
                copy.write_row((i, "yellow", 0, 5, "", "", "", note, False, now, now, True))


def queries(url: str) -> list[tuple[str, str]]:
    """(what it is, query) for this library: words picked by how many articles hold them."""
    with psycopg.connect(url) as conn:
        rare = conn.execute(  # an invented word of the tails found once in 1% of the articles
            "SELECT word FROM ts_stat('SELECT doc FROM search_article WHERE id % 100 = 7') "
            "WHERE ndoc = 1 AND word ~ '^[a-z]{6,}$' ORDER BY word LIMIT 1"
        ).fetchone()
        speaker = conn.execute(
            "SELECT name FROM article_source WHERE kind = 'person' AND name LIKE '% %' "
            "GROUP BY name ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    last_name = speaker[0].split()[-1] if speaker else "Okafor"
    return [
        ("common word", "said"),
        ("common word", "the"),
        ("rare word", rare[0] if rare else "zeppelin"),
        ("two words", "minister budget"),
        ("phrase", '"trade deal"'),
        ("phrase of common words", '"of the"'),
        ("rare phrase of common words", '"the council said"'),
        ("prefix (being typed)", "counc"),
        ("prefix, two letters", "mi"),
        ("source name", last_name),
        ("full name", speaker[0] if speaker else "Maria Okafor"),
        ("note word", "check"),
        ("no hit", "zzqxjv"),
    ]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def measure(url: str, runs: int, opens: int) -> int:
    with psycopg.connect(url) as conn:
        version = engine_version()
        stale = conn.execute(
            "UPDATE article SET analysis_version = %s WHERE analysis_version <> %s",
            (version, version),
        ).rowcount
        conn.commit()
        if stale:  # the engine changed since the build: its stored analysis stands for today's
            print(f"({stale:,} articles' analysis marked as today's engine's)")
        articles, avg_len, statements, sources, notes, size, index = conn.execute(
            "SELECT (SELECT count(*) FROM article), (SELECT avg(length(text)) FROM article), "
            "(SELECT count(*) FROM statement), (SELECT count(*) FROM article_source), "
            "(SELECT count(*) FROM highlight WHERE note <> ''), "
            "pg_database_size(current_database()), "
            "pg_total_relation_size('search_article') + pg_relation_size('search_statement') "
            "+ pg_relation_size('search_source') + pg_relation_size('search_note')"
        ).fetchone()
        ids = [r[0] for r in conn.execute("SELECT id FROM article ORDER BY random() LIMIT %s",
                                          (opens,))]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
        lib = Library(Path(scratch), database=url)
        battery = queries(url)
        rows, every = [], []
        for what, q in battery:
            hits = len(lib.search(q))  # the first run warms the caches
            times = [timed(lambda q=q: lib.search(q))[0] for _ in range(runs)]
            every += times
            rows.append((what, q, hits, statistics.median(times), percentile(times, 95)))
        first = [timed(lambda i=i: lib.open_article(i))[0] for i in ids]
        again = [timed(lambda i=i: lib.open_article(i))[0] for i in ids]
        lib.close()

    print(
        f"\nlibrary: {articles:,} articles of {avg_len:,.0f} characters on average, "
        f"{statements:,} statements, {sources:,} sources, {notes:,} notes; "
        f"{size / 1048576:,.0f} MB on the server, search indexes {index / 1048576:,.0f} MB"
    )
    print(f"{'query':<40}{'hits':>6}{'median ms':>11}{'p95 ms':>9}")
    for what, q, hits, med, p95 in rows:
        print(f"{what + ': ' + q:<40.40}{hits:>6}{med:>11.1f}{p95:>9.1f}")
    med, p95 = statistics.median(every), percentile(every, 95)
    opened = statistics.median(first + again)
    print(f"{'all searches':<46}{med:>11.1f}{p95:>9.1f}   target ≤ {SEARCH_TARGET_MS:.0f}")
    print(
        f"{'open an article (' + str(len(ids)) + ' × 2)':<46}{opened:>11.1f}"
        f"{percentile(first + again, 95):>9.1f}   target ≤ {OPEN_TARGET_MS:.0f}"
    )
    ok = med <= SEARCH_TARGET_MS and opened <= OPEN_TARGET_MS
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--name", default="reader_bench_scale")
    ap.add_argument("--url", default=None, help="a PostgreSQL superuser URL to build on")
    ap.add_argument(
        "--cluster-dir",
        type=Path,
        default=Path("/var/tmp/reader-bench-pg"),  # readable by the cluster's own user
        help="where our own cluster is kept when no URL is given",
    )
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--opens", type=int, default=60)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)
    name = f"{args.name}_{args.articles}"
    with admin_url(args) as admin:
        url = ensure_library(admin, name, args.articles, args.rebuild)
        return measure(url, args.runs, args.opens)


if __name__ == "__main__":
    sys.exit(main())
