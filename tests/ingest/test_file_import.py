"""Reading local files: encodings, sizes, binary and empty files, HTML and Markdown dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest.files import read_path
from reader.ingest.limits import MAX_PAGE_BYTES

CYRILLIC = "Президент заявил журналистам, что переговоры продолжатся на следующей неделе."
LATIN = "Le ministre a déclaré que la réforme serait votée avant l'été, à la grande surprise."
GERMAN = "Die Bürgermeisterin sagte, die Straße werde im Frühjahr für den Verkehr geöffnet."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("utf8.txt", CYRILLIC.encode("utf-8"), CYRILLIC),
        ("bom.txt", b"\xef\xbb\xbf" + LATIN.encode("utf-8"), LATIN),
        ("utf16le.txt", "\ufeff".encode("utf-16-le") + CYRILLIC.encode("utf-16-le"), CYRILLIC),
        ("utf16be.txt", "\ufeff".encode("utf-16-be") + LATIN.encode("utf-16-be"), LATIN),
        ("cp1251.txt", (CYRILLIC + "\n" + CYRILLIC).encode("cp1251"), CYRILLIC),
        ("latin1.txt", (LATIN + "\n" + GERMAN).encode("latin-1"), LATIN),
        ("latin1-de.txt", (GERMAN + "\n" + GERMAN).encode("latin-1"), GERMAN),
        ("crlf.txt", b"Title\r\n\r\nBody line.\r\n", "Title\r\n\r\nBody line."),
    ],
)
def test_text_encodings(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    doc = read_path(p)
    assert expected in doc.text
    assert ("\r" in doc.text) == ("\r" in expected)  # decoded as is: offsets index the file
    assert "\ufeff" not in doc.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"^Cannot open empty\.txt: the file is empty$"),
        ("blank.txt", b"  \n\n ", r"^Cannot open blank\.txt: the file is empty$"),
        ("empty.html", b"", r"^Cannot open empty\.html: the file is empty$"),
        ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, r"binary file"),
        ("archive.html", b"PK\x03\x04" + bytes(range(256)) * 8, r"binary file"),
        ("program.txt", b"\x7fELF\x02\x01\x01" + bytes(2000), r"binary file"),
        ("bad16.txt", b"\xff\xfe" + b"\x00\xd8" * 5, r"not valid text"),
        ("noise.txt", bytes(range(128, 256)) * 40, r"could not be recognised|binary"),
        (
            "navonly.html",
            b"<html><body><nav><a href=/>Home</a></nav></body></html>",
            r"^Cannot open navonly\.html: no article text found$",
        ),
        (
            "scriptonly.html",
            b"<html><head><script>var a=1;</script></head><body></body></html>",
            r"^Cannot open scriptonly\.html: no article text found$",
        ),
    ],
)
def test_refused_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        read_path(p)
    assert "\n" not in str(err.value)


def test_size_cap(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 30_000)
    with pytest.raises(
        InputError,
        match=r"^Cannot open big\.txt: too large: 146 KB; reader opens files up to 100 KB$",
    ):
        read_path(p, max_bytes=100 * 1024)


def test_page_size_cap_is_10_mb(tmp_path: Path) -> None:
    p = tmp_path / "huge.html"
    with p.open("wb") as f:  # sparse: no 10 MB written to disk
        f.truncate(MAX_PAGE_BYTES + 1)
    with pytest.raises(
        InputError,
        match=r"^Cannot open huge\.html: too large: 10 MB; reader opens web pages up to 10 MB$",
    ):
        read_path(p)


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="a folder"):
        read_path(tmp_path)


def test_broken_html_with_text_still_imports(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text(
        "<html><head><title>Bridge closed</title><body><div><p>The old bridge was closed on "
        "Monday after engineers found cracks in two of its supports<p>Drivers face a "
        "twenty-mile detour <b>until at least May</i>, the county council said</div></span>"
        "<table><tr><td>unclosed",
        encoding="utf-8",
    )
    doc = read_path(p)
    assert doc.title == "Bridge closed"
    assert "The old bridge was closed on Monday" in doc.text
    assert "Drivers face a twenty-mile detour until at least May" in doc.text


def test_html_charset_from_meta(tmp_path: Path) -> None:
    p = tmp_path / "page.htm"
    body = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
        f"<h1>Переговоры продолжатся</h1><p>{CYRILLIC}</p><p>{CYRILLIC}</p></article></body></html>"
    )
    p.write_bytes(body.encode("cp1251"))
    doc = read_path(p)
    assert doc.title == "Переговоры продолжатся"
    assert CYRILLIC in doc.text


def test_markdown_file(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text(
        "# Budget *vote* delayed\n\nThe council **postponed** the [vote](https://x.example).\n\n"
        "## Next steps\n\n- a new date\n- a public meeting\n",
        encoding="utf-8",
    )
    doc = read_path(p)
    assert doc.title == "Budget vote delayed"
    assert doc.text.splitlines() == [
        "Budget vote delayed",
        "The council postponed the vote.",
        "Next steps",
        "a new date",
        "a public meeting",
    ]
    assert doc.headings == ("Budget vote delayed", "Next steps")
