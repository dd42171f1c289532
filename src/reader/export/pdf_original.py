"""Export into the original: for an article read from a PDF, the original file with the
user's highlights added as annotations any viewer shows and prints, and the sources-and-notes
appendix appended as pages.

Every original page, its content, the document's metadata, and everyone else's annotations,
links and form fields are kept as they are. Each highlight becomes a /Highlight whose
QuadPoints cover its characters, one quad per printed line (reader.export.pdf_quads), one
annotation per page it touches (the later ones tied to the first by /IRT with /RT /Group),
with a multiply-blended appearance; a note is also printed in the margin beside it
(reader.export.pdf_margin). What reader wrote into the file before (annotations whose /NM
starts "reader-", appended appendix pages) is replaced, never duplicated, and a highlight that
came from someone else's annotation still in the file is not written twice.

An encrypted original needs its password (`PasswordNeeded` without it or with a wrong one)
and is written encrypted with that same password and the original's permissions (AES; an
original in the broken RC4 is written with AES-128), so exporting never takes its lock off.
"""

from __future__ import annotations

import io
import logging
import os
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from reader.errors import ExportError, PasswordNeeded
from reader.export.annotations import _form, pdf_date
from reader.export.article import Mark, PdfInput
from reader.export.layout import Color
from reader.export.pdf_appendix import appendix_pages
from reader.export.pdf_margin import MarginNote, Margins, add_margin_notes, place
from reader.export.pdf_quads import LineBox, first_printed, line_boxes
from reader.export.styles import HIGHLIGHT_COLORS
from reader.export.typeset import Progress, Ticker
from reader.files import open_output
from reader.ingest.pdf_annotations import (
    APPENDIX_KEY,
    THEIRS_KEY,
    color_name,
    highlight_author,
    is_ours,
    page_runs,
    read_highlights,
)
from reader.ingest.pdf_map import PdfTextMap

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OriginalReport:
    path: Path | None
    pages: int  # in the written file
    original_pages: int
    highlights: int  # /Highlight annotations written (one per page a highlight touches)
    notes: int  # notes printed in the margin
    replaced: int  # reader's annotations from an earlier export, removed
    already: int  # highlights left as the file holds them (someone else's annotation)
    unplaced: tuple[int, ...]  # ids of highlights with no printed character
    seconds: float


def _open(data: bytes, password: str | None) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(password or ""):
            if password:
                raise PasswordNeeded(
                    "Cannot export into the original PDF: wrong password", wrong=True
                )
            raise PasswordNeeded(
                "Cannot export into the original PDF: it is encrypted; give its password",
                wrong=False,
            )
        len(reader.pages)
    except (PyPdfError, ValueError, KeyError) as e:
        log.warning("original PDF unreadable: %s", e)
        raise ExportError(f"Cannot export into the original PDF: it cannot be read ({e})") from e
    return reader


def _encrypt_like(writer: PdfWriter, reader: PdfReader, data: bytes, password: str | None) -> None:
    """Lock `writer` as the original `reader` (read from `data`) was: the same password to
    open it (none when it opened without one: a file locked only against changes) and the
    same permissions. The owner password, not known unless it is the one given, is then the
    given one, or a random one that keeps the permissions."""
    user = password or ""
    if user and PdfReader(io.BytesIO(data)).decrypt(""):
        user = ""  # the owner's password was given for a file anyone may open
    found = reader.trailer["/Encrypt"].get_object()
    assert isinstance(found, DictionaryObject)  # an encrypted file has its /Encrypt
    # AES-256 and AES-128 (AESV2) originals as they were; one in RC4 (broken) made AES-128
    algorithms = {6: "AES-256", 5: "AES-256-R5"}
    algorithm = algorithms.get(int(found.get("/R", 0)), "AES-128")
    writer.encrypt(
        user_password=user,
        owner_password=password or secrets.token_urlsafe(24),
        # /P is a signed 32-bit number in the file, the flags an unsigned one
        permissions_flag=UserAccessPermissions(int(found.get("/P", -4)) & 0xFFFFFFFF),
        algorithm=algorithm,
    )


def _drop_ours(writer: PdfWriter) -> int:
    """Remove what an earlier export wrote: its appendix pages and its annotations."""
    dropped = 0
    for i in range(len(writer.pages) - 1, -1, -1):
        if writer.pages[i].get(APPENDIX_KEY):
            writer.remove_page(i)
    for page in writer.pages:
        annots = page.get("/Annots")
        if not annots:
            continue
        arr = annots.get_object()
        keep = [
            ref
            for ref in arr
            if not (isinstance(a := ref.get_object(), DictionaryObject) and is_ours(a))
        ]
        if len(keep) != len(arr):
            dropped += len(arr) - len(keep)
            page[NameObject("/Annots")] = ArrayObject(keep)
    return dropped


def _nums(values: Sequence[float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 3)) for v in values)


def _author(h: Mark) -> str:
    """Who wrote `h` when it was not the user (an annotation imported from a PDF); "" for the
    user's own. (Marks of callers without a library record have no author.)"""
    return getattr(h, "author", "") or ""


