"""Reading local files: size and type checks, encoding detection, dispatch by kind."""

from __future__ import annotations

from pathlib import Path

from reader.errors import InputError
from reader.ingest.document import ImportedDocument, title_from_text

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError saying in one line why they cannot be had."""
    name = path.name or str(path)
    if not path.exists():
        raise InputError(f"Cannot open {name}: no such file")
    if path.is_dir():
        raise InputError(f"Cannot open {name}: it is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"Cannot open {name}: {size / 1048576:.0f} MB is over the {MAX_BYTES // 1048576} MB limit"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"Cannot open {name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"Cannot open {name}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"Cannot open {name}: the file is empty")
    return data


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (BOM removed) or UTF-16 with BOM, else a detected legacy encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _looks_binary(data):
        raise InputError(f"Cannot open {name}: it is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"Cannot open {name}: its text encoding could not be recognised")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05


def read_path(path: str | Path) -> ImportedDocument:
    """Read a .txt, .md or .html file into an ImportedDocument (the text offsets will index)."""
    p = Path(path).expanduser()
    data = read_bytes(p)
    suffix = p.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from reader.ingest.html import document_from_html

        return document_from_html(decode_text(data, p.name), origin=str(p.resolve()), name=p.name)
    text = decode_text(data, p.name)
    if suffix in MARKDOWN_SUFFIXES:
        from reader.ingest.markdown import document_from_markdown

        return document_from_markdown(text, origin=str(p.resolve()))
    if not text.strip():
        raise InputError(f"Cannot open {p.name}: the file has no text")
    return ImportedDocument(text=text, title=title_from_text(text), origin=str(p.resolve()))
