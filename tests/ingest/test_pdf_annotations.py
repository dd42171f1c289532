"""Highlights and notes already in a PDF, read back as article spans through the PdfTextMap:
annotations made the way Okular and Acrobat write them, added to a reportlab test PDF."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import original_samples as S
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from reader.ingest.pdf_annotations import (
    appendix_pages,
    color_name,
    parse_pdf_date,
    read_highlights,
)

PLUS_2 = timezone(timedelta(hours=2))
MINUS_5_30 = timezone(-timedelta(hours=5, minutes=30))


@pytest.fixture(scope="module")
def sample():
    return S.sample(S.paragraphs(12), 1)


def quads_of(sample, start: int, end: int, page: int) -> list[float]:
    """One quad per line, as a viewer makes them: the line's characters' boxes joined."""
    tm, lines = sample.tm, {}
    for k in range(start, end):
        if tm.page[k] == page and not sample.text[k].isspace():
            box = lines.setdefault(round(tm.y0[k]), [1e9, 1e9, -1e9, -1e9])
            box[:] = [
                min(box[0], tm.x0[k]),
                min(box[1], tm.y0[k]),
                max(box[2], tm.x1[k]),
                max(box[3], tm.y1[k]),
            ]
    out: list[float] = []
    for x0, y0, x1, y1 in lines.values():
        out += [x0, y1, x1, y1, x0, y0, x1, y0]
    return out


def annot(subtype: str, rect, **fields) -> DictionaryObject:
    d = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect),
        }
    )
    for key, value in fields.items():
        if isinstance(value, str):
            value = TextStringObject(value)
        elif isinstance(value, list | tuple):
            value = ArrayObject(FloatObject(v) for v in value)
        d[NameObject("/" + key)] = value
    return d


def with_annotations(sample, add) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample.data)))
    add(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_okular_and_acrobat_annotations_become_highlights(sample):
    t = sample.text
    spans = {
        "hl": S.word_span(t, "harbour", "findings", 100),
        "ul": S.word_span(t, "residents", "whether", 900),
        "so": S.word_span(t, "independent", "commission", 1500),
        "sq": S.word_span(t, "dredging", "dredging", 2000),
    }
    pin = t.index("council", 2500)
    tm = sample.tm
    x, y = tm.x0[pin], tm.y1[pin]

    def add(w: PdfWriter) -> None:
        a, b = spans["hl"]
        q = quads_of(sample, a, b, 0)
        hl = w.add_annotation(
            0,
            annot(
                "/Highlight",
                (0, 0, 1, 1),
                QuadPoints=q,
                C=(1, 1, 0),
                Contents="Okular note",
                T="Okular User",
                M="D:20250102030405+01'00'",
                CreationDate="D:20250101000000Z",
            ),
        )
        reply = annot("/Text", (0, 0, 10, 10), Contents="I agree", T="Second Reader")
        reply[NameObject("/IRT")] = hl.indirect_reference
        w.add_annotation(0, reply)
        for key, sub, color in (
            ("ul", "/Underline", (0, 0.4, 1)),
            ("so", "/StrikeOut", (1, 0, 0)),
            ("sq", "/Squiggly", (0.2, 0.8, 0.2)),
        ):
            a, b = spans[key]
            w.add_annotation(
                0, annot(sub, (0, 0, 1, 1), QuadPoints=quads_of(sample, a, b, 0), C=color)
            )
        w.add_annotation(
            0,
            annot("/Text", (x, y, x + 20, y + 20), Contents="sticky", T="Acrobat", C=(1, 0.5, 0.7)),
        )
        w.add_annotation(0, annot("/Text", (x, y, x + 20, y + 20), Contents=""))  # no note
        w.add_annotation(0, annot("/FreeText", (x, y, x + 20, y + 20), Contents="a text box"))

    got = read_highlights(with_annotations(sample, add), tm, t)
    by_kind = {c.kind: c for c in got}
    assert [c.kind for c in got] == ["highlight", "underline", "strikeout", "squiggly", "note"]
    hl = by_kind["highlight"]
    assert (hl.start, hl.end) == spans["hl"]
    assert (hl.color, hl.author, hl.ours) == ("yellow", "Okular User", False)
    assert hl.note == "Okular note\n\nSecond Reader: I agree"
    assert hl.updated_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    assert hl.created_at == datetime(2025, 1, 1, tzinfo=UTC)
    assert (by_kind["underline"].start, by_kind["underline"].end) == spans["ul"]
    assert by_kind["underline"].color == "blue"
    assert (by_kind["strikeout"].start, by_kind["strikeout"].color) == (spans["so"][0], "pink")
    assert (by_kind["squiggly"].end, by_kind["squiggly"].color) == (spans["sq"][1], "green")
    note = by_kind["note"]
    assert (note.start, note.end, note.note, note.color) == (pin, pin, "sticky", "pink")


def test_a_quad_over_two_separate_passages_gives_two_highlights(sample):
    """A highlight whose quads skip printed text in between is two passages, not one span
    swallowing what lies between."""
    t = sample.text
    a1, b1 = S.word_span(t, "harbour", "findings", 100)
    a2, b2 = S.word_span(t, "independent", "commission", 1500)

    def add(w: PdfWriter) -> None:
        q = quads_of(sample, a1, b1, 0) + quads_of(sample, a2, b2, 0)
        w.add_annotation(0, annot("/Highlight", (0, 0, 1, 1), QuadPoints=q, C=(0.6, 0.8, 1)))

    got = read_highlights(with_annotations(sample, add), sample.tm, t)
    assert [(c.start, c.end, c.color) for c in got] == [(a1, b1, "blue"), (a2, b2, "blue")]


def test_grouped_parts_across_a_page_break_are_one_highlight(sample):
    tm, t = sample.tm, sample.text
    k = next(k for k in range(len(tm)) if tm.page[k] == 1)
    a, b = t.rindex(" ", 0, k - 30) + 1, t.index(" ", k + 30)

    def add(w: PdfWriter) -> None:
        first = w.add_annotation(
            0, annot("/Highlight", (0, 0, 1, 1), QuadPoints=quads_of(sample, a, b, 0))
        )
        rest = annot("/Highlight", (0, 0, 1, 1), QuadPoints=quads_of(sample, a, b, 1))
        rest[NameObject("/IRT")] = first.indirect_reference
        rest[NameObject("/RT")] = NameObject("/Group")
        w.add_annotation(1, rest)

    got = read_highlights(with_annotations(sample, add), tm, t)
    assert [(c.start, c.end) for c in got] == [(a, b)]
    assert tm.page[a] == 0 and tm.page[b - 1] == 1


def test_pages_reader_appended_are_not_read(sample):
    def add(w: PdfWriter) -> None:
        page = w.add_blank_page(595, 842)
        page[NameObject("/ReaderAppendix")] = BooleanObject(True)
        a, b = S.word_span(sample.text, "harbour", "findings", 100)
        w.add_annotation(
            len(w.pages) - 1,
            annot("/Highlight", (0, 0, 1, 1), QuadPoints=quads_of(sample, a, b, 0)),
        )

    data = with_annotations(sample, add)
    n = len(PdfReader(io.BytesIO(data)).pages)
    assert appendix_pages(data) == [n - 1]
    assert read_highlights(data, sample.tm, sample.text) == []


@pytest.mark.parametrize(
    ("color", "name"),
    [
        ((1, 1, 0), "yellow"),
        ((1.0, 0.89, 0.32), "yellow"),
        ((0, 1, 0), "green"),
        ((0, 0.5, 1), "blue"),
        ((1, 0, 0), "pink"),
        ((0.6, 0.3, 0.9), "purple"),
        ((0.5, 0.5, 0.5), "yellow"),  # grey: no hue to go by
        ((0, 0, 1, 0), "yellow"),  # CMYK yellow
        ((), "yellow"),
        (None, "yellow"),
    ],
)
def test_colour_names(color, name):
    assert color_name(list(color) if color is not None else None) == name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20240812143000+02'00'", datetime(2024, 8, 12, 14, 30, tzinfo=PLUS_2)),
        ("D:20240812143000-05'30'", datetime(2024, 8, 12, 14, 30, tzinfo=MINUS_5_30)),
        ("D:20240812", datetime(2024, 8, 12, tzinfo=UTC)),
        ("D:2024", datetime(2024, 1, 1, tzinfo=UTC)),
        ("20240812143000Z", datetime(2024, 8, 12, 14, 30, tzinfo=UTC)),
        ("D:20241399000000", None),  # month 13
        ("yesterday", None),
        (None, None),
    ],
)  # fmt: skip
def test_pdf_dates(raw, expected):
    assert parse_pdf_date(raw) == expected
