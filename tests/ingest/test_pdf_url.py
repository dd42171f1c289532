"""A web address answered with a PDF is read as a PDF (a real HTTP server on 127.0.0.1), with
the size cap of a web page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pdf_samples as samples
import pytest

from reader.errors import InputError
from reader.ingest import read_address
from reader.ingest.pdf import PasswordNeeded
from reader.ingest.url import fetch_url

ARTICLE = samples.article(2, n_paragraphs=8)
LOCKED = samples.article(1, n_paragraphs=14, encrypt="pw")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/paper.pdf": ("application/pdf", ARTICLE.data),
            "/download": ("application/octet-stream", ARTICLE.data),  # told by its bytes
            "/locked.pdf": ("application/pdf", LOCKED.data),
        }
        kind, body = routes.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_pdf_answer_is_read_as_an_article(server: str) -> None:
    doc = read_address(f"{server}/paper.pdf")
    assert doc.text == ARTICLE.expected
    assert doc.origin_kind == "url"
    assert doc.site == "127.0.0.1"
    assert doc.canonical_url == f"{server}/paper.pdf"
    assert doc.pdf is not None and doc.pdf.original == ARTICLE.data


def test_an_encrypted_pdf_answer_takes_the_password(server: str) -> None:
    with pytest.raises(PasswordNeeded):
        fetch_url(f"{server}/locked.pdf")
    doc = fetch_url(f"{server}/locked.pdf", password="pw")
    assert doc.text == LOCKED.expected


def test_a_pdf_over_the_page_size_cap_is_refused(server: str) -> None:
    with pytest.raises(InputError, match=r"too large: .*; reader opens web pages up to 10 KB$"):
        fetch_url(f"{server}/paper.pdf", max_bytes=10 * 1024)


def test_octet_stream_is_refused_before_download(server: str) -> None:
    # a server that does not say PDF is not downloaded in the hope it is one
    with pytest.raises(InputError, match=r"^Not a web page: .* is a binary file$"):
        fetch_url(f"{server}/download")