def _fields(h: Mark, author: str, color: Color, name: str) -> DictionaryObject:
    """What every annotation for `h` carries; /T is `h`'s author when someone else wrote it,
    else the user's name `author`."""
    theirs = _author(h)
    fields = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/C"): _nums(color),
            NameObject("/T"): TextStringObject(theirs or author),
            NameObject("/M"): TextStringObject(pdf_date(h.updated_at)),
            NameObject("/CreationDate"): TextStringObject(pdf_date(h.created_at)),
            NameObject("/NM"): TextStringObject(name),
            NameObject("/F"): NumberObject(4),  # Print
        }
    )
    if theirs:
        fields[NameObject(THEIRS_KEY)] = BooleanObject(True)
    return fields


def _highlight(
    writer: PdfWriter, h: Mark, author: str, boxes: list[LineBox], name: str, dx: float, dy: float
) -> DictionaryObject:
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    quads: list[float] = []
    for b in boxes:
        quads += b.quad(dx, dy)
    rect = [
        min(b.x0 for b in boxes) + dx - 1,
        min(b.y0 for b in boxes) + dy - 1,
        max(b.x1 for b in boxes) + dx + 1,
        max(b.y1 for b in boxes) + dy + 1,
    ]
    rgb = " ".join(f"{v:.3f}" for v in color)
    draw = f"{rgb} rg\n" + "".join(
        f"{b.x0 + dx:.3f} {b.y0 + dy:.3f} {b.x1 - b.x0:.3f} {b.y1 - b.y0:.3f} re f\n" for b in boxes
    )
    annot = _fields(h, author, color, name)
    annot[NameObject("/Subtype")] = NameObject("/Highlight")
    annot[NameObject("/Rect")] = _nums(rect)
    annot[NameObject("/QuadPoints")] = _nums(quads)
    annot[NameObject("/Contents")] = TextStringObject(h.note)
    annot[NameObject("/CA")] = FloatObject(1)
    annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _form(writer, rect, draw, True)})
    return annot


_PIN = (
    "0.30 0.30 0.33 RG 0.6 w {rgb} rg\n"
    "1 4 m 1 13 l 13 13 l 13 4 l 7 4 l 4 1 l 5 4 l h B\n"
    "0.7 w 3 10.5 m 11 10.5 l S 3 8.5 m 11 8.5 l S 3 6.5 m 9 6.5 l S\n"
)


def _pin(
    writer: PdfWriter, h: Mark, author: str, name: str, x: float, y: float
) -> DictionaryObject:
    """A note at one point: a sticky-note icon whose lower-left corner is the top-left of
    the character it is attached to."""
    color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
    rect = [x, y, x + 14, y + 14]
    rgb = " ".join(f"{v:.3f}" for v in color)
    draw = f"1 0 0 1 {x:.3f} {y:.3f} cm\n" + _PIN.format(rgb=rgb)
    annot = _fields(h, author, color, name)
    annot[NameObject("/Subtype")] = NameObject("/Text")
    annot[NameObject("/Rect")] = _nums(rect)
    annot[NameObject("/Contents")] = TextStringObject(h.note)
    annot[NameObject("/Name")] = NameObject("/Comment")
    annot[NameObject("/Open")] = BooleanObject(False)
    annot[NameObject("/F")] = NumberObject(4 | 8 | 16)  # Print, NoZoom, NoRotate
    annot[NameObject("/AP")] = DictionaryObject(
        {NameObject("/N"): _form(writer, rect, draw, False)}
    )
    return annot


def _margins(tm: PdfTextMap, writer: PdfWriter, n_pages: int) -> dict[int, Margins]:
    """Each page's box and the horizontal extent of its text (from the map)."""
    lo: dict[int, float] = {}
    hi: dict[int, float] = {}
    for p, runs in page_runs(tm).items():
        lo[p] = min(min(tm.x0[a:b]) for a, b in runs)
        hi[p] = max(max(tm.x1[a:b]) for a, b in runs)
    out = {}
    for p in range(n_pages):
        box = writer.pages[p].mediabox
        left, bottom = float(box.left), float(box.bottom)
        out[p] = Margins(
            left,
            bottom,
            float(box.right),
            float(box.top),
            left + lo.get(p, float(box.width) / 2),
            left + hi.get(p, float(box.width) / 2),
        )
    return out


def _name(h: Mark) -> str:
    """A stable /NM per highlight: exporting again gives the same names."""
    return "reader-" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"reader:{h.id}:{h.created_at}"))


def annotate_original(
    data: bytes,
    tm: PdfTextMap,
    doc: PdfInput,
    *,
    author: str,
    no_appendix: bool = False,
    tick: Ticker | None = None,
    password: str | None = None,
) -> tuple[bytes, OriginalReport]:
    """The original PDF `data` with `doc`'s highlights written into it (see the module). A
    file pypdf finds damaged on the way is one ExportError."""
    try:
        return _write_into(data, tm, doc, author, no_appendix, tick, password)
    except PyPdfError as e:
        log.warning("original PDF damaged: %s", e, exc_info=True)
        raise ExportError(f"Cannot export into the original PDF: it is damaged ({e})") from e


