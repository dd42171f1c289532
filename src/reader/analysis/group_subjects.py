"""Unnamed groups as speakers: the plural noun phrase opening a sentence whose verb reports
("Farm groups have warned that …", "Shippers across the region say …", "Consumer advocates
argue …"), when the name and kind lexicons know no such head word. The phrase itself becomes
an anonymous source."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.mentions import Mention, skip_back

# prepositions that may carry a group's place or field ("activists outside the country")
GROUP_PLACE_WORDS = frozenset({"in", "across", "outside", "from", "at", "around", "inside", "on"})
# words before a sentence's subject that do not belong to it
SENTENCE_OPENERS = frozenset({"but", "and", "yet", "still", "now", "meanwhile", "so"})
# quantifiers and determiners a group's phrase may open with
GROUP_DETERMINERS = frozenset(
    {"some", "many", "most", "several", "other", "few", "all", "both", "the", "these", "those"}
)
# words that show the opening phrase is a clause, not one group's name ("While some friends")
GROUP_BREAKS = frozenset(
    {"while", "if", "as", "when", "because", "although", "though", "even", "and", "or", "but"}
    | {"who", "that", "which", "than", "not", "to", "whether", "since", "until", "unless"}
)
MAX_GROUP_TOKENS = 8
# words opening a subordinate clause or a phrase before the sentence's subject and a comma
CLAUSE_OPENERS = frozenset(
    {"even", "if", "when", "while", "although", "though", "because", "after", "before"}
    | {"since", "unless", "despite", "with", "without", "in", "on", "at", "for", "as"}
)
MAX_RELATIVE_TOKENS = 6
RELATIVES = frozenset({"who", "that"})
PARTICIPLE_PREPOSITIONS = frozenset({"by", "from", "in", "on", "at", "with"})


def _plural_head(word: str, low: str, after_determiner: bool = False) -> bool:
    """A plural common noun: lower-case (or capitalised) letters ending in -s, not -ss, -us, -is.
    A word that is also a verb form ("reports") is a noun after a determiner ("some reports")."""
    return (
        word.isalpha()
        and len(low) >= 4
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "ous"))
        and low not in words("group_stop_words")
        and (low not in reporting_verbs() or after_determiner)
    )


def _participle_clause(doc: Doc, a: int, end: int) -> int | None:
    """Token of a past participle and its preposition after the group's head ("papers
    obtained by our reporter on Monday"), when the clause is short and plain words only."""
    for t in range(a + 1, end - 1):
        if doc.lower[t].endswith("ed") and doc.lower[t + 1] in PARTICIPLE_PREPOSITIONS:
            clause = range(t, end)
            if len(clause) <= MAX_RELATIVE_TOKENS + 1 and all(
                doc.words[k].isalpha() for k in clause
            ):
                return t
            return None
    return None


def _relative_clause(doc: Doc, a: int, end: int) -> int | None:
    """Token of "who"/"that" opening a relative clause on the group's head ("analysts who have
    done the sums say"), when the clause is short and plain words only; else None."""
    for t in range(a + 1, end):
        if doc.lower[t] in RELATIVES:
            clause = range(t + 1, end)
            if 0 < len(clause) <= MAX_RELATIVE_TOKENS and all(
                doc.words[k].isalpha() and doc.lower[k] not in GROUP_BREAKS for k in clause
            ):
                return t
            return None
    return None


def group_subject(doc: Doc, cue_token: int, s_start: int) -> Mention | None:
    """The group opening the sentence and speaking through the cue at `cue_token`, or None."""
    end = skip_back(doc, cue_token - 1, s_start) + 1
    a = s_start
    if doc.lower[a] in CLAUSE_OPENERS:
        # "Even if talks succeed, analysts say …": the subject follows the opening clause
        comma = next((t for t in range(end - 1, a, -1) if doc.words[t] == ","), None)
        if comma is None:
            return None
        a = comma + 1
    while a < end and (doc.lower[a] in SENTENCE_OPENERS or doc.words[a] == ","):
        a += 1
    if end - a < 1 or end - a > MAX_GROUP_TOKENS + MAX_RELATIVE_TOKENS:
        return None
    rel = _relative_clause(doc, a, end)
    participle = _participle_clause(doc, a, end) if rel is None else None
    if participle is not None:
        rel = end = participle  # "Court papers obtained by … showed": the papers, no more
    if end - a > MAX_GROUP_TOKENS and rel is None:
        return None
    toks = range(a, rel if rel is not None else end)
    if any(
        not doc.words[t].replace("-", "").isalpha() and doc.words[t] not in {"’s", "'s"}
        for t in toks
    ):
        return None
    if any(doc.lower[t] in GROUP_BREAKS or doc.lower[t].endswith("ly") for t in toks):
        return None
    if any(doc.lower[t] in reporting_verbs() for t in toks if t > a):
        return None  # "Harbor Co. reported earnings that …": a clause, not a group's name
    # the head is the last plural noun before an optional place phrase or relative clause
    head = (rel if rel is not None else end) - 1
    for t in toks:
        if doc.lower[t] in GROUP_PLACE_WORDS and t > a:
            head = t - 1
            break
    after_det = head > a and doc.lower[head - 1] in GROUP_DETERMINERS
    if not _plural_head(doc.words[head], doc.lower[head], after_det):
        return None
    if head > a and doc.words[head][:1].isupper():
        return None  # "Kessel Partners said": a name, for the name lexicons to judge
    first = a + (doc.lower[a] == "the")
    if first > head:
        return None
    span = (doc.starts[first], doc.ends[end - 1])
    text = doc.text[span[0] : span[1]]
    low = doc.lower[head]
    papers = words("document_words") | words("document_plurals")
    kind = "document" if low in papers or low[:-1] in papers else "anonymous"
    return Mention(span, text, text, kind)
