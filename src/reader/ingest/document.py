"""What every importer returns: the article text that offsets will index, and its metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from reader.ingest.pdf_map import PdfTextMap

# C0 controls but tab, line feed and carriage return; DEL; C1 controls. None of them is text a
# person reads, and they break search snippets, the window and the PDF. Form feed and vertical
# tab separate lines (a page break in old text files), so they become a line feed.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_CONTROLS = re.compile("[\x0b\x0c]")


@dataclass(frozen=True)
class PdfSource:
    """What an article read from a PDF keeps besides its text: the file as it was (to write
    annotations into) and the way from each character of the text back to its page."""

    original: bytes
    text_map: PdfTextMap
    annotated: bool = True  # False: no page of it has an annotation (nothing to bring in)
    password: str | None = None  # it was opened with (its annotations are read with it)


@dataclass(frozen=True)
class ImportedDocument:
    text: str
    title: str
    origin: str
    origin_kind: str = "file"  # file | url | sample | text
    site: str | None = None
    author: str | None = None
    published: str | None = None
    canonical_url: str | None = None
    headings: tuple[str, ...] = ()  # lines of `text` that are headings (HTML and Markdown)
    # a PDF's original bytes and text map (None for other kinds); its map indexes `text`, so
    # whoever changes the text drops it
    pdf: PdfSource | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Every importer ends here, so no control character reaches the stored text.
        object.__setattr__(self, "text", clean_controls(self.text))
        object.__setattr__(self, "title", clean_controls(self.title))
        object.__setattr__(self, "headings", tuple(clean_controls(h) for h in self.headings))

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def clean_controls(text: str) -> str:
    """`text` with each control character replaced by one space (form feed and vertical tab by a
    line feed). One character for one keeps every offset: `reader analyze` spans still index
    the file as decoded."""
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    if _LINE_CONTROLS.search(text):
        text = _LINE_CONTROLS.sub("\n", text)
    return text


def content_hash(text: str) -> str:
    """Identity of an article's content, whitespace-insensitive: a re-save is the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def title_from_text(text: str) -> str:
    """A title for plain text: its first non-empty line; when that line is a whole paragraph
    (a text with no headline), its opening words cut at a word boundary."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE else shorten(line, MAX_TITLE)
    return "Untitled"


MAX_TITLE = 100
HEADING_WORDS = 16  # a first line longer than this is the article's first paragraph


def title_for_text_file(text: str, name: str) -> str:
    """A plain-text file's title: its first line when that line reads as a heading (short, not
    a sentence running on), else the file's name ("kyiv_post-report.txt" → "Kyiv post report"),
    never a first sentence cut short."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if is_heading_line(line):
                return line
            break
    return title_from_name(name)


def is_heading_line(line: str) -> bool:
    words = line.split()
    if len(line) > MAX_TITLE or len(words) > HEADING_WORDS:
        return False
    # a sentence ending in a full stop is a heading only when short ("Talks resume.")
    return not (line.endswith(".") and len(words) > 8)


def title_from_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    words = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    if not words:
        return "Untitled"
    return words[:1].upper() + words[1:] if words.islower() else words


def shorten(line: str, limit: int) -> str:
    cut = line[: limit + 1]
    for stop in (". ", "; ", ": ", ", "):
        i = cut.rfind(stop)
        if i >= limit * 0.6:
            return cut[:i].rstrip(",;: ") + "…"
    return cut[: cut.rfind(" ")].rstrip(",;: ") + "…" if " " in cut else cut[:limit] + "…"
