"""Layer 1: blocks of the document (paragraphs, headings, page furniture, pull quotes)."""

from __future__ import annotations

import re

from reader.analysis.lexicons import furniture
from reader.analysis.model import Segment

LINE_RE = re.compile(r"[^\r\n]+")
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "vs",
        "via",
        "into",
        "over",
        "after",
        "before",
        "about",
        "than",
        "its",
        "is",
        "are",
        "be",
    ]
)
SUBHEAD_WORDS = 12
LINK_LIST_MAX = 8  # lines of links under a "Read also" label
SIGNED_QUOTE_RE = re.compile(r"[”\"]\s*[―—–-]")  # `“…” ― Jane Doe`: a quotation signed
FINAL_PUNCT = '.!?:;…"”’»)'
NORM_RE = re.compile(r"[^\w]+")


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in MINOR_WORDS]
    if not content or not words[0][:1].isupper():
        return False
    caps = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return caps / len(content) >= 0.75


def _norm(s: str) -> str:
    return NORM_RE.sub(" ", s.lower()).strip()


def segment(text: str) -> tuple[Segment, ...]:
    """Split `text` into line blocks and tell article body from headings and furniture."""
    lines = []
    for m in LINE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            lines.append((s, e))
    furn = furniture()
    kinds = []
    openers = []  # "Read also", "Leggi anche": the links listed under them are furniture too
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        words = WORD_RE.findall(line)
        found = furn.search(line)
        if found or (line.isupper() and len(words) <= 8 and len(line) > 3):
            kinds.append("boilerplate")
            if found is not None and found.group("links"):
                openers.append(i)
            continue
        short = len(words) <= 14
        unpunctuated = line[-1] not in FINAL_PUNCT
        if short and _title_case(words) and (unpunctuated or (line[-1] == "?" and len(words) <= 6)):
            if i == 0:
                kinds.append("title")
            elif any(ch.isdigit() for ch in line) or len(words) >= 8:
                kinds.append("boilerplate")  # a related-article headline
            else:
                kinds.append("heading")
            continue
        if i == 0 and len(lines) > 1 and unpunctuated and len(words) <= 20:
            kinds.append("title")
            continue
        if (
            0 < i < len(lines) - 1
            and unpunctuated
            and len(words) <= SUBHEAD_WORDS
            and not SIGNED_QUOTE_RE.search(line)
        ):
            # a sentence-case subhead or related-article link between paragraphs ("Mayor
            # defends budget cuts in tense hearing"): no full stop, so no sentence of the body
            kinds.append("heading")
            continue
        kinds.append("paragraph")
    for i in openers:
        for j in range(i + 1, min(len(lines), i + 1 + LINK_LIST_MAX)):
            line = text[lines[j][0] : lines[j][1]]
            if line[-1] in FINAL_PUNCT or len(WORD_RE.findall(line)) > SUBHEAD_WORDS + 8:
                break  # a sentence: the article goes on
            kinds[j] = "boilerplate"
    # pull quotes: a short paragraph repeating a sentence of the body found elsewhere
    paras = [i for i, k in enumerate(kinds) if k == "paragraph"]
    if 2 < len(paras) <= 400:  # quadratic in paragraphs; long dumps have no pull quotes
        normed = {i: _norm(text[lines[i][0] : lines[i][1]]) for i in paras}
        for i in paras:
            n = normed[i]
            if len(n.split()) > 45 or len(n) < 20 or '"' in text[lines[i][0] : lines[i][1]][:1]:
                continue
            if any(j != i and len(normed[j]) > len(n) and n in normed[j] for j in paras):
                kinds[i] = "pull_quote"
    return tuple(Segment(span, kind) for span, kind in zip(lines, kinds, strict=True))
