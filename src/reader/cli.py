"""`reader` on the command line: with a subcommand it is the CLI over library.py, without one it
starts the window. Errors are one line on stderr and a non-zero exit; never a traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader import __version__
from reader.errors import ReaderError, log_exception

SUBCOMMANDS = {
    "analyze",
    "import",
    "list",
    "search",
    "sources",
    "export",
    "feeds",
    "outlets",
    "library",
}
EXIT_ERROR = 2
MAX_ID = 2**63 - 1  # SQLite's largest INTEGER: a larger id cannot name any article
MAX_LIMIT = 100_000

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line (the usage itself is in --help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _limit(value: str) -> int:
    """--limit: a whole number of hits, small enough to mean something."""
    if not re.fullmatch(r"[0-9]+", value.strip()) or not 1 <= int(value) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 1 to {MAX_LIMIT:,}, not {value!r}"
        )
    return int(value)


def _article_ref(value: str) -> str:
    """An article id or a path. Ids are checked here so that one too large for SQLite, or a
    negative one, is a usage error and not a failed query."""
    is_number = re.fullmatch(r"-?[0-9]+", value) is not None
    if is_number and (value.startswith("-") or int(value) > MAX_ID) and not Path(value).exists():
        raise argparse.ArgumentTypeError(
            f"{_short(value)} is not an article id (ids are whole numbers from 1 to {MAX_ID})"
        )
    return value


def _database(value: str) -> str:
    """--database: a postgresql:// URL or a library file, checked before anything opens (the
    message never repeats the value: it may hold a password)."""
    from reader.store.location import BadLocationError, parse_location

    try:
        parse_location(value)
    except BadLocationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _data_dir_arg(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """--data-dir and --database, on the program and on every command."""
    # SUPPRESS on subparsers, so `reader --data-dir D list` is not reset by the subparser's default
    p.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="library folder (default: $READER_DATA_DIR or the platform's user data folder)",
    )
    p.add_argument(
        "--database",
        metavar="URL",
        type=_database,
        default=default,
        help="the library's database: postgresql://user@host/dbname for a team library, or a "
        "SQLite file (default: $READER_DATABASE_URL, else the library folder's file)",
    )


def _password_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password", metavar="PASSWORD", help="the password of encrypted PDF files")


def build_cli_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="Who is speaking in a news article.")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    _data_dir_arg(p, default=None)
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="print the attribution analysis of articles as JSON")
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument("--format", choices=("json", "jsonl"), default="json")
    a.add_argument("--no-text", action="store_true", help="omit the text of .txt input")
    _password_arg(a)
    _data_dir_arg(a)

    i = sub.add_parser("import", help="add files or URLs to the library; prints their ids")
    i.add_argument("paths", nargs="+", metavar="PATH|URL")
    _password_arg(i)
    _data_dir_arg(i)

    ls = sub.add_parser("list", help="list the library's articles")
    ls.add_argument("--format", choices=("json", "text"), default="text")
    _data_dir_arg(ls)

    se = sub.add_parser("search", help="full-text search over articles, statements, sources, notes")
    se.add_argument("query")
    se.add_argument("--format", choices=("json", "text"), default="text")
    se.add_argument(
        "--limit", type=_limit, default=50, help=f"at most this many (1 to {MAX_LIMIT:,})"
    )
    _data_dir_arg(se)

    so = sub.add_parser("sources", help="list the library's sources with their signals")
    so.add_argument("--format", choices=("json", "text"), default="text")
    _data_dir_arg(so)

    ex = sub.add_parser("export", help="export an article with its annotations")
    ex.add_argument("article", type=_article_ref, metavar="PATH|ID")
    ex.add_argument("--pdf", type=Path, metavar="OUT.pdf")
    ex.add_argument("--paper", choices=("a4", "letter"), default=None)
    ex.add_argument("--no-claims", action="store_true", help="leave claims unshaded in the PDF")
    ex.add_argument(
        "--typeset", action="store_true", help="a PDF article: the typeset export, not its original"
    )
    ex.add_argument(
        "--no-appendix", action="store_true", help="into the original: add no pages, only notes"
    )
    ex.add_argument("--annotations-json", type=Path, metavar="FILE")
    ex.add_argument("--markdown", type=Path, metavar="FILE")
    _password_arg(ex)  # into an encrypted original: written locked with the same password
    _data_dir_arg(ex)

    from reader.cli_feeds import add_feeds_parser  # `reader feeds …` (cli_feeds.py)

    add_feeds_parser(sub, _data_dir_arg)
    from reader.cli_outlets import add_outlets_parser  # `reader outlets` (cli_outlets.py)

    add_outlets_parser(sub, _data_dir_arg)
    from reader.cli_library import add_library_parser  # `reader library copy` (cli_library.py)

    add_library_parser(sub)
    return p


def build_gui_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="reader",
        description="Open the reader window. Subcommands: " + ", ".join(sorted(SUBCOMMANDS)),
    )
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    _data_dir_arg(p, default=None)
    p.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="save a PNG of the window and exit"
    )
    p.add_argument("path", nargs="?", help="a file or URL to open")
    _password_arg(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if argv is None:  # the program itself, not a test calling main([...])
        from reader.logs import setup_logging

        setup_logging()  # the window's and the CLI's records, rotated (reader.logs)
    # a subcommand's name is the subcommand even when a file of that name is in the folder:
    # `reader ./list` (or `reader -- list`) opens such a file
    if _first_positional(args_list) in SUBCOMMANDS:
        return run_cli(args_list)
    args = build_gui_parser().parse_args(args_list)
    from reader.ui.app import run_gui

    return run_gui(
        data_dir=_resolve_data_dir(args.data_dir),
        database=args.database,
        path=args.path,
        screenshot=args.screenshot,
        password=args.password,
    )


def _first_positional(args: list[str]) -> str | None:
    """The first word that is not an option or an option's value (`reader --data-dir D list`);
    None after `--`, which makes the words after it paths."""
    skip = False
    for a in args:
        if skip:
            skip = False
        elif a == "--":
            return None
        elif a in ("--data-dir", "--database", "--screenshot", "--password"):
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
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reader list | head`: the reader of our output has gone
        _silence_stdout()
        return 0
    except OSError as exc:  # the system refused (disk full, permissions): not a bug of ours
        log.info("%s failed", args.command, exc_info=exc)
        return _fail(_os_error_text(exc))
    except _database_errors() as exc:  # a library file the store could not use
        path = log_exception(exc)
        text = _database_error_text(exc)
        return _fail(f"the library could not be used: {text} (details in {path})")
    except Exception as exc:  # a bug: one line for the user, the traceback to the log file
        path = log_exception(exc)
        return _fail(f"internal error: {_first_line(str(exc))} (details in {path})")


def _fail(message: str) -> int:
    print(f"reader: {_first_line(message)}", file=sys.stderr)
    return EXIT_ERROR


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "(no message)"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail once more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests)
        pass


def _os_error_text(exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _database_errors() -> tuple[type[Exception], ...]:
    """sqlite3's errors, and SQLAlchemy's and psycopg's when they were loaded (the `except`
    asks only when an error is on its way, so the CLI does not import them for nothing)."""
    import sqlite3

    kinds: list[type[Exception]] = [sqlite3.Error]
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import SQLAlchemyError

        kinds.append(SQLAlchemyError)
    if "psycopg" in sys.modules:
        import psycopg

        kinds.append(psycopg.Error)
    return tuple(kinds)


def _database_error_text(exc: Exception) -> str:
    """SQLite's own words, without the SQL statement SQLAlchemy appends to its message."""
    orig = getattr(exc, "orig", None)  # a DBAPIError wraps the sqlite3 error
    return _first_line(str(orig if orig is not None else exc))


