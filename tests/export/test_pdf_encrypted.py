"""Encrypted originals: the import reads an encrypted PDF's annotations with the password it
was opened with; exporting into it takes the password (`reader export … --password`), refuses
in one line without it, and writes the result locked with the same password."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import original_samples as S
import pytest
from pypdf import PdfReader, PdfWriter

from reader.errors import PasswordNeeded
from reader.library import Library
from reader.library.pdf_export import export_article_pdf

PASSWORD = "s3cret"


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Path, tuple[int, int]]:
    """An AES-encrypted PDF holding someone's green highlight noted "Important"."""
    plain = tmp_path / "plain.pdf"
    span = S.okular_pdf(plain)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(PASSWORD, algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path, span


def test_an_encrypted_pdfs_annotations_are_imported(locked, tmp_path: Path) -> None:
    path, (a, b) = locked
    lib = Library(tmp_path / "data")
    aid = lib.import_path(path, password=PASSWORD)
    assert [(h.start, h.end, h.note, h.author) for h in lib.highlights(aid)] == [
        (a, b, "Important", "Okular User")
    ]


def test_export_into_an_encrypted_original_keeps_it_locked(locked, tmp_path: Path) -> None:
    path, _ = locked
    lib = Library(tmp_path / "data")
    aid = lib.import_path(path, password=PASSWORD)
    text = lib.open_article(aid).text
    start = text.index("council")
    lib.add_highlight(aid, start, start + 7, "yellow", "Mine")
    out = tmp_path / "out.pdf"
    with pytest.raises(PasswordNeeded):
        export_article_pdf(lib, aid, out, author="Ana")
    assert not out.exists()
    export_article_pdf(lib, aid, out, author="Ana", password=PASSWORD)
    written = PdfReader(out)
    assert written.is_encrypted and not written.decrypt("") and written.decrypt(PASSWORD)
    again = Library(tmp_path / "again")
    with pytest.raises(PasswordNeeded):
        again.import_path(out)
    bid = again.import_path(out, password=PASSWORD)
    assert sorted((h.note, h.author) for h in again.highlights(bid)) == [
        ("Important", "Okular User"),
        ("Mine", ""),
    ]


def test_cli_export_takes_the_password(locked, tmp_path: Path) -> None:
    path, _ = locked
    data = tmp_path / "data"
    lib = Library(data)
    aid = lib.import_path(path, password=PASSWORD)
    lib.close()
    out = tmp_path / "out.pdf"
    cmd = [sys.executable, "-m", "reader", "export", str(aid), "--pdf", str(out)]
    cmd += ["--data-dir", str(data)]
    refused = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0
    assert refused.stderr.strip().splitlines() == [
        "reader: Cannot export into the original PDF: it is encrypted; give its password"
    ]
    assert not out.exists()
    done = subprocess.run(
        [*cmd, "--password", PASSWORD], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    written = PdfReader(io.BytesIO(out.read_bytes()))
    assert written.is_encrypted and written.decrypt(PASSWORD)
