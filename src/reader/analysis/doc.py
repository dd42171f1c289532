"""Tokens and sentences over the original text: the shared substrate of the analysis layers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reader.analysis.model import Segment, Span

# "U.S", "e.g", "Ph.D" are one token; "views.A" (a missing space after a full stop) is two
TOKEN_RE = re.compile(r"[^\W_]+(?:(?:[-'’&]|\.(?![A-Z])|(?<![a-z][a-z])\.)[^\W_]+)*|\S|\n")
SENT_END_RE = re.compile(r"[.!?]+[”\"’»)\]]*(?=\s)")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "p.m",
        "a.m",
        "ft",
        "rev",
        "mt",
        "pres",
        "adm",
        "maj",
        "cmdr",
    ]
)
BODY_KINDS = frozenset({"paragraph"})


@dataclass
class Doc:
    """The text, its segments, tokens (parallel lists) and sentence spans."""

    text: str
    segments: tuple[Segment, ...]
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    body_starts: list[int] = field(default_factory=list)

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def token_before(self, offset: int) -> int:
        """Index of the last token ending at or before `offset` (-1 if none)."""
        return bisect_right(self.ends, offset) - 1

    def sentence_of(self, offset: int) -> Span | None:
        i = bisect_right(self.sent_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return None

    def paragraph_of(self, offset: int) -> int:
        """Index of the body paragraph holding `offset`, or -1."""
        i = bisect_right(self.body_starts, offset) - 1
        if i >= 0 and self.body[i][0] <= offset < self.body[i][1]:
            return i
        return -1


def _split_sentences(text: str, start: int, end: int) -> list[Span]:
    out = []
    s = start
    for m in SENT_END_RE.finditer(text, start, end):
        e = m.end()
        nxt = e
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        ch = text[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "“\"‘'(«"):
            continue
        if text[m.start()] == ".":
            w = m.start()
            while w > s and not text[w - 1].isspace():
                w -= 1
            word = text[w : m.start()].lower().strip("(“\"‘'")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        out.append((s, e))
        s = nxt
    if s < end:
        out.append((s, end))
    return out


def build(text: str, segments: tuple[Segment, ...]) -> Doc:
    doc = Doc(text=text, segments=segments)
    for m in TOKEN_RE.finditer(text):
        doc.starts.append(m.start())
        doc.ends.append(m.end())
        w = m.group()
        doc.words.append(w)
        doc.lower.append(w.lower())
    for seg in segments:
        if seg.kind in BODY_KINDS:
            doc.body.append(seg.span)
            doc.sentences.extend(_split_sentences(text, *seg.span))
    doc.body_starts = [b[0] for b in doc.body]
    doc.sent_starts = [s[0] for s in doc.sentences]
    return doc
