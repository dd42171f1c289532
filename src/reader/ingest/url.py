"""Downloading a web page (standard library only): a timeout, a size cap, a content-type check
and redirects followed up to a limit, then the page is read like a saved HTML file."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from email.message import Message
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import InputError
from reader.ingest.document import ImportedDocument, title_from_text

TIMEOUT = 10.0  # seconds without an answer before we give up
MAX_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
USER_AGENT = f"Mozilla/5.0 (compatible; reader/{__version__}; desktop news reader)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
_REDIRECTS = {301, 302, 303, 307, 308}
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


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect)


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


def _status_text(code: int) -> str:
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


def _network_error(url: str, exc: BaseException, timeout: float) -> InputError:
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


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"Cannot open {url}: only http and https addresses can be opened")
    if not parts.hostname:
        raise InputError(f"Cannot open {url}: the address has no host name")
    return url


def _read_body(resp, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The response body, stopping as soon as it passes the cap or the deadline."""
    length = resp.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise InputError(
            f"Cannot open {url}: the page is {int(length) / 1048576:.1f} MB, "
            f"over the {max_bytes / 1048576:g} MB limit"
        )
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"Cannot open {url}: the download took too long")
        chunk = resp.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(
                f"Cannot open {url}: the page is over the {max_bytes / 1048576:g} MB limit"
            )
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> ImportedDocument:
    """Download a web page and extract its article (see `reader.ingest.html`).

    `timeout` bounds each wait for the server; the whole download gets six times that."""
    origin = _check_url(url)
    current = origin
    seen = {current}
    deadline = time.monotonic() + timeout * 6
    opener = _opener()
    for _hop in range(max_redirects + 1):
        request = urllib.request.Request(
            current,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        try:
            with opener.open(request, timeout=timeout) as resp:
                final = resp.geturl() or current
                headers: Message = resp.headers
                mime = headers.get_content_type()
                if mime not in HTML_TYPES | TEXT_TYPES:
                    raise InputError(f"Not a web page: {current} is {_describe_type(mime)}")
                data = _read_body(resp, current, max_bytes, deadline, timeout)
                charset = headers.get_content_charset()
                return _document(data, origin, final, mime, charset)
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code in _REDIRECTS:
                    target = exc.headers.get("Location")
                    if not target:
                        raise InputError(
                            f"Cannot open {current}: the server redirected without saying where"
                        ) from None
                    nxt = urljoin(current, target.strip())
                    if urlsplit(nxt).scheme not in ("http", "https"):
                        raise InputError(
                            f"Cannot open {url}: it redirects to {nxt}, which is not a web address"
                        ) from None
                    if nxt in seen:
                        raise InputError(
                            f"Cannot open {url}: the redirects go round in a loop"
                        ) from None
                    seen.add(nxt)
                    current = nxt
                    continue
                raise InputError(
                    f"Cannot open {current}: the server answered {_status_text(exc.code)}"
                ) from None
        except InputError:
            raise
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise _network_error(current, exc, timeout) from exc
    raise InputError(f"Cannot open {url}: more than {max_redirects} redirects")


def _document(
    data: bytes, origin: str, final_url: str, mime: str, charset: str | None
) -> ImportedDocument:
    from reader.ingest.html import decode_html, document_from_html

    if not data.strip():
        raise InputError(f"Cannot open {origin}: the page is empty")
    if mime in TEXT_TYPES:
        from reader.ingest.files import decode_text

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
