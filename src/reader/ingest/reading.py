"""Import what a person names: a web address is downloaded, anything else read as a file."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.address import parse_address
from reader.ingest.document import ImportedDocument
from reader.ingest.files import read_path
from reader.ingest.pdf import PageProgress


def read_address(
    text: str | Path, *, password: str | None = None, progress: PageProgress | None = None
) -> ImportedDocument:
    """Import what `text` names: download a web address, read a local file. `password` and
    `progress` serve a PDF (`reader.ingest.pdf.read_pdf`); other kinds ignore them."""
    address = parse_address(text)
    if address.url is not None:
        from reader.ingest.url import fetch_url  # http, email, ssl: not on the window's start-up

        return fetch_url(address.url, password=password, progress=progress)
    assert address.path is not None
    return read_path(address.path, password=password, progress=progress)
