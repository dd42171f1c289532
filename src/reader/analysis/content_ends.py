"""Where reported content ends: the words a writer adds after a reported clause — a
comparison (", compared with …") or a comment after a credited source (", according to the
agency, taking a step toward …") or another speaker's clause joined by "and" ("… and others
said …") are no part of what the source said; a relative clause on the reported clause's
subject ("said the mayor, who …, will resign") does not end it."""

from __future__ import annotations

from reader.analysis.cues import Cue
from reader.analysis.doc import Doc
from reader.analysis.lexicons import words

COMPARISON_OPENERS = words("comparison_openers")
ING_NOUNS = words("ing_nouns")
FINITE = words("finite_auxiliaries") | words("past_verbs")
SUBJECT_RELATIVES = frozenset({"who", "whom", "which"})
NEW_SUBJECT_WORDS = words("new_subject_words")
SUBJECT_PRONOUNS = words("subject_pronouns")
NEXT_SPEAKER_REACH = 4  # words from "and" to the next speaker's reporting verb
SETTINGS = words("stance_settings") | words("written_pieces")
SETTING_LEADS = frozenset({"in", "at", "on", "during"})
SETTING_DETERMINERS = frozenset({"a", "an", "his", "her", "their", "its", "other"})
SETTING_REACH = 3  # words from the determiner to the setting's noun ("a recent TV interview")


def comparison_end(doc: Doc, k: int, end: int) -> int:
    """Token ending content that runs from `k` to `end`: the comma before a writer's
    comparison ("said 52 percent back it, compared with 41 percent in May"), else `end`."""
    for j in range(k + 2, end - 1):
        if doc.words[j] == "," and doc.lower[j + 1] in COMPARISON_OPENERS:
            return j
    return end


def opens_comment(doc: Doc, t: int) -> bool:
    """Token `t`, after the comma closing a credited source ("…, according to the agency,"),
    opens the writer's comment rather than the rest of the main clause: a participle
    ("taking a step toward …") or "including"."""
    w = doc.words[t]
    return w.islower() and w.endswith("ing") and len(w) > 5 and w not in ING_NOUNS


def subject_relative(doc: Doc, k: int, end: int, stop: int) -> bool:
    """The comma at token `end` opens a relative clause on the subject of content that runs
    from `k` and has no verb yet ("said that the mayor, who took office in May, will
    resign"): the content goes on after the relative clause."""
    if end + 1 >= stop or doc.words[end] != "," or doc.lower[end + 1] not in SUBJECT_RELATIVES:
        return False
    return not any(_finite(doc, t) for t in range(k, end))


def _finite(doc: Doc, t: int) -> bool:
    """Token `t` reads as a finite verb: an auxiliary, or a verb in the past."""
    w = doc.words[t]
    return doc.lower[t] in FINITE or (w.islower() and w.endswith("ed"))


def next_speaker_end(doc: Doc, k: int, end: int, cue_at: dict[int, Cue]) -> int:
    """Token ending content from `k` to `end` where "and"/"but" joins another speaker's
    clause ("said the talks will go on and the union said they would not"): a new subject
    follows the conjunction and a reporting verb comes within a few words; the clause
    before has its verb and the word before the conjunction is no name or pronoun (so "the
    port and the union said" stays one subject). Else `end`."""
    for j in range(k + 2, end - 2):
        if doc.lower[j] not in {"and", "but"}:
            continue
        before, first = doc.words[j - 1], doc.words[j + 1]
        if not (first[:1].isupper() or doc.lower[j + 1] in NEW_SUBJECT_WORDS):
            continue
        if not before.islower() or doc.lower[j - 1] in SUBJECT_PRONOUNS:
            continue
        if not any(_finite(doc, t) for t in range(k, j)):
            continue
        for t in range(j + 2, min(end, j + 2 + NEXT_SPEAKER_REACH)):
            if not doc.words[t][:1].isalnum():
                break
            cue = cue_at.get(t)
            if cue is not None and cue.kind == "verb":
                return j
    return end


def stance_setting(doc: Doc, t: int) -> bool:
    """Token `t` opens where a stance was taken or a spaced hyphen opens the writer's aside,
    after a stance verb's object: "defended the plan in a recent interview", "praised him at
    a news conference", "endorsed Roe - the first time it has …"."""
    w = doc.lower[t]
    if w == "-":
        return True
    if w not in SETTING_LEADS or t + 1 >= len(doc.words):
        return False
    if doc.lower[t + 1] not in SETTING_DETERMINERS:
        return False
    for u in range(t + 2, min(len(doc.words), t + 2 + SETTING_REACH)):
        if doc.lower[u] in SETTINGS:
            return True
        if not doc.words[u][:1].isalpha():
            return False
    return False
