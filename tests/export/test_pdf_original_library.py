"""Export into the original through the library and the command line, on PDFs imported with
reader's own PDF reading: `reader export ID --pdf` writes the original with the highlights,
`--no-appendix` adds no page, `--typeset` gives the typeset export; importing the result gives
the same highlights back, and re-importing or exporting again duplicates nothing."""

from __future__ import annotations

import sys

import original_samples as S
import pdfplumber
import pytest
from pypdf import PdfReader

from reader.cli import main
from reader.library import Library


@pytest.fixture(params=[1, 2], ids=["one-column", "two-columns"])
def imported(request, tmp_path):
    """A library holding a reportlab PDF read by reader, with three highlights (one across
    the page break) and a note at one point."""
    pdf = tmp_path / f"harbour-{request.param}.pdf"
    pdf.write_bytes(S.make_pdf(S.paragraphs(12), request.param))
    lib = Library(tmp_path / "data")
    aid = lib.import_path(pdf)
    text = lib.open_article(aid).text
    found = lib.pdf_original(aid)
    assert found is not None and len(found[1]) == len(text)
    tm = found[1]
    k = next(k for k in range(len(tm)) if tm.page[k] == 1)
    lib.add_highlight(aid, *S.word_span(text, "questioned", "objections", 200), "yellow", "Who?")
    lib.add_highlight(aid, k - 80, k + 50, "green", "")
    lib.add_highlight(aid, *S.word_span(text, "harbour", "dredging", 3000), "blue", "Check")
    lib.add_highlight(aid, 2601, 2601, "pink", "a note at one point")
    return lib, aid, pdf, tmp_path


def spans(lib: Library, aid: int) -> list[tuple[int, int, str, str]]:
    return sorted((h.start, h.end, h.color, h.note) for h in lib.highlights(aid))


def test_cli_exports_into_the_original(imported, capsys):
    lib, aid, pdf, tmp = imported
    out = tmp / "out.pdf"
    code = main(["export", str(aid), "--pdf", str(out), "--data-dir", str(lib.data_dir)])
    assert code == 0, capsys.readouterr().err
    original, written = PdfReader(pdf), PdfReader(out)
    n = len(original.pages)
    assert len(written.pages) > n  # the appendix
    for p, q in zip(original.pages, written.pages[:n], strict=False):
        assert p.get_contents().get_data() == q.get_contents().get_data()
    text = lib.open_article(aid).text
    data = out.read_bytes()
    highlights = {}
    for i, page in enumerate(written.pages):
        for ref in page.get("/Annots", []) or []:
            a = ref.get_object()
            if a["/Subtype"] == "/Highlight":
                nm = str(a["/NM"]).rsplit("-h", 1)[0]
                q = [float(v) for v in a["/QuadPoints"]]
                highlights.setdefault(nm, []).extend(
                    S.text_under(data, i, q[j : j + 8]) for j in range(0, len(q), 8)
                )
    under = sorted("".join("".join(parts).split()) for parts in highlights.values())
    wanted = sorted(
        "".join(text[h.start : h.end].split()) for h in lib.highlights(aid) if h.end > h.start
    )
    assert under == wanted and len(wanted) == 3

    bare = tmp / "bare.pdf"
    args = [
        "export",
        str(aid),
        "--pdf",
        str(bare),
        "--no-appendix",
        "--data-dir",
        str(lib.data_dir),
    ]
    assert main(args) == 0
    assert len(PdfReader(bare).pages) == n

    typeset = tmp / "typeset.pdf"
    args = ["export", str(aid), "--pdf", str(typeset), "--typeset", "--data-dir", str(lib.data_dir)]
    assert main(args) == 0
    assert str(PdfReader(typeset).metadata.creator).startswith("reader ")
    with pdfplumber.open(typeset) as doc:
        assert "Highlights are PDF annotations" in doc.pages[0].extract_text()


def test_the_exported_pdf_imports_with_the_same_highlights(imported):
    lib, aid, _pdf, tmp = imported
    out = tmp / "exported.pdf"
    lib_spans = spans(lib, aid)
    from reader.library.pdf_export import export_article_pdf

    report = export_article_pdf(lib, aid, out, no_appendix=True, author="Ana")
    assert report.highlights == 4 and report.notes == 3  # one across the page break: 2 parts

    again = Library(tmp / "other")
    bid = again.import_path(out)
    assert again.open_article(bid).text == lib.open_article(aid).text
    assert spans(again, bid) == lib_spans

    # the same text imported again into the first library: the article it already holds,
    # with its highlights once
    assert lib.import_path(out) == aid
    assert spans(lib, aid) == lib_spans

    twice = tmp / "twice.pdf"
    export_article_pdf(again, bid, twice, no_appendix=True, author="Ana")
    names = [
        str(ref.get_object()["/NM"])
        for page in PdfReader(twice).pages
        for ref in page.get("/Annots", []) or []
        if str(ref.get_object().get("/NM", "")).startswith("reader-")
    ]
    assert len(names) == len(set(names)) == 4 + 1 + 3  # highlights, the pin, margin notes


def test_someone_elses_annotation_comes_in_with_its_author(tmp_path):
    pdf = tmp_path / "okular.pdf"
    a, b = S.okular_pdf(pdf)
    lib = Library(tmp_path / "data")
    aid = lib.import_path(pdf)
    assert spans(lib, aid) == [(a, b, "green", "Important")]
    assert [h.author for h in lib.highlights(aid)] == ["Okular User"]

    from reader.library.pdf_export import export_article_pdf

    out = tmp_path / "out.pdf"
    report = export_article_pdf(lib, aid, out, author="Ana")
    assert (report.already, report.highlights) == (1, 0)  # theirs is kept, not written twice
    subtypes = [
        str(ref.get_object()["/Subtype"])
        for page in PdfReader(out).pages
        for ref in page.get("/Annots", []) or []
    ]
    assert subtypes.count("/Highlight") == 1


def test_the_appendix_is_not_read_as_article_text(imported):
    lib, aid, _pdf, tmp = imported
    from reader.library.pdf_export import export_article_pdf

    out = tmp / "with-appendix.pdf"
    report = export_article_pdf(lib, aid, out, author="Ana")
    assert report.pages > report.original_pages
    again = Library(tmp / "other")
    bid = again.import_path(out)
    assert again.open_article(bid).text == lib.open_article(aid).text
    assert spans(again, bid) == spans(lib, aid)


def test_a_damaged_stored_original_is_one_line_from_the_cli(imported):
    import sqlite3
    import subprocess

    lib, aid, _pdf, tmp = imported
    db = lib.data_dir / "library.sqlite3"
    lib.close()
    with sqlite3.connect(db) as con:  # the stored file cut short, as a failing disk might leave it
        con.execute("UPDATE article_pdf SET original = substr(original, 1, 400)")
    out = tmp / "out.pdf"
    command = ["export", str(aid), "--pdf", str(out), "--data-dir", str(lib.data_dir)]
    p = subprocess.run(
        [sys.executable, "-m", "reader", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cannot export into the original PDF" in lines[0], p.stderr
    assert "Traceback" not in p.stderr and not out.exists()
