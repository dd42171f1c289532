"""The words two statements are compared on: tokens, a crude English stemmer, the event concepts
(lexicons/event_concepts.txt) and each word's weight in one article.

Function words are data (lexicons/function_words.txt), loaded once; nothing here keys on a word of
a particular article.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

from reader.analysis.lexicons import LEXICON_DIR, words
from reader.analysis.model import Span

NEGATION_RE = re.compile(
    r"(?<!\w)(?:no one|no|not|never|nothing|nobody|none|neither|nor|cannot|without)(?!\w)"
    r"|n[’']t(?!\w)",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
TOPIC_SHARE = 0.15  # a stem in more than this share of the article's sentences is its topic


def stopwords() -> frozenset[str]:
    """Function words and reporting filler ("said", "according") that carry no content."""
    return words("function_words")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English suffix stripper: drones/drone → dron, attacked/attacks → attack."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (
        ("ies", "i"),
        ("ied", "i"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # stopped → stopp → stop
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) >= 3:
        w = w[:-1] + "i"
    return w


@cache
def concepts() -> dict[str, str]:
    """Stem → "@concept" for words that name the same kind of event (lexicons/event_concepts)."""
    out: dict[str, str] = {}
    path = LEXICON_DIR / "event_concepts.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        concept, _, names = line.partition(":")
        for w in names.split():
            out[stem(w)] = "@" + concept.strip()
    return out


def keys(word: str) -> tuple[str, str | None]:
    """A word's stem and, when it names a kind of event, its concept."""
    s = stem(word)
    return s, concepts().get(s)


@lru_cache(maxsize=65536)
def is_content(low: str) -> bool:
    """Whether a lower-cased token carries content (not a function word, not a negation)."""
    return not (
        low in stopwords() or (len(low) < 3 and not low.isdigit()) or NEGATION_RE.fullmatch(low)
    )


AUXILIARIES = frozenset({"to", "did", "does", "do", "not", "never", "had", "has", "have"})


def verb_like(low: str, prev: str) -> bool:
    """Whether a content word reads as a verb: "attacked", "moving", "did move", "to close"."""
    return (len(low) >= 5 and low.endswith(("ed", "ing"))) or (
        prev in AUXILIARIES or prev.endswith("n't")
    )


def content_words(text: str, start: int, end: int) -> list[tuple[str, str, Span]]:
    """(stem, surface form, span) of each content word in text[start:end]."""
    out = []
    for m in WORD_RE.finditer(text, start, end):
        low = m.group().lower().replace("’", "'")
        if is_content(low):
            out.append((stem(low), low, (m.start(), m.end())))
    return out


def sentences(text: str, spans: tuple[Span, ...]) -> list[Span]:
    """The sentences (or sentence pieces) inside `spans`."""
    out = []
    for a, b in spans:
        for m in SENTENCE_RE.finditer(text, a, b):
            if m.group().strip():
                out.append((m.start(), m.end()))
    return out


def weights(text: str) -> dict[str, float]:
    """Inverse sentence frequency of each stem in the article; the article's topic words
    (in more than TOPIC_SHARE of its sentences, and in more than two) weigh nothing, so that
    two statements are not related merely for naming the countries the article is about."""
    spans = [(m.start(), m.end()) for m in SENTENCE_RE.finditer(text)]
    df: dict[str, int] = {}
    for a, b in spans:
        for s in {w[0] for w in content_words(text, a, b)}:
            df[s] = df.get(s, 0) + 1
    n = max(1, len(spans))
    return {s: 0.0 if c > 2 and c / n > TOPIC_SHARE else math.log(1 + n / c) for s, c in df.items()}
