"""Beliefs, stances and findings the cues leave out: "Officials are concerned that …", "Beijing
is also worried about …" (a belief adjective after a form of "be"), "Jane Roe has spoken out
against …" (speaking out about something), "Lawmakers expressed outrage over …" (a stance
noun voiced), a forecasting group's expectation ("Analysts polled by X expected $1.02 a
share"), and a finding by a body whose work is to find
things out ("the inspector general's office found that …": "found" is otherwise a cue for
documents only). Run after the reported-speech pass, on the words no cue claimed."""

from __future__ import annotations

from dataclasses import replace

from reader.analysis.attribution_base import AttributorBase, n_words, sentence_end_token, trim
from reader.analysis.cues import Cue
from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.mentions import Mention, is_boundary, subject_left
from reader.analysis.names import LEADING_DETS

BE = frozenset({"is", "are", "was", "were", "remains", "remain", "remained"})
SPEAK_OUT = frozenset({"spoke", "spoken", "speaks", "speaking", "speak"})
OUT_OBJECTS = frozenset({"about", "against", "on"})
VOICED = frozenset({"expressed", "expresses", "voiced", "voices", "raised", "raises"})
NOUN_OBJECTS = frozenset({"that", "about", "over", "at", "with"})
FORECAST_VERBS = frozenset({"expected", "expecting", "forecast", "predicted", "anticipated"})
AUXILIARIES = frozenset({"were", "was", "had", "have", "are", "is", "been", "also", "widely"})
MAX_SUBJECT = 8  # tokens of "Wall Street analysts surveyed by Harbor Data"
MAX_ADVERBS = 2  # "is also deeply concerned"
MIN_WORDS = 3


def stance_phrases(at: AttributorBase) -> None:
    """Add a statement for each belief adjective and each "spoke out about" whose subject
    reads as a speaker."""
    doc = at.doc
    adjectives = words("belief_adjectives")
    nouns = words("stance_nouns")
    for k in range(1, len(doc.words) - 2):
        w = doc.lower[k]
        if w in adjectives and doc.lower[k + 1] in {"that", "about"}:
            b = k - 1
            while b > 0 and k - b <= MAX_ADVERBS and doc.lower[b].endswith("ly"):
                b -= 1
            if doc.lower[b] not in BE and doc.lower[b] not in {"also", "still"}:
                continue
            while b > 0 and doc.lower[b] in {"also", "still"}:
                b -= 1
            if doc.lower[b] not in BE:
                continue
            _add(at, b, k, k + 1)
        elif w == "out" and doc.lower[k - 1] in SPEAK_OUT and doc.lower[k + 1] in OUT_OBJECTS:
            _add(at, k - 1, k, k + 1)
        elif w in VOICED and doc.lower[k + 1] in nouns and doc.lower[k + 2] in NOUN_OBJECTS:
            _add(at, k, k + 1, k + 2)  # "expressed concern that …", "voiced outrage over …"
    institution_findings(at)
    forecasts(at)


def institution_findings(at: AttributorBase) -> None:
    """`THE AUDITOR'S OFFICE found|showed that CLAUSE`: a finding body speaks like a report."""
    doc = at.doc
    bodies = words("finding_bodies")
    for cue in at.cues:
        k = cue.token
        if not cue.document_only or k in at.used or cue.end_token >= len(doc.words):
            continue
        if doc.lower[cue.end_token] != "that" or doc.paragraph_of(doc.starts[k]) < 0:
            continue
        s_start, s_end = at.sent_tokens(doc.starts[k])
        m, _a = subject_left(doc, k, s_start)
        if m is None or m.pronoun or m.kind not in {"organization", "anonymous", "person"}:
            continue
        if m.text.lower().split()[-1] not in bodies:
            continue
        stop = sentence_end_token(doc, k, s_end)
        j = cue.end_token + 1
        end = at.clause_end(j, stop)
        content = trim(doc, doc.starts[j], doc.ends[end - 1]) if end > j else None
        if content is not None and n_words(doc, content) >= MIN_WORDS:
            at.add(content, m, replace(cue, document_only=False))


def forecasts(at: AttributorBase) -> None:
    """`Analysts polled by Harbor Data (had) expected $1.02 a share`: a forecasting group's
    expectation, with its object as the content."""
    doc = at.doc
    groups = words("forecasters")
    for k in range(1, len(doc.words) - 2):
        if doc.lower[k] not in FORECAST_VERBS or k in at.used:
            continue
        nxt = doc.words[k + 1][:1]
        if doc.paragraph_of(doc.starts[k]) < 0 or not (nxt.isalnum() or nxt in "$£€"):
            continue
        s_start, s_end = at.sent_tokens(doc.starts[k])
        m = _forecasters(doc, k, s_start, groups)
        if m is None:
            continue
        stop = sentence_end_token(doc, k, s_end)
        j = k + 1 + (doc.lower[k + 1] == "that")
        end = at.clause_end(j, stop)
        content = trim(doc, doc.starts[j], doc.ends[end - 1]) if end > j else None
        if content is None or n_words(doc, content) < 2:
            continue
        cue = Cue((doc.starts[k], doc.ends[k]), k, k + 1, "verb", "expect")
        at.add(content, m, cue)


def _forecasters(doc: Doc, k: int, floor: int, groups: frozenset[str]) -> Mention | None:
    """The subject before the verb at `k` when it is a forecasting group, kept whole with who
    polled it ("Wall Street analysts surveyed by Harbor Data")."""
    e = k
    while e - 1 >= floor and doc.lower[e - 1] in AUXILIARIES:
        e -= 1
    a = e
    while a - 1 >= floor and e - a < MAX_SUBJECT and not is_boundary(doc, a - 1):
        a -= 1
    if a == e or not set(doc.lower[a:e]) & groups:
        return None
    if doc.lower[a] in LEADING_DETS:
        a += 1
    if a >= e:
        return None
    text = doc.text[doc.starts[a] : doc.ends[e - 1]]
    return Mention((doc.starts[a], doc.ends[e - 1]), text, text, "anonymous")


def _add(at: AttributorBase, verb: int, cue_end: int, k: int) -> None:
    """The subject left of token `verb` said what starts at token `k` ("that …" or "about
    …"); the cue runs from `verb` to `cue_end`."""
    doc = at.doc
    if verb in at.used or doc.paragraph_of(doc.starts[verb]) < 0:
        return
    s_start, s_end = at.sent_tokens(doc.starts[verb])
    stop = sentence_end_token(doc, verb, s_end)
    m, a = subject_left(doc, verb, s_start)
    if m is None or m.kind == "other":
        return
    if any(doc.lower[t] in reporting_verbs() for t in range(max(s_start, a - 2), verb)):
        return  # "in which he said others had raised concerns": someone else's words
    k += 1  # past "that", "about", "against": what the belief or stance is about
    end = at.clause_end(k, stop)
    content = trim(doc, doc.starts[k], doc.ends[end - 1]) if end > k else None
    if content is None or n_words(doc, content) < MIN_WORDS:
        return
    at_ = doc.starts[verb]
    if any(r.content[0][0] <= at_ < r.content[-1][1] for r in at.out):
        return  # inside what someone is reported saying ("he said others raised concerns …")
    cue = Cue((doc.starts[verb], doc.ends[cue_end]), verb, cue_end + 1, "verb", "believe")
    at.add(content, m, cue)
