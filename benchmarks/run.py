"""All benchmarks in one run: each script prints its own table. Speed and memory live here, never
in timed tests.

    .venv/bin/python benchmarks/run.py [--quick]   (--quick: a 1,000-article library)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    runs = [
        ("start-up", ["startup.py"]),
        ("attribution engine (PolNeAR dev)", ["analysis_speed.py"]),
        (
            "library: open and search",
            ["library_speed.py", "--articles", "1000" if quick else "10000"],
        ),
        ("PDF export", ["export_speed.py"]),
        ("memory", ["memory.py"]),
    ]
    failed = 0
    for title, cmd in runs:
        print(f"\n## {title}", flush=True)
        rc = subprocess.run([sys.executable, str(HERE / cmd[0]), *cmd[1:]]).returncode
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
