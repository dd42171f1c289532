"""`reader analyze X.pdf`, `reader import X.pdf` and `--password` in real processes: the JSON's
text is the article text, an encrypted PDF needs its password, a bad PDF is one line on stderr
with exit code 2 and the library unchanged (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pdf_samples as samples
import pytest

from library_sql import run_sql
from reader.library import Library

SAMPLE = samples.article(2, n_paragraphs=6)
LOCKED = samples.article(1, n_paragraphs=14, encrypt="pw")


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def pdfs(tmp_path: Path) -> Path:
    (tmp_path / "planet.pdf").write_bytes(SAMPLE.data)
    (tmp_path / "locked.pdf").write_bytes(LOCKED.data)
    (tmp_path / "scan.pdf").write_bytes(samples.image_only())
    (tmp_path / "cut.pdf").write_bytes(SAMPLE.data[: len(SAMPLE.data) // 2])
    return tmp_path


def _one_line(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, p.stderr
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
    return p.stderr.strip()


def test_analyze_a_pdf(pdfs: Path) -> None:
    p = reader("analyze", str(pdfs / "planet.pdf"))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["text"] == SAMPLE.expected
    assert out["sources"]


def test_analyze_with_a_password(pdfs: Path) -> None:
    p = reader("analyze", str(pdfs / "locked.pdf"))
    assert _one_line(p) == (
        "reader: Cannot open locked.pdf: the PDF is encrypted; give its password"
    )
    p = reader("analyze", "--password", "pw", str(pdfs / "locked.pdf"))
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["text"] == LOCKED.expected


def test_import_pdfs(pdfs: Path, tmp_path: Path, library_url: str) -> None:
    data = tmp_path / "lib"
    p = reader(
        "--data-dir", str(data), "--database", library_url, "import", str(pdfs / "planet.pdf")
    )
    assert p.returncode == 0, p.stderr
    article_id = int(p.stdout)
    p = reader(
        "--data-dir",
        str(data),
        "--database",
        library_url,
        "import",
        "--password",
        "nope",
        str(pdfs / "locked.pdf"),
    )
    assert _one_line(p) == "reader: Cannot open locked.pdf: wrong password"
    for bad, why in (
        ("scan.pdf", "no text to read: this PDF is scanned images; OCR is not supported"),
        ("cut.pdf", "the PDF file is incomplete (cut short)"),
    ):
        p = reader("--data-dir", str(data), "--database", library_url, "import", str(pdfs / bad))
        assert _one_line(p) == f"reader: Cannot open {bad}: {why}"
    p = reader(
        "--data-dir",
        str(data),
        "--database",
        library_url,
        "import",
        "--password",
        "pw",
        str(pdfs / "locked.pdf"),
    )
    assert p.returncode == 0, p.stderr
    lib = Library(data, database=library_url)
    rows = run_sql(lib, "select article_id from article_pdf order by article_id")
    lib.close()
    assert rows == [(article_id,), (int(p.stdout),)]
