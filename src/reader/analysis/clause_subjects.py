"""Where the main clause of a sentence begins, for a speaker read from the opening of the
sentence (a participle's "…, saying …" or a colon's "X returned to it: “…”"): past a
dateline ("HARBOR CITY, May 3 (Agency) — …"), a capitalised connective ("Yet", "Now") and
an adverbial phrase or clause ended by a comma ("Amid the uproar, …", "When the vote came,
…"), with the state and date set off by commas after a town ("At a rally in Ames, Iowa, on
Sunday, …"). Without that, the first capitalised word of the sentence passes for its subject."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.name_kinds import is_place, word_counts

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


def _place_word(word: str) -> bool:
    """A state or country as news writes it after a town: a known place ("Iowa"), a word
    mostly seen naming places ("Calif.")."""
    if is_place(word):
        return True
    counts = word_counts(word) or word_counts(word + ".")
    return counts is not None and counts.location > 2 * (
        counts.named - counts.location + counts.other
    )


def _past_place(doc: Doc, comma: int, c: int) -> int:
    """The comma ending the adverbial whose first comma is `comma`: in "in Ames, Iowa, on
    Sunday, Roe …" the state after the town and the date after the state go with it (else
    "Iowa" passes for the subject)."""
    t = comma + 1
    if not doc.words[comma - 1][:1].isupper():
        return comma
    e = t
    while e < c and e - t < 3 and doc.words[e][:1].isupper() and doc.words[e].isalpha():
        e += 1
    if e == t or e + 1 >= c:
        return comma
    place = " ".join(doc.words[t:e])
    if doc.words[e] == "." and e - t == 1 and len(place) <= 5 and doc.words[e + 1] == ",":
        e += 1  # "Aspen, Colo., the …": a state's abbreviation
    elif doc.words[e] != "," or not _place_word(place):
        return comma
    comma = e
    if comma + 2 < c and doc.lower[comma + 1] in {"on", "last", "this", "in"}:
        end = next((x for x in range(comma + 2, min(c, comma + 5)) if doc.words[x] == ","), None)
        dated = end is not None and any(
            doc.lower[x] in words("weekdays") | words("months") | words("time_words")
            for x in range(comma + 2, end)
        )
        if end is not None and dated:
            comma = end  # "…, Iowa, on Sunday, Roe …"
    return comma


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
        if comma is not None:
            comma = _past_place(doc, comma, c)
        return comma + 1 if comma is not None and comma + 1 < c else None
    return a
