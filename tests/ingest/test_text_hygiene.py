"""What reaches the stored text: damaged UTF-8 stays UTF-8, control characters never get in
(offsets kept), deeply nested pages still give their text, and an article too large for the
window and the PDF is refused quickly with the library unchanged."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.cli import run_cli
from reader.errors import InputError
from reader.ingest.files import read_path
from reader.ingest.limits import MAX_TEXT_CHARS, MAX_TEXT_FILE_BYTES, TEXT_LIMIT_NOTE, megabytes
from reader.ingest.reading import read_address
from reader.library import Library, sample_path

CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


def _damaged_sample() -> tuple[bytes, str]:
    """The sample article in UTF-8 with three bytes that are not UTF-8 put in place of three
    letters, and the text it should read as."""
    text = sample_path().read_text(encoding="utf-8")
    data = bytearray(text.encode("utf-8"))
    expected = list(text)
    for frac, bad in ((0.2, 0x93), (0.5, 0xFF), (0.8, 0xC3)):
        i = next(k for k in range(int(len(text) * frac), len(text)) if text[k] == "e")
        pos = len(text[:i].encode("utf-8"))
        data[pos] = bad
        expected[i] = "\ufffd"
    return bytes(data), "".join(expected)


def test_mostly_utf8_keeps_utf8_and_replaces_only_bad_bytes(tmp_path: Path) -> None:
    data, expected = _damaged_sample()
    p = tmp_path / "damaged.txt"
    p.write_bytes(data)
    doc = read_path(p)
    assert doc.text == expected
    assert "“" in doc.text and "”" in doc.text
    clean = sample_path().read_text(encoding="utf-8")
    assert len(analyze(doc.text).statements) == len(analyze(clean).statements)


def test_legacy_text_with_curly_quotes_is_not_taken_for_damaged_utf8(tmp_path: Path) -> None:
    text = "The minister said \u201cthe caf\u00e9 will close\u201d \u2014 and left.\n" * 3
    p = tmp_path / "cp1252.txt"
    p.write_bytes(text.encode("cp1252"))
    assert read_path(p).text.strip() == text.strip()


def test_nul_and_controls_never_reach_the_library(tmp_path: Path) -> None:
    body = "Harbour council approves flood wall\n\n" + "The mayor said the wall was needed. " * 300
    data = body.encode() + b"\x00\x00 tail\x02 with\x03 controls\x04 and a\x0cpage break\n"
    assert len(data.split(b"\x00")[0]) > 8192  # after the binary check's window
    p = tmp_path / "nul.txt"
    p.write_bytes(data)
    decoded = data.decode("utf-8")
    doc = read_path(p)
    assert not CONTROLS.search(doc.text)
    assert len(doc.text) == len(decoded)  # one character for one: offsets unchanged
    assert doc.text.endswith("tail  with  controls  and a\npage break\n")
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(p)
    assert not CONTROLS.search(lib.open_article(article_id).text)
    hits = lib.search("controls")
    assert hits and all(not CONTROLS.search(h.snippet) for h in hits)
    lib.close()


def test_analyze_offsets_index_the_file_as_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    text = "Budget\n\n\x02The mayor said \x1bthe budget was balanced.\x03\n"
    p = tmp_path / "ctl.txt"
    p.write_bytes(text.encode())
    assert run_cli(["analyze", str(p), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["text"]) == len(text)
    assert not CONTROLS.search(out["text"])
    for st in out["statements"]:
        a, b = st["content"]
        assert text[a:b].replace("\x1b", " ") == out["text"][a:b]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", b"<html><body><h1>Vote</h1><p>The mayor\x1b said\x03 yes.</p></body></html>"),
        # \x02n\x02 is the Markdown reader's own placeholder for an escaped character
        ("notes.md", b"# Vote\n\nThe mayor \x025\x02 said\x01 yes.\n\n" + b"More text. " * 20),
    ],
)
def test_controls_in_pages_and_markdown(tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    doc = read_path(p)
    assert not CONTROLS.search(doc.text)
    assert "The mayor" in doc.text and "yes." in doc.text


def test_controls_in_a_downloaded_page(web: str) -> None:
    doc = read_address(f"{web}/controls.txt")
    assert not CONTROLS.search(doc.text) and "was nine" in doc.text


@pytest.mark.parametrize("depth", [300, 1000, 5000])
def test_deeply_nested_page_gives_its_text(tmp_path: Path, depth: int) -> None:
    para = "<p>The mayor said it was balanced. \u201cWe will not cut services,\u201d she said.</p>"
    html = (
        "<html><head><title>Budget</title></head><body>"
        + "<div>" * depth
        + para * 3
        + "</div>" * depth
        + "</body></html>"
    )
    p = tmp_path / "deep.html"
    p.write_text(html, encoding="utf-8")
    doc = read_path(p)
    assert "\u201cWe will not cut services,\u201d she said." in doc.text


def _count(lib: Library) -> list[int]:
    return sorted(a.id for a in lib.articles())


@pytest.mark.parametrize("kind", ["txt", "md", "html", "raw"])
def test_too_large_is_refused_quickly_and_library_unchanged(tmp_path: Path, kind: str) -> None:
    lib = Library(tmp_path / "lib")
    lib.import_sample()
    before = _count(lib)
    sentence = "The mayor said the wall was needed. "  # 36 characters
    n = MAX_TEXT_CHARS // len(sentence) + 1
    if kind == "html":
        p = tmp_path / "long.html"
        paras = "".join(f"<p>{i}. {sentence}</p>" for i in range(n))
        p.write_text(f"<html><body>{paras}</body></html>")
        message = (
            rf"too large: [\d,]+ characters of text; reader opens articles up to {MAX_TEXT_CHARS:,}"
        )
    elif kind == "raw":  # over the limit whatever its encoding: refused from its size alone
        p = tmp_path / "huge.txt"
        with p.open("wb") as f:
            f.truncate(MAX_TEXT_FILE_BYTES + 1)
        message = rf"too large: {megabytes(MAX_TEXT_FILE_BYTES + 1)}; {TEXT_LIMIT_NOTE}$"
    else:
        p = tmp_path / f"long.{kind}"
        p.write_text("Title\n\n" + sentence * n)
        message = rf"^Cannot open long\.{kind}: too large: {7 + n * len(sentence):,} characters"
    started = time.monotonic()
    with pytest.raises(InputError, match=message):
        lib.import_path(p)
    assert time.monotonic() - started < 5
    assert _count(lib) == before
    lib.close()


def test_just_under_the_limit_is_imported(tmp_path: Path) -> None:
    p = tmp_path / "long.txt"
    p.write_text(("The mayor said the wall was needed. " * 10_000)[: MAX_TEXT_CHARS - 1] + "\n")
    assert len(read_path(p).text) == MAX_TEXT_CHARS
