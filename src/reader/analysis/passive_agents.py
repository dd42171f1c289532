"""Speakers who are not the subject of their reporting verb: the agent of a passive ("he was
told by the adviser to go …", "staff were told by the firm that …"), the object of a verb that
makes someone speak ("the video prompted some users to argue that …", "the cut led the maker
to announce it would …"), and the source a reporter cites ("the outlet, citing an unnamed
official, reported that …": the official is a source of what the outlet reported). Cues.py
leaves "was told" and "to argue" out on purpose (there the subject is not the speaker); this
pass reads them with their real speaker."""

from __future__ import annotations

from bisect import insort

from reader.analysis.attribution_base import (
    DASHES,
    QUOTE_MARKS,
    AttributorBase,
    Raw,
    n_words,
    sentence_end_token,
    trim,
)
from reader.analysis.cues import Cue
from reader.analysis.lexicons import Verb, reporting_verbs, words
from reader.analysis.mentions import Mention, describe, np_right
from reader.analysis.stance_phrases import stance_phrases

BE_BEFORE = frozenset({"was", "were", "been", "being", "is", "are", "be"})
MAX_ADVERBS = 2  # "was reportedly told by", "were also privately told by"
MAX_ASIDE = 12  # tokens of an aside between the agent and its clause ("X — her boss — to …")
MIN_CONTENT_WORDS = 3
MAX_ABSOLUTE = 8  # tokens from "with" to its participle ("with many local analysts expecting")


def _cue(at: AttributorBase, k: int, verb: Verb, *, quote_only: bool | None = None) -> Cue:
    doc = at.doc
    return Cue(
        (doc.starts[k], doc.ends[k]),
        k,
        k + 1,
        "verb",
        verb.lemma,
        verb.stance,
        verb.obj,
        verb.quote if quote_only is None else quote_only,
        verb.direct_only,
        verb.document_only,
        verb.belief,
        verb.question,
    )


def _past_aside(at: AttributorBase, j: int, stop: int) -> int:
    """Token after an aside opening at `j` ("— Morrison's supervisor —", ", her boss,"), or `j`
    when none opens there."""
    doc = at.doc
    w = doc.words[j] if j < stop else ""
    if w not in DASHES and w != ",":
        return j
    for t in range(j + 1, min(stop, j + MAX_ASIDE)):
        if doc.words[t] == w:
            return t + 1
        if doc.words[t] in QUOTE_MARKS or doc.words[t] in {";", ":"}:
            break
    return j


def _clause_from(at: AttributorBase, k: int, stop: int, *, keep_to: bool) -> tuple[int, int] | None:
    """The reported clause opening at `k` ("that …" or, with `keep_to`, "to …") as a span."""
    doc = at.doc
    if k >= stop:
        return None
    if doc.lower[k] == "that":
        k += 1
    elif doc.lower[k] != "to" or not keep_to:
        return None
    end = at.clause_end(k, stop)
    if end <= k:
        return None
    content = trim(doc, doc.starts[k], doc.ends[end - 1])
    if content is None or n_words(doc, content) < MIN_CONTENT_WORDS:
        return None
    return content


def passive_agents(at: AttributorBase) -> None:
    """`BE (adverb) VERBed by AGENT (aside) to|that CLAUSE`: the agent said it."""
    doc = at.doc
    verbs = reporting_verbs()
    for k in range(1, len(doc.words) - 2):
        verb = verbs.get(doc.lower[k])
        if verb is None or doc.lower[k + 1] != "by" or not doc.lower[k].endswith(("ed", "ld")):
            continue
        b = k - 1
        while b > 0 and k - b <= MAX_ADVERBS and doc.lower[b].endswith("ly"):
            b -= 1
        if doc.lower[b] not in BE_BEFORE or doc.paragraph_of(doc.starts[k]) < 0:
            continue
        _s_start, s_end = at.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        m = np_right(doc, k + 2, stop)
        if m is None:
            continue
        after = _past_aside(at, doc.token_at(m.span[1]), stop)
        content = _clause_from(at, after, stop, keep_to=True)
        if content is not None:
            at.add(content, m, _cue(at, k, verb))


def caused_speakers(at: AttributorBase) -> None:
    """`prompted|led|allowed SOMEONE to CUE (that) CLAUSE`: the one made to speak said it."""
    doc = at.doc
    lemmas = {v.lemma: v for v in reporting_verbs().values()}
    causing = words("causing_verbs")
    for k in range(len(doc.words) - 3):
        if doc.lower[k] not in causing or doc.paragraph_of(doc.starts[k]) < 0:
            continue
        _s_start, s_end = at.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        to = next((t for t in range(k + 2, min(stop, k + 10)) if doc.lower[t] == "to"), None)
        if to is None or to + 2 >= stop:
            continue
        verb = lemmas.get(doc.lower[to + 1])
        if verb is None or verb.direct_only:
            continue  # a base form after "to": "to argue", "to announce"
        m = np_right(doc, k + 1, to)
        if m is None or doc.token_at(m.span[1]) != to:
            continue
        j = to + 2
        content = _clause_from(at, j, stop, keep_to=False)
        if content is None and doc.lower[j] not in {"to", "for", "on", "with", "about"}:
            end = at.clause_end(j, stop)
            content = trim(doc, doc.starts[j], doc.ends[end - 1]) if end > j else None
            if content is not None and n_words(doc, content) < MIN_CONTENT_WORDS:
                content = None
        if content is not None:
            at.add(content, m, _cue(at, to + 1, verb))


