"""Lexicons shipped as data files in `lexicons/` next to this module, each loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def _lines(name: str) -> list[str]:
    out = []
    for raw in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """A one-entry-per-line lexicon, lower-cased (`titles`, `hedges`, `media_words`...)."""
    return frozenset(line.lower() for line in _lines(name + ".txt"))


@cache
def places() -> frozenset[str]:
    return frozenset(_lines("places.txt"))


@dataclass(frozen=True)
class Verb:
    lemma: str
    stance: str
    addressee: bool
    obj: bool
    quote: bool = False
    direct_only: bool = False
    document_only: bool = False  # "the study found": a cue only when a document speaks
    belief: bool = False  # "X believes that …": a belief or intention, reported with "that"
    question: bool = False  # "asked whether …": reports a question, else quotations only
    attitude: bool = False  # "endorsed X", "defended X": a stance; its object is the content
    infinitive: bool = False  # "declined to comment": reports a "to" clause
    indirect: bool = False  # "rejected the plan": reported speech only, never a quotation's cue


@cache
def reporting_verbs() -> dict[str, Verb]:
    """Every listed form of a reporting verb → its lemma, stance and flags."""
    out: dict[str, Verb] = {}
    for line in _lines("reporting_verbs.txt"):
        lemma, stance, flags, *forms = line.split()
        flag = set(flags.split(","))
        verb = Verb(
            lemma,
            stance,
            "addressee" in flag,
            "obj" in flag,
            "quote" in flag,
            "direct" in flag,
            "document" in flag,
            "belief" in flag,
            "question" in flag,
            "attitude" in flag,
            "infinitive" in flag,
            "indirect" in flag,
        )
        for form in forms:
            out[form.lower()] = verb
    return out


@cache
def furniture() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lines("furniture.txt")), re.IGNORECASE)


@cache
def hedge_pattern() -> re.Pattern[str]:
    phrases = sorted(words("hedges"), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
