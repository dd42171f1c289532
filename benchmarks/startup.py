"""Cold start: `reader --screenshot` with the sample open against a bare PySide6 window showing
the same text (benchmarks/bare_window.py); medians of N interleaved runs, offscreen.

Three figures for each, all as the ratio to the bare window too:
- first frame: from starting the process until its screenshot is written (the window painted
  with the article and its sources) — the start-up a person waits for;
- exit: until the process has ended (the first frame, then closing and Python's teardown);
- CPU: user + system seconds of the process, every thread (steadier than wall time on a
  loaded machine).

Both programs run from compiled bytecode, as an installed program does: PYTHONDONTWRITEBYTECODE
is dropped for them, the .pyc files go to a temporary folder (PYTHONPYCACHEPREFIX: nothing is
written into the source tree), and each runs once untimed first. The first launch starts on an
empty data folder (the starter library is copied in); a later launch reopens the last article.

    .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = (("first frame", 12), ("exit", 10), ("CPU", 9))


def _run(cmd: list[str], env: dict[str, str], png: Path) -> tuple[float, float, float]:
    """(seconds to the PNG written, seconds to exit, CPU seconds) of one run of `cmd`."""
    png.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall0, t0 = time.time(), time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    exit_s = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return png.stat().st_mtime - wall0, exit_s, cpu


def measure(runs: int = 5) -> dict[str, tuple[float, float, float]]:
    """Medians (first frame s, exit s, CPU s) for "bare", "first" and "later"."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=f"{tmp}/pyc")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        png = Path(tmp) / "shot.png"
        bare = [sys.executable, str(HERE / "bare_window.py"), str(png)]

        def reader(data: Path) -> list[str]:
            args = ["--data-dir", str(data), "--screenshot", str(png)]
            return [sys.executable, "-m", "reader", *args]

        _run(bare, env, png)  # bytecode written, libraries in the page cache
        _run(reader(Path(tmp) / "warm"), env, png)
        times: dict[str, list[tuple[float, float, float]]] = {"bare": [], "first": [], "later": []}
        for i in range(runs):
            times["bare"].append(_run(bare, env, png))
            data = Path(tmp) / f"lib{i}"
            times["first"].append(_run(reader(data), env, png))
            times["later"].append(_run(reader(data), env, png))
    out = {}
    for name, rows in times.items():
        first, exit_, cpu = (statistics.median(col) for col in zip(*rows, strict=True))
        out[name] = (first, exit_, cpu)
    return out


def print_table(
    r: dict[str, tuple[float, float, float]], head: str, labels: dict[str, str]
) -> None:
    """The medians `r` of each launch in `labels` (key → row label), with their ratio to the
    bare window's ("bare")."""
    b = r["bare"]
    width0 = max(len(head), *(len(label) for label in labels.values())) + 2
    cols = "".join(f"{name:>{width}}{'× bare':>8}" for name, width in COLUMNS)
    print(f"{head:<{width0}}{cols}")
    for key, label in labels.items():
        row = [f"{label:<{width0}}"]
        for value, base, (_name, width) in zip(r[key], b, COLUMNS, strict=True):
            row.append(f"{value:>{width - 2}.3f} s{value / base:>8.2f}")
        print("".join(row))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args(argv).runs
    labels = {
        "bare": "bare PySide6 window",
        "first": "reader, first launch (empty data dir)",
        "later": "reader, later launch (reopen last)",
    }
    print_table(measure(runs), f"start-up (median of {runs}, offscreen)", labels)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
