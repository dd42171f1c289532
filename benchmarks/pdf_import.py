"""How fast reader reads PDF articles: two-column news pages made with reportlab (the tests'
sample maker: running head, footer, page numbers, hyphenation), read into text and map
(`reader.ingest.pdf.read_pdf`), in pages per second, median of 3 runs; and the whole import of
a 20-page PDF into a fresh library (text, map, analysis, stored), each in its own process with
its peak memory (the issue's budget: ≤ 1 s, under 200 MB); and the analysis alone of long
texts (the 20-page PDF's, and 150,000 and 300,000 characters of news articles from the
evaluation corpus when it is there), to show how it grows with the length.

    .venv/bin/python benchmarks/pdf_import.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "ingest"

_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from reader.library import Library
lib = Library(Path(sys.argv[2]))
start, cpu = time.perf_counter(), time.process_time()
article_id = lib.import_path(sys.argv[1])
took, cpu = time.perf_counter() - start, time.process_time() - cpu
view = lib.open_article(article_id)
# a second PDF in the same process: the engine's lexicons and models loaded, as in the window
start, cpu2 = time.perf_counter(), time.process_time()
lib.import_path(sys.argv[3])
warm, cpu2 = time.perf_counter() - start, time.process_time() - cpu2
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": took, "cpu": cpu, "warm": warm, "warm_cpu": cpu2, "mb": peak,
                  "chars": len(view.text), "statements": len(view.analysis.statements)}))
lib.close()
"""


def _sample(pages: int, dense: bool = True, seed: int = 1) -> bytes:
    sys.path.insert(0, str(SAMPLES))
    import pdf_samples

    if not dense:  # a line a page: the pages themselves, not their text
        return pdf_samples.many_pages(pages)
    # about 3.6 paragraphs fill a column of the sample's A4 page (some 4,200 characters)
    return pdf_samples.article(2, n_paragraphs=int(pages * 7.2), seed=seed).data


def read_speed(pages: int, dense: bool = True) -> tuple[int, float, float]:
    from reader.ingest.pdf import read_pdf

    data = _sample(pages, dense)
    counted = []
    times = []
    cpus = []
    for _ in range(RUNS):
        seen: list[int] = []
        start, cpu = time.perf_counter(), time.process_time()
        read_pdf(data, "bench.pdf", "bench.pdf", progress=lambda i, n, seen=seen: seen.append(n))
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        counted.append(seen[-1])
    return counted[0], statistics.median(times), statistics.median(cpus)


def import_once(pages: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path, other = Path(tmp) / "bench.pdf", Path(tmp) / "other.pdf"
        path.write_bytes(_sample(pages))
        other.write_bytes(_sample(pages, seed=2))
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT, str(path), str(Path(tmp) / "lib"), str(other)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def analysis_speed() -> None:
    """CPU seconds of `analyze` on long texts, best of 2 (the lexicons loaded beforehand)."""
    from reader.analysis import analyze
    from reader.ingest.pdf import read_pdf

    analyze('Warm-up. "Yes," she said.')
    texts = [("the 20-page PDF's text", read_pdf(_sample(20), "b.pdf", "b.pdf").text)]
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"
    if corpus.is_dir():
        news = "\n\n".join(p.read_text(encoding="utf-8-sig") for p in sorted(corpus.glob("*.txt")))
        texts += [
            (f"news, {n:,} characters", news[:n]) for n in (150_000, 300_000) if len(news) >= n
        ]
    print("analysis of a long text                 characters   CPU s  statements")
    for label, text in texts:
        cpus = []
        for _ in range(2):
            cpu = time.process_time()
            found = analyze(text)
            cpus.append(time.process_time() - cpu)
        print(f"{label:<40}{len(text):>10,}{min(cpus):>8.2f}{len(found.statements):>12}")


def main() -> None:
    # CPU seconds beside the wall clock: on a shared machine the clock also counts waiting
    print("read (text and map)        pages   seconds  CPU s   pages/s")
    for pages, dense in ((20, True), (60, True), (1000, False)):
        n, took, cpu = read_speed(pages, dense)
        kind = "two columns, full pages" if dense else "one line a page"
        print(f"{kind:<26}{n:>6}{took:>10.2f}{cpu:>7.2f}{n / took:>10.0f}")
    runs = [import_once(20) for _ in range(RUNS)]
    best = statistics.median(r["s"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    mb = max(r["mb"] for r in runs)
    warm = statistics.median(r["warm"] for r in runs)
    warm_cpu = statistics.median(r["warm_cpu"] for r in runs)
    r = runs[0]
    print(
        f"import of 20 pages (read, analyse, store): {best:.2f} s median ({cpu:.2f} CPU s), "
        f"peak {mb:.0f} MB; "
        f"{r['chars']:,} characters, {r['statements']} statements"
    )
    print(
        f"another 20 pages in the same process (the engine loaded, as in the window): "
        f"{warm:.2f} s median ({warm_cpu:.2f} CPU s)"
    )
    analysis_speed()


if __name__ == "__main__":
    main()
