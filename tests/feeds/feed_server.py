"""A real HTTP server on 127.0.0.1 for the feed tests: routes of (status, headers, body) that a
test sets, ETag and Last-Modified honoured with 304 answers, a delay per request, a streamed
answer of any size, and a count of the requests and of the connections open at once."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    stream_bytes: int = 0  # > 0: stream this many bytes of filler, no Content-Length


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.open_now = 0
        self.most_open = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection, as urllib does

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._enter()
                try:
                    server._answer(self)
                finally:
                    server._leave()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def hits(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [h for p, h in self.requests if p == path]

    def _enter(self) -> None:
        with self._lock:
            self.open_now += 1
            self.most_open = max(self.most_open, self.open_now)

    def _leave(self) -> None:
        with self._lock:
            self.open_now -= 1

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((path, dict(h.headers.items())))
        route = self.routes.get(path)
        if route is None:
            route = Route(b"no such page", status=404, content_type="text/plain")
        if route.delay:
            time.sleep(route.delay)
        if (route.etag and h.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and h.headers.get("If-Modified-Since") == route.last_modified
        ):
            h.send_response(304)
            h.end_headers()
            return
        h.send_response(route.status)
        h.send_header("Content-Type", route.content_type)
        if route.etag:
            h.send_header("ETag", route.etag)
        if route.last_modified:
            h.send_header("Last-Modified", route.last_modified)
        for k, v in route.headers.items():
            h.send_header(k, v)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if route.stream_bytes:
                h.end_headers()
                chunk = b"<item><title>filler</title></item>\n" * 1800  # ~64 KB
                sent = 0
                while sent < route.stream_bytes:
                    h.wfile.write(chunk)
                    sent += len(chunk)
                return
            if "Content-Length" not in route.headers:
                h.send_header("Content-Length", str(len(route.body)))
            h.end_headers()
            h.wfile.write(route.body)


def rss(title: str, items: list[dict[str, str]], *, version: str = "2.0", link: str = "/") -> bytes:
    """An RSS 2.0 (or 0.91/0.92) document; each item a dict of its elements (raw XML text)."""
    parts = [f"<{k}>{v}</{k}>" for item in items for k, v in [("item", _elements(item))]]
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="{version}"><channel>'
        f"<title>{title}</title><link>{link}</link><description>d</description>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


def _elements(item: dict[str, str]) -> str:
    return "".join(f"<{k}>{v}</{k}>" for k, v in item.items())
