"""How fast exporting into the original PDF is: a 200-page two-column PDF made with
reportlab (the tests' sample maker), read by reader (text and PdfTextMap), and 500 highlights
(every other one with a note printed in the margin) written into it with the appendix;
median of 3 runs, wall clock and CPU seconds (on a shared machine the clock also counts
waiting). (Large type, so that 200 pages hold no more than an article's 300,000 characters.)
First a 20-page PDF with 50 highlights (the issue's budget: ≤ 1 s, under 200 MB), with the
process's peak RSS after it.

    .venv/bin/python benchmarks/pdf_export_original.py
"""

from __future__ import annotations

import importlib.util
import re
import resource
import statistics
import sys
import time
from pathlib import Path

from reader.export.article import PdfHighlight, PdfInput
from reader.export.pdf_original import annotate_original

RUNS = 3
COLORS = ["yellow", "green", "blue", "pink", "purple"]


def _samples():
    path = Path(__file__).resolve().parents[1] / "tests" / "export" / "original_samples.py"
    spec = importlib.util.spec_from_file_location("original_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["original_samples"] = module
    spec.loader.exec_module(module)
    return module


def highlights(text: str, count: int) -> list[PdfHighlight]:
    words = list(re.finditer(r"\S+", text))
    step = max(1, len(words) // count)
    out = []
    for i in range(count):
        first, last = words[i * step], words[min(len(words) - 1, i * step + 9)]
        note = f"Note {i + 1}: check this against the minutes." if i % 2 == 0 else ""
        out.append(PdfHighlight(i + 1, COLORS[i % 5], first.start(), last.end(), note))
    return out


def case(samples, paragraphs: int, count: int, size: float = 11) -> None:
    from reader.ingest.pdf import read_pdf

    data = samples.make_pdf(samples.paragraphs(paragraphs, words=60), columns=2, size=size)
    t0 = time.perf_counter()
    read = read_pdf(data, "benchmark.pdf", "benchmark.pdf")
    made = time.perf_counter() - t0
    assert read.pdf is not None
    text, tm = read.text, read.pdf.text_map
    doc = PdfInput(title="Benchmark", text=text, highlights=highlights(text, count))
    times = []
    cpus = []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        out, report = annotate_original(data, tm, doc, author="bench")
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{report.original_pages:>4} pages, {count:>4} highlights ({report.highlights} annotations,"
        f" {report.notes} margin notes, {report.pages - report.original_pages} appendix pages):"
        f" {statistics.median(times):.2f} s, {statistics.median(cpus):.2f} CPU s (median of"
        f" {RUNS}; reading the PDF took {made:.1f} s; {len(out) / 1e6:.1f} MB out); peak RSS so"
        f" far {peak:.0f} MB"
    )


def main() -> int:
    samples = _samples()
    case(samples, 155, 50)
    case(samples, 600, 500, size=30)  # large type: 194 pages, 290,000 characters
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
