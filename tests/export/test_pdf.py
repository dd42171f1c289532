"""The annotated PDF export, checked by parsing the written file back (pypdf, pdfplumber)."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from reader import __version__
from reader.analysis.model import Analysis, Source, Statement
from reader.errors import ExportError
from reader.export.layout import Line, break_lines
from reader.export.palette import claim_colors
from reader.export.pdf import (
    HIGHLIGHT_COLORS,
    PdfHighlight,
    PdfInput,
    _paper_of,
    export_pdf,
    layout_article,
    pdf_date,
)
from reader.library import Library

WORD = re.compile(r"\S+")


def norm(s: str) -> str:
    return " ".join(s.split())


def doc_from(lib: Library, article_id: int, **changes) -> PdfInput:
    view = lib.open_article(article_id)
    doc = PdfInput(
        title=view.info.title,
        text=view.text,
        origin=view.info.origin,
        origin_kind=view.info.origin_kind,
        site=view.info.site,
        author=view.info.author,
        published=view.info.published,
        segments=view.analysis.segments,
        analysis=view.analysis,
        highlights=list(view.highlights),
    )
    return replace(doc, **changes)


def annotations(path: Path) -> list[tuple[int, dict]]:
    """(page index, resolved annotation dictionary) of every annotation in the file."""
    out = []
    for i, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots") or []:
            out.append((i, ref.get_object()))
    return out


def text_in_quads(pdf: pdfplumber.PDF, page_index: int, quads: list[float]) -> str:
    """The characters whose centres lie inside the quads, a space between quads."""
    page = pdf.pages[page_index]
    parts = []
    for i in range(0, len(quads), 8):
        xs, ys = quads[i : i + 8 : 2], quads[i + 1 : i + 8 : 2]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        parts.append(
            "".join(
                c["text"]
                for c in page.chars
                if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and y0 <= (c["y0"] + c["y1"]) / 2 <= y1
            )
        )
    return " ".join(parts)


def words_of(line: Line) -> list[re.Match[str]]:
    return list(WORD.finditer(line.text))


@pytest.fixture
def lib(tmp_path: Path):
    library = Library(tmp_path / "data")
    yield library
    library.close()


@pytest.fixture
def sample(lib: Library) -> int:
    return lib.import_sample()


def crossing_offsets(lib: Library, article_id: int) -> dict[str, tuple[int, int]]:
    """Offsets of a highlight over a line break and one over a page break, found in the
    layout the export will use."""
    layout = layout_article(doc_from(lib, article_id), "a4")
    lines = layout.article_lines
    pairs = list(itertools.pairwise(lines))
    same_page = next(
        (a, b)
        for a, b in pairs
        if a.page == b.page == 1 and b.start == a.end + 1 and len(words_of(a)) > 3
    )
    across = next((a, b) for a, b in pairs if b.page == a.page + 1)
    out = {}
    a, b = same_page
    out["line"] = (a.start + words_of(a)[-2].start(), b.start + words_of(b)[1].end())
    a, b = across
    out["page"] = (a.start + words_of(a)[-3].start(), b.start + words_of(b)[2].end())
    return out


@pytest.fixture
def annotated(lib: Library, sample: int, tmp_path: Path):
    """The sample with highlights (one over a line break, one over a page break, one with
    no note) and a margin note, exported through the library."""
    text = lib.open_article(sample).text
    spots = crossing_offsets(lib, sample)
    marks = {}
    start = text.index("Neither the Ukrainian people")
    marks["simple"] = lib.add_highlight(
        sample, start, start + len("Neither the Ukrainian people"), "yellow", "Check the video"
    )
    marks["line"] = lib.add_highlight(sample, *spots["line"], "green", "Over a line break")
    marks["page"] = lib.add_highlight(sample, *spots["page"], "blue", "Over a page break — ok?")
    start = text.index("Military Balance")
    marks["plain"] = lib.add_highlight(sample, start, start + len("Military Balance"), "pink", "")
    pos = text.index("Secondly")
    marks["margin"] = lib.add_highlight(sample, pos, pos, "purple", "Timeline: when was this?")
    out = tmp_path / "out" / "annotated.pdf"
    out.parent.mkdir()
    report = lib.export_pdf(sample, out, paper="a4", author="Tess Tester")
    return out, report, marks, text


def test_every_highlight_is_an_annotation_over_exactly_its_text(annotated):
    out, report, marks, text = annotated
    annots = annotations(out)
    highlights = [(i, a) for i, a in annots if a["/Subtype"] == "/Highlight"]
    assert report.highlights == len(highlights) == 5  # the page-break one is in two parts
    with pdfplumber.open(out) as pdf:
        for key in ("simple", "line", "page", "plain"):
            h = marks[key]
            mine = [
                (i, a) for i, a in highlights if a["/NM"].startswith(f"reader-highlight-{h.id}-")
            ]
            got = " ".join(
                text_in_quads(pdf, i, [float(q) for q in a["/QuadPoints"]]) for i, a in mine
            )
            assert norm(got) == norm(text[h.start : h.end]), key
            for _, a in mine:
                assert a["/Contents"] == h.note
                assert int(a["/F"]) & 4  # Print
                assert a["/T"] == "Tess Tester"
                assert str(a["/M"]).startswith("D:") and str(a["/CreationDate"]).startswith("D:")
                assert [round(float(v), 3) for v in a["/C"]] == [
                    round(v, 3) for v in HIGHLIGHT_COLORS[h.color]
                ]
                ap = a["/AP"]["/N"].get_object()
                assert ap["/Subtype"] == "/Form" and b"/R0 gs" in ap.get_data()
                assert ap["/Resources"]["/ExtGState"]["/R0"]["/BM"] == "/Multiply"
            quads = [len(a["/QuadPoints"]) // 8 for _, a in mine]
            pages = [i for i, _ in mine]
            if key == "line":
                assert quads == [2] and len(pages) == 1
            elif key == "page":
                assert quads == [1, 1] and pages[1] == pages[0] + 1
            else:
                assert quads == [1]


def test_a_note_without_a_range_is_a_sticky_note_in_the_margin(annotated):
    out, report, marks, _ = annotated
    notes = [(i, a) for i, a in annotations(out) if a["/Subtype"] == "/Text"]
    assert report.notes == len(notes) == 1
    i, note = notes[0]
    assert note["/Contents"] == marks["margin"].note
    assert int(note["/F"]) & 4 and "/N" in note["/AP"]
    line = report.layout.line_at(marks["margin"].start)
    assert i == line.page - 1
    assert float(note["/Rect"][0]) > report.layout.frame.right  # in the margin
    assert float(note["/Rect"][1]) <= line.y <= float(note["/Rect"][3])


def test_notes_appendix_lists_each_highlight_with_its_page(annotated):
    out, report, marks, text = annotated
    with pdfplumber.open(out) as pdf:
        after = "\n".join(
            pdf.pages[i].extract_text() for i in range(report.body_pages - 1, report.pages)
        )
    assert "\nNotes\n" in after
    flat = norm(after.split("\nNotes\n", 1)[1])
    for key, h in marks.items():
        pages = report.layout.pages_of(h.start, h.end)
        label = f"p. {pages[0]}" if len(pages) == 1 else f"pp. {pages[0]}–{pages[-1]}"
        if h.start < h.end:
            quote = norm(text[h.start : h.end])[:30]
            assert f"{label} “{quote}" in flat, key
        else:
            assert f"{label} Margin note at" in flat
        if h.note:
            assert norm(h.note) in flat
    assert "pp." in flat  # the highlight over the page break


def pages_text_without_spaces(pdf: pdfplumber.PDF, pages: range) -> list[str]:
    return [
        "".join(c["text"] for c in pdf.pages[i].chars if not c["text"].isspace()) for i in pages
    ]


def first_page_with(body: list[str], snippet: str) -> int:
    key = "".join(snippet.split())[:40]
    joined = "".join(body)
    at = joined.index(key)
    for i, page in enumerate(body):
        if at < len(page):
            return i + 1
        at -= len(page)
    raise AssertionError(snippet)


def own_analysis(text: str) -> Analysis:
    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return (i, i + len(s))

    sources = (
        Source("s1", "Alexander Lukashenko", "person", "self-proclaimed President", "Belarus"),
        Source("s2", "Tatyana Martynova", "person", "journalist", "Belarusian opposition"),
        Source("s3", "Aliaksandr Azarau", "person", "head", "Belarusian security forces in exile"),
        Source("s4", "Oleh Katkov", "person", "analyst", "Defense Express"),
    )
    statements = (
        Statement("t1", "s1", "direct", (span("Neither the Ukrainian people, nor the Russians"),)),
        Statement(
            "t2", "s2", "direct", (span("An incredible story. It seems like an attempt"),),
            cue_text="said", hedges=("seems",),
        ),
        Statement(
            "t3", "s3", "indirect", (span("their sources constantly monitor changes"),),
            stance="doubtful",
        ),
        Statement("t4", "s3", "direct", (span("So far, a joint headquarters of the Armed"),)),
        Statement("t5", "s4", "direct", (span("The combat-ready unit of the Belarusian army"),)),
    )  # fmt: skip
    return Analysis(text=text, sources=sources, statements=statements, title="")


def test_sources_appendix_lists_every_source_with_affiliation_and_page(lib, sample, tmp_path):
    doc = doc_from(lib, sample)
    analysis = own_analysis(doc.text)
    out = tmp_path / "sources.pdf"
    report = export_pdf(replace(doc, analysis=analysis, highlights=[]), out, paper="letter")
    with pdfplumber.open(out) as pdf:
        body = pages_text_without_spaces(pdf, range(report.body_pages))
        after = "\n".join(
            pdf.pages[i].extract_text() for i in range(report.body_pages - 1, report.pages)
        )
    assert "\nSources\n" in after
    appendix = after.split("\nSources\n", 1)[1]
    lines = appendix.split("\n")
    flat = norm(appendix)
    for src in analysis.sources:
        assert src.name in flat and src.affiliation in flat and src.role in flat
    for st in analysis.statements:
        snippet = doc.text[st.start : st.end]
        page = first_page_with(body, snippet)
        entry = next(line for line in lines if norm(snippet)[:25] in line)
        assert entry.startswith(f"p. {page} "), (entry, page)
    assert {first_page_with(body, doc.text[st.start : st.end]) for st in analysis.statements} != {1}
    assert "1 direct" in flat and "1 hedged" in flat and "1 doubtful" in flat


def test_engine_sources_are_all_in_the_appendix(annotated, lib, sample):
    out, report, _, _ = annotated
    analysis = lib.open_article(sample).analysis
    with pdfplumber.open(out) as pdf:
        pages = range(report.body_pages - 1, report.pages)
        after = "\n".join(pdf.pages[i].extract_text() for i in pages)
    flat = norm(after.split("\nSources\n", 1)[1])
    for src in analysis.sources:
        assert norm(src.name) in flat
        if src.affiliation:
            assert norm(src.affiliation) in flat


def test_metadata(annotated, lib, sample):
    out, _, _, _ = annotated
    meta = PdfReader(out).metadata
    info = lib.open_article(sample).info
    assert meta.title == norm(info.title)
    assert meta.author == (info.author or "Tess Tester")
    assert meta.subject.startswith("Annotated article")
    assert meta.creator == f"reader {__version__}"
    names = [s.name for s in lib.open_article(sample).analysis.sources if s.kind != "anonymous"]
    assert all(name in meta["/Keywords"] for name in names)


def test_own_analysis_names_are_the_keywords(lib, sample, tmp_path):
    doc = doc_from(lib, sample)
    out = tmp_path / "k.pdf"
    export_pdf(replace(doc, analysis=own_analysis(doc.text)), out)
    keywords = PdfReader(out).metadata["/Keywords"]
    assert keywords == "Alexander Lukashenko, Tatyana Martynova, Aliaksandr Azarau, Oleh Katkov"


def test_text_stays_text_in_embedded_fonts(annotated):
    out, _, _, text = annotated
    reader = PdfReader(out)
    first = norm(reader.pages[0].extract_text())
    assert norm(text[:120]) in first
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]


def test_cyrillic_round_trips(lib, tmp_path):
    text = (
        "Лукашенко заявил о переговорах\n"
        "«Ни украинскому народу, ни россиянам, ни белорусам эта драка не нужна», — сказал "
        "Александр Лукашенко. Журналистка Татьяна Мартынова назвала это «невероятной историей».\n"
        "Mixed Latin and кириллица: Ёжик, ЁЛКА, щука — all in one line.\n"
    )
    aid = lib.import_text(text, title="Лукашенко заявил о переговорах")
    start = text.index("невероятной историей")
    lib.add_highlight(aid, start, start + len("невероятной историей"), "yellow", "Проверить цитату")
    out = tmp_path / "кириллица.pdf"
    lib.export_pdf(aid, out, paper="a4")
    reader = PdfReader(out)
    extracted = norm(reader.pages[0].extract_text())
    for line in text.splitlines():
        assert norm(line) in extracted
    assert reader.metadata.title == "Лукашенко заявил о переговорах"
    (i, annot), *_ = [(i, a) for i, a in annotations(out) if a["/Subtype"] == "/Highlight"]
    assert annot["/Contents"] == "Проверить цитату"
    with pdfplumber.open(out) as pdf:
        got = text_in_quads(pdf, i, [float(q) for q in annot["/QuadPoints"]])
    assert norm(got) == "невероятной историей"


def unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if not os.access(folder, os.W_OK):
        return folder
    folder.chmod(0o700)  # running as root: permissions do not stop us, sysfs does
    return Path("/sys")


def test_unwritable_path_is_a_clear_error_and_writes_nothing(lib, sample, tmp_path):
    folder = unwritable_folder(tmp_path)
    target = folder / "out.pdf"
    before = set(os.listdir(folder))
    with pytest.raises(ExportError) as err:
        lib.export_pdf(sample, target)
    assert str(err.value) == f"Cannot write {target}: permission denied"
    assert not target.exists()
    assert set(os.listdir(folder)) == before
    (tmp_path / "locked").chmod(0o700)


def test_path_under_a_file_or_missing_folder_is_a_clear_error(lib, sample, tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ExportError, match=r"Cannot write .*a part of the path is not a folder"):
        lib.export_pdf(sample, tmp_path / "a-file" / "out.pdf")
    with pytest.raises(ExportError, match=r"Cannot write .*the folder does not exist"):
        lib.export_pdf(sample, tmp_path / "nowhere" / "out.pdf")


class Cancelled(Exception):
    pass


def test_cancel_from_progress_leaves_the_old_file_untouched(lib, sample, tmp_path):
    out = tmp_path / "keep" / "a.pdf"
    out.parent.mkdir()
    seen: list[tuple[int, int]] = []
    lib.export_pdf(sample, out, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and len(seen) > 3
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    original = out.read_bytes()

    def cancel(done: int, total: int) -> None:
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        lib.export_pdf(sample, out, progress=cancel)
    assert out.read_bytes() == original
    assert os.listdir(out.parent) == ["a.pdf"]


def test_every_page_parses_and_renders(annotated, tmp_path):
    out, report, _, _ = annotated
    reader = PdfReader(out, strict=True)
    assert len(reader.pages) == report.pages >= 3
    for page in reader.pages:
        assert page.extract_text().strip()
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        result = subprocess.run(
            [pdftoppm, "-png", "-r", "30", str(out), str(tmp_path / "pg")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert len(list(tmp_path.glob("pg-*.png"))) == report.pages


def test_claims_are_shaded_unless_turned_off(lib, sample, tmp_path):
    doc = replace(doc_from(lib, sample), analysis=own_analysis(lib.open_article(sample).text))

    shades = set(claim_colors(doc.analysis).values())

    def shaded(path: Path) -> int:
        with pdfplumber.open(path) as pdf:
            return sum(
                1
                for r in pdf.pages[0].rects
                if r["non_stroking_color"]
                and tuple(round(v, 3) for v in r["non_stroking_color"]) in shades
            )

    export_pdf(doc, tmp_path / "on.pdf")
    export_pdf(doc, tmp_path / "off.pdf", claims=False)
    assert shaded(tmp_path / "on.pdf") >= 1
    assert shaded(tmp_path / "off.pdf") == 0
    assert not [a for _, a in annotations(tmp_path / "on.pdf") if a["/Subtype"] != "/Link"]


@pytest.mark.parametrize(
    ("env", "paper"),
    [
        ("en_US.UTF-8", "letter"),
        ("fr_CA.UTF-8", "letter"),
        ("de_DE.UTF-8", "a4"),
        ("en_GB.UTF-8", "a4"),
        ("C.UTF-8", "a4"),
        ("uk_UA@euro", "a4"),
    ],
)
def test_paper_follows_the_locale(env, paper):
    assert _paper_of(env) == paper


def test_default_paper_and_unknown_paper(lib, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    lib.export_pdf(sample, tmp_path / "us.pdf")
    assert [round(float(v)) for v in PdfReader(tmp_path / "us.pdf").pages[0].mediabox] == [
        0,
        0,
        612,
        792,
    ]
    with pytest.raises(ExportError, match="Unknown paper size 'a3'"):
        lib.export_pdf(sample, tmp_path / "x.pdf", paper="a3")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("text", "widths", "expected"),
    [
        ("one two three", (9, 9), ["one two", "three"]),
        ("one\ntwo", (50, 50), ["one", "two"]),
        (
            "a https://example.com/very/long/path", (12, 12),
            ["a", "https://", "example.com/", "very/long/", "path"],
        ),
        ("  lead  and  trail  ", (100, 100), ["lead  and  trail"]),
    ],
)  # fmt: skip
def test_line_breaking(text, widths, expected):
    cum = [float(i) for i in range(len(text) + 1)]  # every character one point wide
    spans = break_lines(text, cum, *widths)
    assert [text[a:b] for a, b in spans] == expected


def test_pdf_dates():
    from datetime import UTC, datetime, timedelta, timezone

    assert pdf_date(datetime(2024, 8, 12, 14, 30, tzinfo=UTC)) == "D:20240812143000+00'00'"
    kyiv = timezone(timedelta(hours=3))
    assert pdf_date(datetime(2024, 8, 12, 14, 30, tzinfo=kyiv)) == "D:20240812143000+03'00'"
    assert pdf_date(datetime(2024, 8, 12, 14, 30)) == "D:20240812143000+00'00'"


def test_document_without_segments_or_analysis(tmp_path):
    text = "First paragraph here.\n\nSecond one, with a note.\n"
    doc = PdfInput(
        title="Plain",
        text=text,
        highlights=[PdfHighlight(1, "green", 6, 15, "n1"), PdfHighlight(2, "blue", 22, 22, "n2")],
    )
    report = export_pdf(doc, tmp_path / "plain.pdf", paper="a4", author="x")
    assert report.pages == 1 and report.highlights == 1 and report.notes == 1
    assert report.layout.pages_of(0, 5) == [1]
