"""Precision and recall of the relations between statements, on hand-made pairs.

    .venv/bin/python benchmarks/relations_eval.py [--pairs tests/analysis/relation_pairs.tsv]
                                                  [--show] [--check]

Each pair becomes a two-sentence article ("Anna Berg said that FIRST. Carl Dunn VERB that
SECOND.") with one statement per source, run through `reader.analysis.relations`. A pair with no
relation is "unrelated"; "corroborating" counts as "related". Prints precision, recall and F1 per
relation and the confusion table; --show lists the pairs it gets wrong; --check exits 1 when
contradicting precision is below 0.9 (the target of issue 12).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.analysis.model import Analysis, Source, Statement
from reader.analysis.relations import relations

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAIRS = REPO / "tests" / "analysis" / "relation_pairs.tsv"
LABELS = ("contradicting", "related", "unrelated")
PRECISION_TARGET = 0.9  # contradicting


@dataclass(frozen=True)
class Pair:
    label: str
    cue: str
    first: str
    second: str


def load_pairs(path: Path = DEFAULT_PAIRS) -> list[Pair]:
    """The pairs of a tab-separated file (label, cue of the second statement, first, second)."""
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 4 or cols[0] not in LABELS:
            raise ValueError(f"{path.name} line {n}: expected 'label<TAB>cue<TAB>first<TAB>second'")
        out.append(Pair(*cols))
    return out


def pair_analysis(pair: Pair) -> Analysis:
    """A two-source article holding the pair, with offsets as the engine would give them."""
    one, two = "Anna Berg", "Carl Dunn"
    head = f"{one} said that "
    mid = f". {two} {pair.cue} that "
    text = head + pair.first + mid + pair.second + "."
    a0 = len(head)
    b0 = a0 + len(pair.first) + len(mid)
    cue0 = a0 + len(pair.first) + len(f". {two} ")
    sources = (
        Source("s1", one, "person", mentions=((0, len(one)),)),
        Source("s2", two, "person", mentions=((a0 + len(pair.first) + 2, cue0 - 1),)),
    )
    statements = (
        Statement("st1", "s1", "indirect", ((a0, a0 + len(pair.first)),), cue=(10, 14)),
        Statement(
            "st2",
            "s2",
            "indirect",
            ((b0, b0 + len(pair.second)),),
            cue=(cue0, cue0 + len(pair.cue)),
            cue_text=pair.cue,
        ),
    )
    return Analysis(text=text, sources=sources, statements=statements)


def predict(pair: Pair) -> str:
    """The relation the engine finds between the two statements."""
    rels = [r for r in relations(pair_analysis(pair)) if r.statement == "st1"]
    if not rels:
        return "unrelated"
    return "related" if rels[0].relation == "corroborating" else rels[0].relation


def scores(pairs: list[Pair]) -> tuple[dict[str, tuple[float, float, float]], list[tuple]]:
    """label → (precision, recall, F1), and (pair, predicted) for every pair."""
    results = [(p, predict(p)) for p in pairs]
    out = {}
    for label in LABELS:
        tp = sum(1 for p, g in results if g == label and p.label == label)
        predicted = sum(1 for _, g in results if g == label)
        gold = sum(1 for p, _ in results if p.label == label)
        prec = tp / predicted if predicted else 1.0
        rec = tp / gold if gold else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = (prec, rec, f1)
    return out, results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    ap.add_argument("--show", action="store_true", help="list the pairs it gets wrong")
    ap.add_argument("--check", action="store_true", help="exit 1 below the precision target")
    args = ap.parse_args()
    try:
        pairs = load_pairs(args.pairs)
    except (OSError, ValueError) as e:
        print(f"relations_eval: {e}", file=sys.stderr)
        return 2
    table, results = scores(pairs)
    print(f"{len(pairs)} pairs from {args.pairs.name}")
    print(f"{'relation':<15}{'gold':>6}{'found':>7}{'precision':>11}{'recall':>8}{'F1':>7}")
    for label in LABELS:
        prec, rec, f1 = table[label]
        gold = sum(1 for p in pairs if p.label == label)
        found = sum(1 for _, g in results if g == label)
        print(f"{label:<15}{gold:>6}{found:>7}{prec:>11.2f}{rec:>8.2f}{f1:>7.2f}")
    print("\nconfusion (rows gold, columns found):")
    print(" " * 15 + "".join(f"{lab[:10]:>12}" for lab in LABELS))
    for gold_label in LABELS:
        row = [sum(1 for p, g in results if p.label == gold_label and g == lab) for lab in LABELS]
        print(f"{gold_label:<15}" + "".join(f"{n:>12}" for n in row))
    if args.show:
        print("\nwrong:")
        for p, g in results:
            if g != p.label:
                print(f"  {p.label} → {g}: {p.first!r} / {p.cue}: {p.second!r}")
    if args.check and table["contradicting"][0] < PRECISION_TARGET:
        print(f"contradicting precision below {PRECISION_TARGET}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
