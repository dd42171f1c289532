"""Many clients editing one article and one source of a PostgreSQL library at once.

    .venv/bin/python benchmarks/pg_load.py [--clients 10] [--edits 200] [--members 5]

`--clients` processes (each a Library of its own, as a window or a CLI on another machine would
be), logged in as `--members` team members (two processes per member by default: one person
with two windows, whose edits can conflict), each make `--edits` mixed edits at the same moment
on the same article and the same source through the Library API: a new highlight with a note,
a note changed, a highlight shared or unshared (both with the version they were based on), a
rating of the source (with its version), a correction (a rename). A client reads the article
again every few edits and after a conflict, as a window does on a notification, so its base
versions go stale as in real use. Every edit's outcome is kept: saved, conflict (ConflictError:
refused, nothing written over) or error (anything else: there must be none).

At the end, as the superuser: every saved highlight and correction is there; every highlight's
version is 1 + the saved changes to it and its note the last saved note; every member's rating
is the last saved one and its version the number of saves; no orphan rows; the analysis' row
counts unchanged. Prints a table of outcomes with p50/p95/max latency per kind of edit.

The server: READER_BENCH_POSTGRES_URL (a superuser's URL: a database and roles are created
there, and dropped at the end), else a throwaway cluster started like the tests' (initdb as an
unprivileged user in a temporary folder; removed at the end). Local only, bounded: 10 × 200
edits take about a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("highlight", "note", "share", "rating", "correction")
WEIGHTS = (3, 3, 1, 2, 1)
REFRESH_EVERY = 4  # edits between two reads of the article (a window's reload)


# ---- one client ------------------------------------------------------------------------------


def client(url: str, article_id: int, source_id: int, edits: int, seed: int, out: Path) -> None:
    """Make `edits` edits and write one JSON line per edit to `out`."""
    from reader.errors import ConflictError
    from reader.library import Library

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="reader-load-") as scratch:
        lib = Library(scratch, database=url)
        me = lib.member().name
        text_len = len(lib.open_article(article_id, mark_opened=False).text)
        links = dict(lib.open_article(article_id, mark_opened=False).library_sources)
        source_key = next(k for k, v in links.items() if v == source_id)
        mine: dict[int, Any] = {}  # my highlights as last read: id → HighlightInfo
        rating_version = 0

        def refresh() -> None:
            nonlocal rating_version
            mine.clear()
            for h in lib.highlights(article_id):
                if h.creator == me:
                    mine[h.id] = h
            info = lib.library_source(source_id)
            rating_version = info.rating_version

        refresh()
        print("ready", flush=True)
        sys.stdin.readline()  # everyone starts at once
        lines = []
        for i in range(edits):
            if i % REFRESH_EVERY == 0:
                refresh()
            kind = rng.choices(KINDS, WEIGHTS)[0]
            if kind in ("note", "share") and not mine:
                kind = "highlight"
            record: dict[str, Any] = {"client": seed, "member": me, "kind": kind}
            started = time.perf_counter()
            try:
                if kind == "highlight":
                    start = rng.randrange(0, max(1, text_len - 40))
                    note = f"{me} #{seed}.{i}"
                    h = lib.add_highlight(article_id, start, start + rng.randint(5, 40), note=note)
                    mine[h.id] = h
                    record.update(id=h.id, note=note, version=h.version)
                elif kind in ("note", "share"):
                    base = mine[rng.choice(sorted(mine))]
                    record.update(id=base.id, base=base.version)
                    if kind == "note":
                        note = f"{me} #{seed}.{i} edited"
                        h = lib.update_highlight(base.id, note=note, base_version=base.version)
                        record["note"] = note
                    else:
                        h = lib.share_highlight(base.id, not base.shared, base.version)
                    mine[h.id] = h
                    record["version"] = h.version
                elif kind == "rating":
                    value = rng.randint(-2, 2)
                    record.update(rating=value, base=rating_version)
                    rating_version = lib.rate_source(source_id, value, rating_version)
                    record["version"] = rating_version
                else:
                    name = f"Renamed by {me} #{seed}.{i}"
                    record.update(id=lib.rename_source(article_id, source_key, name))
                record["outcome"] = "saved"
            except ConflictError:
                record["outcome"] = "conflict"
                refresh()  # as the window does: read it again, the user's text kept
            except Exception as exc:  # the benchmark counts every other error: none is expected
                record.update(outcome="error", error=f"{type(exc).__name__}: {exc}"[:300])
            record["ms"] = (time.perf_counter() - started) * 1000
            lines.append(json.dumps(record))
        lib.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- the run ----------------------------------------------------------------------------------


def server() -> Any:
    """A PostgresServer (tests/postgres_cluster.py) for the run: READER_BENCH_POSTGRES_URL's,
    else a throwaway cluster of our own."""
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_cluster import PostgresServer, start_cluster

    given = os.environ.get("READER_BENCH_POSTGRES_URL", "").strip()
    if given:
        return PostgresServer(given, owned=False)
    print("starting a throwaway PostgreSQL cluster …", flush=True)
    return start_cluster()


def prepare(url: str) -> tuple[int, int, dict[str, int]]:
    """The sample article and its first library source; the analysis' row counts."""
    from reader.library import Library

    with tempfile.TemporaryDirectory(prefix="reader-load-") as scratch:
        lib = Library(scratch, database=url)
        article_id = lib.import_sample()
        view = lib.open_article(article_id, mark_opened=False)
        source_id = next(iter(dict(view.library_sources).values()))
        lib.close()
    return article_id, source_id, counts(url, article_id)