def _write_into(
    data: bytes,
    tm: PdfTextMap,
    doc: PdfInput,
    author: str,
    no_appendix: bool,
    tick: Ticker | None,
    password: str | None,
) -> tuple[bytes, OriginalReport]:
    started = time.perf_counter()
    tick = tick or Ticker(None, 100 + len(doc.highlights))
    reader = _open(data, password)
    writer = PdfWriter(clone_from=reader)
    replaced = _drop_ours(writer)
    n_pages = min(len(writer.pages), len(tm.pages))
    theirs = {  # as the import made them into reader highlights
        (c.start, c.end, c.color, c.note, highlight_author(c))
        for c in read_highlights(reader, tm, doc.text, theirs_only=True)
    }
    furniture = [s.span for s in doc.segments if s.kind == "boilerplate"]
    margins = _margins(tm, writer, n_pages)
    notes: list[MarginNote] = []
    written = already = 0
    unplaced: list[int] = []
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        tick()
        name = _name(h)
        note = h.note.strip()
        color_as_read = color_name(HIGHLIGHT_COLORS.get(h.color))
        if (h.start, h.end, color_as_read, note, _author(h)) in theirs:
            already += 1
            continue
        color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
        if h.start >= h.end:
            k = first_printed(tm, h.start)
            if not note or k is None or tm.page[k] >= n_pages:
                if note:
                    unplaced.append(h.id)
                continue
            page = tm.page[k]
            m = margins[page]
            x, y = tm.x0[k] + m.left, tm.y1[k] + m.bottom
            writer.add_annotation(page, _pin(writer, h, author, f"{name}-pin", x, y))
            notes.append(
                MarginNote(page, y, x, note, color, _fields(h, author, color, f"{name}-note"))
            )
            continue
        boxes = [b for b in line_boxes(doc.text, tm, h.start, h.end, furniture) if b.page < n_pages]
        if not boxes:
            unplaced.append(h.id)
            continue
        by_page: dict[int, list[LineBox]] = {}
        for b in boxes:
            by_page.setdefault(b.page, []).append(b)
        first: DictionaryObject | None = None
        for i, (page, bs) in enumerate(by_page.items()):
            m = margins[page]
            annot = _highlight(writer, h, author, bs, f"{name}-h{i}", m.left, m.bottom)
            if first is not None:  # the rest of a highlight across a page break
                annot[NameObject("/IRT")] = first.indirect_reference
                annot[NameObject("/RT")] = NameObject("/Group")
            added = writer.add_annotation(page, annot)
            first = first or added
            written += 1
        if note:
            b = boxes[0]
            notes.append(
                MarginNote(
                    b.page,
                    b.y1 + margins[b.page].bottom,
                    (b.x0 + b.x1) / 2 + margins[b.page].left,
                    note,
                    color,
                    _fields(h, author, color, f"{name}-note"),
                )
            )
    place(notes, margins)
    add_margin_notes(writer, notes)
    tick(10)
    if not no_appendix:
        first_page = writer.pages[0].mediabox if len(writer.pages) else None
        size = (float(first_page.width), float(first_page.height)) if first_page else (595, 842)
        if len(writer.pages) and int(writer.pages[0].get("/Rotate", 0) or 0) % 180 == 90:
            size = (size[1], size[0])
        pdf, _ = appendix_pages(doc, tm, size, len(writer.pages) + 1)
        if pdf:
            for page in PdfReader(io.BytesIO(pdf)).pages:
                added_page = writer.add_page(page)
                added_page[NameObject(APPENDIX_KEY)] = BooleanObject(True)
    tick(10)
    if reader.is_encrypted:
        _encrypt_like(writer, reader, data, password)
    buf = io.BytesIO()
    writer.write(buf)
    report = OriginalReport(
        path=None,
        pages=len(writer.pages),
        original_pages=n_pages,
        highlights=written,
        notes=len(notes),
        replaced=replaced,
        already=already,
        unplaced=tuple(unplaced),
        seconds=time.perf_counter() - started,
    )
    return buf.getvalue(), report


def export_original(
    data: bytes,
    tm: PdfTextMap,
    doc: PdfInput,
    out: Path | str,
    *,
    author: str | None = None,
    no_appendix: bool = False,
    progress: Progress | None = None,
    password: str | None = None,
) -> OriginalReport:
    """Write the original PDF with `doc`'s highlights at `out`, through
    `reader.files.open_output`: complete or not at all, the old file kept on failure or a
    cancel (an exception from `progress`)."""
    started = time.perf_counter()
    out = Path(out).expanduser()
    author = author or os.environ.get("USER") or os.environ.get("USERNAME") or "reader"
    tick = Ticker(progress, 100 + len(doc.highlights))
    with open_output(out) as fh:
        pdf, report = annotate_original(
            data, tm, doc, author=author, no_appendix=no_appendix, tick=tick, password=password
        )
        fh.write(pdf)
        tick(final=True)
    return OriginalReport(
        **{**report.__dict__, "path": out, "seconds": time.perf_counter() - started}
    )
