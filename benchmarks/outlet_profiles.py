"""Outlet profiles: the time to compute every outlet's sourcing profile (reader outlets, the
Outlets dialog) over a library of 2,000 articles, and one outlet's alone.

Builds the library once by importing generated articles the normal way (the engine analyses
each one: 8 outlets over 12 months, each article 4–12 statements from named and anonymous
sources, quoted and paraphrased, some hedged or with "claimed"), then times
`outlet_profiles` (median of 5) and `reader outlets --format json` as a process.

    .venv/bin/python benchmarks/outlet_profiles.py [--articles 2000] [--data-dir DIR]

With --data-dir an existing library of the right size is reused (building takes minutes).
Target: all profiles of 2,000 articles in ≤ 1 s of CPU time (the wall time is printed too; on a
machine shared with other work it is the CPU time times the wait for a core).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.ingest.document import ImportedDocument
from reader.library import Library
from reader.library.outlets import outlet_profiles

TARGET_S = 1.0
OUTLETS = [
    "Harbor Times",
    "Bay Post",
    "The Daily Ledger",
    "Northern Courier",
    "City Wire",
    "Valley Herald",
    "Metro Dispatch",
    "Coast Observer",
]
PEOPLE = [
    ("Jane Roe", "Mayor"),
    ("John Smith", "a spokesman for the Harbor Trust"),
    ("Maria Lopez", "the city's finance director"),
    ("Ahmed Khan", "a councillor"),
    ("Helen Park", "the police chief"),
    ("Tom Baker", "a union leader"),
    ("Olga Petrova", "an economist at Bay University"),
    ("Kwame Mensah", "the transport minister"),
]
TOPICS = ["the budget", "the new bridge", "the port deal", "the school plan", "bus fares"]


def paragraph(rng: random.Random, i: int) -> str:
    name, role = rng.choice(PEOPLE)
    topic = rng.choice(TOPICS)
    kind = rng.random()
    if kind < 0.35:
        return f'"We will look at {topic} again in ward {i}," said {name}, {role}.'
    if kind < 0.55:
        return f"{name} said that {topic} would cost more in ward {i} than planned."
    if kind < 0.7:
        return f"{name} claimed that {topic} had allegedly been changed for ward {i}."
    if kind < 0.85:
        return f"Officials said {topic} would be delayed in ward {i}."
    return (
        f"{topic.capitalize()} was rushed in ward {i}, according to people familiar with the talks."
    )


def article(rng: random.Random, n: int) -> ImportedDocument:
    site = OUTLETS[n % len(OUTLETS)]
    host = site.lower().replace(" ", "").removeprefix("the") + ".example"
    month = 1 + (n // len(OUTLETS)) % 12
    paras = [paragraph(rng, i) for i in range(rng.randint(4, 12))]
    text = f"Council story {n}\n\nThe council met on day {n}.\n\n" + "\n\n".join(paras)
    url = f"https://www.{host}/news/story-{n}"
    return ImportedDocument(
        text=text,
        title=f"Council story {n}",
        origin=url,
        origin_kind="url",
        site=site,
        published=f"2025-{month:02d}-{1 + n % 28:02d}",
        canonical_url=url,
    )


def build(lib: Library, count: int) -> None:
    have = lib.article_count()
    if have >= count:
        return
    rng = random.Random(15)
    start = time.perf_counter()
    for n in range(count):
        doc = article(rng, n)
        if n >= have:
            lib.import_document(doc)
        if n and n % 200 == 0:
            print(f"  imported {n} ({time.perf_counter() - start:.0f} s)", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--data-dir", type=Path)
    args = ap.parse_args(argv)
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="reader-outlets-"))
    lib = Library(folder)
    t0 = time.perf_counter()
    build(lib, args.articles)
    built = time.perf_counter() - t0
    times, cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        profiles = outlet_profiles(lib.db_path)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t = time.perf_counter()
    one = outlet_profiles(lib.db_path, "Bay Post")
    one_time = time.perf_counter() - t
    lib.close()
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "reader", "outlets", "--format", "json", "--data-dir", str(folder)],
        capture_output=True,
        check=True,
    )
    cli_time = time.perf_counter() - t
    statements = sum(len(x.statements) for x in profiles)
    median = statistics.median(times)
    print(f"library: {folder}")
    print(f"{args.articles} articles, {statements} statements; built in {built:.0f} s")
    print(f"{'measure':<44} {'value':>10}")
    print(f"{'outlets':<44} {len(profiles):>10}")
    print(f"{'all profiles, median of 5 (s)':<44} {median:>10.3f}")
    print(f"{'all profiles, slowest of 5 (s)':<44} {max(times):>10.3f}")
    print(f"{'all profiles, CPU time, median of 5 (s)':<44} {statistics.median(cpu):>10.3f}")
    label = f"one outlet (Bay Post, {len(one[0].articles)} articles) (s)"
    print(f"{label:<44} {one_time:>10.3f}")
    print(f"{'reader outlets --format json, process (s)':<44} {cli_time:>10.3f}")
    print(f"{'JSON size (MB)':<44} {len(p.stdout) / 1e6:>10.1f}")
    print(f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    ok = statistics.median(cpu) <= TARGET_S
    print(f"target: all profiles ≤ {TARGET_S:.1f} s of CPU — {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
