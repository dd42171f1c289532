"""Library speed: search and open-article times over a library of 10,000 articles.

Builds the library once (synthetic but varied news text, rows inserted straight into the
store; the search index is filled the normal way, by the triggers of revision 0002), then
times `Library.search` over ~50 queries and `Library.open_article` on 50 articles.

    .venv/bin/python benchmarks/library_speed.py [--articles 10000] [--data-dir DIR]

Targets: search ≤ 50 ms, opening an article ≤ 100 ms (medians, p95 shown too). With
--data-dir an existing library of the right size is reused, so a re-run is quick.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text as sql

from reader.ingest.document import content_hash
from reader.library import Library

SEARCH_TARGET_MS = 50.0
OPEN_TARGET_MS = 100.0

FIRST = [
    "Maria",
    "John",
    "Aliaksandr",
    "Helen",
    "Tom",
    "Carla",
    "Ruth",
    "Igor",
    "Anna",
    "Li",
    "Ahmed",
    "Sofia",
    "Pierre",
    "Kwame",
    "Yuki",
    "Olga",
    "Diego",
    "Fatima",
    "Lars",
    "Priya",
]
LAST = [
    "Okafor",
    "Smith",
    "Azarau",
    "Marsh",
    "Baxter",
    "Mendes",
    "Adeyemi",
    "Belov",
    "Sokolova",
    "Wei",
    "Hassan",
    "Rossi",
    "Dubois",
    "Mensah",
    "Tanaka",
    "Ivanova",
    "Ramos",
    "Haddad",
    "Nilsson",
    "Sharma",
    "Kowalski",
    "Novak",
    "Fischer",
    "Moreau",
    "Silva",
    "Costa",
]
TITLES = [
    "the finance minister",
    "a spokesman for the council",
    "the union leader",
    "an economist at the central bank",
    "the mayor",
    "a senior police officer",
    "the company's chief executive",
    "a hospital doctor",
    "the opposition leader",
    "a local resident",
    "the head of the regulator",
    "an aid worker",
]
PLACES = [
    "Kelby",
    "San Justo",
    "Rosario",
    "Minsk",
    "Lagos",
    "Gdansk",
    "Porto",
    "Leeds",
    "Lyon",
    "Osaka",
    "Accra",
    "Tartu",
    "Graz",
    "Cork",
    "Quito",
    "Pune",
    "Hobart",
    "Bergen",
]
TOPICS = [
    "budget",
    "flood defences",
    "rail strike",
    "drought",
    "election",
    "hospital waiting lists",
    "housing prices",
    "fishing quotas",
    "energy bills",
    "school funding",
    "bridge repairs",
    "factory closure",
    "trade deal",
    "heatwave",
    "wildfire",
    "bus routes",
    "port expansion",
    "tax reform",
    "water shortage",
    "ferry service",
    "metro line",
    "pension reform",
]
VERBS = ["said", "told reporters", "warned", "added", "claimed", "insisted", "admitted", "argued"]
COMMON_WORDS = (
    "the of and to in a is that for on it was with as at by from this be are have has had not but "
    "an they which were their been more will would there also after about year new people could "
    "than other into over last first time two some up its government council city week month "
    "plan said officials report public local state national police court market prices workers "
    "union company money million percent support vote members minister country region water "
    "health schools roads service residents business investment decision meeting committee "
    "agency data figures"
)
COMMON = COMMON_WORDS.split()


def _pseudo_words(rng: random.Random, n: int) -> list[str]:
    """Rare words (5,000 invented ones) so the vocabulary looks like a real corpus's tail."""
    vowels, consonants = "aeiou", "bcdfghklmnprstvz"
    out = set()
    while len(out) < n:
        k = rng.randint(2, 4)
        out.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(k)))
    return sorted(out)


def make_article(rng: random.Random, i: int, rare: list[str]) -> tuple[str, str]:
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    title = (
        f"{place} {rng.choice(['faces', 'rejects', 'approves', 'debates', 'braces for'])} {topic}"
    )
    if rng.random() < 0.3:
        title += f" as {rng.choice(TOPICS)} {rng.choice(['bites', 'grows', 'looms'])}"
    paragraphs = [title]
    for p in range(rng.randint(10, 18)):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            r = rng.random()
            words = rng.choices(COMMON, k=rng.randint(8, 18)) + rng.choices(
                rare, k=rng.randint(1, 3)
            )
            rng.shuffle(words)
            body = " ".join(words)
            if r < 0.25:
                who = f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(TITLES)}"
                sentences.append(f"“{body.capitalize()},” {rng.choice(VERBS)} {who}.")
            elif r < 0.35:
                sentences.append(
                    f"The {topic} in {place} cost {rng.randint(2, 900)} million, "
                    f"according to {rng.choice(TITLES)}."
                )
            else:
                sentences.append(body.capitalize() + ".")
        paragraphs.append(" ".join(sentences))
        if p == 4:
            paragraphs.append(f"What the {topic} means for {place}")
    paragraphs.append(f"Reporting by {rng.choice(FIRST)} {rng.choice(LAST)}; article {i}")
    return title, "\n".join(paragraphs)