def counts(url: str, article_id: int) -> dict[str, int]:
    import psycopg

    out = {}
    with psycopg.connect(_libpq(url)) as conn:
        for table in ("article_source", "statement", "highlight", "correction"):
            row = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article_id = %s", (article_id,)
            ).fetchone()
            out[table] = int(row[0]) if row else 0
    return out


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def run(clients: int, edits: int, members: int) -> int:
    srv = server()
    database = srv.fresh_database() if hasattr(srv, "fresh_database") else None
    roles: list[Any] = []
    folder = Path(tempfile.mkdtemp(prefix="reader-load-"))
    try:
        admin = srv.url(database)
        article_id, source_id, before = prepare(admin)
        roles = [srv.create_role(f"member{m}", f"pw-{m}-load", database) for m in range(members)]
        procs = []
        for c in range(clients):
            out = folder / f"client{c}.jsonl"
            cmd = [sys.executable, __file__, "--client", str(c), "--url", roles[c % members].url]
            cmd += ["--article", str(article_id), "--source", str(source_id)]
            cmd += ["--edits", str(edits), "--out", str(out)]
            procs.append(
                (
                    subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True),
                    out,
                )
            )
        for p, _ in procs:  # every client open and its first read done
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        started = time.monotonic()
        for p, _ in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        failed = [c for c, (p, _) in enumerate(procs) if p.wait(600) != 0]
        wall = time.monotonic() - started
        records = [json.loads(line) for _, out in procs if out.exists() for line in out.open()]
        problems = verify(admin, article_id, source_id, records, before)
        report(records, wall, clients, edits, members, problems, failed)
        return 1 if problems or failed or any(r["outcome"] == "error" for r in records) else 0
    finally:
        for role in roles:
            srv.drop_role(role.name)
        if database is not None:
            srv.drop_database(database)
        srv.close()
        for f in folder.glob("*"):
            f.unlink()
        folder.rmdir()


