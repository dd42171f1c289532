"""What every importer returns: the article text that offsets will index, and its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


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

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


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


def shorten(line: str, limit: int) -> str:
    cut = line[: limit + 1]
    for stop in (". ", "; ", ": ", ", "):
        i = cut.rfind(stop)
        if i >= limit * 0.6:
            return cut[:i].rstrip(",;: ") + "…"
    return cut[: cut.rfind(" ")].rstrip(",;: ") + "…" if " " in cut else cut[:limit] + "…"
