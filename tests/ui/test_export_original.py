"""Ctrl+E on an article read from a PDF writes the original PDF with the notes: the window
opened on a reportlab PDF, a highlight added, the export action triggered, the file read back."""

from __future__ import annotations

import io

import original_samples as S
from pypdf import PdfReader


def test_ctrl_e_on_a_pdf_article_writes_its_original(make_window, tmp_path):
    pdf = tmp_path / "harbour.pdf"
    pdf.write_bytes(S.make_pdf(S.paragraphs(4), 2))
    window = make_window(str(pdf))
    view = window.current
    assert view is not None and view.info.origin.endswith("harbour.pdf")
    text = view.text
    start, end = S.word_span(text, "harbour", "findings")
    window.library.add_highlight(view.info.id, start, end, "green", "From the window")
    out = tmp_path / "out.pdf"
    window.ask_save_pdf = lambda parent, suggested: str(out)
    window.export_pdf_action.trigger()
    window.ops.wait()
    assert window.statusBar().currentMessage() == "Exported out.pdf"
    written, original = PdfReader(out), PdfReader(pdf)
    first = written.pages[0]
    assert first.get_contents().get_data() == original.pages[0].get_contents().get_data()
    notes = [
        a.get_object()
        for a in first.get("/Annots", [])
        if a.get_object()["/Subtype"] in ("/Highlight", "/FreeText")
    ]
    assert sorted(str(a["/Subtype"]) for a in notes) == ["/FreeText", "/Highlight"]
    assert {str(a["/Contents"]) for a in notes} == {"From the window"}


def test_ctrl_e_into_an_encrypted_original_asks_its_password(
    make_window, data_dir, tmp_path, answer_password
):
    from pypdf import PdfWriter

    from reader.library import Library

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(S.make_pdf(S.paragraphs(3)))))
    writer.encrypt("s3cret", algorithm="AES-128")
    pdf = tmp_path / "locked.pdf"
    with pdf.open("wb") as fh:
        writer.write(fh)
    lib = Library(data_dir)  # imported elsewhere (the CLI): the window has no password for it
    aid = lib.import_path(pdf, password="s3cret")
    text = lib.open_article(aid).text
    lib.add_highlight(aid, text.index("harbour"), text.index("harbour") + 7, "green", "Mine")
    lib.close()
    window = make_window(start=False)
    window.open_article(aid)
    out = tmp_path / "out.pdf"
    window.ask_save_pdf = lambda parent, suggested: str(out)
    seen: list = []
    answer_password(["guess", "s3cret"], seen)
    window.export_pdf_action.trigger()
    window.ops.wait()
    assert [text for text, _ in seen] == [
        "locked.pdf is encrypted. Its password:",
        "Wrong password for locked.pdf. Try again:",
    ]
    assert window.statusBar().currentMessage() == "Exported out.pdf"
    written = PdfReader(out)
    assert written.is_encrypted and written.decrypt("s3cret")
    notes = [a.get_object() for a in written.pages[0].get("/Annots", [])]
    assert "Mine" in {str(a.get("/Contents")) for a in notes}
