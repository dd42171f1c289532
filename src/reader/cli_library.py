"""`reader library copy --from URL --to URL`: copy a whole library to another place (SQLite ↔
PostgreSQL, reader.library.copying), progress on stderr, the rows of each table on stdout.
Registered by reader.cli, whose error handling it shares (a refused or failed copy is a
ReaderError: one line on stderr, exit 2)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_library_parser(sub: Any) -> None:
    """`reader library …`, under the CLI's subparsers `sub`."""
    lib = sub.add_parser("library", help="work on a whole library (copy it elsewhere)")
    actions = lib.add_subparsers(dest="library_command", required=True)
    c = actions.add_parser(
        "copy",
        help="copy a whole library into a new, empty one (SQLite ↔ PostgreSQL)",
        description="Copy every article, analysis, highlight, note, rating, correction, feed "
        "and PDF of one library into another, empty one (created and migrated first), and "
        "check each table's row count. URLs: postgresql://user@host/dbname, "
        "sqlite:///path/library.sqlite3, or a library file's path.",
    )
    c.add_argument("--from", dest="source", required=True, metavar="URL", help="the library")
    c.add_argument("--to", dest="target", required=True, metavar="URL", help="an empty library")
    c.add_argument(
        "--member",
        dest="members",
        action="append",
        default=[],
        type=_rename,
        metavar="OLD=NEW",
        help="who made the rows, renamed on the way (repeatable): a library file's user is "
        "their login or Preferences name, in a team library their database role",
    )


def _rename(value: str) -> tuple[str, str]:
    old, sep, new = value.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise argparse.ArgumentTypeError(f"expected OLD=NEW, got {value!r}")
    return old.strip(), new.strip()


def run_library(args: argparse.Namespace) -> int:
    from reader.library.copying import copy_library

    def progress(line: str) -> None:
        print(f"reader: {line}", file=sys.stderr, flush=True)

    report = copy_library(args.source, args.target, progress=progress, members=dict(args.members))
    width = max((len(name) for name in report.counts), default=5)
    print(f"Copied {report.source} → {report.target} in {report.seconds:.1f} s:")
    for name, rows in report.counts.items():
        print(f"  {name:<{width}}  {rows:>9,}")
    print(f"  {'total':<{width}}  {sum(report.counts.values()):>9,} rows, counts checked")
    return 0
