"""`reader outlets [SITE]`: how each outlet sources its stories (reader.library.outlets), as a
table or as JSON with the articles and statements behind every figure. Registered by reader.cli,
whose error handling it shares (an unknown outlet is a ReaderError: one line, exit 2)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from reader.library.outlets import (
    FIGURES,
    MIN_ARTICLES,
    MIN_STATEMENTS,
    SHARES,
    OutletProfile,
    figure_text,
    outlet_profiles,
)

COLUMNS = ("per_article", *SHARES)
HEADS = {
    "per_article": "St/art",
    "named": "Named",
    "anonymous": "Anon.",
    "direct": "Verbatim",
    "hedged": "Hedged",
    "doubtful": "Doubtful",
}


def add_outlets_parser(sub: Any, data_dir_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """`reader outlets`, under the CLI's subparsers `sub`."""
    o = sub.add_parser("outlets", help="how each outlet (feed or site) sources its stories")
    o.add_argument("outlet", nargs="?", metavar="SITE", help="one outlet: its site, name or key")
    o.add_argument("--format", choices=("json", "text"), default="text")
    data_dir_arg(o)


def run_outlets(args: argparse.Namespace, library: Callable[[argparse.Namespace], Any]) -> int:
    lib = library(args)
    profiles = outlet_profiles(lib.location, args.outlet)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "min_articles": MIN_ARTICLES,
                    "min_statements": MIN_STATEMENTS,
                    "outlets": [p.to_json() for p in profiles],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not profiles:
        print("No outlets yet: articles imported from a web address or a feed have one.")
    elif args.outlet:
        for p in profiles:
            print("\n".join(describe(p)))
    else:
        print("\n".join(table(profiles)))
    return 0


def table(profiles: list[OutletProfile]) -> list[str]:
    lines = [
        f"{'Outlet':<28} {'Art.':>5} {'St.':>6} " + " ".join(f"{HEADS[c]:>8}" for c in COLUMNS)
    ]
    for p in profiles:
        head = f"{_short(p.name, 28):<28} {len(p.articles):>5} {len(p.statements):>6} "
        figs = [p.figures[c] for c in COLUMNS]
        if all(f.value is None for f in figs):
            lines.append(head + (figs[0].too_few or "–"))
            continue
        cells = [f"{figure_text(f):>8}" for f in figs[:1]]
        if all(f.value is None for f in figs[1:]):
            cells.append(figs[1].too_few or "–")
        else:
            cells += [f"{figure_text(f):>8}" for f in figs[1:]]
        lines.append(head + " ".join(cells))
    return lines


def describe(p: OutletProfile) -> list[str]:
    """One outlet in full: its figures with their counts, top sources and months."""
    lines = [f"{p.name}  ({p.key}; {len(p.articles)} articles, {len(p.statements)} statements)"]
    for name, f in p.figures.items():
        counts = (
            f"{f.count} statements in {f.total} articles"
            if name == "per_article"
            else f"{f.count} of {f.total} statements"
        )
        lines.append(f"  {FIGURES[name]:<24} {figure_text(f):>8}   ({counts})")
    if p.top_sources:
        lines.append("  Quoted most:")
        for s in p.top_sources:
            lines.append(
                f"    {_short(s.name, 40):<40} {len(s.statements):>4} st. in {len(s.articles)} art."
            )
    lines.append("  By month:" + " " * 13 + " ".join(f"{HEADS[c]:>8}" for c in COLUMNS))
    for month, period in p.months.items():
        figs = " ".join(f"{figure_text(period.figures[c]):>8}" for c in COLUMNS)
        if all(period.figures[c].value is None for c in COLUMNS):
            figs = period.figures["per_article"].too_few or "–"
        lines.append(f"    {month}  {len(period.articles):>4} art.  {figs}")
    return lines


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
