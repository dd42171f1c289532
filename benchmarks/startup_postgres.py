"""Cold start on a team library: `reader --database URL --screenshot` against a local PostgreSQL
database, measured as benchmarks/startup.py measures the SQLite start (medians of N interleaved
runs, offscreen, compiled bytecode, ratios to the bare PySide6 window).

- first launch: a database that does not exist yet (created, migrated, the sample imported);
- later launch: the same library again (its last article reopened): one small psycopg query
  checks the schema and reads the article for the first paint, SQLAlchemy loads after it.

The server is a throwaway cluster (tests/postgres_cluster.py), or READER_TEST_POSTGRES_URL's.

    .venv/bin/python benchmarks/startup_postgres.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from startup import _run, print_table  # noqa: E402

from postgres_cluster import start_server  # noqa: E402

BUDGET = 2.5  # the later launch's first frame, as a multiple of the bare window's


def measure(runs: int = 5) -> dict[str, tuple[float, float, float]]:
    """Medians (first frame s, exit s, CPU s) for "bare", "first" and "later"."""
    server = start_server()
    made: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=f"{tmp}/pyc")
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env.pop("READER_DATABASE_URL", None)
            png = Path(tmp) / "shot.png"
            bare = [sys.executable, str(HERE / "bare_window.py"), str(png)]

            def reader(data: Path, url: str) -> list[str]:
                args = ["--data-dir", str(data), "--database", url, "--screenshot", str(png)]
                return [sys.executable, "-m", "reader", *args]

            def fresh() -> str:
                name = f"reader_bench_{secrets.token_hex(4)}"
                made.append(name)
                return server.url(name)

            _run(bare, env, png)  # bytecode written, libraries in the page cache
            _run(reader(Path(tmp) / "warm", fresh()), env, png)
            times: dict[str, list[tuple[float, float, float]]] = {
                "bare": [],
                "first": [],
                "later": [],
            }
            for i in range(runs):
                times["bare"].append(_run(bare, env, png))
                url = fresh()
                data = Path(tmp) / f"lib{i}"
                times["first"].append(_run(reader(data, url), env, png))
                times["later"].append(_run(reader(data, url), env, png))
    finally:
        for name in made:
            server.drop_database(name)
        server.close()
    return {
        name: tuple(statistics.median(col) for col in zip(*rows, strict=True))  # type: ignore[misc]
        for name, rows in times.items()
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args(argv).runs
    r = measure(runs)
    labels = {
        "bare": "bare PySide6 window",
        "first": "reader, new team library (created)",
        "later": "reader, later launch (reopen last)",
    }
    print_table(r, f"start-up on PostgreSQL (median of {runs})", labels)
    b = r["bare"]
    ratio = r["later"][0] / b[0]
    print(f"later launch first frame: {ratio:.2f}× bare (budget {BUDGET}×)")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
