"""What article sizes reader can handle: for texts of 50 KB to 1 MB (the sample article's
paragraphs repeated), the time and peak RSS of importing (analysis included), opening in the
window (offscreen, until painted) and exporting the annotated PDF. Each step runs in its own
child process, so each peak RSS is that step's alone. The measured table chose
`reader.ingest.limits.MAX_TEXT_CHARS` (1 MB already took over 300 s to open: 5 and 10 MB are
not worth waiting for).

    .venv/bin/python benchmarks/import_limits.py [--sizes 0.05,0.1,0.2,0.5,1] [--timeout 300]

A step over `--timeout` seconds is stopped and shown as "> N s".
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def article_text(megabytes: float) -> str:
    """A news text of about `megabytes` MB of UTF-8: the sample's paragraphs, numbered so
    that no two copies are the same article."""
    from reader.library import sample_path

    base = sample_path().read_text(encoding="utf-8").strip()
    want = int(megabytes * 1024 * 1024)
    parts: list[str] = []
    size = 0
    n = 0
    while size < want:
        n += 1
        part = f"Part {n}\n\n{base}\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "".join(parts)[: max(1, want)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def step_import(data: Path, megabytes: float) -> None:
    from reader.library import Library

    text = article_text(megabytes)
    lib = Library(data)
    t0 = time.perf_counter()
    lib.import_text(text, title=f"{megabytes:g} MB article", origin="benchmark")
    print(f"{time.perf_counter() - t0:.2f} {_peak_mb():.0f} {len(text)}")


def step_open(data: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from reader.library import Library
    from reader.ui.app import application
    from reader.ui.main_window import MainWindow

    app = application()
    lib = Library(data)
    article_id = lib.articles()[0].id
    window = MainWindow(lib)
    window.persist = False
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    opened: list[object] = []
    window.article_opened.connect(opened.append)
    t0 = time.perf_counter()
    window.open_article(article_id)
    loop = QEventLoop()
    while not opened:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        window.ops.wait(50)
    window.grab()  # layout and paint the text as a person would see it
    elapsed = time.perf_counter() - t0
    print(f"{elapsed:.2f} {_peak_mb():.0f}")
    window.close()
    QCoreApplication.processEvents()
    window.ops.wait()
    lib.close()


def step_export(data: Path, out: Path) -> None:
    from reader.library import Library

    lib = Library(data)
    article_id = lib.articles()[0].id
    t0 = time.perf_counter()
    lib.export_pdf(article_id, out, paper="a4")
    print(f"{time.perf_counter() - t0:.2f} {_peak_mb():.0f}")


def _run(args: list[str], timeout: float) -> list[str] | None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            [sys.executable, __file__, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return ["failed"]
    return done.stdout.split()


def _cell(result: list[str] | None, timeout: float) -> str:
    if result is None:
        return f"> {timeout:g} s"
    if result == ["failed"]:
        return "failed"
    return f"{float(result[0]):.1f} s, {float(result[1]):.0f} MB"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.05,0.1,0.2,0.5,1")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--step", choices=["import", "open", "export"])
    parser.add_argument("--data")
    parser.add_argument("--mb", type=float)
    args = parser.parse_args(argv)
    if args.step == "import":
        step_import(Path(args.data), args.mb)
        return 0
    if args.step == "open":
        step_open(Path(args.data))
        return 0
    if args.step == "export":
        step_export(Path(args.data), Path(args.data) / "out.pdf")
        return 0

    print(f"{'text':>8}{'chars':>12}  {'import':<18}{'open in window':<18}{'PDF export':<18}")
    for mb in (float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data = str(Path(tmp) / "data")
            imported = _run(["--step", "import", "--data", data, "--mb", str(mb)], args.timeout)
            chars = imported[2] if imported and len(imported) > 2 else "?"
            opened = exported = None
            if imported and imported != ["failed"]:
                opened = _run(["--step", "open", "--data", data], args.timeout)
                exported = _run(["--step", "export", "--data", data], args.timeout)
            print(
                f"{mb:>6g} MB{chars:>12}  {_cell(imported, args.timeout):<18}"
                f"{_cell(opened, args.timeout):<18}{_cell(exported, args.timeout):<18}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
