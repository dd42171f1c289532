"""A real HTTP server on 127.0.0.1 serving news pages, errors, redirects and non-HTML types."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

PAGES = Path(__file__).parent / "pages"


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    harbour = (PAGES / "harbour-council.html").read_bytes()
    metro = (PAGES / "metro-strike-cp1251.html").read_bytes()
    return {
        "/news/harbour": (200, {"Content-Type": "text/html; charset=utf-8"}, harbour),
        # no charset in the header: the page's <meta> says windows-1251
        "/news/metro": (200, {"Content-Type": "text/html"}, metro),
        "/notes.txt": (
            200,
            {"Content-Type": "text/plain; charset=utf-8"},
            b"Council meeting notes\n\nThe vote was nine to four.\n",
        ),
        "/controls.txt": (
            200,
            {"Content-Type": "text/plain; charset=utf-8"},
            b"Council notes\n\nThe vote\x00 was nine\x02 to four.\x1b\n",
        ),
        "/empty": (200, {"Content-Type": "text/html"}, b""),
        "/nav-only": (
            200,
            {"Content-Type": "text/html"},
            b"<html><body><nav><a href=/a>Home</a> <a href=/b>World</a></nav>"
            b"<footer>(c) 2024</footer></body></html>",
        ),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/data.json": (200, {"Content-Type": "application/json"}, b'{"a": 1}'),
        "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"),
        "/broken": (500, {"Content-Type": "text/html"}, b"<h1>Oops</h1>"),
        "/r1": (302, {"Location": "/r2"}, b""),
        "/r2": (301, {"Location": "/r3"}, b""),
        "/r3": (307, {"Location": "/news/harbour"}, b""),
        "/loop-a": (302, {"Location": "/loop-b"}, b""),
        "/loop-b": (302, {"Location": "/loop-a"}, b""),
        "/to-ftp": (302, {"Location": "ftp://example.com/file"}, b""),
        "/huge-declared": (
            200,
            {"Content-Type": "text/html", "Content-Length": str(200 * 1024 * 1024)},
            b"<html>",
        ),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path in ("/drip", "/drip-headers"):
            self._drip(float(query.removeprefix("every=") or "2"), headers=path == "/drip-headers")
            return
        if path == "/slow":
            time.sleep(3)
        if path == "/huge":  # streamed, no Content-Length: the client must stop by itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
            try:
                for _ in range(2000):  # ~20 MB if nobody stops reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path == "/slow":
            path = "/news/harbour"
        status, headers, body = self.routes.get(
            path, (404, {"Content-Type": "text/plain"}, b"no such page")
        )
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _drip(self, every: float, headers: bool) -> None:
        """A server that never stops but never hurries: one byte every `every` seconds, of the
        body (or, with `headers`, of the headers), for at most 30 s."""
        if headers:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            data = b"X-Padding: " + b"a" * 1000
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            data = b"<html><body><p>" + b"drip " * 1000
        self.wfile.flush()
        end = time.monotonic() + 30
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for byte in data:
                if time.monotonic() > end:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(every)
        self.close_connection = True


@pytest.fixture(scope="session")
def web() -> Iterator[str]:
    """Base URL of a live server on 127.0.0.1 (a free port), stopped after the session."""
    _Handler.routes = _routes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, noted, closed)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
