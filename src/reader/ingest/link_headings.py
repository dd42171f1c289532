"""Headings that are only a link: on news pages these are the headlines of other articles
(related stories, "more from this section") that an extractor keeps as the article's own
subheads. A subhead of the article itself is plain text; a heading whose whole text is the
text of its links points elsewhere, so it is page furniture, not part of the article."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def linked_headings(html: str, clean_line: Callable[[str], str]) -> frozenset[str]:
    """The cleaned text of every heading in `html` whose text is entirely link text."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.LxmlError, ValueError) as exc:  # the page was read the plain way
        log.info("no link headings looked for (%s)", exc)
        return frozenset()
    found: set[str] = set()
    for h in root.iter(*_HEADING_TAGS):
        text = clean_line(h.text_content())
        links = h.findall(".//a[@href]")
        if text and links and clean_line(" ".join(a.text_content() for a in links)) == text:
            found.add(text)
    return frozenset(found)


def without_linked_headings(
    lines: list[str], headings: list[str], linked: frozenset[str]
) -> tuple[list[str], list[str]]:
    """`lines` and `headings` less the linked headings after the first line (the page's own
    headline is often a link to the page itself)."""
    if not linked:
        return lines, headings
    kept = lines[:1] + [line for line in lines[1:] if line not in linked]
    return kept, [h for h in headings if h in kept]
