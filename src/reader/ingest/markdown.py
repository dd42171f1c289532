"""Markdown → article text: headings, paragraphs and list items each on their own line, with
the markup (#, emphasis, link syntax, images) removed. Standard library only."""

from __future__ import annotations

import html
import re

from reader.errors import InputError
from reader.ingest.document import ImportedDocument, title_from_text

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$"  # |---|:-:|
    r"|^[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*$"  # |---|
)

_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
_SPACES = re.compile(r"[ \t\u00a0]+")


def inline_text(text: str) -> str:
    """One line of Markdown without its inline markup: links become their text, images go."""
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(m.group(2).strip())
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep_code, text)
    text = text.replace("\\\\", "\x01")
    escaped: list[str] = []

    def keep_escape(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\x02{len(escaped) - 1}\x02"

    text = _ESCAPE.sub(keep_escape, text)
    text = _IMAGE.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis: ***both***
        text = _STRONG.sub(r"\2", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
        text = _STRIKE.sub(r"\1", text)
    text = re.sub(r"\x02(\d+)\x02", lambda m: escaped[int(m.group(1))], text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)
    text = text.replace("\x01", "\\")
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def markdown_lines(source: str) -> tuple[list[str], list[str]]:
    """The text lines of a Markdown document and which of them are headings."""
    lines: list[str] = []
    headings: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            line = inline_text(" ".join(p.strip() for p in paragraph))
            if line:
                lines.append(line)
            paragraph.clear()

    def heading(text: str) -> None:
        line = inline_text(text)
        if line:
            lines.append(line)
            headings.append(line)

    raw = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    if raw and raw[0].strip() == "---":  # YAML front matter
        for j in range(1, len(raw)):
            if raw[j].strip() in ("---", "..."):
                i = j + 1
                break
    fence: str | None = None
    while i < len(raw):
        line = raw[i]
        i += 1
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            elif line.strip():
                lines.append(line.rstrip())
            continue
        m = _FENCE.match(line)
        if m:
            flush()
            fence = m.group(1)
            continue
        if not line.strip():
            flush()
            continue
        if paragraph and _SETEXT.match(line) and not _BULLET.match(line):
            text = " ".join(p.strip() for p in paragraph)
            paragraph.clear()
            heading(text)
            continue
        if _RULE.match(line):
            flush()
            continue
        m = _ATX.match(line)
        if m:
            flush()
            heading(m.group(2) or "")
            continue
        if _REF_DEF.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        quoted = line
        while _QUOTE.match(quoted):
            quoted = _QUOTE.sub("", quoted, count=1)
        if quoted is not line:
            if not quoted.strip():
                flush()
                continue
            m = _ATX.match(quoted)
            if m:
                flush()
                heading(m.group(2) or "")
                continue
            line = quoted
        if _BULLET.match(line):
            flush()
            paragraph.append(_BULLET.sub("", line, count=1))
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            flush()
            cells = [inline_text(c) for c in stripped.strip("|").split("|")]
            row = " · ".join(c for c in cells if c)
            if row:
                lines.append(row)
            continue
        if re.match(r"^\s*<(?:!--|/?[A-Za-z][^>]*>)\s*$", line):
            flush()  # a block of raw HTML: its tags go, its text stays
            continue
        paragraph.append(line)
    flush()
    return lines, headings


def document_from_markdown(text: str, origin: str, name: str | None = None) -> ImportedDocument:
    """A Markdown file as an article: title = its first heading (else its first line)."""
    lines, headings = markdown_lines(text)
    if not lines:
        raise InputError(f"Cannot open {name or origin}: the file has no text")
    title = headings[0] if headings else title_from_text(lines[0])
    return ImportedDocument(
        text="\n".join(lines), title=title, origin=origin, headings=tuple(headings)
    )
