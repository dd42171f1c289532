"""The quick part of the robustness battery (benchmarks/robustness.py): bad input given to the
real CLI in real processes ends in one clear line or a right success; never a traceback, a hang
or lost data."""

from __future__ import annotations

import pytest

# the battery is a benchmark script, not a package: benchmarks/ is on pytest's pythonpath
import robustness
from robustness_cases import CASES, Case, fixed


def test_the_fast_cases_end_cleanly():
    fast = [c for c in CASES if c.fast]
    assert len(fast) >= 12
    results = robustness.run_battery(fast, jobs=2, timeout=25)
    counts = robustness.counts(results)
    report = "\n".join(
        f"{r.case.name}: {r.verdict} exit={r.code} lost={r.lost} {r.stderr.strip()[:200]}"
        for r in results
        if r.verdict != "clean" or r.lost
    )
    assert counts["tracebacks"] == 0, report
    assert counts["hangs"] == 0, report
    assert counts["data lost"] == 0, report
    assert counts["clean"] == len(fast), report


@pytest.mark.parametrize(
    ("expect", "code", "stderr", "verdict"),
    [
        ("error", 2, "reader: Cannot open x.txt: no such file\n", "clean"),
        ("error", 2, "reader: one\nreader: two\n", "messy"),
        ("error", 0, "", "messy"),
        ("ok", 0, "", "clean"),
        ("any", 0, "reader: warning: moved aside\n", "clean"),
        ("error", 2, 'Traceback (most recent call last):\n  File "x"\n', "traceback"),
        ("error", 2, "reader: internal error: boom (details in x.log)\n", "traceback"),
        ("error", None, "", "hang"),
    ],
)
def test_the_battery_tells_clean_from_faults(expect, code, stderr, verdict):
    case = Case("a case", fixed("list"), expect)
    assert robustness.judge(case, code, stderr) == verdict


def test_a_message_that_misnames_the_fault_is_unclear():
    case = Case("ftp", fixed("import", "ftp://h/x"), says="ftp|http")
    assert robustness.judge(case, 2, "reader: Cannot open x: no such file\n") == "unclear"
    assert robustness.judge(case, 2, "reader: only http and https addresses\n") == "clean"
