"""The PDF export's annotations, added with pypdf to the drawn pages: each highlight as a
/Highlight with quad points and an appearance stream, a margin note as a /Text, and the
document's metadata."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from reader import __version__
from reader.export.appendices import source_order
from reader.export.article import Mark, PdfInput
from reader.export.layout import Color, Layout, Line, Shape
from reader.export.styles import GREY, HIGHLIGHT_COLORS
from reader.export.typeset import Ticker
from reader.ingest.authors import byline


def pdf_date(moment: datetime | None) -> str:
    """A PDF date string, "D:20240812143000+00'00'"; a naive datetime is taken as UTC."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    off = moment.utcoffset()
    minutes = int(off.total_seconds() // 60) if off else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def _nums(values: Sequence[float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 3)) for v in values)


def _form(writer: PdfWriter, bbox: Sequence[float], content: str, blend: bool) -> IndirectObject:
    """An appearance stream: a form XObject drawn in page space inside `bbox`."""
    form = DecodedStreamObject()
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/FormType"): NumberObject(1),
            NameObject("/BBox"): _nums(bbox),
        }
    )
    if blend:
        gs = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/BM"): NameObject("/Multiply"),
                NameObject("/ca"): FloatObject(1),
                NameObject("/CA"): FloatObject(1),
            }
        )
        form[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/ExtGState"): DictionaryObject({NameObject("/R0"): gs})}
        )
        content = "/R0 gs\n" + content
    form.set_data(content.encode("ascii"))
    return writer._add_object(form)


def _common(
    h: Mark, author: str, color: Color, rect: Sequence[float], name: str
) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): _nums(rect),
            NameObject("/C"): _nums(color),
            NameObject("/Contents"): TextStringObject(h.note),
            # the mark's own author (another member, a PDF's annotator), else the exporter
            NameObject("/T"): TextStringObject(getattr(h, "author", "") or author),
            NameObject("/M"): TextStringObject(pdf_date(h.updated_at)),
            NameObject("/CreationDate"): TextStringObject(pdf_date(h.created_at)),
            NameObject("/NM"): TextStringObject(name),
        }
    )


def _rgb(color: Color) -> str:
    return " ".join(f"{v:.3f}" for v in color)


def _highlight(
    writer: PdfWriter, h: Mark, author: str, parts: list[tuple[Line, int, int]], part: int
) -> DictionaryObject:
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    quads: list[float] = []
    boxes = []
    for line, a, b in parts:
        x0, x1, top, bottom = line.x_at(a), line.x_at(b), line.top, line.bottom
        quads += [x0, top, x1, top, x0, bottom, x1, bottom]
        boxes.append((x0, bottom, x1 - x0, top - bottom))
    rect = [
        min(b[0] for b in boxes) - 1,
        min(b[1] for b in boxes) - 1,
        max(b[0] + b[2] for b in boxes) + 1,
        max(b[1] + b[3] for b in boxes) + 1,
    ]
    draw = f"{_rgb(color)} rg\n" + "".join(
        f"{x:.3f} {y:.3f} {w:.3f} {hh:.3f} re f\n" for x, y, w, hh in boxes
    )
    annot = _common(h, author, color, rect, f"reader-highlight-{h.id}-{part}")
    annot[NameObject("/Subtype")] = NameObject("/Highlight")
    annot[NameObject("/QuadPoints")] = _nums(quads)
    annot[NameObject("/F")] = NumberObject(4)  # Print
    annot[NameObject("/CA")] = FloatObject(1)
    annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _form(writer, rect, draw, True)})
    return annot


_NOTE_ICON = (
    "0.30 0.30 0.33 RG 0.7 w {rgb} rg\n"
    "1.5 5 m 1.5 16.5 l 16.5 16.5 l 16.5 5 l 9 5 l 5 1.5 l 6 5 l h B\n"
    "0.8 w 4 13.5 m 14 13.5 l S 4 11 m 14 11 l S 4 8.5 m 11 8.5 l S\n"
)


def _sticky(writer: PdfWriter, h: Mark, author: str, x: float, y: float) -> DictionaryObject:
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    rect = [x, y, x + 18, y + 18]
    draw = f"1 0 0 1 {x:.3f} {y:.3f} cm\n" + _NOTE_ICON.format(rgb=_rgb(color))
    annot = _common(h, author, color, rect, f"reader-note-{h.id}")
    annot[NameObject("/Subtype")] = NameObject("/Text")
    annot[NameObject("/Name")] = NameObject("/Comment")
    annot[NameObject("/Open")] = BooleanObject(False)
    annot[NameObject("/F")] = NumberObject(4 | 8 | 16)  # Print, NoZoom, NoRotate
    annot[NameObject("/AP")] = DictionaryObject(
        {NameObject("/N"): _form(writer, rect, draw, False)}
    )
    return annot


