"""Feed refresh speed (issue 15): 200 feeds × 50 entries from a local server that answers each
request after 50 ms, refreshed into a real library twice — the first time every feed sends its
entries, the second time nothing is new and every feed answers 304 Not Modified to the
conditional request. The server counts the connections open at once; the CPU time of the
refreshing process is shown beside the wall time (parsing 10,000 entries with feedparser is
most of it, so a busy machine shows here first). Then the queries the
Library panel makes on opening (feeds with unread counts, one feed's entries) over 50,000
entries.

    .venv/bin/python benchmarks/feeds_refresh.py [--feeds 200] [--entries 50] [--latency 0.05]

The server runs in a process of its own (as a real server would), answering /stats with its
counts.

Targets: first refresh ≤ 10 s with ≤ 8 connections at a time; second refresh ≤ 2 s with
conditional requests only; the Library's feed queries ≤ 100 ms with 50,000 entries.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIRST_TARGET_S = 10.0
SECOND_TARGET_S = 2.0
OPEN_TARGET_MS = 100.0
MAX_CONNECTIONS = 8


class Server:
    """Feeds at /f<i>.xml with an ETag; every answer after `latency` seconds."""

    def __init__(self, feeds: int, entries: int, latency: float) -> None:
        self.bodies = {f"/f{i}.xml": _feed(i, entries) for i in range(feeds)}
        self.latency = latency
        self.open_now = self.most_open = self.requests = self.not_modified = 0
        self.body_bytes = 0
        self.lock = threading.Lock()
        srv = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with srv.lock:
                    srv.open_now += 1
                    srv.most_open = max(srv.most_open, srv.open_now)
                    srv.requests += 1
                try:
                    if self.path == "/stats":
                        self._stats()
                        return
                    time.sleep(srv.latency)
                    body = srv.bodies.get(self.path)
                    etag = f'"{self.path}-v1"'
                    if body is None:
                        self.send_error(404)
                    elif self.headers.get("If-None-Match") == etag:
                        with srv.lock:
                            srv.not_modified += 1
                        self.send_response(304)
                        self.end_headers()
                    else:
                        self.send_response(200)
                        self.send_header("Content-Type", "application/rss+xml")
                        self.send_header("ETag", etag)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        with srv.lock:
                            srv.body_bytes += len(body)
                finally:
                    with srv.lock:
                        srv.open_now -= 1

            def _stats(self) -> None:
                with srv.lock:
                    srv.requests -= 1  # not a feed request
                    data = json.dumps(srv.counts()).encode()
                    if "reset" in self.headers.get("X-Stats", ""):
                        srv.most_open = srv.requests = srv.not_modified = srv.body_bytes = 0
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 64

    def counts(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "most_open": self.most_open,
            "not_modified": self.not_modified,
            "body_bytes": self.body_bytes,
        }


def serve(feeds: int, entries: int, latency: float, seconds: float = 300) -> None:
    """The server process: prints its port, serves until stdin closes (or `seconds` pass)."""
    server = Server(feeds, entries, latency)
    threading.Thread(
        target=server.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    print(server.httpd.server_address[1], flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end and sys.stdin.readline():
        pass
    server.httpd.shutdown()


class RemoteServer:
    """The benchmark's handle on the server process."""

    def __init__(self, feeds: int, entries: int, latency: float) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                "--feeds",
                str(feeds),
                "--entries",
                str(entries),
                "--latency",
                str(latency),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stats(self, reset: bool = False) -> dict[str, int]:
        import urllib.request

        req = urllib.request.Request(self.url("/stats"), headers={"X-Stats": "reset" * reset})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def _feed(i: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {j} of outlet {i}: the council votes on the harbour</title>"
        f"<link>http://news{i}.example/story/{j}</link><guid>n{i}-s{j}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 {j % 24:02d}:{j % 60:02d}:00 GMT</pubDate>"
        "<description>&lt;p&gt;The council voted nine to four on Monday to rebuild the "
        "harbour wall, the mayor said. &lt;b&gt;Opponents&lt;/b&gt; said the cost was too "
        "high.&lt;/p&gt;</description></item>"
        for j in range(entries)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Outlet {i}</title><link>http://news{i}.example/</link>"
        f"<description>d</description>{items}</channel></rss>"
    ).encode()


