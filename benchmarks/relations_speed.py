"""Time the credibility signals (relations between statements most of all) on a long article,
now and at an earlier commit.

    .venv/bin/python benchmarks/relations_speed.py [--chars 100000] [--repeat 3]
                                                   [--before 2f6d733] [--data DIR]

The article is the sample's paragraphs repeated to --chars characters (the worst case for the
relations: every source says the same things many times), and, when --data holds texts (default:
the PolNeAR dev texts), those texts joined to the same length (many sources, few repeats). Prints
the best of --repeat runs in CPU milliseconds for `relations` and for `source_signals`, with the
statements and relations found. --before COMMIT also times the single-module credibility.py of that
commit (2f6d733: before the inverted index), loaded from git into a temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.analysis import analyze
from reader.analysis.credibility import relations, source_signals
from reader.analysis.model import Analysis

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample-article.txt"
DEFAULT_DATA = REPO.parent / "shared" / "corpora" / "polnear" / "dev" / "text"
OLD_FILES = (
    "src/reader/analysis/credibility.py",
    "src/reader/analysis/lexicons/event_concepts.txt",
)


def repeated(text: str, chars: int) -> str:
    out = text
    while len(out) < chars:
        out += "\n\n" + text
    return out[:chars]


def joined(folder: Path, chars: int) -> str | None:
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    parts: list[str] = []
    n = 0
    for f in files:
        if n >= chars:
            break
        parts.append(f.read_text(encoding="utf-8-sig"))
        n += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars] if parts else None


def old_module(commit: str, folder: Path) -> ModuleType:
    """credibility.py of `commit` (with the event lexicon it read), as a module."""
    (folder / "lexicons").mkdir()
    for path in OLD_FILES:
        body = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{commit}:{path}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        target = folder / ("lexicons" if path.endswith(".txt") else "") / Path(path).name
        target.write_text(body, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("credibility_before", folder / "credibility.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def best_ms(fn: Callable[[Analysis], Any], a: Analysis, repeat: int) -> tuple[float, Any]:
    """The best CPU time of `repeat` runs (CPU, not wall: the machine may be shared)."""
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        out = fn(a)
        best = min(best, time.process_time() - t0)
    return best * 1000, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--chars", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", default="", help="also time credibility.py of this commit")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    articles = [("sample repeated", repeated(SAMPLE.read_text(encoding="utf-8-sig"), args.chars))]
    other = joined(args.data, args.chars)
    if other:
        articles.append((f"{args.data.parent.parent.name} texts joined", other))
    engines: list[tuple[str, ModuleType | None]] = [("now", None)]
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            try:
                engines.insert(0, (args.before, old_module(args.before, Path(tmp))))
            except subprocess.CalledProcessError as e:
                print(
                    f"relations_speed: cannot read {args.before}: {e.stderr.strip()}",
                    file=sys.stderr,
                )
                return 2
        print(f"{'article':<22}{'chars':>8}{'stmts':>7}  {'engine':<9}"
              f"{'relations ms':>13}{'signals ms':>12}{'relations':>11}{'contra':>8}")  # fmt: skip
        for name, text in articles:
            a = analyze(text)
            for label, mod in engines:
                rel_fn = mod.relations if mod else relations
                sig_fn = mod.source_signals if mod else source_signals
                rel_fn(a)  # lexicons and caches load outside the timing
                rel_ms, rels = best_ms(rel_fn, a, args.repeat)
                sig_ms, _ = best_ms(sig_fn, a, args.repeat)
                contra = sum(1 for r in rels if r.relation == "contradicting")
                print(f"{name:<22}{len(text):>8}{len(a.statements):>7}  {label:<9}"
                      f"{rel_ms:>13.0f}{sig_ms:>12.0f}{len(rels):>11}{contra:>8}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
