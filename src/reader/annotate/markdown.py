"""An article's highlights and notes as Markdown, ready to paste into Obsidian or Zotero notes."""

from __future__ import annotations

from collections.abc import Iterable

from reader.annotate.w3c import ArticleLike, HighlightLike


def _quote(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def annotations_markdown(article: ArticleLike, highlights: Iterable[HighlightLike]) -> str:
    """Title, origin, then each highlight as a `> quote` with its note under it, in text order.

    Orphaned highlights (their quote no longer found in the text) come last, marked as such."""
    marks = list(highlights)
    placed = sorted((h for h in marks if not h.orphaned), key=lambda h: (h.start, h.id))
    orphans = sorted((h for h in marks if h.orphaned), key=lambda h: h.id)
    out = [f"# {article.title}", ""]
    if article.origin:
        out += [f"Origin: {article.origin}", ""]
    for h in placed:
        out += [_quote(h.exact), ""]
        if h.note:
            out += [h.note.strip(), ""]
    if orphans:
        out += ["## Could not be placed in the current text", ""]
        for h in orphans:
            out += [_quote(h.exact), ""]
            if h.note:
                out += [h.note.strip(), ""]
    return "\n".join(out).rstrip() + "\n"
