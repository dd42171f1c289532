"""PDFs reader cannot read as they are: one line each, and nothing half-read comes back.
Encrypted (the password opens it), scanned pages without text, damaged or cut-short files,
more text than reader opens, a 1,000-page file (page progress, and Cancel)."""

from __future__ import annotations

import time
from pathlib import Path

import pdf_samples as samples
import pytest

from reader.errors import InputError
from reader.ingest import read_path
from reader.ingest.pdf import SCANNED, Cancelled, PasswordNeeded, read_pdf


@pytest.fixture(scope="module")
def thousand_pages() -> bytes:
    return samples.many_pages(1000)


def _one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_encrypted_needs_its_password() -> None:
    sample = samples.article(1, n_paragraphs=14, encrypt="s3cret")
    with pytest.raises(PasswordNeeded) as err:
        read_pdf(sample.data, "locked.pdf", "locked.pdf")
    assert _one_line(err) == "Cannot open locked.pdf: the PDF is encrypted; give its password"
    assert not err.value.wrong
    with pytest.raises(PasswordNeeded) as err:
        read_pdf(sample.data, "locked.pdf", "locked.pdf", password="guess")
    assert _one_line(err) == "Cannot open locked.pdf: wrong password"
    assert err.value.wrong
    doc = read_pdf(sample.data, "locked.pdf", "locked.pdf", password="s3cret")
    assert doc.text == sample.expected


def test_scanned_pages_without_text() -> None:
    with pytest.raises(InputError) as err:
        read_pdf(samples.image_only(), "scan.pdf", "scan.pdf")
    assert _one_line(err) == f"Cannot open scan.pdf: {SCANNED}"


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_file(keep: float, tmp_path: Path) -> None:
    data = samples.article(2, n_paragraphs=10).data
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(InputError) as err:
        read_path(path)
    assert _one_line(err) == "Cannot open cut.pdf: the PDF file is incomplete (cut short)"


def test_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(InputError) as err:
        read_path(path)
    assert _one_line(err) == "Cannot open bad.pdf: not a readable PDF (the file is damaged)"


def test_named_pdf_but_not_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes\n")
    with pytest.raises(InputError) as err:
        read_path(path)
    assert _one_line(err) == "Cannot open notes.pdf: not a PDF file (it does not start %PDF-)"


def test_a_thousand_pages_report_their_progress(thousand_pages: bytes) -> None:
    seen: list[tuple[int, int]] = []
    start = time.perf_counter()
    doc = read_pdf(
        thousand_pages, "long.pdf", "long.pdf", progress=lambda i, n: seen.append((i, n))
    )
    took = time.perf_counter() - start
    assert seen[0] == (1, 1000) and seen[-1] == (1000, 1000) and len(seen) == 1000
    assert doc.text.count("Section ") == 1000
    assert doc.text.index("Section 2:") < doc.text.index("Section 10:")
    assert took < 20, took


def test_cancel_stops_between_pages(thousand_pages: bytes) -> None:
    seen: list[int] = []

    def progress(i: int, n: int) -> None:
        seen.append(i)
        if i == 50:
            raise Cancelled("Import cancelled")

    start = time.perf_counter()
    with pytest.raises(Cancelled):
        read_pdf(thousand_pages, "long.pdf", "long.pdf", progress=progress)
    assert seen[-1] == 50
    assert time.perf_counter() - start < 5


def test_more_text_than_reader_opens_stops_early() -> None:
    data = samples.dense_pages(80)
    seen: list[int] = []
    with pytest.raises(InputError) as err:
        read_pdf(data, "tome.pdf", "tome.pdf", progress=lambda i, n: seen.append(i))
    text = _one_line(err)
    assert text.startswith("Cannot open tome.pdf: too large: more than 300,000 characters")
    assert seen[-1] < 80  # it stopped reading once the text was too long
