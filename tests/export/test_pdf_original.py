"""Export into the original PDF, checked by parsing the written file back: the text pdfplumber
reads under each highlight's quads, the original's pages, links, form field and metadata
unchanged (pypdf), the appendix present or absent, re-import and a second export."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime

import original_samples as S
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from reader.annotate.selection import snap_to_words
from reader.errors import ExportError, PasswordNeeded
from reader.export.article import PdfHighlight, PdfInput
from reader.export.pdf_original import _name, annotate_original, export_original
from reader.export.styles import HIGHLIGHT_COLORS
from reader.ingest.pdf_annotations import read_highlights
from reader.ingest.pdf_map import NOT_ON_PAGE

WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture(scope="module", params=[1, 2], ids=["one-column", "two-columns"])
def sample(request):
    return S.sample(S.paragraphs(12), request.param)


def span_across_page(text, tm):
    k = next(k for k in range(len(tm)) if tm.page[k] == 1)
    return snap_to_words(text, k - 90, k + 60)


def span_of_hyphenated(text, tm):
    """A word printed in two parts: its characters on two lines."""
    for k in range(1, len(tm)):
        if tm.page[k] == tm.page[k - 1] and tm.y0[k] < tm.y0[k - 1] - 5 and text[k - 1].isalpha():
            return snap_to_words(text, k - 1, k + 1)
    raise AssertionError("no hyphenated word in the sample")


def marks(sample) -> list[PdfHighlight]:
    t, tm = sample.text, sample.tm
    col_break = next(  # the first character of the second column or page
        k for k in range(1, len(tm)) if tm.page[k] != NOT_ON_PAGE and tm.y0[k] > 700 and k > 200
    )
    out = [
        ("yellow", S.word_span(t, "questioned", "objections", 200), "Says who? Check the minutes."),
        ("green", span_across_page(t, tm), ""),
        ("blue", span_of_hyphenated(t, tm), "split word"),
        ("pink", snap_to_words(t, col_break - 40, col_break + 40), ""),
        ("purple", S.word_span(t, "harbour", "harbour", 1200), "ünïcödé — “quoted” note"),
    ]
    hs = [
        PdfHighlight(i + 1, color, a, b, note, created_at=WHEN, updated_at=WHEN)
        for i, (color, (a, b), note) in enumerate(out)
    ]
    point = t.index(" ", 2600) + 1
    hs.append(PdfHighlight(9, "green", point, point, "a note at one point", WHEN, WHEN))
    return hs


def doc_of(sample, highlights) -> PdfInput:
    return PdfInput(title="Harbour council findings", text=sample.text, highlights=highlights)


def ours(data: bytes) -> list[tuple[int, dict]]:
    out = []
    for i, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        for ref in page.get("/Annots", []) or []:
            a = ref.get_object()
            if str(a.get("/NM", "")).startswith("reader-"):
                out.append((i, a))
    return out


def test_quads_cover_exactly_the_highlighted_text(sample):
    hs = marks(sample)
    data, report = annotate_original(sample.data, sample.tm, doc_of(sample, hs), author="Ana")
    assert report.unplaced == ()
    by_name: dict[str, list[tuple[int, dict]]] = {}
    for page, a in ours(data):
        if a["/Subtype"] == "/Highlight":
            by_name.setdefault(str(a["/NM"]).rsplit("-h", 1)[0], []).append((page, a))
    assert len(by_name) == 5
    tm = sample.tm
    for h in hs[:5]:
        parts = by_name[_name(h)]
        read = []
        quads = 0
        for page, a in parts:
            q = [float(v) for v in a["/QuadPoints"]]
            for i in range(0, len(q), 8):
                read.append(S.text_under(data, page, q[i : i + 8]))
                quads += 1
        wanted = sample.text[h.start : h.end]
        assert "".join("".join(read).split()) == "".join(wanted.split()), h.color
        lines = {  # one quad per printed line: page, column and baseline
            (tm.page[k], sample.columns == 2 and tm.x0[k] > 297, round(tm.y0[k]))
            for k in range(h.start, h.end)
            if tm.page[k] != NOT_ON_PAGE and not sample.text[k].isspace()
        }
        assert quads == len(lines), h.color
        assert len(parts) == len({p for p, _ in parts}) == len({ln[0] for ln in lines})
        first = parts[0][1]
        assert first["/C"] == [round(v, 3) for v in HIGHLIGHT_COLORS[h.color]]
        assert first["/T"] == "Ana" and first["/F"] == 4
        assert first["/M"] == first["/CreationDate"] == "D:20260304050607+00'00'"
        ap = first["/AP"]["/N"].get_object()
        assert ap["/Resources"]["/ExtGState"]["/R0"]["/BM"] == "/Multiply"
        for _page, later in parts[1:]:  # a highlight across a page break: tied to its first part
            assert later["/IRT"].get_object()["/NM"] == first["/NM"]
            assert later["/RT"] == "/Group"


def test_the_original_is_kept(sample):
    before = PdfReader(io.BytesIO(sample.data))
    data, report = annotate_original(
        sample.data, sample.tm, doc_of(sample, marks(sample)), author="A"
    )
    after = PdfReader(io.BytesIO(data))
    n = len(before.pages)
    assert report.original_pages == n and len(after.pages) > n
    for p, q in zip(before.pages, after.pages[:n], strict=True):
        assert p.get_contents().get_data() == q.get_contents().get_data()
        assert p.mediabox == q.mediabox
        assert p.get("/Resources").keys() == q.get("/Resources").keys()
    assert after.metadata == before.metadata
    assert after.metadata.title == "Harbour council findings"

    def links(r):
        return [
            (i, a["/A"]["/URI"], list(a["/Rect"]))
            for i, page in enumerate(r.pages)
            for a in (x.get_object() for x in page.get("/Annots", []) or [])
            if a["/Subtype"] == "/Link"
        ]

    assert links(after) == links(before) != []
    assert after.get_fields().keys() == before.get_fields().keys() == {"reviewer"}
    assert after.get_fields()["reviewer"].value == "R. Viewer"


def test_appendix_pages_name_the_original_pages(sample, tmp_path):
    hs = marks(sample)
    n = len(PdfReader(io.BytesIO(sample.data)).pages)
    out = tmp_path / "annotated.pdf"
    report = export_original(sample.data, sample.tm, doc_of(sample, hs), out, author="A")
    assert report.path == out and report.pages == len(PdfReader(out).pages) > n
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        appendix = "\n".join(pdf.pages[i].extract_text() for i in range(n, len(pdf.pages)))
    assert "Notes" in appendix and "Says who? Check the minutes." in appendix
    # page labels come from the map: the highlight across the page break is on pages 1 and 2
    assert "pp. 1–2" in appendix
    assert appendix.count("p. 1") >= 3

    bare = tmp_path / "bare.pdf"
    report = export_original(
        sample.data, sample.tm, doc_of(sample, hs), bare, author="A", no_appendix=True
    )
    assert report.pages == n == len(PdfReader(bare).pages)
    assert len(ours(bare.read_bytes())) == len(ours(out.read_bytes()))


def test_reimport_gives_the_same_highlights(sample):
    hs = marks(sample)
    data, _ = annotate_original(sample.data, sample.tm, doc_of(sample, hs), author="Ana")
    got = read_highlights(data, sample.tm, sample.text)
    assert [(c.start, c.end, c.color, c.note, c.author, c.ours) for c in got] == [
        (h.start, h.end, h.color, h.note, "Ana", True)
        for h in sorted(hs, key=lambda h: (h.start, h.end))
    ]
    assert {c.created_at for c in got} == {c.updated_at for c in got} == {WHEN}


def test_exporting_again_replaces_what_reader_wrote(sample):
    hs = marks(sample)
    once, r1 = annotate_original(sample.data, sample.tm, doc_of(sample, hs), author="A")
    twice, r2 = annotate_original(once, sample.tm, doc_of(sample, hs[:2]), author="A")
    assert r2.replaced == len(ours(once)) > 0
    assert r2.pages < r1.pages or r2.pages == r1.pages  # the old appendix is gone, a new one added
    names = [str(a["/NM"]) for _p, a in ours(twice)]
    assert len(names) == len(set(names))
    assert len(read_highlights(twice, sample.tm, sample.text)) == 2
    thrice, _ = annotate_original(twice, sample.tm, doc_of(sample, hs[:2]), author="A")
    assert sorted(names) == sorted(str(a["/NM"]) for _p, a in ours(thrice))
    assert len(PdfReader(io.BytesIO(thrice)).pages) == len(PdfReader(io.BytesIO(twice)).pages)


def test_someone_elses_highlight_is_kept_and_not_written_twice(sample):
    t, tm = sample.text, sample.tm
    a, b = S.word_span(t, "questioned", "objections", 200)
    theirs = S.with_their_highlight(sample.data, S.char_quads(t, tm, a, b), (1, 1, 0))
    (found,) = read_highlights(theirs, tm, t)
    assert (found.start, found.end, found.color, found.ours) == (a, b, "yellow", False)
    mine = PdfHighlight(1, found.color, found.start, found.end, found.note)
    data, report = annotate_original(theirs, tm, doc_of(sample, [mine]), author="A")
    assert report.already == 1 and report.highlights == 0 and ours(data) == []
    assert len(read_highlights(data, tm, t)) == 1


def test_highlight_and_margin_note_are_printed(sample, tmp_path):
    hs = marks(sample)[:1]
    data, _ = annotate_original(sample.data, sample.tm, doc_of(sample, hs), author="A")
    annots = {str(a["/Subtype"]): a for _p, a in ours(data)}
    assert annots.keys() == {"/Highlight", "/FreeText"}
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=30,
    )
    img = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    height = img.height

    def ink(rect):  # share of non-white pixels inside a PDF rectangle
        x0, y0, x1, y1 = (float(v) for v in rect)
        box = (int(x0) + 1, int(height - y1) + 1, int(x1) - 1, int(height - y0) - 1)
        colors = img.crop(box).getcolors(maxcolors=1 << 24) or []
        total = sum(n for n, _c in colors)
        return sum(n for n, c in colors if min(c) < 235) / max(1, total)

    free = annots["/FreeText"]
    assert free["/F"] == 4 and free["/Contents"] == "Says who? Check the minutes."
    assert ink(free["/Rect"]) > 0.9  # the note's box is printed (tinted) …
    x0, _y0, x1, _y1 = (float(v) for v in free["/Rect"])
    assert x1 <= 72 or x0 >= 523  # … in the margin, clear of the text
    assert ink(annots["/Highlight"]["/Rect"]) > 0.5


def test_an_unreadable_original_is_one_clear_error(sample, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    with pytest.raises(ExportError, match="cannot be read"):
        export_original(sample.data[:300], sample.tm, doc_of(sample, []), out, author="A")
    assert out.read_bytes() == b"old"


def test_a_cancelled_export_leaves_the_old_file(sample, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    seen = []

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3:
            raise Stop

    with pytest.raises(Stop):
        export_original(
            sample.data, sample.tm, doc_of(sample, marks(sample)), out, progress=progress
        )
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
    assert seen[0][1] == 100 + len(marks(sample))


@pytest.mark.parametrize(
    ("text_left", "text_right", "left_side", "expected"),
    [
        (72, 523, False, (529, 60)),  # the right margin, beside a highlight on the right
        (72, 523, True, (6, 60)),  # the left margin, beside one on the left
        (200, 560, False, (44, 150)),  # no room on the right: the wider left margin
        (10, 585, True, (549, 40)),  # no margin at all: the page's edge, still on the page
    ],
)
def test_the_notes_column_is_in_a_margin(text_left, text_right, left_side, expected):
    from reader.export.pdf_margin import Margins

    m = Margins(0, 0, 595, 842, text_left, text_right)
    x, width = m.column(left_side)
    assert (round(x), round(width)) == expected
    assert x >= 0 and x + width <= 595


def test_an_encrypted_original_needs_its_password(sample, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample.data)))
    writer.encrypt("secret", algorithm="AES-128", permissions_flag=UserAccessPermissions.PRINT)
    buf = io.BytesIO()
    writer.write(buf)
    locked = buf.getvalue()
    doc = doc_of(sample, marks(sample)[:1])
    out = tmp_path / "out.pdf"
    with pytest.raises(PasswordNeeded, match="encrypted; give its password") as no:
        export_original(locked, sample.tm, doc, out, author="A")
    assert no.value.wrong is False
    with pytest.raises(PasswordNeeded, match="wrong password") as wrong:
        export_original(locked, sample.tm, doc, out, author="A", password="guess")
    assert wrong.value.wrong is True
    assert not out.exists()
    export_original(locked, sample.tm, doc, out, author="A", password="secret")
    written = PdfReader(out)  # locked as the original was, with the same password
    assert written.is_encrypted and not written.decrypt("") and written.decrypt("secret")
    lock = written.trailer["/Encrypt"]
    assert lock["/V"] == 4  # AES-128, as the original
    assert lock["/P"] == PdfReader(io.BytesIO(locked)).trailer["/Encrypt"]["/P"]  # its permissions
    (found,) = read_highlights(out.read_bytes(), sample.tm, sample.text, password="secret")
    assert (found.start, found.end) == (doc.highlights[0].start, doc.highlights[0].end)
