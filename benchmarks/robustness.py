"""The robustness battery: bad input of every kind given to the real `reader` CLI, each case in
its own process with its own data folder, a timeout, and a check afterwards that the library it
was given lost nothing. Prints a table of the cases and the counts:

- clean: exit 2 with exactly one stderr line, or success (exit 0) where success is right;
- tracebacks: "Traceback" or "internal error" on stderr;
- hangs: the case's timeout ran out (the process group is killed);
- data lost: an article or highlight of the prepared library gone, integrity_check not ok, or a
  damaged library file not kept;
- messy: the rest (two stderr lines, a wrong exit code, success where an error was due);
- unclear: one line, but not naming what went wrong (an ftp:// address called a missing file).

    .venv/bin/python benchmarks/robustness.py [--fast] [--jobs 2] [--timeout 30] [-k WORD]

Exit code 1 when tracebacks + hangs + data lost > 0. URL cases fetch from a real http.server
on 127.0.0.1 in a thread; the cases themselves are in robustness_cases.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from robustness_cases import (
    CASES,
    Case,
    Contents,
    Ctx,
    check_prepared,
    make_inputs,
    make_library,
    start_server,
)

# ---- running -------------------------------------------------------------------------------


@dataclass
class Result:
    case: Case
    code: int | None  # None: killed at the timeout
    stderr: str
    seconds: float
    lost: str | None
    verdict: str = ""


def judge(case: Case, code: int | None, stderr: str) -> str:
    lines = stderr.splitlines()
    if code is None:
        return "hang"
    if "Traceback" in stderr or "internal error" in stderr:
        return "traceback"
    if code == 2 and len(lines) == 1 and case.expect in ("error", "any"):
        return "clean" if not case.says or re.search(case.says, stderr, re.I) else "unclear"
    if code == 0 and len(lines) <= 1 and case.expect in ("ok", "any"):
        return "clean"
    return "messy"


def run_case(case: Case, base: Path, template: Path, inputs: Path, url_base: str,
             expected: Contents, timeout: float) -> Result:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="case-", dir=base))
    data = work / "data"
    shutil.copytree(template, data)
    ctx = Ctx(inputs=inputs, url=url_base, work=work, data=data, expected=expected)
    env = {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(work / var.lower())
    try:
        (case.setup or (lambda _c: None))(ctx)
        argv = [sys.executable, "-m", "reader", "--data-dir", str(data), *case.args(ctx)]
        start = time.monotonic()
        proc = subprocess.Popen(
            argv, cwd=inputs / case.cwd if case.cwd else work, env=env, text=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        try:
            _, err = proc.communicate(timeout=timeout)
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
            code = None
        seconds = time.monotonic() - start
    finally:
        for cleanup in ctx.cleanups:
            cleanup()
    lost = (case.check or check_prepared)(ctx)
    result = Result(case, code, err, seconds, lost)
    result.verdict = judge(case, code, err)
    shutil.rmtree(work, ignore_errors=True)
    return result


def run_battery(cases: list[Case], jobs: int = 2, timeout: float = 30.0) -> list[Result]:
    """Run `cases` against the real CLI; the results in the order of `cases`."""
    base = Path(tempfile.mkdtemp(prefix="reader-robustness-"))
    server, url_base = start_server()
    try:
        inputs, template = base / "inputs", base / "template"
        make_inputs(inputs)
        expected = make_library(template)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [
                pool.submit(run_case, c, base, template, inputs, url_base, expected, timeout)
                for c in cases
            ]
            return [f.result() for f in futures]
    finally:
        server.shutdown()
        shutil.rmtree(base, ignore_errors=True)


def counts(results: list[Result]) -> dict[str, int]:
    return {
        "cases": len(results),
        "clean": sum(r.verdict == "clean" for r in results),
        "tracebacks": sum(r.verdict == "traceback" for r in results),
        "hangs": sum(r.verdict == "hang" for r in results),
        "data lost": sum(r.lost is not None for r in results),
        "messy": sum(r.verdict == "messy" for r in results),
        "unclear": sum(r.verdict == "unclear" for r in results),
    }


def print_table(results: list[Result]) -> None:
    print(f"{'case':<42} {'want':<5} {'exit':>4} {'s':>5}  {'verdict':<9} stderr / what was lost")
    for r in results:
        first = r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
        extra = f" (+{len(r.stderr.splitlines()) - 1} lines)" if r.stderr.count("\n") > 1 else ""
        note = f"LOST: {r.lost}" if r.lost else (first[:90] + extra)
        code = "-" if r.code is None else str(r.code)
        print(
            f"{r.case.name[:42]:<42} {r.case.expect:<5} {code:>4} {r.seconds:5.1f}  "
            f"{r.verdict:<9} {note}"
        )
    c = counts(results)
    print()
    print("  ".join(f"{k}: {v}" for k, v in c.items()))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fast", action="store_true", help="only the quick subset the tests run")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per case")
    ap.add_argument("-k", default="", help="only cases whose name contains this")
    args = ap.parse_args(argv)
    cases = [c for c in CASES if (c.fast or not args.fast) and args.k.lower() in c.name.lower()]
    start = time.monotonic()
    results = run_battery(cases, jobs=args.jobs, timeout=args.timeout)
    print_table(results)
    print(f"run time: {time.monotonic() - start:.0f} s")
    c = counts(results)
    return 1 if c["tracebacks"] + c["hangs"] + c["data lost"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