def _library(args: argparse.Namespace):
    from reader.library import Library

    lib = Library(_resolve_data_dir(args.data_dir), database=getattr(args, "database", None))
    if lib.warning:
        print(f"reader: warning: {lib.warning}", file=sys.stderr)
    return lib


def cmd_analyze(args: argparse.Namespace) -> int:
    from reader.analysis import analyze
    from reader.analysis.serialize import to_contract
    from reader.ingest import read_address

    failed = False
    for path in args.paths:
        try:
            # a local file or a web address, told apart in one place
            doc = read_address(path, password=args.password)
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
            print(lib.import_path(path, password=args.password), flush=True)
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
    if not (args.pdf or args.annotations_json or args.markdown):
        return _fail("say what to export: --pdf, --annotations-json or --markdown")
    lib = _library(args)
    ref = args.article
    article_id = lib.find_article(int(ref) if ref.isascii() and ref.isdigit() else ref)
    if args.annotations_json:
        lib.export_annotations_json(article_id, args.annotations_json)
    if args.markdown:
        lib.export_markdown(article_id, args.markdown)
    if args.pdf:  # an article read from a PDF: into its original, unless --typeset
        from reader.library.pdf_export import export_article_pdf

        export_article_pdf(
            lib,
            article_id,
            args.pdf,
            original=not args.typeset,
            no_appendix=args.no_appendix,
            paper=args.paper,
            claims=not args.no_claims,
            password=args.password,
        )
    return 0


def _run_feeds(args: argparse.Namespace) -> int:
    from reader.cli_feeds import run_feeds  # `reader feeds …` (cli_feeds.py)

    return run_feeds(args, _library)


def _run_outlets(args: argparse.Namespace) -> int:
    from reader.cli_outlets import run_outlets  # `reader outlets` (cli_outlets.py)

    return run_outlets(args, _library)


def _run_library(args: argparse.Namespace) -> int:
    from reader.cli_library import run_library  # `reader library copy` (cli_library.py)

    return run_library(args)


COMMANDS = {
    "analyze": cmd_analyze,
    "import": cmd_import,
    "list": cmd_list,
    "search": cmd_search,
    "sources": cmd_sources,
    "export": cmd_export,
    "feeds": _run_feeds,
    "outlets": _run_outlets,
    "library": _run_library,
}