def verify(
    url: str, article_id: int, source_id: int, records: list[dict], before: dict[str, int]
) -> list[str]:
    """What does not hold at the end (empty: every saved edit is there, nothing is lost)."""
    import psycopg

    problems: list[str] = []
    saved = [r for r in records if r["outcome"] == "saved"]
    with psycopg.connect(_libpq(url)) as conn:
        rows = conn.execute(
            "SELECT id, note, version, creator FROM highlight WHERE article_id = %s",
            (article_id,),
        ).fetchall()
        stored = {r[0]: r for r in rows}
        made = [r for r in saved if r["kind"] == "highlight"]
        if {r["id"] for r in made} != set(stored):
            problems.append(f"highlights: {len(made)} saved, {len(stored)} stored")
        changes: dict[int, list[dict]] = defaultdict(list)
        for r in saved:
            if r["kind"] in ("highlight", "note", "share"):
                changes[r["id"]].append(r)
        for hid, done in changes.items():
            row = stored.get(hid)
            if row is None:
                continue
            versions = sorted(r["version"] for r in done)
            if versions != list(range(1, len(done) + 1)) or row[2] != len(done):
                problems.append(f"highlight {hid}: versions {versions}, stored {row[2]}")
            last_note = max((r for r in done if "note" in r), key=lambda r: r["version"])
            if row[1] != last_note["note"]:
                problems.append(
                    f"highlight {hid}: note {row[1]!r}, last saved {last_note['note']!r}"
                )
        ratings = conn.execute(
            "SELECT member, rating, version FROM source_rating WHERE library_source_id = %s",
            (source_id,),
        ).fetchall()
        by_member: dict[str, list[dict]] = defaultdict(list)
        for r in saved:
            if r["kind"] == "rating":
                by_member[r["member"]].append(r)
        for member, rating, version in ratings:
            done = sorted(by_member.pop(member, []), key=lambda r: r["version"])
            if [r["version"] for r in done] != list(range(1, len(done) + 1)) or (
                done and (version, rating) != (done[-1]["version"], done[-1]["rating"])
            ):
                problems.append(f"rating of {member}: stored v{version} {rating}, saved {done}")
        if by_member:
            problems.append(f"ratings saved but not stored: {sorted(by_member)}")
        corrections = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM correction WHERE article_id = %s", (article_id,)
            ).fetchall()
        }
        made_c = {r["id"] for r in saved if r["kind"] == "correction"}
        if made_c != corrections:
            problems.append(f"corrections: {len(made_c)} saved, {len(corrections)} stored")
        for what, query in ORPHANS.items():
            row = conn.execute(query).fetchone()
            if row and row[0]:
                problems.append(f"{row[0]} orphan {what}")
    after = counts(url, article_id)
    for table in ("article_source", "statement"):
        if after[table] != before[table]:
            problems.append(f"{table}: {before[table]} rows before, {after[table]} after")
    return problems


ORPHANS = {
    "highlights": "SELECT count(*) FROM highlight h LEFT JOIN article a ON a.id = h.article_id "
    "WHERE a.id IS NULL",
    "corrections": "SELECT count(*) FROM correction c LEFT JOIN article a ON a.id = c.article_id "
    "WHERE a.id IS NULL",
    "ratings": "SELECT count(*) FROM source_rating r LEFT JOIN library_source s "
    "ON s.id = r.library_source_id WHERE s.id IS NULL",
    "article sources": "SELECT count(*) FROM article_source x LEFT JOIN library_source s "
    "ON s.id = x.library_source_id WHERE x.library_source_id IS NOT NULL AND s.id IS NULL",
    "statements": "SELECT count(*) FROM statement t LEFT JOIN article a ON a.id = t.article_id "
    "WHERE a.id IS NULL",
}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(
    records: list[dict],
    wall: float,
    clients: int,
    edits: int,
    members: int,
    problems: list[str],
    failed: list[int],
) -> None:
    print(
        f"\n{clients} clients × {edits} edits ({members} members), one article and one source: "
        f"{len(records)} edits in {wall:.1f} s ({len(records) / max(wall, 1e-9):.0f}/s)"
    )
    print(
        f"{'edit':<12}{'count':>7}{'saved':>7}{'conflict':>9}{'error':>7}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    )
    for kind in (*KINDS, "all"):
        rows = [r for r in records if kind in ("all", r["kind"])]
        outcomes = Counter(r["outcome"] for r in rows)
        ms = [r["ms"] for r in rows]
        print(
            f"{kind:<12}{len(rows):>7}{outcomes['saved']:>7}{outcomes['conflict']:>9}"
            f"{outcomes['error']:>7}{percentile(ms, 50):>9.1f}{percentile(ms, 95):>9.1f}"
            f"{max(ms, default=0):>9.1f}"
        )
    errors = Counter(r["error"] for r in records if r["outcome"] == "error")
    for text, n in errors.most_common(5):
        print(f"  error ×{n}: {text}")
    if failed:
        print(f"clients that did not finish: {failed}")
    print(
        "integrity: "
        + ("every saved edit present, versions and counts consistent, no orphan rows"
           if not problems else "; ".join(problems[:10]))
    )  # fmt: skip
    if records:
        print(f"mean edit latency {statistics.fmean(r['ms'] for r in records):.1f} ms")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--client", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--article", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client is not None:
        client(args.url, args.article, args.source, args.edits, args.client, args.out)
        return 0
    return run(args.clients, args.edits, max(1, min(args.members, args.clients)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
