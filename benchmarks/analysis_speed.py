"""Speed and memory of the attribution engine, per article.

    .venv/bin/python benchmarks/analysis_speed.py [--data ../shared/corpora/polnear/dev/text]
                                                  [--repeat 3] [--big MB]

Prints median, p90 and max milliseconds per article (best of --repeat runs of each), the peak
Python allocation (tracemalloc) over one pass, and the process's peak RSS. `--big MB` also
times one synthetic article of that many megabytes (linearity check).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from reader.analysis import analyze
from reader.analysis.serialize import to_contract

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "corpora" / "polnear" / "dev" / "text"
SAMPLE = REPO / "data" / "sample-article.txt"


def _texts(folder: Path) -> list[str]:
    if folder.is_dir():
        files = sorted(folder.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8-sig") for f in files]
    print(f"no texts in {folder}; timing the sample article", file=sys.stderr)
    return [SAMPLE.read_text(encoding="utf-8")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", type=float, default=0.0, help="also time one article of N MB")
    args = ap.parse_args()
    texts = _texts(args.data)
    analyze(texts[0])  # lexicons and regexes load once, outside the timing
    to_contract(analyze(texts[0]), "warm-up")
    per_article = []
    whole = []  # what `reader analyze` does per file: the engine, then signals and the JSON
    for text in texts:
        best = best_whole = float("inf")
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            analysis = analyze(text)
            t1 = time.perf_counter()
            to_contract(analysis, "article.txt")
            t2 = time.perf_counter()
            best = min(best, t1 - t0)
            best_whole = min(best_whole, t2 - t0)
        per_article.append(best * 1000)
        whole.append(best_whole * 1000)
    tracemalloc.start()
    for text in texts:
        analyze(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = sorted(per_article)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    chars = statistics.median(len(t) for t in texts)
    print(
        f"{'articles':>10} {'chars(med)':>11} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} "
        f"{'tracemalloc MB':>15} {'peak RSS MB':>12} {'+signals median ms':>19}"
    )
    print(
        f"{len(texts):>10} {chars:>11.0f} {statistics.median(ms):>10.2f} {p90:>8.2f} "
        f"{ms[-1]:>8.2f} {peak / 2**20:>15.1f} {rss_mb:>12.1f} {statistics.median(whole):>19.2f}"
    )
    if args.big:
        unit = "\n".join(texts[:20]) + "\n"
        big = unit * max(1, int(args.big * 2**20 / max(1, len(unit))))
        t0 = time.perf_counter()
        a = analyze(big)
        dt = time.perf_counter() - t0
        print(
            f"big: {len(big) / 2**20:.1f} MB in {dt:.1f} s "
            f"({dt * 1000 / (len(big) / 2**10):.2f} ms per KB), {len(a.statements)} statements; "
            f"dev: {statistics.median(ms) / (chars / 1024):.2f} ms per KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