def cited_sources(at: AttributorBase) -> None:
    """`X, citing SOURCE, reported that …` / `X said …, citing SOURCE`: the cited source is a
    source of each statement made in that sentence."""
    doc = at.doc
    for k in range(1, len(doc.words) - 1):
        if doc.lower[k] != "citing" or doc.words[k - 1] != "," or k in at.used:
            continue
        if doc.paragraph_of(doc.starts[k]) < 0:
            continue
        s_start, s_end = at.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        m = np_right(doc, k + 1, stop)
        if m is None or not _cited_voice(m):
            continue  # "citing a threat to public health": a reason, not a source
        lo, hi = doc.starts[s_start], doc.ends[stop - 1]
        made = [
            r for r in at.out if r.cue is not None and lo <= r.cue.span[0] < hi and r.cue.token != k
        ]
        verb = reporting_verbs().get("citing")
        if not made or verb is None:
            continue
        for r in made:
            at.add(r.content[0], m, _cue(at, k, verb, quote_only=False))


def absolute_speakers(at: AttributorBase) -> None:
    """`…, with some reports suggesting (that) CLAUSE`: the phrase after "with" speaks."""
    doc = at.doc
    for cue in at.cues:
        k = cue.token
        if k in at.used or cue.kind != "verb" or not doc.lower[k].endswith("ing"):
            continue
        w = next(
            (t for t in range(k - 2, max(-1, k - MAX_ABSOLUTE), -1) if doc.lower[t] == "with"), None
        )
        if w is None or doc.paragraph_of(doc.starts[k]) < 0:
            continue
        if any(not doc.words[t][:1].isalnum() for t in range(w + 1, k)):
            continue
        m = describe(doc, w + 1, k)
        if m is None or m.pronoun:
            continue
        _s_start, s_end = at.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        j = k + 1
        content = _clause_from(at, j, stop, keep_to=False)
        if content is None and j < stop and doc.words[j][:1].isalnum():
            end = at.clause_end(j, stop)
            content = trim(doc, doc.starts[j], doc.ends[end - 1]) if end > j else None
            if content is not None and n_words(doc, content) < MIN_CONTENT_WORDS:
                content = None
        if content is not None:
            at.add(content, m, cue)


def credited_reports(at: AttributorBase) -> None:
    """`“…,” he said, according to the Ledger.` / `X said …, citing Y`: an "according to" left
    over after a statement already made in its sentence credits the outlet or source that
    reported it; the outlet is a source of that statement too."""
    doc = at.doc
    for cue in at.cues:
        k = cue.token
        if cue.kind != "according" or k in at.used or k == 0 or doc.words[k - 1] != ",":
            continue
        if doc.paragraph_of(doc.starts[k]) < 0:
            continue
        s_start, s_end = at.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        e = cue.end_token
        while e < stop and doc.words[e] not in {",", ";", ":"} and e - cue.end_token < MAX_ASIDE:
            e += 1
        m = describe(doc, cue.end_token, e, loose=True) if e > cue.end_token else None
        if m is None or not _cited_voice(m):
            continue
        lo = doc.starts[s_start]
        made = [r for r in at.out if r.cue is not None and lo <= r.cue.span[0] < cue.span[0]]
        if made:
            r = made[-1]
            at.used.add(k)
            insort(at.cue_index, (k, len(at.out)))
            at.out.append(Raw(r.content, r.kind, m, cue))


def _cited_voice(m: Mention) -> bool:
    """An unnamed source ("an official", "people familiar with …"), an outlet or a name: what
    "citing" credits as a source rather than gives as a reason."""
    if m.pronoun:
        return False
    if m.kind in {"anonymous", "media"} or (m.kind == "person" and m.descriptive):
        return True  # "a senior official": a role without a name is an unnamed source
    if m.kind == "other" and any(w in words("anonymous_words") for w in m.text.lower().split()):
        return True  # "two people familiar with the talks"
    return m.kind in {"person", "organization"} and m.name[:1].isupper() and not m.descriptive


def speakers_not_subjects(at: AttributorBase) -> None:
    """Every construction of this module, after the reported-speech pass has run."""
    passive_agents(at)
    caused_speakers(at)
    cited_sources(at)
    absolute_speakers(at)
    credited_reports(at)
    stance_phrases(at)
