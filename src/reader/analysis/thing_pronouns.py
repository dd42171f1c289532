"""What "it" stands for when it speaks ("it announced an order"): the organisation opening a
recent sentence as its subject ("Harbor Air had a fleet of …. … it announced …"), even when
that organisation has said nothing yet. A person, a place used as a setting, a weekday or a
capital that only opens a sentence ("People who …") is no antecedent."""

from __future__ import annotations

from bisect import bisect_right

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.name_kinds import is_common_word, is_given_name, name_kind
from reader.analysis.names import (
    CALENDAR,
    LEADING_DETS,
    NAME_JOINERS,
    NOT_A_SUBJECT_START,
    PRONOUNS,
    Mention,
    cap,
    lexicon_union,
)

SENTENCES_BACK = 3  # the sentence holding "it" and the ones before it
MAX_NAME_TOKENS = 5
OPENING_PHRASES = NOT_A_SUBJECT_START | {"as", "since", "until", "last", "earlier", "later"}


def organisation_subject_before(doc: Doc, pos: int, surnames: set[str]) -> Mention | None:
    """The proper name opening the nearest sentence before offset `pos` (that sentence
    included, up to `pos`) that reads as an organisation; None when there is none."""
    if not doc.sentences:
        return None
    k = _sentence_index(doc, pos)
    for i in range(k, max(-1, k - SENTENCES_BACK - 1), -1):
        start, _end = doc.sentences[i]
        if start >= pos:
            continue
        m = _opening_name(doc, doc.token_at(start), pos, surnames)
        if m is not None:
            return m
    return None


def _sentence_index(doc: Doc, pos: int) -> int:
    return max(0, bisect_right(doc.sent_starts, pos) - 1)


def _opening_name(doc: Doc, a: int, pos: int, surnames: set[str]) -> Mention | None:
    wd, low = doc.words, doc.lower
    if a < len(wd) and low[a] in OPENING_PHRASES:
        # "As of October, Harbor Air had …": the subject follows the opening phrase's comma
        comma = next((j for j in range(a, min(a + 7, len(wd))) if wd[j] == ","), None)
        if comma is not None:
            a = comma + 1
    while a < len(wd) and (low[a] in LEADING_DETS or not wd[a][:1].isalnum()):
        a += 1
    e = a
    while e < len(wd) and doc.ends[e] <= pos and e - a < MAX_NAME_TOKENS:
        joiner = low[e] in NAME_JOINERS and e > a and e + 1 < len(wd) and cap(wd[e + 1])
        if (cap(wd[e]) and wd[e].isalpha()) or joiner:
            e += 1
        else:
            break
    if e == a or e >= len(wd) or not wd[e][:1].islower():
        return None  # no name, or the name is not followed by its verb
    ws = wd[a:e]
    if low[a] in PRONOUNS or low[a] in CALENDAR or ws[-1].lower() in surnames:
        return None
    if is_given_name(ws[0]) or name_kind(ws) == "person":
        return None
    if len(ws) == 1 and (is_common_word(ws[0]) or not _capitalised_elsewhere(doc, ws[0], a)):
        return None  # "People who …": a capital only because the sentence starts there
    organisation = name_kind(ws) in {"organization", "location"} or ws[-1].lower() in (
        lexicon_union("organization_words", "media_words")
    )
    if len(ws) > 1 and not organisation:
        return None  # "Mara Lind ran …": two unknown capitals are a person as often as not
    if low[e - 1] in words("titles"):
        return None
    span = (doc.starts[a], doc.ends[e - 1])
    text = doc.text[span[0] : span[1]]
    return Mention(span, text, text, "organization")


def _capitalised_elsewhere(doc: Doc, word: str, here: int) -> bool:
    """The word is written capitalised somewhere not opening a sentence: a name, not a word."""
    for j, w in enumerate(doc.words):
        if j != here and w == word and j > 0 and doc.words[j - 1][:1].isalnum():
            return True
    return False
