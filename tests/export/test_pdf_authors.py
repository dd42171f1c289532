"""Who wrote a highlight: an annotation found in a PDF comes in with its author (/T) in the
highlight's author column, the note as it was; exporting into the original writes the user's
own highlights under the user's name and someone else's under theirs, and the file read again
gives each highlight back with its author. The W3C export names them as `creator`."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import original_samples as S
from pypdf import PdfReader

from reader.export.article import PdfInput
from reader.export.pdf_original import annotate_original
from reader.ingest.pdf_annotations import THEIRS_KEY, highlight_author, read_highlights
from reader.library import HighlightInfo, Library
from reader.library.pdf_export import export_article_pdf

WHEN = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def marks(lib: Library, aid: int) -> list[tuple[int, int, str, str]]:
    return sorted((h.start, h.end, h.note, h.author) for h in lib.highlights(aid))


def test_an_annotations_author_comes_in_goes_out_and_comes_back(tmp_path: Path) -> None:
    pdf = tmp_path / "okular.pdf"
    a, b = S.okular_pdf(pdf)
    lib = Library(tmp_path / "data")
    aid = lib.import_path(pdf)
    assert marks(lib, aid) == [(a, b, "Important", "Okular User")]  # the note as it was
    text = lib.open_article(aid).text
    mine = S.word_span(text, "council", "council", b)
    lib.add_highlight(aid, *mine, "yellow", "Mine")
    out = tmp_path / "out.pdf"
    export_article_pdf(lib, aid, out, author="Ana", no_appendix=True)
    by = {
        str(annot.get("/Contents")): str(annot.get("/T"))
        for page in PdfReader(out).pages
        for ref in page.get("/Annots", []) or []
        if (annot := ref.get_object())["/Subtype"] == "/Highlight"
    }
    assert by == {"Important": "Okular User", "Mine": "Ana"}
    again = Library(tmp_path / "again")
    bid = again.import_path(out)
    assert marks(again, bid) == [(a, b, "Important", "Okular User"), (*mine, "Mine", "")]


def test_someone_elses_highlight_written_by_reader_keeps_their_name() -> None:
    sample = S.sample(S.paragraphs(4), 1)
    text = sample.text
    zoe = S.word_span(text, "harbour", "findings")
    own = S.word_span(text, "council", "council", zoe[1])

    def info(i: int, span: tuple[int, int], author: str) -> HighlightInfo:
        return HighlightInfo(
            i, 1, "blue", *span, "", "", "", f"note {i}", False, WHEN, WHEN, author
        )

    doc = PdfInput(title="t", text=text, highlights=[info(1, zoe, "Zoe"), info(2, own, "")])
    data, _ = annotate_original(sample.data, sample.tm, doc, author="Ana", no_appendix=True)
    written = [
        ref.get_object()
        for ref in PdfReader(io.BytesIO(data)).pages[0]["/Annots"]
        if ref.get_object()["/Subtype"] == "/Highlight"
    ]
    assert sorted((str(x["/T"]), bool(x.get(THEIRS_KEY))) for x in written) == [
        ("Ana", False),
        ("Zoe", True),
    ]
    got = read_highlights(data, sample.tm, text)
    assert [(c.start, c.end, highlight_author(c)) for c in got] == [(*zoe, "Zoe"), (*own, "")]


def test_the_w3c_export_names_the_author_as_creator(tmp_path: Path) -> None:
    pdf = tmp_path / "okular.pdf"
    S.okular_pdf(pdf)
    lib = Library(tmp_path / "data")
    aid = lib.import_path(pdf)
    text = lib.open_article(aid).text
    lib.add_highlight(aid, *S.word_span(text, "council", "council"), "yellow", "Mine")
    out = lib.export_annotations_json(aid, tmp_path / "notes.json")
    items = json.loads(Path(out).read_text(encoding="utf-8"))["items"]
    by_note = {i["body"]["value"]: i.get("creator") for i in items}
    me = lib.member().name  # the user's own are named too: the member who made them
    assert by_note == {
        "Important": {"type": "Person", "name": "Okular User"},
        "Mine": {"type": "Person", "name": me, "nickname": me},
    }


def test_undoing_a_deletion_keeps_the_author(tmp_path: Path) -> None:
    pdf = tmp_path / "okular.pdf"
    S.okular_pdf(pdf)
    lib = Library(tmp_path / "data")
    aid = lib.import_path(pdf)
    (h,) = lib.highlights(aid)
    lib.restore_highlight(lib.delete_highlight(h.id))  # undo of a deleted highlight
    assert [x.author for x in lib.highlights(aid)] == ["Okular User"]
    bundle = lib.article_bundle(aid)  # undo of a deleted article
    lib.delete_article(aid)
    bid = lib.restore_article(bundle)
    assert [x.author for x in lib.highlights(bid)] == ["Okular User"]
