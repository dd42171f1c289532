"""What each negation in a statement denies: the words it bears on and the clause around it.

A negation denies one thing, not every word of its sentence: "did not move" denies the move, "no
activity" the activity, "nobody saw drones attack" what was seen, "failed to conduct" the
conducting, and a denying cue ("denied that drones attacked …") the statement's main verb. Some
negations deny nothing that can be compared: "can't achieve this through an attack" and "may not
have paid" speak of ability or possibility, and a question ("why didn't he pay?") asserts
nothing. `negations` returns each with its clause, so that a relation can check the denial is
about the same thing as the other statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reader.analysis.lexicons import words
from reader.analysis.model import Span, Statement
from reader.analysis.text_words import (
    NEGATION_RE,
    WORD_RE,
    concepts,
    is_content,
    sentences,
    stem,
    verb_like,
)

__all__ = [
    "DENIAL_STEMS",
    "FIRST_PERSON",
    "MODALS",
    "MODAL_NEGATIONS",
    "NEGATION_RE",
    "Negation",
    "clauses",
    "negations",
    "statement_clauses",
]

DENIAL_STEMS = frozenset({"deni", "deny", "refut", "reject", "dismiss", "disput", "rebut"})
VERBAL = frozenset({"not", "never", "cannot", "neither", "nor"})  # and every "n't"
SUBJECT = frozenset({"nobody", "nothing", "none"})  # and "no one": the rest of the clause
CLAUSE_BREAK = frozenset(
    {"but", "although", "though", "however", "yet", "while", "whereas", "because", "if",
     "unless", "since", "when", "so"}
)  # fmt: skip
SUBJECT_REACH = 8  # words of the clause a subject negation ("nobody …") covers
PRONOUNS = frozenset(
    {"it", "its", "they", "them", "their", "this", "that", "these", "those", "he", "she", "him",
     "her", "his"}
)  # fmt: skip
BE_HAVE = frozenset({"was", "were", "is", "are", "been", "be", "has", "have", "had"})
MODALS = frozenset({"may", "might", "can", "could", "would", "should", "must", "will", "shall"})
MODAL_NEGATIONS = frozenset(
    {"cannot", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "mightn't", "mustn't",
     "shan't"}
)  # fmt: skip
FAIL_VERBS = frozenset({"fail", "fails", "failed", "failing", "refuse", "refuses", "refused"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
SKIP_BEFORE_VERB = frozenset(
    {"be", "been", "being", "was", "were", "is", "are", "have", "has", "had", "do", "does", "did",
     "to", "ever", "even", "yet", "always", "really", "actually", "a", "an", "the", "any", "some",
     "all", "so", "too", "very", "one", "single", "more", "further", "again", "once"}
)  # fmt: skip
NOUN_STARTS = frozenset({"a", "an", "the", "any", "some", "one", "single"})
MAX_SKIP = 3  # function words or adverbs between a negation and what it denies
PASS_WORDS = frozenset({"of", "any", "a", "an", "the"})  # "no sign of an attack"


@dataclass(frozen=True)
class Negation:
    """One negation: its words as written, the stems it denies, the stems of its clause."""

    text: str
    span: Span | None
    denied: frozenset[str]
    clause: frozenset[str]
    kind: str = "verbal"  # verbal | determiner | subject | cue
    pronoun: bool = False  # its clause names something by a pronoun ("they were not …")
    first_person: bool = False  # its clause speaks of the speaker ("I did not post …")


@cache
def _transparent() -> frozenset[str]:
    return frozenset(stem(w) for w in words("negation_transparent"))


Token = tuple[str, Span]  # lower case, span
TOKEN_RE = re.compile(r"(?P<w>[^\W_]+(?:[’'-][^\W_]+)*)|[,;:()\[\]—–]")


def clauses(text: str, sentence: Span) -> list[list[Token]]:
    """The sentence's tokens (lower case, span), cut into clauses at punctuation and at
    conjunctions that start another clause ("but", "because", "if" …)."""
    out: list[list[Token]] = [[]]
    for m in TOKEN_RE.finditer(text, sentence[0], sentence[1]):
        if m.lastgroup != "w":
            if out[-1]:
                out.append([])
            continue
        low = m.group().lower().replace("’", "'")
        if out[-1] and low in CLAUSE_BREAK:
            out.append([])
        out[-1].append((low, (m.start(), m.end())))
    return [c for c in out if c]


def _kind(tokens: list[Token], i: int) -> str | None:
    low = tokens[i][0]
    if (i and tokens[i - 1][0] in MODALS) or low in MODAL_NEGATIONS:
        return None  # "may not", "can't", "won't": a possibility or intention, not a denial
    if low in FAIL_VERBS:
        return "verbal" if i + 1 < len(tokens) and tokens[i + 1][0] == "to" else None
    if low == "no":
        return "subject" if i + 1 < len(tokens) and tokens[i + 1][0] == "one" else "determiner"
    if low == "without":
        return "determiner"
    if low in SUBJECT:
        return "subject"
    if low in VERBAL or low.endswith("n't"):
        return "verbal"
    return None


def _denied(tokens: list[Token], i: int, kind: str) -> set[str]:
    """The stems a negation at tokens[i] bears on: the verb after "not" or "nobody" (through a
    verb of seeing or reporting to what was seen: "nobody saw drones attack the plant"), the
    noun phrase after "no" (and its verb: "no shots were fired")."""
    rest = tokens[i + 1 :]
    if kind == "subject" and tokens[i][0] == "no":
        rest = rest[1:]  # "no one"
    if kind == "verbal" and rest and rest[0][0] == "only":
        return set()  # "not only X but Y" asserts X
    out: set[str] = set()
    skipped = 0
    for n, (w, _) in enumerate(rest):
        if not is_content(w) or (kind != "determiner" and w.endswith("ly") and not out):
            # a determiner after "no", an auxiliary or adverb before the verb; once the
            # noun phrase has begun, a function word ends it (unless after "sign of" …)
            skipped += 1
            if kind != "determiner" and not out and not (w in SKIP_BEFORE_VERB or w.endswith("ly")):
                break  # "had not made their checks": a verb too common to compare denies nothing
            if skipped > MAX_SKIP or (out and not (out & _transparent() and w in PASS_WORDS)):
                if kind == "determiner" and out and w in BE_HAVE:
                    out |= _predicate(rest[n:])  # "no protesters were detained"
                break
            continue
        s = stem(w)
        if kind != "determiner" and s in _transparent():
            # "did not see any attack", "nobody reported strikes on the town"
            return {s} | {stem(x) for x, _ in rest[n + 1 : n + 1 + SUBJECT_REACH] if is_content(x)}
        if kind == "verbal" and any(x in NOUN_STARTS for x, _ in rest[:n]):
            # "not the army but …", "and not the working class": a noun phrase set against
            # another, which denies an event only when it names one ("not a single attack")
            return {s} if s in concepts() else set()
        out.add(s)
        if kind != "determiner":
            break  # the verb it negates: "did not move", "can't achieve", "nobody attacked"
    return out


def _predicate(tokens: list[Token]) -> set[str]:
    """The verb after auxiliaries ("were detained", "has been paid"), if one follows."""
    for w, _ in tokens[:3]:
        if w in BE_HAVE:
            continue
        return {stem(w)} if is_content(w) else set()
    return set()


def statement_clauses(text: str, st: Statement) -> list[list[Token]]:
    """The clauses of a statement's content, sentence by sentence; a question asserts and
    denies nothing ("why didn't he pay?"), so its clauses are left out."""
    out = []
    for a, b in sentences(text, st.content):
        if not text[a:b].rstrip().endswith("?"):
            out += clauses(text, (a, b))
    return out


def negations(
    text: str, st: Statement, cue_text: str, parts: list[list[Token]] | None = None
) -> list[Negation]:
    """Every negation of `st` with what it denies, and a denial in its reporting cue ("denied
    that …"), which denies the whole statement. `parts`: its clauses, when already cut."""
    found = []
    every: set[str] = set()
    if parts is None:
        parts = statement_clauses(text, st)
    for clause in parts:
        stems = frozenset(stem(w) for w, _ in clause if is_content(w))
        every |= stems
        for i in range(len(clause)):
            kind = _kind(clause, i)
            if kind is None:
                continue
            denied = _denied(clause, i, kind)
            if not denied:
                continue
            span = clause[i][1]
            if kind == "subject" and clause[i][0] == "no":
                span = (span[0], clause[i + 1][1][1])
            elif clause[i][0].endswith("n't"):
                span = (span[1] - 3, span[1])  # "didn't" → "n't", as NEGATION_RE finds it
            words = {w for w, _ in clause}
            found.append(
                Negation(
                    text[span[0] : span[1]],
                    span,
                    frozenset(denied),
                    stems,
                    kind,
                    bool(words & PRONOUNS),
                    bool(words & FIRST_PERSON),
                )
            )
    if any(stem(w.group()) in DENIAL_STEMS for w in WORD_RE.finditer(cue_text)):
        # "denied that drones had attacked the plant": the statement's first verb is denied
        main = _main_verb(parts)
        found.append(Negation(cue_text, st.cue, main, frozenset(every), "cue"))
    return found


def _main_verb(parts: list[list[Token]]) -> frozenset[str]:
    """The first word of the clauses that reads as a verb or names an event, if any."""
    for clause in parts:
        prev = ""
        for w, _ in clause:
            if is_content(w) and (verb_like(w, prev) or stem(w) in concepts()):
                return frozenset({stem(w)})
            prev = w
    return frozenset()
