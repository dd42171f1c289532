"""Cold start: `reader --screenshot` on the sample (an empty library, so import + analysis +
paint) against a bare PySide6 window showing the same text; median of N runs, offscreen."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _time(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def measure(runs: int = 5) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    bare, cold, warm = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        png = str(Path(tmp) / "shot.png")
        for i in range(runs):
            bare.append(_time([sys.executable, str(HERE / "bare_window.py"), png], env))
            data = Path(tmp) / f"lib{i}"
            reader = [sys.executable, "-m", "reader", "--data-dir", str(data), "--screenshot", png]
            cold.append(_time(reader, env))
            warm.append(_time(reader, env))
    b, c, w = statistics.median(bare), statistics.median(cold), statistics.median(warm)
    return {
        "bare_s": b,
        "first_launch_s": c,
        "later_launch_s": w,
        "ratio_first": c / b,
        "ratio_later": w / b,
    }


def main() -> int:
    r = measure()
    rows = [
        ("bare PySide6 window", r["bare_s"], 1.0),
        ("reader, first launch (empty data dir)", r["first_launch_s"], r["ratio_first"]),
        ("reader, later launch (reopen last)", r["later_launch_s"], r["ratio_later"]),
    ]
    print(f"{'start-up (median of 5, offscreen)':<40}{'seconds':>10}{'× bare':>10}")
    for label, seconds, ratio in rows:
        print(f"{label:<40}{seconds:>10.3f}{ratio:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
