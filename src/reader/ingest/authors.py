"""Which bylines a page's metadata names: a list of people's names ("Ann Lee and Tom Park"),
not a phrase the page put in its author field ("The Russian; Syrian defense ministries"),
which is no byline and is not printed as "By …"."""

from __future__ import annotations

import re

_SPLIT = re.compile(r"\s*(?:[;,&/|]|\band\b|\bund\b|\bet\b|\by\b|\bи\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por|di|da|автор:?)\s+", re.IGNORECASE)
# lower-case words that belong inside a name ("Ludwig van Beethoven", "Ahmed bin Salem")
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "das",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "les",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "y",
        "e",
        "dos",
        "do",
    ]
)
_ARTICLES = frozenset(
    ["the", "a", "an", "le", "la", "les", "il", "lo", "der", "die", "das", "el", "los", "las"]
)
MAX_NAME_WORDS = 5
MAX_PEOPLE = 8


def byline(author: str | None) -> str | None:
    """`author` when it reads as one or more people's names, else None."""
    if not author:
        return None
    text = " ".join(author.split())
    text = _BY.sub("", text)
    parts = [p for p in _SPLIT.split(text) if p]
    if not parts or len(parts) > MAX_PEOPLE:
        return None
    return text if all(_is_name(p) for p in parts) else None


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or words[0].lower() in _ARTICLES:
        return False
    for i, word in enumerate(words):
        letters = word.strip(".'’-()")
        if not letters or any(ch.isdigit() for ch in letters) or "@" in letters:
            return False
        if letters[0].islower() and not (0 < i < len(words) - 1 and letters in _PARTICLES):
            return False
    return True
