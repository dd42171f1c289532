"""Re-importing a changed page (same canonical URL) re-anchors its highlights or orphans them,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from reader.ingest import ImportedDocument
from reader.library import Library

URL = "https://news.example.org/belarus-border"
ORIGINAL = (
    "Border guards reported a quiet night along the frontier.\n\n"
    "“We constantly monitor the situation. According to our sources, the troops did not "
    "move toward Ukraine,” the spokesman said.\n\n"
    "Analysts in Kyiv asked for satellite images of the camps near Mozyr."
)


def _doc(text: str) -> ImportedDocument:
    return ImportedDocument(
        text=text, title="Border", origin=URL, origin_kind="url", canonical_url=URL
    )


def _mark(lib: Library, aid: int, text: str, quote: str, note: str = "") -> int:
    i = text.index(quote)
    return lib.add_highlight(aid, i, i + len(quote), color="green", note=note).id


def test_reimport_moves_fixes_and_orphans(tmp_path: Path, library_url: str) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = lib.import_document(_doc(ORIGINAL))
    moved = _mark(lib, aid, ORIGINAL, "We constantly monitor the situation", "key claim")
    typo = _mark(lib, aid, ORIGINAL, "the troops did not move toward Ukraine")
    gone = _mark(lib, aid, ORIGINAL, "asked for satellite images of the camps", "check this")

    changed = (
        "UPDATE: this story was updated with a statement from the ministry.\n\n"
        + ORIGINAL.replace("did not move toward", "did not advance toward").replace(
            "\n\nAnalysts in Kyiv asked for satellite images of the camps near Mozyr.", ""
        )
    )
    assert lib.import_document(_doc(changed)) == aid

    by_id = {h.id: h for h in lib.highlights(aid)}
    assert set(by_id) == {moved, typo, gone}  # nothing dropped
    m = by_id[moved]
    assert not m.orphaned
    assert changed[m.start : m.end] == "We constantly monitor the situation"
    assert m.note == "key claim"
    t = by_id[typo]
    assert not t.orphaned
    assert changed[t.start : t.end] == "the troops did not advance toward Ukraine"
    g = by_id[gone]
    assert g.orphaned
    assert g.exact == "asked for satellite images of the camps"
    assert g.note == "check this"
    assert lib.open_article(aid).text == changed


def test_orphan_comes_back_when_the_text_returns(tmp_path: Path, library_url: str) -> None:
    lib = Library(tmp_path, database=library_url)
    aid = lib.import_document(_doc(ORIGINAL))
    hid = _mark(lib, aid, ORIGINAL, "asked for satellite images of the camps")
    lib.import_document(_doc(ORIGINAL.split("\n\nAnalysts")[0]))
    assert lib.highlights(aid)[0].orphaned
    lib.import_document(_doc("Intro.\n\n" + ORIGINAL))
    (h,) = lib.highlights(aid)
    assert h.id == hid and not h.orphaned
    assert ("Intro.\n\n" + ORIGINAL)[h.start : h.end] == "asked for satellite images of the camps"
