"""How fast the annotated PDF export is: the sample article with 20 highlights (some with
notes, one margin note), exported through the library; median of 5 runs per case.

    .venv/bin/python benchmarks/export_speed.py

The issue's budget is 1 s for the sample with 20 highlights.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.library import Library

RUNS = 5
BUDGET = 1.0
COLORS = ["yellow", "green", "blue", "pink", "purple"]


def add_highlights(lib: Library, article_id: int, count: int) -> None:
    """`count` highlights spread over the text: sentences of a few words, every other one
    with a note, the last one a margin note."""
    text = lib.open_article(article_id).text
    words = list(re.finditer(r"\S+", text))
    step = max(1, len(words) // count)
    for i in range(count - 1):
        first, last = words[i * step], words[min(len(words) - 1, i * step + 6)]
        note = f"Note {i + 1}: check this against the original." if i % 2 == 0 else ""
        lib.add_highlight(article_id, first.start(), last.end(), COLORS[i % 5], note)
    pos = words[len(words) // 2].start()
    lib.add_highlight(article_id, pos, pos, "purple", "A margin note without a highlight.")


def time_export(lib: Library, article_id: int, out: Path, **kw) -> list[float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        lib.export_pdf(article_id, out, **kw)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "data")
        article_id = lib.import_sample()
        add_highlights(lib, article_id, 20)
        out = Path(tmp) / "sample.pdf"
        t0 = time.perf_counter()
        report = lib.export_pdf(article_id, out, paper="a4")
        cold = time.perf_counter() - t0
        cases = [
            ("sample, 20 highlights, A4", {"paper": "a4"}),
            ("sample, 20 highlights, Letter", {"paper": "letter"}),
            ("sample, 20 highlights, no claims", {"paper": "a4", "claims": False}),
        ]
        rows = [(name, time_export(lib, article_id, out, **kw)) for name, kw in cases]
        size = out.stat().st_size
        lib.close()
    print(f"{'case':<36} {'median s':>9} {'min s':>7} {'max s':>7}")
    print(f"{'first export (fonts loaded)':<36} {cold:>9.3f} {'':>7} {'':>7}")
    for name, times in rows:
        print(f"{name:<36} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f}")
    print(
        f"\n{report.pages} pages ({report.body_pages} of article), {report.highlights} highlight "
        f"annotations, {report.notes} sticky note(s), {size // 1024} KiB; budget {BUDGET:.1f} s"
    )
    worst = max(statistics.median(t) for _, t in rows)
    return 0 if worst <= BUDGET and cold <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
