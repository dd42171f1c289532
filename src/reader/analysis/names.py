"""Proper names in the token stream: where a name starts and ends, which capitals are only a
sentence's first word, middle initials; the word sets that bound a noun phrase; `Mention`, the
phrase naming who speaks that the later layers pass around."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reader.analysis.doc import ABBREVIATIONS, Doc
from reader.analysis.lexicons import words
from reader.analysis.model import Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "i", "me", "my"})

GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})

THING_PRONOUNS = frozenset({"it", "its"})

PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS

LEADING_DETS = frozenset(
    {"the", "a", "an", "our", "their", "his", "her", "its", "this", "these", "one", "another"}
)
BOUNDARY_WORDS = words("boundary_words")
PREPOSITIONS = frozenset(
    {"of", "at", "for", "among", "from", "with", "in", "on", "within", "inside"}
)

NAME_JOINERS = frozenset({"of", "and", "&", "de", "van", "von", "der", "al", "bin", "la", "du"})

RUN_JOINERS = NAME_JOINERS | {"for", "the"}
PARTICLES = NAME_JOINERS - {"of", "and", "&"}  # "van", "der", "de", "al" in a person's name

TRAILING_DROP = frozenset({"himself", "herself", "themselves", "itself", "too", "also", "alone"})

TIME_WORDS = (
    words("weekdays")
    | words("time_words")
    | frozenset({"next", "day", "days", "weeks", "months", "years", "ago"})
    | frozenset({"meanwhile", "however", "in", "on"})
)

NOT_A_SUBJECT_START = frozenset(
    {"in", "on", "at", "during", "with", "to", "after", "before", "for", "from", "by", "of"}
)

NOT_BEFORE_PERSON = frozenset({"at", "of", "from", "the", "company", "firm", "group", "in", "on"})

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})

NOT_A_NAME_START = BOUNDARY_WORDS | NOT_A_SUBJECT_START | TIME_WORDS | LEADING_DETS | {"according"}

NAME_PUNCT_RE = re.compile(r"[.'’-]")
TOPONYM_FIRST = words("toponym_first")  # "New York", "San Diego": places, not people
# company suffixes written with a dot ("Inc.", "Corp."): the organisation words that end in one
CORPORATE = frozenset(w[:-1] for w in words("organization_words") if w.endswith("."))
CALENDAR = words("months") | words("weekdays")

PLACE_PREPOSITIONS = frozenset(
    {"to", "into", "near", "across", "toward", "towards", "through", "via", "outside", "around"}
)


@dataclass(frozen=True)
class Mention:
    """A noun phrase naming who speaks. `name` is the proper name when there is one, else the
    phrase without its determiner. `descriptive` marks a role without a name."""

    span: Span
    text: str
    name: str
    kind: str  # person | organization | media | anonymous | document | other
    role: str | None = None
    affiliation: str | None = None
    pronoun: bool = False
    descriptive: bool = False
    written: Span | None = None  # the word standing for it there ("who" in "X, who said")
    group: bool = False  # "Jane Roe and her colleagues": a named person speaking with others


def cap(w: str) -> bool:
    return w[:1].isupper()


def initial(doc: Doc, j: int) -> bool:
    """Token j is a middle initial: "M" in "Brian M. Good" (a capital letter between names)."""
    w = doc.words[j]
    return (
        len(w) == 1
        and w.isupper()
        and j > 0
        and cap(doc.words[j - 1])
        and doc.words[j - 1].isalpha()
        and j + 2 < len(doc.words)
        and doc.words[j + 1] == "."
        and cap(doc.words[j + 2])
    )


def sentence_initial(doc: Doc, t: int) -> bool:
    if t == 0 or doc.words[t - 1] in {"“", '"', "‘", "(", "\n"}:
        return True
    sent = doc.sentence_of(doc.starts[t])
    return sent is None or sent[0] == doc.starts[t]


def run_start(doc: Doc, lo: int, hi: int) -> int:
    """Start of the proper name ending at token `hi`: capitalised words, middle initials, and
    the small words inside an organisation's name ("Friends of the Earth", "People for the
    Ethical Treatment of Animals", "Breaking the Silence")."""
    wd, low = doc.words, doc.lower
    r = hi
    while r > lo:
        w = wd[r - 1]
        if cap(w) or (w == "." and r - 2 >= lo and initial(doc, r - 2)):
            r -= 1
        elif w == "." and r - 2 >= lo and cap(wd[r - 2]) and low[r - 2] in CORPORATE:
            r -= 1  # "Harbor Inc."
        elif low[r - 1] in PARTICLES and r - 2 > lo and r < hi and low[r - 2] in PARTICLES:
            if not cap(wd[r - 3]):
                break
            r -= 2  # "Anna van der Berg": two particles inside a person's name
        elif low[r - 1] in RUN_JOINERS and r - 1 > lo and r < hi and cap(wd[r - 2]):
            if low[r - 1] == "the" and sentence_initial(doc, r - 2):
                break  # "Later the Senate": a capital only because the sentence starts there
            r -= 1
        elif (
            low[r - 1] == "the"
            and r - 2 > lo
            and r < hi
            and low[r - 2] in {"of", "for"}
            and cap(wd[r - 3])
        ):
            r -= 2  # "of the", "for the" inside a name
        else:
            break
    return r


def is_boundary(doc: Doc, j: int) -> bool:
    w = doc.words[j]
    if not w[:1].isalnum():
        if w == "." and j > 0 and (doc.lower[j - 1] in ABBREVIATIONS or initial(doc, j - 1)):
            return False
        if w == "." and j > 0 and doc.lower[j - 1] + "." in words("organization_words"):
            return False  # "Harbor Inc. said": the company's suffix, not a sentence's end
        return w not in {"’", "'", "&"}
    return doc.lower[j] in BOUNDARY_WORDS and not given_name_word(doc, j)


def given_name_word(doc: Doc, j: int) -> bool:
    """Token j is a boundary word that is also a given name, written as one: "said Will Ames",
    "May Chen said" (a capital, then a capitalised word; at a sentence's start only when the
    sentence is no question, so "Will Congress act?" stays a verb)."""
    w = doc.words[j]
    if not (cap(w) and doc.lower[j] in words("word_given_names")):
        return False
    nxt = doc.words[j + 1] if j + 1 < len(doc.words) else ""
    if not (cap(nxt) and nxt.isalpha() and nxt.lower() not in BOUNDARY_WORDS):
        return False
    if not sentence_initial(doc, j):
        return True
    sent = doc.sentence_of(doc.starts[j])
    return sent is not None and not doc.text[sent[0] : sent[1]].rstrip().endswith("?")


def text_of(doc: Doc, a: int, b: int) -> str:
    return doc.text[doc.starts[a] : doc.ends[b - 1]] if b > a else ""


def token_index(doc: Doc, wanted: set[str]) -> dict[str, list[int]]:
    """Each wanted word as written → the indices of its tokens: lets the whole-article passes
    look a name up instead of scanning every token for every source."""
    out: dict[str, list[int]] = {}
    for j, w in enumerate(doc.words):
        if w in wanted:
            out.setdefault(w, []).append(j)
    return out


@cache
def lexicon_union(*names: str) -> frozenset[str]:
    """Several lexicons as one set, built once."""
    return frozenset().union(*(words(n) for n in names))
