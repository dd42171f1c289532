"""`reader feeds …`: subscribe, list, refresh, read and open entries, OPML import and export,
over reader.library.feeds. Registered by reader.cli, whose error handling it shares: a command
that cannot do what was asked raises a ReaderError (one line on stderr, non-zero exit)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

MAX_ID = 2**63 - 1


def _feed_id(value: str) -> str:
    """A feed's id or address (checked against the library when the command runs)."""
    value = value.strip()
    if value.isascii() and value.isdigit() and not 1 <= int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{value} is not a feed id")
    return value


def _entry_id(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_ID):
        raise argparse.ArgumentTypeError(f"must be an entry id (a whole number), not {value!r}")
    return int(value)


def _pick(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 1000):
        raise argparse.ArgumentTypeError(f"must be a number from the list, not {value!r}")
    return int(value)


def add_feeds_parser(sub: Any, data_dir_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """`reader feeds` and its subcommands, under the CLI's subparsers `sub`."""
    f = sub.add_parser(
        "feeds", help="subscribe to news feeds (RSS, Atom, JSON Feed) and refresh them"
    )
    data_dir_arg(f)
    fs = f.add_subparsers(dest="feeds_command", required=True, metavar="COMMAND")

    a = fs.add_parser("add", help="subscribe to a feed, or to the feed a web page names")
    a.add_argument("url", metavar="URL")
    a.add_argument("--folder", help='the folder to put it in ("News/World")')
    a.add_argument(
        "--pick", type=_pick, metavar="N", help="the Nth feed, when a page names several"
    )
    data_dir_arg(a)

    ls = fs.add_parser("list", help="the subscriptions, with unread counts and errors")
    ls.add_argument("--format", choices=("json", "text"), default="text")
    data_dir_arg(ls)

    r = fs.add_parser("refresh", help="fetch every feed's new entries")
    r.add_argument("--force", action="store_true", help="also feeds that failed lately")
    data_dir_arg(r)

    e = fs.add_parser("entries", help="a feed's entries (all feeds' without FEED)")
    e.add_argument("feed", nargs="?", type=_feed_id, metavar="FEED")
    e.add_argument("--unread", action="store_true", help="only the unread ones")
    e.add_argument("--format", choices=("json", "text"), default="text")
    data_dir_arg(e)

    rd = fs.add_parser("read", help="mark entries read (--unread: unread)")
    rd.add_argument("entries", nargs="+", type=_entry_id, metavar="ENTRY")
    rd.add_argument("--unread", action="store_true")
    data_dir_arg(rd)

    o = fs.add_parser("open", help="import an entry's article into the library; prints its id")
    o.add_argument("entry", type=_entry_id, metavar="ENTRY")
    data_dir_arg(o)

    rm = fs.add_parser("remove", help="unsubscribe (the articles imported stay)")
    rm.add_argument("feed", type=_feed_id, metavar="FEED")
    data_dir_arg(rm)

    im = fs.add_parser("import", help="subscribe to the feeds of an OPML file")
    im.add_argument("file", type=Path, metavar="FILE.opml")
    data_dir_arg(im)

    ex = fs.add_parser("export", help="write the subscriptions to an OPML file")
    ex.add_argument("file", type=Path, metavar="FILE.opml")
    data_dir_arg(ex)


def run_feeds(args: argparse.Namespace, library: Callable[[argparse.Namespace], Any]) -> int:
    """Run `reader feeds <command>` on the library that `library(args)` opens."""
    from reader.library import feeds as ops

    lib = library(args)
    command = args.feeds_command
    if command == "add":
        return _add(lib, args)
    if command == "list":
        return _list(ops.feeds(lib), args.format)
    if command == "refresh":
        return _refresh(lib, args)
    if command == "entries":
        feed_id = None if args.feed is None else _find(lib, args.feed)
        rows = ops.entries(lib, feed_id, unread_only=args.unread)
        if args.format == "json":
            print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        else:
            for r in rows:
                mark = " " if r.read else "•"
                print(f"{r.id:>6} {mark} {(r.published or '')[:10]:<10}  {r.title[:70]}")
        return 0
    if command == "read":
        ops.mark_read(lib, args.entries, read=not args.unread)
        return 0
    if command == "open":
        print(ops.open_entry(lib, args.entry))
        return 0
    if command == "remove":
        ops.remove_feed(lib, _find(lib, args.feed))
        return 0
    if command == "import":
        added, already = ops.import_opml(lib, args.file)
        print(
            f"added {added} feeds ({already} already subscribed); `reader feeds refresh` reads them"
        )
        return 0
    if command == "export":
        n = ops.export_opml(lib, args.file)
        print(f"wrote {n} feeds to {args.file}")
        return 0
    raise ReaderError(f"unknown feeds command {command}")  # argparse allows no other


def _find(lib: Any, ref: str) -> int:
    from reader.feeds.storage import find_feed

    return find_feed(lib.db, ref)


def _add(lib: Any, args: argparse.Namespace) -> int:
    from reader.library import feeds as ops

    def choose(links):
        if args.pick is None:
            return None
        if args.pick > len(links):
            raise ReaderError(f"--pick {args.pick}: the page names only {len(links)} feeds")
        return links[args.pick - 1]

    try:
        added = ops.add_feed(lib, args.url, folder=args.folder, choose=choose)
    except ops.SeveralFeeds as exc:
        for n, link in enumerate(exc.links, 1):
            print(f"{n:>3}  {link.kind:<9}  {link.title or '(untitled)'}  {link.url}")
        raise ReaderError(f"{exc}: add it again with --pick N (listed above)") from None
    state = "subscribed to" if added.new else "already subscribed to"
    print(f"{added.feed_id}\t{state} {added.title} ({_count(added.entries, 'new entry')})")
    return 0


def _list(rows: list, fmt: str) -> int:
    if fmt == "json":
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        where = f"{r.folder}/" if r.folder else ""
        line = f"{r.id:>4}  {r.unread:>4}/{r.entries:<5} {where}{r.title or r.url}"
        print(line + (f"  — error: {r.error}" if r.error else ""))
    return 0


def _refresh(lib: Any, args: argparse.Namespace) -> int:
    from reader.library import feeds as ops

    def progress(done: int, total: int, _outcome: object) -> None:
        if sys.stderr.isatty():
            print(f"\rrefreshing {done}/{total}", end="", file=sys.stderr, flush=True)

    report = ops.refresh(lib, force=args.force, on_progress=progress)
    if sys.stderr.isatty() and report.total:
        print(file=sys.stderr)
    for url, error in report.failed:
        print(f"reader: {url}: {error}", file=sys.stderr)
    skipped = f", {report.skipped} waiting after failures" if report.skipped else ""
    print(
        f"refreshed {_count(report.total, 'feed')} in {report.seconds:.1f} s: "
        f"{_count(report.new_entries, 'new entry')}, {report.not_modified} not modified, "
        f"{len(report.failed)} failed{skipped}"
    )
    return 0


def _count(n: int, noun: str) -> str:
    """ "1 new entry", "3 new entries", "1 feed", "2 feeds"."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
