"""Bytes of a text file → str: which encoding (BOM, mostly-UTF-8, detected legacy codecs),
whether the bytes are text at all, and newlines. Shared by file, page and download import."""

from __future__ import annotations

import logging

from reader.errors import InputError
from reader.ingest.document import clean_controls

log = logging.getLogger(__name__)


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (BOM removed) or UTF-16/32 with BOM, UTF-8 with a few bad
    bytes (each becomes U+FFFD), else a detected legacy encoding (cp1251, latin-1, …); an
    InputError when no encoding fits. Control characters become spaces (offsets unchanged)."""
    return clean_controls(_decode(data, name))


def _decode(data: bytes, name: str) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"Cannot open {name}: it says it is {codec.upper().removesuffix('-SIG')} "
                    "but is not valid text in that encoding"
                ) from exc
    if looks_binary(data):
        raise InputError(f"Cannot open {name}: it is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data, name)
    if mostly is not None:
        return mostly
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is not None:
        # Equally good guesses: take the one most legacy files are in (Windows Western).
        for m in results:
            if (m.chaos, m.coherence) == (best.chaos, best.coherence) and (
                {"cp1252", "latin_1"} & {m.encoding, *m.could_be_from_charset}
            ):
                best = m
                break
    if best is None or best.encoding is None:
        raise InputError(f"Cannot open {name}: its text encoding could not be recognised")
    text = str(best)
    if _garbled(text):
        raise InputError(f"Cannot open {name}: its text encoding could not be recognised")
    return text


def _mostly_utf8(data: bytes, name: str) -> str | None:
    """The text as UTF-8 with its bad bytes replaced, when it is UTF-8 but for a few of them.

    A detector would weigh the whole file and may pick an encoding that turns every curly
    quote into two letters. Text in a legacy encoding almost never forms a valid UTF-8
    sequence by chance (é in cp1252 is one byte followed by a plain letter), so many valid
    multi-byte characters and few bad bytes can only be UTF-8 with damage."""
    text = data.decode("utf-8", "replace")
    marks = text.count("\ufffd")
    bad = marks - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - marks
    if bad <= 0 or good < 3 * bad:
        return None
    log.info("%s: UTF-8 with %d bad byte sequences, replaced by U+FFFD", name, bad)
    return text


def normalize_newlines(text: str) -> str:
    """One \\n per line break. Not applied when decoding: `reader analyze` offsets index a .txt
    file exactly as decoded (the JSON contract); the library stores normalised text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _garbled(text: str) -> bool:
    """Text that decoded but is mostly control characters or replacement marks."""
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f\x1b"))
    return bad > len(sample) * 0.05


def looks_binary(data: bytes) -> bool:
    """Bytes that are not text: NUL bytes or many control characters near the start."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05
