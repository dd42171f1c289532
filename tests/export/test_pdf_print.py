"""The PDF read on paper (issue 13, item 7): who said what is visible without a viewer —
claims in their source's colour with a legend of sources, notes printed in the margin beside
their highlight — and the title is the article's, never its first sentence cut short.
Checked by parsing the written file back with pdfplumber."""

from __future__ import annotations

import itertools
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from reader.analysis.model import Analysis, Source, Statement
from reader.export.palette import claim_colors
from reader.export.pdf import PdfHighlight, PdfInput, export_pdf
from reader.library import Library

TEXT = (
    "Harbour council approves flood wall\n"
    "The mayor said the wall would be finished before the winter storms arrive in the bay.\n"
    "Residents of the lower town said the plan ignores the fishermen who use the old quay.\n"
    "An engineer from the county warned that the budget leaves no room for delays at all.\n"
)


def span(part: str) -> tuple[int, int]:
    i = TEXT.index(part)
    return i, i + len(part)


ANALYSIS = Analysis(
    text=TEXT,
    sources=(
        Source("s1", "Mayor Ada Quill", "person", "mayor", "Harbour council"),
        Source("s2", "Lower town residents", "anonymous", None, None),
        Source("s3", "County engineer", "person", "engineer", "the county"),
    ),
    statements=(
        Statement("t1", "s1", "indirect", (span("the wall would be finished before the winter"),)),
        Statement("t2", "s2", "indirect", (span("the plan ignores the fishermen who use"),)),
        Statement("t3", "s3", "indirect", (span("the budget leaves no room for delays"),)),
    ),
)


def export(tmp_path: Path, **changes) -> Path:
    fields = {
        "title": "Harbour council approves flood wall",
        "text": TEXT,
        "origin": "/tmp/harbour.txt",
        "origin_kind": "file",
        "analysis": ANALYSIS,
    } | changes
    out = tmp_path / "out.pdf"
    export_pdf(PdfInput(**fields), out, paper="a4")
    return out


def rect_colors(page) -> list[tuple[float, ...]]:
    return [
        tuple(round(v, 3) for v in r["non_stroking_color"])
        for r in page.rects
        if r["non_stroking_color"] and len(r["non_stroking_color"]) == 3
    ]


def words_in(page, x0: float, x1: float, top: float, bottom: float) -> str:
    return " ".join(
        w["text"]
        for w in page.extract_words()
        if x0 <= w["x0"] and w["x1"] <= x1 and top <= w["top"] and w["bottom"] <= bottom
    )


def test_each_source_has_its_own_shade_under_its_claims(tmp_path):
    colors = claim_colors(ANALYSIS)
    assert len(set(colors.values())) == 3
    with pdfplumber.open(export(tmp_path)) as pdf:
        page = pdf.pages[0]
        found = rect_colors(page)
        words = page.extract_words()
        for sid, phrase in (("s1", "finished"), ("s2", "fishermen"), ("s3", "budget")):
            assert colors[sid] in found
            # the shade of that source lies under the statement's words
            w = next(w for w in words if w["text"] == phrase)
            under = [
                r
                for r in page.rects
                if r["non_stroking_color"]
                and tuple(round(v, 3) for v in r["non_stroking_color"]) == colors[sid]
                and r["x0"] <= w["x0"] < r["x1"]
                and r["top"] <= (w["top"] + w["bottom"]) / 2 <= r["bottom"]
            ]
            assert under, phrase


def test_a_legend_names_the_sources_on_their_shades(tmp_path):
    colors = claim_colors(ANALYSIS)
    with pdfplumber.open(export(tmp_path)) as pdf:
        page = pdf.pages[0]
        text = " ".join(page.extract_text().split())
        assert "Statements are shaded in the colour of their source:" in text
        legend_top = next(w for w in page.extract_words() if w["text"] == "Statements")["top"]
        for sid, name in (("s1", "Quill"), ("s2", "residents"), ("s3", "engineer")):
            w = next(
                w
                for w in page.extract_words()
                if w["text"] == name and abs(w["top"] - legend_top) < 30
            )
            shade = [
                r
                for r in page.rects
                if tuple(round(v, 3) for v in r["non_stroking_color"] or ()) == colors[sid]
                and r["x0"] <= w["x0"] < r["x1"]
                and r["top"] <= (w["top"] + w["bottom"]) / 2 <= r["bottom"]
            ]
            assert shade, name


def test_no_legend_and_no_shades_without_claims(tmp_path):
    out = tmp_path / "plain.pdf"
    export_pdf(
        PdfInput(title="Harbour", text=TEXT, analysis=ANALYSIS), out, paper="a4", claims=False
    )
    with pdfplumber.open(out) as pdf:
        assert "shaded in the colour" not in pdf.pages[0].extract_text()
        assert not set(rect_colors(pdf.pages[0])) & set(claim_colors(ANALYSIS).values())


def test_a_note_is_printed_in_the_margin_beside_its_highlight(tmp_path):
    start, end = span("leaves no room for delays")
    note = "Ask the county for the contingency figure"
    out = export(tmp_path, highlights=[PdfHighlight(1, "green", start, end, note)])
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        word = next(w for w in page.extract_words() if w["text"] == "leaves")
        right = max(w["x1"] for w in page.extract_words() if w["top"] > word["top"] - 40)
        body_right = page.width - 104
        # in the right margin, starting level with the highlighted line
        beside = words_in(page, body_right, page.width, word["top"] - 4, word["top"] + 60)
        assert " ".join(note.split()) == beside
        assert right > body_right
    annot = next(
        a.get_object()
        for a in PdfReader(out).pages[0]["/Annots"]
        if a.get_object()["/Subtype"] == "/Highlight"
    )
    assert annot["/Contents"] == note  # still the annotation's text, for viewers


def test_notes_on_one_page_do_not_overlap(tmp_path):
    a = span("the wall would be")
    b = span("The mayor")  # the same line
    long_note = "A long note " * 12
    out = export(
        tmp_path,
        highlights=[
            PdfHighlight(1, "yellow", *a, long_note),
            PdfHighlight(2, "pink", *b, "Second note here"),
        ],
    )
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        margin = [w for w in page.extract_words() if w["x0"] > page.width - 104]
        tops = sorted({round(w["top"], 1) for w in margin})
        assert all(b - a >= 6 for a, b in itertools.pairwise(tops))
        text = " ".join(w["text"] for w in sorted(margin, key=lambda w: (w["top"], w["x0"])))
        assert "Second note here" in text and text.count("long note") >= 3


def test_a_text_file_without_a_headline_is_titled_by_its_name(tmp_path):
    body = (
        "The self-proclaimed leader of the province, under whose rule the region joined the "
        "alliance in 2022 by providing territory, has now declared the need for talks.\n"
        "Nobody expected this, an adviser said.\n"
    )
    path = tmp_path / "province_talks-report.txt"
    path.write_text(body, encoding="utf-8")
    lib = Library(tmp_path / "lib")
    aid = lib.import_path(path)
    assert lib.open_article(aid).info.title == "Province talks report"
    out = tmp_path / "t.pdf"
    lib.export_pdf(aid, out, paper="a4")
    assert PdfReader(out).metadata.title == "Province talks report"
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text().splitlines()[0]
    assert first == "Province talks report"
    lib.close()


def test_a_stored_cut_first_sentence_is_not_printed_as_the_title(tmp_path):
    cut = "Harbour council approves flood wall The mayor said the wall would be…"
    out = export(tmp_path, title=cut, text=TEXT.replace("wall\n", "wall ", 1))
    assert PdfReader(out).metadata.title == "Harbour"
