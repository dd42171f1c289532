"""Where the main clause of a sentence begins, for a speaker read from the opening of the
sentence (a participle's "…, saying …" or a colon's "X returned to it: “…”"): past a
dateline ("HARBOR CITY, May 3 (Agency) — …"), a capitalised connective ("Yet", "Now") and
an adverbial phrase or clause ended by a comma ("Amid the uproar, …", "When the vote came,
…"). Without that, the first capitalised word of the sentence passes for its subject."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words

DASHES = frozenset({"—", "–", "―", "-"})
DATELINE_REACH = 12  # tokens from a paragraph's start to the dash that ends its dateline
ADVERBIAL_REACH = 30  # tokens to the comma that ends an opening adverbial


def past_dateline(doc: Doc, s_start: int, c: int) -> int:
    """The first token after a dateline opening the paragraph at `s_start` ("PARIS, Aug 31
    (Agency) - …", "Harbor City (Agency) – …", "DECATUR, Ill. — …"); `s_start` without one."""
    p = doc.paragraph_of(doc.starts[s_start])
    if p < 0 or doc.body[p][0] != doc.starts[s_start]:
        return s_start
    first = doc.words[s_start]
    paren = next((t for t in range(s_start + 1, min(c, s_start + 5)) if doc.words[t] == "("), None)
    capitalised = paren is not None and all(
        w[:1].isupper() for w in doc.words[s_start:paren] if w[:1].isalpha()
    )
    if not ((first.isupper() and len(first) > 1 and first.isalpha()) or capitalised):
        return s_start  # "PARIS, …" or "Harbor City (Agency) …" opens a dateline
    for t in range(s_start + 1, min(c, s_start + DATELINE_REACH)):
        w = doc.words[t]
        if w in DASHES:
            return t + 1
        if w in {"!", "?", ";", ":"} or (w[:1].islower() and w.isalpha()):
            return s_start  # a lower-case word: a sentence, not a dateline
    return s_start


def _year_and_comma(doc: Doc, t: int) -> bool:
    """Token `t` is a number set off by a comma after it (the year of a date)."""
    return doc.words[t].isdigit() and doc.words[t + 1] == ","


def main_clause_start(doc: Doc, s_start: int, c: int) -> int | None:
    """The token where the subject of the sentence at `s_start` may begin, before token `c`;
    None when an opening adverbial runs on to `c` (no subject before the cue)."""
    a = past_dateline(doc, s_start, c)
    while a < c and doc.lower[a] in words("connective_openers"):
        a += 1  # "Yet Roe said", "Even before the vote, …"
    if a < c and doc.lower[a] in words("clause_openers"):
        comma = next(
            (t for t in range(a + 1, min(c, a + ADVERBIAL_REACH)) if doc.words[t] == ","),
            None,
        )
        if comma is not None and comma + 2 < c and _year_and_comma(doc, comma + 1):
            comma += 2  # "On July 6, 2015, Roe said": the year ends the date
        return comma + 1 if comma is not None and comma + 1 < c else None
    return a
