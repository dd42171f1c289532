"""Peak memory (RSS) of the app with the sample open: `reader --screenshot` in a child process
on a fresh library (import, analysis, window painted), read back with getrusage."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path


def peak_rss_mb(args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024  # Linux reports kB


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        png = str(Path(tmp) / "shot.png")
        rss = peak_rss_mb([sys.executable, "-m", "reader", "--data-dir", tmp, "--screenshot", png])
    print(f"{'memory':<40}{'MB':>10}{'budget':>10}")
    print(f"{'peak RSS, window with the sample open':<40}{rss:>10.1f}{200:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