def _fill_entries(lib, total: int) -> None:
    """More entries straight into the store, up to `total` (as if many refreshes had run)."""
    from sqlalchemy import text

    with lib.db.session() as s:
        conn = s.connection()
        have = conn.execute(text("SELECT COUNT(*) FROM feed_entry")).scalar_one()
        feeds = [r[0] for r in conn.execute(text("SELECT id FROM feed"))]
        rows = [
            {
                "f": feeds[n % len(feeds)],
                "g": f"old-{n}",
                "u": f"http://old.example/{n}",
                "t": f"An older story {n}",
                "s": "The minister said the border was calm. " * 3,
                "p": f"2026-10-{1 + n % 28:02d}T10:00:00+00:00",
                "r": n % 3 == 0,
            }
            for n in range(max(0, total - have))
        ]
        conn.execute(
            text(
                "INSERT INTO feed_entry (feed_id, guid, url, title, summary, published, read, "
                "added_at) VALUES (:f, :g, :u, :t, :s, :p, :r, '2026-10-01 00:00:00')"
            ),
            rows,
        )


def _median_ms(fn, runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[runs // 2]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--entries", type=int, default=50)
    p.add_argument("--latency", type=float, default=0.05)
    p.add_argument("--library-entries", type=int, default=50_000)
    p.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve:
        serve(args.feeds, args.entries, args.latency)
        return 0

    from reader.feeds import storage
    from reader.library import Library
    from reader.library import feeds as ops

    server = RemoteServer(args.feeds, args.entries, args.latency)
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp))
        for i in range(args.feeds):
            storage.add_feed(lib.db, server.url(f"/f{i}.xml"))

        cpu = time.process_time()
        first = ops.refresh(lib)
        first_cpu = time.process_time() - cpu
        got = server.stats(reset=True)
        stored = sum(f.entries for f in ops.feeds(lib))
        ok = (
            first.seconds <= FIRST_TARGET_S
            and got["most_open"] <= MAX_CONNECTIONS
            and not first.failed
            and stored == args.feeds * args.entries
        )
        rows.append(
            (
                "first refresh",
                f"{first.seconds:.2f} s",
                f"CPU {first_cpu:.1f} s; {got['requests']} requests, "
                f"{got['most_open']} connections at most, "
                f"{stored:,} entries stored, {got['body_bytes'] / 1e6:.1f} MB, "
                f"{len(first.failed)} failed",
                ok,
            )
        )
        cpu = time.process_time()
        second = ops.refresh(lib)
        second_cpu = time.process_time() - cpu
        got = server.stats()
        ok = (
            second.seconds <= SECOND_TARGET_S
            and got["not_modified"] == got["requests"] == args.feeds
            and got["body_bytes"] == 0
            and got["most_open"] <= MAX_CONNECTIONS
        )
        rows.append(
            (
                "second refresh",
                f"{second.seconds:.2f} s",
                f"CPU {second_cpu:.1f} s; {got['requests']} requests, "
                f"{got['not_modified']} answered 304, "
                f"{got['body_bytes']} body bytes, {got['most_open']} connections at most, "
                f"{second.new_entries} new entries",
                ok,
            )
        )
        _fill_entries(lib, args.library_entries)
        feed_id = ops.feeds(lib)[0].id
        list_ms = _median_ms(lambda: ops.feeds(lib))
        entries_ms = _median_ms(lambda: ops.entries(lib, feed_id))
        total = sum(f.entries for f in ops.feeds(lib))
        n_feed = len(ops.entries(lib, feed_id))
        rows.append(
            (
                "feeds with unread counts",
                f"{list_ms:.1f} ms",
                f"{len(ops.feeds(lib))} feeds over {total:,} entries (median of 9)",
                list_ms <= OPEN_TARGET_MS,
            )
        )
        rows.append(
            (
                "one feed's entries",
                f"{entries_ms:.1f} ms",
                f"{n_feed} entries of one feed among {total:,} (median of 9)",
                entries_ms <= OPEN_TARGET_MS,
            )
        )
        lib.close()
    server.stop()

    print(
        f"Feed refresh: {args.feeds} feeds × {args.entries} entries, "
        f"{args.latency * 1000:.0f} ms latency per request "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    width = max(len(r[0]) for r in rows)
    for name, value, detail, ok in rows:
        print(f"  {name:<{width}}  {value:>9}  {'ok ' if ok else 'OVER'}  {detail}")
    print(
        f"targets: first ≤ {FIRST_TARGET_S:g} s with ≤ {MAX_CONNECTIONS} connections, "
        f"second ≤ {SECOND_TARGET_S:g} s with 304s only, queries ≤ {OPEN_TARGET_MS:g} ms"
    )
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
