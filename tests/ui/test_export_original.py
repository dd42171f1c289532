"""Ctrl+E on an article read from a PDF writes the original PDF with the notes: the window
opened on a reportlab PDF, a highlight added, the export action triggered, the file read back."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from pypdf import PdfReader


def _samples():
    name = "original_samples"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "export" / "original_samples.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def test_ctrl_e_on_a_pdf_article_writes_its_original(make_window, tmp_path):
    samples = _samples()
    pdf = tmp_path / "harbour.pdf"
    pdf.write_bytes(samples.make_pdf(samples.paragraphs(4), 2))
    window = make_window(str(pdf))
    view = window.current
    assert view is not None and view.info.origin.endswith("harbour.pdf")
    text = view.text
    start, end = samples.word_span(text, "harbour", "findings")
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
