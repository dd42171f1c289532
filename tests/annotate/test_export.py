"""W3C Web Annotation JSON-LD and Markdown exports, parsed back; and through `reader export`."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main
from reader.library import Library

QUOTE = "We constantly monitor the situation"


def _sample_with_marks(tmp_path: Path) -> tuple[Library, int, str]:
    lib = Library(tmp_path)
    aid = lib.import_sample()
    text = lib.open_article(aid).text
    i = text.index(QUOTE)
    lib.add_highlight(aid, i, i + len(QUOTE), color="pink", note="Who are “our sources”?")
    j = text.index("Lukashenko")
    lib.add_highlight(aid, j, j + len("Lukashenko"), color="blue")
    return lib, aid, text


def test_w3c_collection(tmp_path: Path) -> None:
    lib, aid, text = _sample_with_marks(tmp_path)
    out = lib.export_annotations_json(aid, tmp_path / "a.jsonld")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "AnnotationCollection"
    assert "http://www.w3.org/ns/anno.jsonld" in doc["@context"]
    assert doc["total"] == len(doc["items"]) == 2
    first, second = doc["items"]  # text order
    assert first["type"] == "Annotation" and first["motivation"] == "highlighting"
    assert "body" not in first
    assert first["reader:color"] == "blue"
    quote = {s["type"]: s for s in second["target"]["selector"]}
    assert quote["TextQuoteSelector"]["exact"] == QUOTE
    pos = quote["TextPositionSelector"]
    assert text[pos["start"] : pos["end"]] == QUOTE
    assert quote["TextQuoteSelector"]["prefix"] == text[pos["start"] - 32 : pos["start"]]
    assert second["body"] == {
        "type": "TextualBody",
        "value": "Who are “our sources”?",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert second["reader:color"] == "pink"
    assert second["target"]["source"] == f"urn:reader:article:{aid}"
    assert second["created"].endswith("Z") and second["modified"].endswith("Z")


def test_markdown_in_text_order(tmp_path: Path) -> None:
    lib, aid, _ = _sample_with_marks(tmp_path)
    md = lib.export_markdown(aid, tmp_path / "notes.md").read_text(encoding="utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Sample article"  # its first line is a paragraph: titled by its name
    assert "Origin: sample-article.txt" in lines
    assert lines.index("> Lukashenko") < lines.index(f"> {QUOTE}")
    assert lines[lines.index(f"> {QUOTE}") + 2] == "Who are “our sources”?"


def test_cli_export(tmp_path: Path) -> None:
    lib, aid, _ = _sample_with_marks(tmp_path)
    lib.close()
    js, md = tmp_path / "out.json", tmp_path / "out.md"
    rc = main(
        [
            "export",
            str(aid),
            "--annotations-json",
            str(js),
            "--markdown",
            str(md),
            "--data-dir",
            str(tmp_path),
        ]
    )
    assert rc == 0
    items = json.loads(js.read_text(encoding="utf-8"))["items"]
    assert any(s.get("exact") == QUOTE for a in items for s in a["target"]["selector"])
    assert f"> {QUOTE}" in md.read_text(encoding="utf-8")


def test_web_article_targets_its_url(tmp_path: Path) -> None:
    from reader.ingest import ImportedDocument

    lib = Library(tmp_path)
    url = "https://news.example.org/a"
    aid = lib.import_document(
        ImportedDocument(text="One two three four.", title="T", origin=url, origin_kind="url")
    )
    lib.add_highlight(aid, 4, 7, note="n")
    doc = json.loads(lib.export_annotations_json(aid, tmp_path / "x.json").read_text())
    assert doc["items"][0]["target"]["source"] == url


def test_cli_export_by_path(tmp_path: Path) -> None:
    from reader.library import sample_path

    lib, _, _ = _sample_with_marks(tmp_path)
    lib.close()
    md = tmp_path / "by-path.md"
    rc = main(["export", str(sample_path()), "--markdown", str(md), "--data-dir", str(tmp_path)])
    assert rc == 0
    assert f"> {QUOTE}" in md.read_text(encoding="utf-8")