def annotate(
    data: bytes, layout: Layout, doc: PdfInput, author: str, tick: Ticker
) -> tuple[bytes, tuple[int, int, tuple[int, ...]]]:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    highlights = notes = 0
    unplaced: list[int] = []
    per_line: dict[int, int] = {}  # notes already beside a line (by id of the line)
    text = doc.text
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        tick()
        if h.start >= h.end:
            if not h.note.strip():
                continue
            line = layout.line_at(h.start)
            if line is None:
                unplaced.append(h.id)
                continue
            k = per_line.get(id(line), 0)
            per_line[id(line)] = k + 1
            x = layout.frame.right + 14 + 20 * k
            writer.add_annotation(line.page - 1, _sticky(writer, h, author, x, line.y - 4))
            caret = Shape("caret", line.x_at(h.start), line.bottom - 1.5, 5, 4, GREY)
            _draw_over(writer, line.page - 1, caret)
            notes += 1
            continue
        parts = [p for p in layout.spans(h.start, h.end) if text[p[1] : p[2]].strip()]
        if not parts:
            unplaced.append(h.id)
            continue
        by_page: dict[int, list[tuple[Line, int, int]]] = {}
        for p in parts:
            by_page.setdefault(p[0].page, []).append(p)
        first: DictionaryObject | None = None
        for i, (page, ps) in enumerate(sorted(by_page.items())):
            annot = _highlight(writer, h, author, ps, i)
            if first is not None:  # the rest of a highlight that crosses a page break
                annot[NameObject("/IRT")] = first.indirect_reference
                annot[NameObject("/RT")] = NameObject("/Group")
            added = writer.add_annotation(page - 1, annot)
            first = first or added
            highlights += 1
    writer.add_metadata(metadata(doc, author))
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue(), (highlights, notes, tuple(unplaced))


def _draw_over(writer: PdfWriter, page_index: int, shape: Shape) -> None:
    """Append a small vector mark to a page's content (the caret of a margin note)."""
    page = writer.pages[page_index]
    s = shape
    ops = (
        f"q {_rgb(s.color)} rg {s.x:.3f} {s.y + s.h:.3f} m {s.x - s.w / 2:.3f} {s.y:.3f} l "
        f"{s.x + s.w / 2:.3f} {s.y:.3f} l h f Q\n"
    )
    extra = DecodedStreamObject()
    extra.set_data(ops.encode("ascii"))
    ref = writer._add_object(extra)
    contents = page.get("/Contents")
    arr = ArrayObject()
    if isinstance(contents, IndirectObject) and isinstance(
        target := contents.get_object(), ArrayObject
    ):
        arr.extend(target)
    elif isinstance(contents, ArrayObject):
        arr.extend(contents)
    elif contents is not None:
        arr.append(contents)
    arr.append(ref)
    page[NameObject("/Contents")] = arr


def metadata(doc: PdfInput, annotator: str) -> dict[str, str]:
    names: list[str] = []
    if doc.analysis is not None:
        for src in source_order(doc.analysis):
            if src.kind != "anonymous" and src.name not in names:
                names.append(src.name)
    subject = "Annotated article"
    if doc.site or doc.origin:
        subject += f" from {doc.site or doc.origin}"
    subject += ", with highlights, notes and its sources"
    meta = {
        "/Title": doc.display_title(),
        "/Subject": subject,
        "/Creator": f"reader {__version__}",
        "/Keywords": ", ".join(names),
        "/Author": "",
        "/CreationDate": pdf_date(None),
        "/ModDate": pdf_date(None),
    }
    meta["/Author"] = byline(doc.author) or annotator
    return meta


def marks_on_paper(layout: Layout, doc: PdfInput) -> dict[int, list[Shape]]:
    """Page number → the annotations as plain shapes, for a printer that draws the pages itself
    (reader.ui.print_article): each highlight's boxes in its colour (drawn under the text),
    and for a note at one point its icon and caret, where `annotate` puts them."""
    out: dict[int, list[Shape]] = {}
    per_line: dict[int, int] = {}
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
        if h.start >= h.end:
            line = layout.line_at(h.start)
            if not h.note.strip() or line is None:
                continue
            k = per_line.get(id(line), 0)
            per_line[id(line)] = k + 1
            x = layout.frame.right + 14 + 20 * k
            shapes = out.setdefault(line.page, [])
            shapes.append(Shape("rect", x + 1.5, line.y - 4 + 5, 15, 11.5, color))
            shapes.append(Shape("caret", line.x_at(h.start), line.bottom - 1.5, 5, 4, GREY))
            continue
        for line, a, b in layout.spans(h.start, h.end):
            if doc.text[a:b].strip():
                x0, x1 = line.x_at(a), line.x_at(b)
                out.setdefault(line.page, []).append(
                    Shape("rect", x0, line.bottom, x1 - x0, line.top - line.bottom, color)
                )
    return out
