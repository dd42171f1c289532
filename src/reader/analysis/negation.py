"""What each negation in a statement denies: the words it bears on and the clause around it.

A negation denies one thing, not every word of its sentence: "did not move" denies the move, "can't
achieve this through an attack" denies the achieving (not the attack), "no activity" denies the
activity, "nobody saw drones attack" the whole predicate, and a denial in the reporting cue
("denied that …") the whole statement. `negations` returns them with their clause, so that a
relation can check the denial is about the same thing as the other statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reader.analysis.lexicons import words
from reader.analysis.model import Span, Statement
from reader.analysis.text_words import NEGATION_RE, WORD_RE, is_content, sentences, stem

__all__ = ["DENIAL_STEMS", "NEGATION_RE", "Negation", "clauses", "negations"]

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


def _kind(tokens: list[tuple[str, Span]], i: int) -> str | None:
    low = tokens[i][0]
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
            if skipped > MAX_SKIP or (out and not (out & _transparent() and w in PASS_WORDS)):
                if kind == "determiner" and out and w in BE_HAVE:
                    out |= _predicate(rest[n:])  # "no protesters were detained"
                break
            continue
        s = stem(w)
        if kind != "determiner" and s in _transparent():
            # "did not see any attack", "nobody reported strikes on the town"
            return {s} | {stem(x) for x, _ in rest[n + 1 : n + 1 + SUBJECT_REACH] if is_content(x)}
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
    """The clauses of a statement's content, sentence by sentence."""
    return [c for sentence in sentences(text, st.content) for c in clauses(text, sentence)]


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
            pronoun = any(w in PRONOUNS for w, _ in clause)
            found.append(
                Negation(text[span[0] : span[1]], span, frozenset(denied), stems, kind, pronoun)
            )
    if any(stem(w.group()) in DENIAL_STEMS for w in WORD_RE.finditer(cue_text)):
        cue_span = st.cue
        found.append(Negation(cue_text, cue_span, frozenset(every), frozenset(every), "cue"))
    return found
