"""Layer 3: reporting cues (speech verbs in any tense, "according to", "in his opinion")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.model import Span

PASSIVE_BEFORE = frozenset({"was", "were", "been", "being", "be", "is", "are", "to"})
POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our"})
OPINION_NOUNS = frozenset({"opinion", "view", "words", "estimate", "estimation", "assessment"})
ADDRESSEE_WORDS = frozenset(
    [
        "me",
        "him",
        "her",
        "us",
        "them",
        "you",
        "reporters",
        "journalists",
        "lawmakers",
        "supporters",
        "viewers",
        "listeners",
        "audience",
        "crowd",
        "congress",
        "parliament",
    ]
)
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
# words that end the addressee of "told" ("told her that …", "told her on Monday")
CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
THAT_REACH = 12  # words from the addressee to a "that" still taken as its clause
NOT_IN_ADDRESSEE = frozenset({"that", "to", "on", "in", "at", "about", "of", "what", "how", "why"})
# words before "reports", "claims", "statements"… that make them nouns ("some reports suggest")
NOUN_BEFORE = DETERMINERS | frozenset(
    {"some", "many", "several", "these", "those", "such", "no", "any", "all", "other", "news"}
)
# words before a stance phrase that make its verb a noun or a passive ("his call for", "the
# party's calls for", "was called on")
NOT_BEFORE_PHRASE = PASSIVE_BEFORE | NOUN_BEFORE | POSSESSIVES | frozenset({"’s", "'s"})


@dataclass(frozen=True)
class Cue:
    """A reporting cue: `span` covers the words (with the addressee of "told"), `token` and
    `end_token` delimit its tokens; `kind` is verb | according | opinion | indirect (a verb
    that reports only in reported speech and never introduces a quotation: "declined to
    comment", "rejected the plan" — not "I am dismissing it" inside a quotation)."""

    span: Span
    token: int
    end_token: int
    kind: str
    lemma: str
    stance: str = "neutral"
    obj: bool = False
    quote_only: bool = False  # "called X “…”": a cue only when a quotation follows
    direct_only: bool = False  # "asked", "wrote": a cue for quotations, not reported speech
    document_only: bool = False  # "found", "showed": a cue only when a document speaks
    belief: bool = False  # "believes", "fears": a cue only for a "that" clause
    question: bool = False  # "asked": reported speech only for "whether", "if", "how" …
    attitude: bool = False  # "endorsed", "defended": the object is the content
    infinitive: bool = False  # "declined to comment": reports a "to" clause (content from "to")


def _addressee_end(doc: Doc, k: int) -> int:
    """Token index after the addressee of a verb such as `told` starting at `k`, and after
    what stands between it and a "that" a few words on ("told a radio host on Monday that …",
    "tells voters who doubt him that …"): the reported clause is the "that" clause."""
    end = _addressee_words(doc, k)
    for t in range(end, min(len(doc.words), end + THAT_REACH)):
        if doc.lower[t] == "that":
            return t if t > end and doc.lower[t - 1] not in {"so", "such", "now"} else end
        if doc.lower[t] in CLAUSE_SUBJECTS or (
            not doc.words[t][:1].isalnum() and doc.words[t] not in {"’s", "'s", "-"}
        ):
            break  # "told AP he was … and that …": the clause has begun already
    return end


def _addressee_words(doc: Doc, k: int) -> int:
    """Token index after the words naming who was told, from `k`."""
    n = len(doc.words)
    if k >= n:
        return k
    w = doc.words[k]
    if doc.lower[k] in POSSESSIVES and k + 1 < n and doc.words[k + 1].isalpha():
        # "told her supporters", "told his staff": a possessive and its noun
        j = k + 1
        while j < n and j - k <= 2 and doc.words[j].isalpha() and doc.words[j].islower():
            if doc.lower[j] in NOT_IN_ADDRESSEE or doc.lower[j] in DETERMINERS:
                break
            j += 1
        if j > k + 1:
            return j
    if doc.lower[k] in ADDRESSEE_WORDS:
        return k + 1
    if w[:1].isupper() and doc.lower[k] not in {"that", "the"}:
        j = k
        while j < n and j - k < 5 and doc.words[j][:1].isupper():
            j += 1
        return j
    for j in range(k + 1, min(n, k + 5)):
        # "told city leaders that …": a bare noun phrase up to "that"
        if doc.lower[j] == "that" and all(w.isalpha() and w.islower() for w in doc.words[k:j]):
            return j
        if not doc.words[j].isalpha():
            break
    if doc.lower[k] in DETERMINERS:
        heads = (
            words("media_words")
            | words("titles")
            | words("anonymous_words")
            | words("organization_words")
        )
        last = None
        for j in range(k + 1, min(n, k + 6)):
            if doc.lower[j] in heads or (doc.words[j][:1].isupper() and j == k + 1):
                last = j
            elif not doc.words[j][:1].isalnum() or doc.lower[j] in {"that", "on", "in", "at"}:
                break
        return last + 1 if last is not None else k
    return k


def _infinitive_at(doc: Doc, k: int) -> bool:
    """Tokens from `k` open a "to" infinitive ("to comment"), not a figure ("to 5 percent")."""
    return (
        k + 1 < len(doc.words)
        and doc.lower[k] == "to"
        and doc.words[k + 1].isalpha()
        and (doc.words[k + 1].islower())
    )


@cache
def _first_words(lexicon: str) -> frozenset[str]:
    """The words opening the phrases of a lexicon: most tokens open none, a set test says so."""
    return frozenset(p.split(" ", 1)[0] for p in words(lexicon))


def _phrase_at(doc: Doc, i: int) -> int:
    """Number of tokens of the reporting phrase opening at token `i` ("pointed out", "made it
    clear"), or 0."""
    phrases = words("reporting_phrases")
    if not doc.words[i].islower():
        return 0
    for size in (3, 2):
        if i + size <= len(doc.lower) and " ".join(doc.lower[i : i + size]) in phrases:
            return size
    return 0


def find_cues(doc: Doc) -> tuple[Cue, ...]:
    """Every reporting cue in the text, in order."""
    verbs = reporting_verbs()
    low = doc.lower
    n = len(low)
    out: list[Cue] = []
    phrase_first = _first_words("reporting_phrases")
    stance_first = _first_words("attitude_phrases")
    for i, w in enumerate(low):
        if w == "according" and i + 1 < n and low[i + 1] == "to":
            out.append(Cue((doc.starts[i], doc.ends[i + 1]), i, i + 2, "according", "according to"))
            continue
        if w == "in" and i + 2 < n and low[i + 1] in POSSESSIVES and low[i + 2] in OPINION_NOUNS:
            out.append(Cue((doc.starts[i], doc.ends[i + 2]), i, i + 3, "opinion", "opinion"))
            continue
        pair = f"{w} {low[i + 1]}" if w in stance_first and i + 1 < n else ""
        if (
            pair in words("attitude_phrases")
            and doc.words[i].islower()
            and not (i and low[i - 1] in NOT_BEFORE_PHRASE)
        ):
            # "called for a boycott": its object is the content (not "his call for …")
            span = (doc.starts[i], doc.ends[i + 1])
            out.append(Cue(span, i, i + 2, "verb", pair, attitude=True))
            continue
        size = _phrase_at(doc, i) if w in phrase_first else 0
        if size and not (i and low[i - 1] in PASSIVE_BEFORE):
            # "pointed out that …", "made it clear that …"
            e = i + size
            out.append(Cue((doc.starts[i], doc.ends[e - 1]), i, e, "verb", " ".join(low[i:e])))
            continue
        verb = verbs.get(w)
        if verb is None or not doc.words[i].islower():
            continue
        if i and low[i - 1] in PASSIVE_BEFORE and not (w.endswith("ing") and low[i - 1] != "to"):
            continue  # "was told", "to say"; but "is telling" is active
        if i and w.endswith("s") and low[i - 1] in NOUN_BEFORE:
            continue  # "some reports suggest": a noun, not the verb
        if verb.infinitive and not verb.belief and not _infinitive_at(doc, i + 1):
            continue  # "sales declined 5%", "declined to $2 million": not "declined to comment"
        end = i + 1
        if verb.addressee:
            end = max(end, _addressee_end(doc, i + 1))
        span = (doc.starts[i], doc.ends[end - 1])
        out.append(
            Cue(
                span,
                i,
                end,
                "indirect" if verb.indirect else "verb",
                verb.lemma,
                verb.stance,
                verb.obj,
                verb.quote,
                verb.direct_only,
                verb.document_only,
                verb.belief,
                verb.question,
                verb.attitude,
                verb.infinitive,
            )
        )
    return tuple(out)
