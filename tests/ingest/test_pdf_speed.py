"""What keeps opening a PDF fast: a PDF without annotations (most of them) is read without
loading or running pypdf (a tenth of a second before the first page shows); one with
annotations is marked so that they are brought in."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pdf_samples as samples
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

from reader.ingest.pdf import read_pdf

_READ = """
import sys
from pathlib import Path
from reader.library import Library
lib = Library(Path(sys.argv[2]))
lib.import_path(sys.argv[1])
print("pypdf" in sys.modules)
"""


def test_a_pdf_without_annotations_is_imported_without_pypdf(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(samples.article(2, n_paragraphs=8).data)
    out = subprocess.run(
        [sys.executable, "-c", _READ, str(path), str(tmp_path / "lib")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_annotations_found_by_pdfium_mark_the_source() -> None:
    plain = samples.article(1, n_paragraphs=6).data
    source = read_pdf(plain, "a.pdf", "a.pdf").pdf
    assert source is not None and source.annotated is False
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (60, 700, 74, 714)),
        }
    )
    writer.add_annotation(0, note)
    buf = io.BytesIO()
    writer.write(buf)
    source = read_pdf(buf.getvalue(), "a.pdf", "a.pdf").pdf
    assert source is not None and source.annotated is True
