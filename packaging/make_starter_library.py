"""Rebuild src/reader/resources/starter-library.sqlite3 (the sample, imported and analysed).

Run it after a schema migration or any change under src/reader/analysis/ (the engine version
is a fingerprint of it, reader/engine.py); tests/store/test_starter.py fails
until the shipped starter is current again.
"""

import sys
from pathlib import Path

from reader.library import build_starter_library, starter_path


def main() -> int:
    out = starter_path()
    build_starter_library(out)
    print(f"wrote {out} ({Path(out).stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
