"""Web pages → article text: the main text (no navigation, ads, related links or comments) as
plain text with one paragraph or heading per line, plus title, author, date, site and
canonical URL. We only parse: no script runs and nothing remote is loaded."""

from __future__ import annotations

import codecs
import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from reader.errors import InputError
from reader.ingest.authors import byline
from reader.ingest.body_parts import restore_body
from reader.ingest.document import ImportedDocument
from reader.ingest.link_headings import linked_headings, without_linked_headings

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Element names in trafilatura's output tree that hold one line of text each.
_LINE_TAGS = {"p", "head", "item", "cell", "code", "quote", "fw"}
# Page parts the fallback extractor drops before taking text.
_FURNITURE_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "object", "embed",
)  # fmt: skip
_FURNITURE_NAMES = re.compile(
    r"cookie|consent|comment|related|share|newsletter|advert|promo|subscribe", re.IGNORECASE
)
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dd", "dt")

log = logging.getLogger(__name__)


def sniff_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag near its top, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    return _known_codec(m.group(1).decode("ascii", "ignore"))


def _known_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read pages labelled latin-1 or ascii as windows-1252 (the WHATWG rule).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode a page: a BOM wins, then the HTTP charset, then <meta charset>, then detection.
    Control characters become spaces (the parsers and the stored text want none)."""
    from reader.ingest.document import clean_controls

    return clean_controls(_decode_html(data, name, declared))


def _decode_html(data: bytes, name: str, declared: str | None) -> str:
    from reader.ingest.decoding import decode_text, looks_binary

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    if looks_binary(data):
        raise InputError(f"Cannot open {name}: it is a binary file, not a web page")
    for label in (_known_codec(declared), sniff_charset(data)):
        if label:
            try:
                return data.decode(label)
            except (UnicodeDecodeError, LookupError):
                continue
    return decode_text(data, name)


def clean_line(text: str) -> str:
    """One line of text with runs of spaces (and non-breaking spaces) folded to one."""
    return _SPACE.sub(" ", text).strip()


# elements of trafilatura's tree that make a table cell a layout block, not a value
_BLOCKS = frozenset({"p", "head", "list", "quote"})


def _lines_from_tree(body) -> tuple[list[str], list[str]]:
    """Lines of trafilatura's output tree in reading order, and which of them are headings."""
    lines: list[str] = []
    headings: list[str] = []

    def emit(text: str, heading: bool = False) -> None:
        for part in text.split("\n"):
            line = clean_line(part)
            if not line or (lines and lines[-1] == line):
                continue
            lines.append(line)
            if heading:
                headings.append(line)

    def text_of(el) -> str:
        """The element's text, with <lb/> (a <br> on the page) as a line break."""
        out = [el.text or ""]
        for child in el:
            if child.tag == "lb":
                out.append("\n")
            elif child.tag != "graphic":
                out.append(text_of(child))
            out.append(child.tail or "")
        return "".join(out)

    def walk(el) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("list", "table", "row", "quote", "div", "main", "doc", "body") and len(
                child
            ):
                if tag == "row" and any(c.tag in _BLOCKS for cell in child for c in cell):
                    for cell in child:  # a layout table: its cells hold paragraphs, not values
                        if cell.text and cell.text.strip():
                            emit(cell.text)
                        walk(cell)
                elif tag == "row":
                    cells = [clean_line(text_of(c)) for c in child]
                    emit(" · ".join(c for c in cells if c))
                else:
                    if child.text and child.text.strip():
                        emit(child.text)
                    walk(child)
            elif tag == "item" and any(c.tag == "list" for c in child):
                head = [child.text or ""]
                for c in child:
                    if c.tag == "list":
                        break
                    head.append(text_of(c) + (c.tail or ""))
                emit("".join(head))
                for c in child:
                    if c.tag == "list":
                        walk(c)
            elif tag == "head":
                emit(text_of(child), heading=True)
            elif tag == "graphic":
                pass
            elif tag:
                emit(text_of(child))
            if child.tail and child.tail.strip() and el.tag not in _LINE_TAGS:
                emit(child.tail)

    walk(body)
    return lines, headings


