"""`reader` on the command line: with a subcommand it is the CLI over library.py, without one it
starts the window. Errors are one line on stderr and a non-zero exit; never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.errors import ReaderError, log_exception

SUBCOMMANDS = {"analyze", "import", "list", "search", "sources", "export"}
EXIT_ERROR = 2


def _data_dir_arg(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # SUPPRESS on subparsers, so `reader --data-dir D list` is not reset by the subparser's default
    p.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="library folder (default: $READER_DATA_DIR or the platform's user data folder)",
    )


def build_cli_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reader", description="Who is speaking in a news article.")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    _data_dir_arg(p, default=None)
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="print the attribution analysis of articles as JSON")
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument("--format", choices=("json", "jsonl"), default="json")
    a.add_argument("--no-text", action="store_true", help="omit the text of .txt input")
    _data_dir_arg(a)

    i = sub.add_parser("import", help="add files or URLs to the library; prints their ids")
    i.add_argument("paths", nargs="+", metavar="PATH|URL")
    _data_dir_arg(i)

    ls = sub.add_parser("list", help="list the library's articles")
    ls.add_argument("--format", choices=("json", "text"), default="text")
    _data_dir_arg(ls)

    se = sub.add_parser("search", help="full-text search over articles, statements, sources, notes")
    se.add_argument("query")
    se.add_argument("--format", choices=("json", "text"), default="text")
    se.add_argument("--limit", type=int, default=50)
    _data_dir_arg(se)

    so = sub.add_parser("sources", help="list the library's sources with their signals")
    so.add_argument("--format", choices=("json", "text"), default="text")
    _data_dir_arg(so)

    ex = sub.add_parser("export", help="export an article with its annotations")
    ex.add_argument("article", metavar="PATH|ID")
    ex.add_argument("--pdf", type=Path, metavar="OUT.pdf")
    ex.add_argument("--paper", choices=("a4", "letter"), default=None)
    ex.add_argument("--no-claims", action="store_true", help="leave claims unshaded in the PDF")
    ex.add_argument("--annotations-json", type=Path, metavar="FILE")
    ex.add_argument("--markdown", type=Path, metavar="FILE")
    _data_dir_arg(ex)
    return p


def build_gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader",
        description="Open the reader window. Subcommands: " + ", ".join(sorted(SUBCOMMANDS)),
    )
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    _data_dir_arg(p, default=None)
    p.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="save a PNG of the window and exit"
    )
    p.add_argument("path", nargs="?", help="a file or URL to open")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = _first_positional(args_list)
    if first in SUBCOMMANDS and not Path(first).exists():
        return run_cli(args_list)
    args = build_gui_parser().parse_args(args_list)
    from reader.ui.app import run_gui

    return run_gui(
        data_dir=_resolve_data_dir(args.data_dir), path=args.path, screenshot=args.screenshot
    )


def _first_positional(args: list[str]) -> str | None:
    """The first word that is not an option or an option's value (`reader --data-dir D list`)."""
    skip = False
    for a in args:
        if skip:
            skip = False
        elif a in ("--data-dir", "--screenshot"):
            skip = True
        elif not a.startswith("-"):
            return a
    return None


def _resolve_data_dir(value: Path | None) -> Path | None:
    if value is not None:
        return value
    env = os.environ.get("READER_DATA_DIR")
    return Path(env) if env else None


def run_cli(argv: list[str]) -> int:
    args = build_cli_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback to the log file
        log = log_exception(exc)
        print(f"reader: internal error: {exc} (details in {log})", file=sys.stderr)
        return EXIT_ERROR


def _library(args: argparse.Namespace):
    from reader.library import Library

    lib = Library(_resolve_data_dir(args.data_dir))
    if lib.warning:
        print(f"reader: warning: {lib.warning}", file=sys.stderr)
    return lib


def cmd_analyze(args: argparse.Namespace) -> int:
    from reader.analysis import analyze
    from reader.analysis.serialize import to_contract
    from reader.ingest import read_path

    failed = False
    for path in args.paths:
        try:
            doc = read_path(path)
            result = analyze(doc.text, title=doc.title)
            is_txt = Path(path).suffix.lower() in (".txt", ".text", "")
            obj = to_contract(result, path, include_text=not (args.no_text and is_txt))
        except ReaderError as exc:
            failed = True
            if args.format == "jsonl":
                print(json.dumps({"path": path, "error": str(exc)}, ensure_ascii=False), flush=True)
                print(f"reader: {exc}", file=sys.stderr)
                continue
            print(f"reader: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if args.format == "jsonl":
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            print(json.dumps(obj, ensure_ascii=False, indent=2))
    return EXIT_ERROR if failed else 0


def cmd_import(args: argparse.Namespace) -> int:
    lib = _library(args)
    failed = False
    for path in args.paths:
        try:
            print(lib.import_path(path), flush=True)
        except ReaderError as exc:
            failed = True
            print(f"reader: {exc}", file=sys.stderr)
    return EXIT_ERROR if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    lib = _library(args)
    rows = lib.articles()
    if args.format == "json":
        print(json.dumps([_article_json(a) for a in rows], ensure_ascii=False, indent=2))
    else:
        for a in rows:
            print(f"{a.id:>5}  {a.title[:70]:<70}  {a.site or a.origin_kind}")
    return 0


def _article_json(a) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "origin": a.origin,
        "site": a.site,
        "author": a.author,
        "published": a.published,
        "added": a.added_at.isoformat(timespec="seconds"),
        "sources": a.sources,
        "notes": a.notes,
    }


def cmd_search(args: argparse.Namespace) -> int:
    lib = _library(args)
    hits = lib.search(args.query, limit=args.limit)
    if args.format == "json":
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
    else:
        for h in hits:
            print(f"{h.article_id:>5}  {h.field:<10} {h.snippet}")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    lib = _library(args)
    rows = lib.library_sources()
    if args.format == "json":
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(f"{r.name[:40]:<40} {r.kind:<12} {r.articles:>3} art. {r.statements:>4} st.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    lib = _library(args)
    article_id = lib.find_article(args.article)
    if not (args.pdf or args.annotations_json or args.markdown):
        print(
            "reader: say what to export: --pdf, --annotations-json or --markdown", file=sys.stderr
        )
        return EXIT_ERROR
    if args.annotations_json:
        lib.export_annotations_json(article_id, args.annotations_json)
    if args.markdown:
        lib.export_markdown(article_id, args.markdown)
    if args.pdf:
        lib.export_pdf(article_id, args.pdf, paper=args.paper, claims=not args.no_claims)
    return 0


COMMANDS = {
    "analyze": cmd_analyze,
    "import": cmd_import,
    "list": cmd_list,
    "search": cmd_search,
    "sources": cmd_sources,
    "export": cmd_export,
}
