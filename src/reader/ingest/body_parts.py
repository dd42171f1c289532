"""What an extractor drops from a page's article body, put back: the rest of a body that the
page splits into several containers of one kind (ads or asides between them, so the
extractor keeps only the first), and embedded posts (a tweet's blockquote) the body quotes.
Both work on the page's own markup, never on one site's layout."""

from __future__ import annotations

import logging
import re
from collections import Counter

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
MIN_WORDS = 6  # a paragraph shorter than this is a caption or a label, not body text
EMBED_CLASSES = ("twitter-tweet", "instagram-media")
MAX_LEVELS = 3  # how far up the body's parts may meet (ads and asides wrap them in a row)
FURNITURE = frozenset({"header", "footer", "nav", "aside", "form"})


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _signature(el) -> tuple[str, str] | None:
    cls = _clean(el.get("class") or "")
    return (el.tag, cls) if cls else None


def _paragraphs(container) -> list:
    return [p for p in container.iter("p") if not _inside_embed(p, container)]


def _inside_embed(el, stop) -> bool:
    while el is not None and el is not stop:
        if el.tag == "blockquote":
            return True
        el = el.getparent()
    return False


def _ancestors(el) -> list:
    out = []
    parent = el.getparent()
    while parent is not None:
        out.append(parent)
        parent = parent.getparent()
    return out


def _in_furniture(el) -> bool:
    return any(a.tag in FURNITURE for a in _ancestors(el))


def _root(html: str):
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.LxmlError, ValueError) as exc:
        log.info("the page cannot be parsed again to restore its body (%s)", exc)
        return None


def restore_body(html: str, lines: list[str]) -> list[str]:
    """`lines` (the extractor's paragraphs) with the paragraphs of the body's other containers
    and its embedded posts put back in page order. Unchanged when nothing was dropped."""
    root = _root(html)
    if root is None:
        return lines
    return _with_embeds(root, _with_split_body(root, lines))


def _with_split_body(root, lines: list[str]) -> list[str]:
    have = {line: i for i, line in enumerate(lines)}
    # the containers holding the extracted paragraphs: the most common one is the body's kind
    found: Counter[tuple[str, str]] = Counter()
    for p in root.iter("p"):
        text = _clean(p.text_content())
        parent = p.getparent()
        if text in have and len(text.split()) >= MIN_WORDS and parent is not None:
            sig = _signature(parent)
            if sig is not None:
                found[sig] += 1
    if not found:
        return lines
    (tag, cls), count = found.most_common(1)[0]
    if count < 2:
        return lines
    parts = [el for el in root.iter(tag) if _clean(el.get("class") or "") == cls]
    main = max(parts, key=lambda el: sum(_clean(p.text_content()) in have for p in el.iter("p")))
    near = _ancestors(main)[:MAX_LEVELS]
    # a part of the same body sits close to the main one (a footer of that class does not)
    parts = [el for el in parts if el is main or any(a in near for a in _ancestors(el))]
    parts = [el for el in parts if el is main or not _in_furniture(el)]
    if len(parts) < 2:
        return lines
    body = [_clean(p.text_content()) for part in parts for p in _paragraphs(part)]
    body = [t for t in body if t]
    new = [t for t in body if t not in have and len(t.split()) >= MIN_WORDS]
    if len(new) < 2:
        return lines
    known = [have[t] for t in body if t in have]
    first, last = min(known), max(known)
    seen = set(body)
    return [*lines[:first], *body, *(x for x in lines[last + 1 :] if x not in seen)]


def _with_embeds(root, lines: list[str]) -> list[str]:
    """Each embedded post after the paragraph that stands before it on the page: its text,
    then its signature line ("— Name (@handle) date")."""
    have = {line: i for i, line in enumerate(lines)}
    inserts: dict[int, list[str]] = {}
    for bq in root.iter("blockquote"):
        if not any(c in (bq.get("class") or "").split() for c in EMBED_CLASSES):
            continue
        post = [_clean(p.text_content()) for p in bq.iter("p")]
        post = [t for t in post if t]
        if not post:
            continue
        rest = _clean(bq.text_content())
        for t in post:
            rest = rest.replace(t, "", 1)
        rest = _clean(rest)
        if all(t in have for t in post):
            if rest and rest not in have:  # the post was kept, its signature dropped
                inserts.setdefault(have[post[-1]], []).append(rest)
            continue
        if any(t in have for t in post):
            continue
        anchor = _previous_line(bq, have)
        if anchor is None:
            continue
        inserts.setdefault(anchor, []).extend([*post, *([rest] if rest else [])])
    if not inserts:
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
    return out


def _previous_line(el, have: dict[str, int]) -> int | None:
    """Index of the extracted paragraph standing last before `el` in the page."""
    for prev in el.itersiblings(preceding=True):
        for p in reversed(list(prev.iter("p")) if prev.tag != "p" else [prev]):
            text = _clean(p.text_content())
            if text in have:
                return have[text]
    parent = el.getparent()
    if parent is None or parent.tag in {"body", "html"}:
        return None
    return _previous_line(parent, have)
