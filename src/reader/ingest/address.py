"""What a string a person typed, dropped or passed on the command line names: a web address or
a local file. Every entry point (the CLI, the library, the window's Open URL, drops, the
import dialog) asks `parse_address`, so `HTTP://…`, a pasted address with spaces around it
and `www.example.com/story` open the same way everywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from reader.errors import InputError

WEB_SCHEMES = ("http", "https")
# A scheme is letters then letters, digits, + - . (RFC 3986); one letter is a Windows drive.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Address:
    """Exactly one of `url` (an http or https address, scheme in lower case) and `path`."""

    url: str | None = None
    path: Path | None = None

    def __str__(self) -> str:
        return self.url if self.url is not None else str(self.path)


def parse_address(text: str | Path) -> Address:
    """Classify `text` as a web address or a local path; an InputError in one line for an
    address reader cannot open (another scheme, a malformed address)."""
    if isinstance(text, Path):
        return Address(path=text.expanduser())
    raw = text.strip()
    if not raw:
        raise InputError("Cannot open an empty name: give a file or a web address")
    m = _SCHEME.match(raw)
    if m is None:
        if raw.lower().startswith("www.") and not _exists(raw):
            return Address(url=_web_url("https://" + raw, raw))
        return Address(path=Path(raw).expanduser())
    scheme = m.group(1).lower()
    if scheme in WEB_SCHEMES:
        return Address(url=_web_url(raw, raw))
    if scheme == "file":
        return Address(path=_file_path(raw))
    if _exists(raw):  # a local file whose name has a colon in it ("notes:2024.txt")
        return Address(path=Path(raw))
    raise InputError(
        f"Cannot open {_shown(raw)}: unsupported address scheme: {scheme} (only http and https)"
    )


def is_web_address(text: str) -> bool:
    """True when `text` names a web page (for display and the recent list; never raises)."""
    try:
        return parse_address(text).url is not None
    except InputError:
        return False


def _web_url(url: str, typed: str) -> str:
    """The address with its scheme in lower case and spaces escaped, or why it is not valid."""
    if _CONTROL.search(url):
        raise InputError(f"Not a valid address: {_shown(typed)} (it contains control characters)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise InputError(f"Not a valid address: {_shown(typed)} ({_why(exc)})") from None
    if not parts.hostname:
        raise InputError(f"Not a valid address: {_shown(typed)} (it has no host name)")
    if any(c.isspace() for c in parts.netloc):
        raise InputError(f"Not a valid address: {_shown(typed)} (a space in the host name)")
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe="/%:@!$&'()*+,;=-._~"),
            quote(parts.query, safe="/%:@!$&'()*+,;=-._~?"),
            parts.fragment,
        )
    )


def _file_path(url: str) -> Path:
    """The local file a file: address names; files on another computer are refused."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputError(f"Not a valid address: {_shown(url)} ({_why(exc)})") from None
    if parts.netloc not in ("", "localhost"):
        raise InputError(
            f"Cannot open {_shown(url)}: it names a file on another computer ({parts.netloc})"
        )
    if not parts.path:
        raise InputError(f"Not a valid address: {_shown(url)} (it names no file)")
    import urllib.request  # http, email and ssl come with it: not on the window's start-up

    return Path(urllib.request.url2pathname(parts.path))


def _exists(text: str) -> bool:
    try:
        return Path(text).expanduser().exists()
    except (OSError, ValueError):  # a name too long, a NUL in it: not a file we can open
        return False


def _why(exc: ValueError) -> str:
    message = str(exc)
    if "IPv6" in message:
        return "a bracket [ ] in the host is not closed or not an IPv6 address"
    if "Port" in message or "port" in message:
        return "the port is not a number from 0 to 65535"
    return message[:1].lower() + message[1:]


def _shown(text: str, limit: int = 80) -> str:
    """The address as typed, cut short (a data: address can run to megabytes)."""
    text = _CONTROL.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
