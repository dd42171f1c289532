"""Downloading a web page (standard library only): a timeout per wait and a hard deadline for
the whole download, a size cap, a content-type check and redirects followed up to a limit,
then the page is read like a saved HTML file (a PDF like a PDF file, with the same size cap
as a page)."""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from email.message import Message
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import InputError
from reader.ingest.document import ImportedDocument, title_from_text
from reader.ingest.limits import MAX_PAGE_BYTES, check_text_size, megabytes
from reader.ingest.pdf import PageProgress, is_pdf, read_pdf

TIMEOUT = 10.0  # seconds without an answer before we give up; the whole download gets 6×
MAX_BYTES = MAX_PAGE_BYTES
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
USER_AGENT = f"Mozilla/5.0 (compatible; reader/{__version__}; desktop news reader)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
PDF_TYPES = {"application/pdf", "application/x-pdf"}
REDIRECT_CODES = {301, 302, 303, 307, 308}
_KIND_NAMES = {
    "application/pdf": "a PDF file",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
    "application/msword": "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "application/epub+zip": "an EPUB book",
    "text/css": "a style sheet",
    "text/javascript": "a script",
    "application/javascript": "a script",
    "application/xml": "XML data",
    "text/xml": "XML data",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back to us as HTTPError, so we count them and catch loops ourselves."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _describe_type(mime: str) -> str:
    if mime in _KIND_NAMES:
        return _KIND_NAMES[mime]
    major = mime.split("/", 1)[0]
    if major == "image":
        return f"an image ({mime})"
    if major == "video":
        return f"a video ({mime})"
    if major == "audio":
        return f"an audio file ({mime})"
    return f"of type {mime}"


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or url
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return f"{host}:{port}"


def status_text(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _reason(exc: BaseException) -> BaseException:
    return (
        exc.reason
        if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException)
        else exc
    )


def network_error(url: str, exc: BaseException, timeout: float) -> InputError:
    """One line for a network failure that a reader can act on."""
    reason = _reason(exc)
    where = _host_port(url)
    if isinstance(reason, ConnectionRefusedError):
        return InputError(f"Cannot reach {where}: connection refused")
    if isinstance(reason, socket.gaierror):
        return InputError(f"Cannot reach {urlsplit(url).hostname or url}: no such host")
    if isinstance(reason, TimeoutError | socket.timeout):
        return InputError(f"Cannot open {url}: no answer from {where} within {timeout:g} s")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return InputError(f"Cannot open {url}: the site's certificate is not valid")
    if isinstance(reason, ssl.SSLError):
        return InputError(f"Cannot open {url}: secure connection failed")
    if isinstance(reason, ConnectionResetError):
        return InputError(f"Cannot open {url}: {where} closed the connection")
    if isinstance(reason, http.client.HTTPException):
        return InputError(f"Cannot open {url}: the server's answer was not valid HTTP")
    if isinstance(reason, OSError) and reason.strerror:
        return InputError(f"Cannot reach {where}: {reason.strerror.lower()}")
    return InputError(f"Cannot open {url}: {reason}")


def check_url(url: str) -> str:
    """The address `url` names, as an http(s) URL; anything else is an InputError."""
    from reader.ingest.address import parse_address

    address = parse_address(url)
    if address.url is None:
        raise InputError(f"Cannot open {url.strip()}: only http and https addresses can be opened")
    return address.url


class Deadline:
    """The whole download's time limit, enforced while reading: each socket wait is cut to the
    time left, and at the deadline a timer shuts the connection down, so neither a server that
    drips one byte at a time nor one that stalls in the middle of its headers holds an import."""

    def __init__(self, seconds: float, per_wait: float) -> None:
        self.seconds = seconds
        self.per_wait = per_wait
        self.end = time.monotonic() + seconds
        self.sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._shut)
        self._timer.daemon = True
        self._timer.start()

    def passed(self) -> bool:
        # a little early: a socket wait cut to the time left may end a hair before our clock
        return time.monotonic() >= self.end - 0.05

    def wait_limit(self) -> float:
        """How long one socket operation may block: the per-wait timeout or the time left."""
        return max(0.001, min(self.per_wait, self.end - time.monotonic()))

    def track(self, sock: socket.socket) -> None:
        self.sockets.append(sock)

    def before_read(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError):  # closed already
                sock.settimeout(self.wait_limit())

    def _shut(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()

    def error(self, url: str) -> InputError:
        return InputError(f"Cannot open {url}: timed out after {self.seconds:g} s")


def no_redirect_opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    """An opener that follows no redirect and registers each connection's socket with
    `deadline` (urllib gives no other way to reach the socket a response reads from)."""

    def tracked(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Tracked(base):  # type: ignore[valid-type,misc]
            def connect(self) -> None:
                self.timeout = deadline.wait_limit()
                super().connect()
                if self.sock is not None:
                    deadline.track(self.sock)

        return Tracked

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(tracked(http.client.HTTPConnection), req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(
                tracked(http.client.HTTPSConnection), req, context=ssl.create_default_context()
            )

    return urllib.request.build_opener(_NoRedirect, HTTP, HTTPS)


def too_large_page(url: str, size: int | None, limit: int) -> str:
    """ "Cannot open URL: too large: 31.7 MB; reader opens web pages up to 10 MB"."""
    shown = f"over {megabytes(limit)}" if size is None else megabytes(size)
    return f"Cannot open {url}: too large: {shown}; reader opens web pages up to {megabytes(limit)}"


def read_body(
    resp,
    url: str,
    max_bytes: int,
    deadline: Deadline,
    too_large: Callable[[str, int | None, int], str] = too_large_page,
) -> bytes:
    """The response body, stopping as soon as it passes the cap or the deadline (a 100 MB
    answer costs `max_bytes` of reading, not 100 MB); `too_large(url, size, limit)` words the
    refusal."""
    length = resp.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise InputError(too_large(url, int(length), max_bytes))
    chunks: list[bytes] = []
    total = 0
    while True:
        deadline.before_read()
        # read1: what has arrived (one socket read), not a whole chunk, so that the deadline
        # is checked after every read however small
        chunk = resp.read1(min(CHUNK, max_bytes + 1 - total))
        if deadline.passed():
            raise deadline.error(url)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(too_large(url, None, max_bytes))
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    timeout: float = TIMEOUT,
    deadline: float | None = None,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    password: str | None = None,
    progress: PageProgress | None = None,
) -> ImportedDocument:
    """Download a web page and extract its article (see `reader.ingest.html`), or a PDF
    (`reader.ingest.pdf`, with its `password` and page `progress`).

    `timeout` bounds each wait for the server; `deadline` the whole download, redirects
    included (default: six times `timeout`, one minute), however the server trickles."""
    origin = check_url(url)
    limit = Deadline(timeout * 6 if deadline is None else deadline, timeout)
    try:
        data, final, mime, charset = _download(origin, limit, timeout, max_bytes, max_redirects)
    finally:
        limit.cancel()
    if mime in PDF_TYPES or is_pdf(data):
        if not data.strip():
            raise InputError(f"Cannot open {origin}: the page is empty")
        doc = read_pdf(
            data, origin, origin, origin_kind="url", password=password, progress=progress
        )
        doc = replace(doc, site=urlsplit(final).hostname, canonical_url=final)
    else:
        doc = _document(data, origin, final, mime, charset)
    check_text_size(doc.text, origin)
    return doc


def _download(
    origin: str, deadline: Deadline, timeout: float, max_bytes: int, max_redirects: int
) -> tuple[bytes, str, str, str | None]:
    """The body of the page at `origin` after its redirects: (data, final URL, MIME type,
    declared charset)."""
    current = origin
    seen = {current}
    opener = no_redirect_opener(deadline)
    for _hop in range(max_redirects + 1):
        request = urllib.request.Request(
            current,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": (
                    "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,"
                    "*/*;q=0.5"
                ),
                "Accept-Encoding": "identity",
            },
        )
        try:
            with opener.open(request, timeout=deadline.wait_limit()) as resp:
                final = resp.geturl() or current
                headers: Message = resp.headers
                mime = headers.get_content_type()
                if mime not in HTML_TYPES | TEXT_TYPES | PDF_TYPES:
                    raise InputError(f"Not a web page: {current} is {_describe_type(mime)}")
                data = read_body(resp, current, max_bytes, deadline)
                return data, final, mime, headers.get_content_charset()
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code in REDIRECT_CODES:
                    target = exc.headers.get("Location")
                    if not target:
                        raise InputError(
                            f"Cannot open {current}: the server redirected without saying where"
                        ) from None
                    nxt = urljoin(current, target.strip())
                    if urlsplit(nxt).scheme not in ("http", "https"):
                        raise InputError(
                            f"Cannot open {origin}: it redirects to {nxt}, which is not a web "
                            "address"
                        ) from None
                    if nxt in seen:
                        raise InputError(
                            f"Cannot open {origin}: the redirects go round in a loop"
                        ) from None
                    seen.add(nxt)
                    current = nxt
                    continue
                raise InputError(
                    f"Cannot open {current}: the server answered {status_text(exc.code)}"
                ) from None
        except InputError:
            raise
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            # ValueError: http.client refuses some addresses (a control character, a bad port)
            if deadline.passed():
                raise deadline.error(current) from exc
            raise network_error(current, exc, timeout) from exc
    raise InputError(f"Cannot open {origin}: more than {max_redirects} redirects")


def _document(
    data: bytes, origin: str, final_url: str, mime: str, charset: str | None
) -> ImportedDocument:
    from reader.ingest.html import decode_html, document_from_html

    if not data.strip():
        raise InputError(f"Cannot open {origin}: the page is empty")
    if mime in TEXT_TYPES:
        from reader.ingest.decoding import decode_text

        if charset:
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = decode_text(data, origin)
        else:
            text = decode_text(data, origin)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if not text.strip():
            raise InputError(f"Cannot open {origin}: the page has no text")
        return ImportedDocument(
            text=text,
            title=title_from_text(text),
            origin=origin,
            origin_kind="url",
            site=urlsplit(final_url).hostname,
            canonical_url=final_url,
        )
    html = decode_html(data, origin, declared=charset)
    return document_from_html(html, origin=origin, name=origin, url=final_url, origin_kind="url")