def _fallback_lines(html: str) -> tuple[list[str], list[str]]:
    """Text of a page trafilatura found nothing in (a short or badly broken page)."""
    import lxml.etree
    import lxml.html

    try:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops the rest
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.LxmlError, ValueError) as exc:
        # "Document is empty"; ValueError: a str that declares its encoding (<?xml … ?>)
        log.warning("lxml cannot parse the page (%s): taking its text without markup", exc)
        return _flat_lines(html), []
    for bad in root.xpath("|".join(f"//{t}" for t in _FURNITURE_TAGS)):
        bad.drop_tree()
    doomed = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and _FURNITURE_NAMES.search(f"{el.get('class') or ''} {el.get('id') or ''}")
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    lines: list[str] = []
    headings: list[str] = []
    blocks = root.xpath("|".join(f"//{t}" for t in _BLOCK_TAGS))
    if blocks:
        for el in blocks:
            if any(a.tag in _BLOCK_TAGS for a in el.iterancestors()):
                continue
            line = clean_line(el.text_content())
            if line and (not lines or lines[-1] != line):
                lines.append(line)
                if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    headings.append(line)
    else:
        body = root.find("body")
        for part in (body if body is not None else root).text_content().split("\n"):
            line = clean_line(part)
            if line:
                lines.append(line)
    if not lines:
        return _flat_lines(html), []
    return lines, headings


# Page parts the last-resort reader skips: the furniture tags that always have an end tag.
_SKIPPED = frozenset(_FURNITURE_TAGS) - {"embed"}


class _TextCollector(HTMLParser):
    """Text between tags, a line break at each block, scripts, styles and page furniture
    skipped. It keeps no tree, so no depth of nesting can defeat it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCK_TAGS or tag in ("br", "div", "tr", "section", "article"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS or tag in ("div", "tr", "section", "article"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _flat_lines(html: str) -> list[str]:
    """The last resort for a page no tree parser could read (nested thousands deep): its text,
    one block per line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines: list[str] = []
    for part in "".join(collector.parts).split("\n"):
        line = clean_line(part)
        if line and (not lines or lines[-1] != line):
            lines.append(line)
    return lines


def _metadata_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if not m:
        return None
    import html as htmllib

    return clean_line(htmllib.unescape(m.group(1))) or None


def document_from_html(
    html: str,
    origin: str,
    name: str | None = None,
    url: str | None = None,
    origin_kind: str = "file",
) -> ImportedDocument:
    """The article in a web page, as plain text (one paragraph or heading per line).

    `name` names the page in error messages; `url` is where it came from (resolves a relative
    canonical link and stands in for a missing one)."""
    import lxml.etree
    import trafilatura

    name = name or origin
    if not html.strip():
        raise InputError(f"Cannot open {name}: the page is empty")
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except (lxml.etree.LxmlError, ValueError) as exc:  # lxml under trafilatura gave up
        log.warning("trafilatura cannot read %s (%s): trying the plain way", name, exc)
        doc = None
    lines: list[str] = []
    headings: list[str] = []
    body = getattr(doc, "body", None)
    if body is not None:
        lines, headings = _lines_from_tree(body)
        lines = restore_body(html, lines) if lines else lines
    if not lines:
        lines, headings = _fallback_lines(html)
    if not lines:
        raise InputError(f"Cannot open {name}: no article text found")
    lines, headings = without_linked_headings(lines, headings, linked_headings(html, clean_line))

    meta_title = clean_line(getattr(doc, "title", None) or "") or _metadata_title(html) or ""
    if headings and lines[0] == headings[0]:
        title = lines[0]  # the page's own headline opens the text
    elif meta_title:
        title = meta_title
        if clean_line(lines[0]).casefold() != title.casefold():
            lines.insert(0, title)
            headings.insert(0, title)
    else:
        title = lines[0]
    if len(title) > 300:
        title = title[:297].rstrip() + "…"

    canonical = getattr(doc, "url", None) if doc is not None else None
    if canonical and not canonical.startswith(("http://", "https://")):
        canonical = None
    canonical = canonical or url
    site = getattr(doc, "sitename", None) if doc is not None else None
    if not site and canonical:
        site = urlsplit(canonical).hostname
    author = getattr(doc, "author", None) if doc is not None else None
    published = getattr(doc, "date", None) if doc is not None else None
    return ImportedDocument(
        text="\n".join(lines),
        title=title,
        origin=origin,
        origin_kind=origin_kind,
        site=clean_line(site) if site else None,
        author=byline(clean_line(author)) if author else None,  # people, not a phrase
        published=published or None,
        canonical_url=canonical or None,
        headings=tuple(headings),
    )
