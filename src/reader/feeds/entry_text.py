"""An entry's title and summary as plain text, as pages are kept: the markup a feed carries is
read, never shown, so its scripts never run and its images are never loaded; only the words
stay."""

from __future__ import annotations

import html
import re

_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head")
_BLOCKS = frozenset(
    {
        *("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"),
        *("pre", "tr", "table", "figure", "figcaption", "section", "article", "header", "footer"),
        *("hr", "dt", "dd"),
    }
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_MARKUP = re.compile(r"<[A-Za-z!/?]|&[#A-Za-z0-9]+;")


def plain_text(value: str, *, is_html: bool = True) -> str:
    """`value` as paragraphs of text: markup and scripts dropped, entities decoded, one blank
    line between blocks."""
    if not value:
        return ""
    text = _text_of_markup(value) if is_html and _MARKUP.search(value) else value
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(out).strip()


def _text_of_markup(value: str) -> str:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):  # nothing parseable: the words without the tags
        return html.unescape(re.sub(r"<[^>]*>", " ", value))
    for el in root.iter(*_DROPPED):
        el.drop_tree()  # keeps the tail: the text after a script is still text
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() in ("p", "li", "h1", "h2", "h3", "h4", "blockquote"):
                el.tail = "\n" + el.tail
    return "".join(root.itertext())
