"""What a capitalised name most likely names, learned from newswire: a person, an
organisation or a place. The model (`lexicons/name_kinds.txt`, rebuilt by
tools/train_name_kinds.py from the CoreNLP NER of PolNeAR train) holds whole names seen often
enough and per-word counts; it is read on first use, not at start-up."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from reader.analysis.lexicons import LEXICON_DIR, places

KINDS = ("person", "organization", "location")
CONFIDENT = 0.75  # posterior a kind needs before it overrides the rules' default


@dataclass(frozen=True)
class WordCounts:
    person: int
    first: int  # as the first word of a person's name of two words or more
    organization: int
    location: int
    other: int  # capitalised outside any name
    lower: int  # written in lower case

    @property
    def named(self) -> int:
        return self.person + self.organization + self.location


@cache
def _model() -> tuple[dict[str, str], dict[str, WordCounts]]:
    entities: dict[str, str] = {}
    counts: dict[str, WordCounts] = {}
    path = LEXICON_DIR / "name_kinds.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("E\t"):
            _, kind, _n, name = line.split("\t", 3)
            entities[name.lower()] = kind
        elif line.startswith("W\t"):
            _, w, *nums = line.split("\t")
            counts[w] = WordCounts(*(int(x) for x in nums))
    return entities, counts


@cache
def _continuations() -> frozenset[str]:
    """Words the whole names of the model hold only after their first word ("Diego" in "San
    Diego", "York" in "New York"): their counts say little of a name they open."""
    later, first = set(), set()
    for name in _model()[0]:
        ws = name.split()
        first.add(ws[0])
        later.update(ws[1:])
    return frozenset(later - first)


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def word_counts(word: str) -> WordCounts | None:
    return _model()[1].get(_key(word))


def is_given_name(word: str) -> bool:
    """A word that mostly opens a person's name ("Maria", "John")."""
    c = word_counts(word)
    return c is not None and c.first >= 3 and c.first * 2 >= c.named + c.other


def is_common_word(word: str) -> bool:
    """A capitalised word that newswire mostly writes in lower case and never as (part of) a
    person's name: "Prevention", "Health" as a speaker are no person."""
    c = word_counts(word)
    return c is not None and c.person == 0 and c.lower >= 4 and c.lower > 4 * (c.named + c.other)


def name_kind(words: list[str]) -> str | None:
    """ "person", "organization" or "location" for a name (its words as written) when the
    model is confident, else None. A whole name seen in training decides; otherwise the
    words vote (a naive Bayes over the three kinds, add-one smoothed)."""
    words = [w for w in words if w[:1].isalnum()]
    if not words:
        return None
    entities, counts = _model()
    whole = entities.get(" ".join(_key(w) for w in words))
    if whole is not None:
        return whole
    if len(words) >= 2 and is_given_name(words[0]):
        return "person"
    logp = dict.fromkeys(KINDS, 0.0)
    known = 0
    for i, w in enumerate(words):
        c = counts.get(_key(w))
        if c is None or c.named < 2:
            continue
        if i == 0 and len(words) >= 2 and _key(w) in _continuations():
            continue  # "Diego" of "San Diego" opening "Diego Lopez": another use of the word
        known += 1
        per = {"person": c.person, "organization": c.organization, "location": c.location}
        for k in KINDS:
            logp[k] += math.log((per[k] + 1) / (c.named + 3))
    if not known:
        return None
    top = max(KINDS, key=lambda k: logp[k])
    norm = sum(math.exp(v - logp[top]) for v in logp.values())
    return top if 1 / norm >= CONFIDENT else None


# countries whose subdivisions news names bare ("Texas said", "Ontario's premier")
SUBDIVISION_COUNTRIES = frozenset({"US", "CA", "AU", "GB", "IN", "DE", "MX", "BR", "CN"})
SUBDIVISION_TYPES = frozenset({"State", "Province", "Country", "Land"})


@cache
def place_names() -> frozenset[str]:
    """Countries (their ISO names, common and official names) and the first-level divisions
    of a few large countries, from pycountry, with our own list of capitals and short forms
    (lexicons/places.txt). Lower-cased."""
    import pycountry  # loaded on first use: some 60 ms, not at start-up

    out = {p.lower() for p in places()}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                out.add(value.lower())
    for s in pycountry.subdivisions:
        if s.country_code in SUBDIVISION_COUNTRIES and s.type in {
            "State",
            "Province",
            "Country",
            "Land",
        }:
            out.add(s.name.lower())
    return frozenset(out)


def is_place(name: str) -> bool:
    """A country, state or capital, written as a name ("Austria", "the United States"); or a
    name the model knows as a place."""
    low = name.lower().removeprefix("the ").replace("’", "'")
    if low in place_names():
        return True
    return " " in low and _model()[0].get(low) == "location"
