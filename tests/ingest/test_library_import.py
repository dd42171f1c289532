"""Importing through the Library (real SQLite file under tmp_path): pages, URLs, refusals that
leave the library unchanged, and the CLI's import / list / search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import run_cli
from reader.errors import InputError
from reader.library import Library

PAGES = Path(__file__).parent / "pages"


def _snapshot(lib: Library) -> list[tuple]:
    return [(a.id, a.title, a.origin) for a in lib.articles()]


def test_import_saved_pages_and_find_them(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    ids = [lib.import_path(PAGES / name) for name in sorted(p.name for p in PAGES.glob("*.html"))]
    assert len(set(ids)) == 3
    infos = {a.id: a for a in lib.articles()}
    courier = next(a for a in infos.values() if a.site == "The Northern Courier")
    assert courier.author == "Helen Marsh"
    assert courier.published == "2024-03-12"
    view = lib.open_article(courier.id)
    assert view.text.startswith("Harbour council approves £40m flood wall")
    hits = lib.search("забастовк")
    assert hits and hits[0].article_title == "Машинисты метро объявили забастовку с понедельника"
    hits = lib.search("Adeyemi")
    assert {h.article_id for h in hits} == {courier.id}
    text_hit = next(h for h in hits if h.field == "text")
    assert view.text[text_hit.start : text_hit.start + len("Adeyemi")] == "Adeyemi"
    lib.close()


def test_same_page_twice_is_one_article(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    first = lib.import_path(PAGES / "drought-farmers.html")
    copy = tmp_path / "saved-again.htm"
    shutil.copy(PAGES / "drought-farmers.html", copy)
    assert lib.import_path(copy) == first
    assert lib.article_count() == 1
    lib.close()


def test_import_url(tmp_path: Path, web: str) -> None:
    lib = Library(tmp_path / "lib")
    article_id = lib.import_path(f"{web}/news/harbour")
    info = next(a for a in lib.articles() if a.id == article_id)
    assert info.origin_kind == "url"
    assert info.origin == f"{web}/news/harbour"
    assert info.title == "Harbour council approves £40m flood wall despite residents' objections"
    # the saved copy of the same page is the same article (same content)
    assert lib.import_path(PAGES / "harbour-council.html") == article_id
    lib.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda d, web, port: _write(d / "photo.html", b"\x89PNG\r\n\x1a\n" + bytes(500)),
            "binary",
        ),
        (lambda d, web, port: _write(d / "empty.txt", b""), "the file is empty"),
        (lambda d, web, port: _write(d / "nav.html", b"<nav>Home</nav>"), "no article text"),
        (lambda d, web, port: f"{web}/missing", "404 Not Found"),
        (lambda d, web, port: f"{web}/broken", "500 Internal Server Error"),
        (lambda d, web, port: f"{web}/report.pdf", "the PDF file is incomplete"),
        (lambda d, web, port: f"{web}/photo.png", "is an image"),
        (lambda d, web, port: f"{web}/loop-a", "loop"),
        (lambda d, web, port: f"http://127.0.0.1:{port}/", "connection refused"),
    ],
)
def test_refused_input_leaves_library_unchanged(
    tmp_path: Path, web: str, closed_port: int, make, message: str
) -> None:
    lib = Library(tmp_path / "lib")
    lib.import_path(PAGES / "harbour-council.html")
    before = _snapshot(lib)
    target = make(tmp_path, web, closed_port)
    with pytest.raises(InputError, match=message):
        lib.import_path(target)
    assert _snapshot(lib) == before
    assert {h.article_id for h in lib.search("harbour")} == {before[0][0]}
    lib.close()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_import_list_search(tmp_path: Path, web: str, capsys) -> None:
    data = str(tmp_path / "lib")
    page = str(PAGES / "drought-farmers.html")
    assert run_cli(["import", page, f"{web}/news/metro", "--data-dir", data]) == 0
    ids = [int(x) for x in capsys.readouterr().out.split()]
    assert len(ids) == 2

    assert run_cli(["--data-dir", data, "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in listed} == set(ids)
    assert {a["site"] for a in listed} == {"Global Wire", "Городские вести"}

    assert run_cli(["search", 'cattle "record low', "--format", "json", "--data-dir", data]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["article_id"] == ids[0] for h in hits)
    assert {"article_id", "article_title", "field", "ref", "snippet", "rank"} <= set(hits[0])
    assert "⟦" in hits[0]["snippet"]

    assert run_cli(["import", f"{web}/missing", "--data-dir", data]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: ") and "404 Not Found" in err and "\n" not in err