def build(lib: Library, n: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    rare = _pseudo_words(rng, 5000)
    t0 = time.perf_counter()
    base = datetime(2024, 1, 1, tzinfo=UTC)
    batch: list[dict] = []
    with lib.db.engine.begin() as conn:
        for i in range(n):
            title, text = make_article(rng, i, rare)
            batch.append(
                {
                    "title": title,
                    "text": text,
                    "origin": f"https://news.example/{i}",
                    "kind": "url",
                    "site": rng.choice(["Courier", "Global Wire", "Vesti", "Herald"]),
                    "hash": content_hash(text),
                    "added": base + timedelta(minutes=i),
                }
            )
            if len(batch) == 500:
                _insert(conn, batch)
                batch.clear()
        if batch:
            _insert(conn, batch)
        # some user notes, so the notes index is not empty
        ids = [r[0] for r in conn.execute(sql("SELECT id FROM article"))]
        notes = [
            {"a": a, "n": f"check {rng.choice(TOPICS)} figures with {rng.choice(LAST)}"}
            for a in rng.sample(ids, min(len(ids), n // 10))
        ]
        conn.execute(
            sql(
                'INSERT INTO highlight (article_id, color, start, "end", exact, prefix, suffix, '
                "note, orphaned, created_at, updated_at) VALUES "
                "(:a, 'yellow', 0, 5, '', '', '', :n, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            notes,
        )
    with lib.db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO search_article(search_article) VALUES ('optimize')")
    return time.perf_counter() - t0


def _insert(conn, rows: list[dict]) -> None:
    conn.execute(
        sql(
            "INSERT INTO article (title, text, origin, origin_kind, site, content_hash, added_at, "
            "scroll_pos) VALUES (:title, :text, :origin, :kind, :site, :hash, :added, 0)"
        ),
        rows,
    )


QUERIES = [
    "flood",
    "budget",
    "the",
    "minister said",
    "Okafor",
    "Adeyemi",
    "Kelby",
    "rail strike",
    "water shortage",
    "San Justo",
    "percent",
    "million",
    "police court",
    "hospital",
    "energy bills",
    "fishing",
    "Tanaka warned",
    "Belov",
    "heatwave",
    "Porto",
    "bridge repairs",
    "pension",
    "pens",
    "fl",
    "gov",
    "council meeting",
    "union leader",
    '"trade deal"',
    '"the mayor"',
    "investment decision",
    "residents",
    "market prices",
    "Nilsson",
    "Graz",
    "ferry service",
    "metro",
    "tax reform",
    "schools roads",
    "AND OR NOT",
    'NEAR("x" y)',
    "col:umn",
    "'; DROP TABLE article",
    "wildfire Hobart",
    "reporting by",
    "article 4242",
    "check figures",
    "zzzzqqq",
    "ministr",
    "Accra port expansion",
    "cost million according",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--data-dir", type=Path, default=None, help="reuse/keep the library here")
    ap.add_argument("--opens", type=int, default=50)
    args = ap.parse_args(argv)

    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="reader-bench-")
        folder = Path(tmp.name)
    else:
        folder = args.data_dir
    lib = Library(folder)
    have = lib.article_count()
    if have != args.articles:
        if have:
            print(f"{folder} holds {have} articles, not {args.articles}; use another folder")
            return 2
        print(f"building a library of {args.articles:,} articles in {folder} …", flush=True)
        seconds = build(lib, args.articles)
        print(f"built in {seconds:.1f} s", flush=True)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 1048576
    with lib.db.engine.connect() as conn:
        words = conn.execute(sql("SELECT avg(length(text)) FROM article")).scalar() or 0

    lib.close()
    lib = Library(folder)  # a fresh open, as at start-up
    hits = {q: len(lib.search(q)) for q in QUERIES}  # first run warms the page cache
    search_ms = [timed(lib.search, q) for _ in range(3) for q in QUERIES]
    rng = random.Random(1)
    ids = rng.sample(range(1, args.articles + 1), args.opens)
    first_ms = [timed(lib.open_article, i) for i in ids]  # analysis computed and stored
    again_ms = [timed(lib.open_article, i) for i in ids]  # analysis loaded from the store
    lib.close()

    rows = [
        ("search (50 queries × 3)", search_ms, SEARCH_TARGET_MS),
        ("open article, first time", first_ms, OPEN_TARGET_MS),
        ("open article, again", again_ms, OPEN_TARGET_MS),
    ]
    print(
        f"\nlibrary: {args.articles:,} articles of {words:,.0f} characters on average, "
        f"{size:.0f} MB on disk"
    )
    print(f"{'operation':<28}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}{'target':>9}  ok")
    ok = True
    for name, values, target in rows:
        med, p95 = statistics.median(values), percentile(values, 95)
        good = med <= target
        ok &= good
        print(
            f"{name:<28}{med:>10.1f}{p95:>9.1f}{max(values):>9.1f}{target:>9.0f}  "
            f"{'yes' if good else 'NO'}"
        )
    slow = sorted(
        (
            (statistics.median([search_ms[i + k * len(QUERIES)] for k in range(3)]), q)
            for i, q in enumerate(QUERIES)
        ),
        reverse=True,
    )[:5]
    print("slowest queries: " + ", ".join(f"{q!r} {ms:.1f} ms ({hits[q]} hits)" for ms, q in slow))
    if tmp is not None:
        tmp.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
