"""Reading local files: size and type checks, encoding detection, dispatch by kind."""

from __future__ import annotations

from pathlib import Path

from reader.errors import InputError
from reader.ingest.document import ImportedDocument, title_from_text

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes, or an InputError saying in one line why they cannot be had."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    name = path.name or str(path)
    if not path.exists():
        raise InputError(f"Cannot open {name}: no such file")
    if path.is_dir():
        raise InputError(f"Cannot open {name}: it is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                f"Cannot open {name}: {_megabytes(size)} is over the {_megabytes(limit)} limit"
            )
        if size == 0:
            raise InputError(f"Cannot open {name}: the file is empty")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"Cannot open {name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"Cannot open {name}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"Cannot open {name}: the file is empty")
    return data


def _megabytes(n: int) -> str:
    mb = n / 1048576
    return f"{mb:.0f} MB" if mb >= 1 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (BOM removed) or UTF-16/32 with BOM, else a detected legacy
    encoding (cp1251, latin-1, …); an InputError when no encoding fits."""
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


def read_path(path: str | Path, max_bytes: int | None = None) -> ImportedDocument:
    """Read a .txt, .md or .html file into an ImportedDocument (the text offsets will index)."""
    p = Path(path).expanduser()
    data = read_bytes(p, max_bytes)
    suffix = p.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from reader.ingest.html import decode_html, document_from_html

        return document_from_html(decode_html(data, p.name), origin=str(p.resolve()), name=p.name)
    text = decode_text(data, p.name)
    if suffix in MARKDOWN_SUFFIXES:
        from reader.ingest.markdown import document_from_markdown

        return document_from_markdown(text, origin=str(p.resolve()))
    if not text.strip():
        raise InputError(f"Cannot open {p.name}: the file has no text")
    return ImportedDocument(text=text, title=title_from_text(text), origin=str(p.resolve()))
