"""Statements by different sources of one article that are about the same thing: related,
corroborating, or contradicting.

"Contradicting" is kept for a pair where one statement denies what the other asserts: a negation
(or a denying cue) bears on an event the other statement names — the same word or the same
concept (lexicons/event_concepts.txt) — and the denied clause is about the same thing (it shares
a word with the other statement, or says nothing but where and when). Two statements that merely
share words while one holds a negation elsewhere are related at most.

Speed: every statement is read once (its words, events and negations); an inverted index from
content stems and event concepts to statements proposes the pairs to compare, and each statement
is compared with at most MAX_CANDIDATES others, so an article of 100,000 characters takes a
fraction of a second instead of growing with the square of its statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from reader.analysis.evidence import Evidence, evidence_json
from reader.analysis.lexicons import words as lexicon_words
from reader.analysis.model import Analysis, Span, Statement
from reader.analysis.negation import (
    FIRST_PERSON,
    MODAL_NEGATIONS,
    MODALS,
    Negation,
    negations,
    statement_clauses,
)
from reader.analysis.text_words import concepts, is_content, stem, verb_like, weights

RELATED_MIN = 0.15  # weighted overlap for two statements to count as related
CORROBORATING_MIN = 0.3  # weighted overlap to call a same-polarity pair corroborating
MIN_SHARED = 2  # distinct shared content stems (topic words not counted)
CORROBORATING_SHARED = 3  # distinct shared stems to call a same-polarity pair corroborating
MAX_POSTINGS = 80  # statements after one statement that one shared stem proposes
MAX_EVIDENCE = 4  # occurrences of one shared word shown as evidence, per statement
MAX_CANDIDATES = 30  # statements compared with one statement, those sharing most weight first
CONDITIONAL = frozenset({"if", "unless", "whether", "when", "once", "should"})
REFERENCE_RE = re.compile(
    r"^\W*(?:the same(?: thing)?|so|likewise|similarly|this|that|it|as much)\W*$", re.IGNORECASE
)

Word = tuple[str, str, Span]  # stem, surface (lower case), span


@dataclass(frozen=True)
class Relation:
    """A statement of this source and one by another source of the same article that share
    content words (or that refers back to it: "said the same")."""

    statement: str
    other_statement: str
    other_source: str
    relation: str  # related | corroborating | contradicting
    shared_words: tuple[str, ...] = ()
    overlap: float = 0.0
    basis: str = "shared_words"  # shared_words | reference
    negated: str | None = None  # contradicting: "this" or "other" — which side is negated
    evidence: tuple[Evidence, ...] = ()  # shared words in both statements, negation words

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "other_statement": self.other_statement,
            "other_source": self.other_source,
            "relation": self.relation,
            "shared_words": list(self.shared_words),
            "overlap": self.overlap,
            "basis": self.basis,
            "negated": self.negated,
            "evidence": evidence_json(self.evidence),
        }


@dataclass(frozen=True)
class _Profile:
    """One statement read once: its content words, the events it names, its negations."""

    st: Statement
    words: list[Word]
    stems: frozenset[str]
    concepts: frozenset[str]
    events: frozenset[str]  # stems and concepts it names as events, not negated
    asserted: frozenset[str]  # those of them written as verbs ("attacked", "did move")
    negs: list[Negation]
    negated: frozenset[str]  # every stem or concept one of its negations denies
    mass: float  # the weight of its stems
    by_key: dict[str, list[Word]]  # stem or concept → its words (the first MAX_EVIDENCE)
    evidence: dict[Span, Evidence]  # each word as evidence, made once
    first_person: bool  # the speaker speaks of themself ("I", "we"): another person than
    # the "I" of another source


@cache
def _setting() -> frozenset[str]:
    return frozenset(stem(w) for w in lexicon_words("relation_setting_words"))


def cue_text(text: str, st: Statement) -> str:
    """The reporting words of a statement as written."""
    if st.cue_text:
        return st.cue_text
    return text[st.cue[0] : st.cue[1]] if st.cue else ""


def _profile(text: str, st: Statement, skip: set[str], weights_: dict[str, float]) -> _Profile:
    concept_of = concepts()
    ws: list[Word] = []
    events: set[str] = set()
    asserted: set[str] = set()
    parts = statement_clauses(text, st)
    first_person = False
    for clause in parts:
        # "if there had been an attack", "which can deploy": named, not asserted
        hypothetical = clause[0][0] in CONDITIONAL
        prev = ""
        for low, sp in clause:
            if low in MODALS or low in MODAL_NEGATIONS:
                hypothetical = True
            first_person = first_person or low in FIRST_PERSON
            if is_content(low):
                s = stem(low)
                verbal = verb_like(low, prev)
                if not hypothetical and s not in _setting() and (verbal or s in concept_of):
                    events |= {s, concept_of.get(s, s)}
                    if verbal:
                        asserted |= {s, concept_of.get(s, s)}
                if s not in skip:
                    ws.append((s, low, sp))
            prev = low
    negs = negations(text, st, cue_text(text, st), parts)
    negated: set[str] = set()
    for n in negs:
        negated |= {k for s in n.denied for k in (s, concept_of.get(s)) if k}
    stems = frozenset(w[0] for w in ws)
    by_key: dict[str, list[Word]] = {}
    for w in ws:
        for k in {w[0], concept_of.get(w[0], w[0])}:
            held = by_key.setdefault(k, [])
            if len(held) < MAX_EVIDENCE:
                held.append(w)
    return _Profile(
        st=st,
        words=ws,
        stems=stems,
        concepts=frozenset(concept_of[s] for s in stems if s in concept_of),
        events=frozenset(events - negated),
        asserted=frozenset(asserted - negated),
        negs=negs,
        negated=frozenset(negated),
        mass=sum(weights_.get(s, 1.0) for s in stems),
        by_key=by_key,
        evidence={sp: Evidence(text[sp[0] : sp[1]], sp, st.id) for _, _, sp in ws},
        first_person=first_person,
    )


def _denial(
    neg_side: _Profile, plain: _Profile, skip: set[str]
) -> tuple[Negation, set[str]] | None:
    """The negation of `neg_side` that denies an event `plain` asserts, about the same thing:
    its clause shares a word with `plain`, or names nothing but where and when it happened (then
    the denial must be existential, with no pronoun standing for something unnamed, `plain` must
    state the event with a verb, and the event be one of the listed concepts: "no activity on the
    border" against "drones attacked the town", not "they were not transferred")."""
    concept_of = concepts()
    for neg in neg_side.negs:
        if neg.first_person and plain.first_person:
            continue  # "I did not post" against another source's "I posted": two people
        hit = {s for s in neg.denied if s in plain.events or concept_of.get(s) in plain.events}
        if not hit:
            continue
        named = hit | {s for s in neg.clause if concept_of.get(s) in plain.events}
        args = neg.clause - named - skip
        if args & plain.stems - _setting():
            return neg, hit
        if (
            neg.kind in ("determiner", "subject")
            and not neg.pronoun
            and not (args - _setting())
            and any(concept_of.get(s) in plain.asserted for s in hit)
        ):
            return neg, hit
    return None


def _relate(
    text: str, a: _Profile, b: _Profile, weights_: dict[str, float], skip: set[str]
) -> Relation | None:
    shared = set(a.stems & b.stems)
    found = _denial(a, b, skip)
    negated = "this" if found else None
    if found is None and (found := _denial(b, a, skip)):
        negated = "other"
    if found is None and len(shared) < MIN_SHARED:
        return None
    concept_of = concepts()
    if found:
        shared |= {concept_of.get(s, s) for s in found[1]}

    mass = sum(weights_.get(s, 1.0) for s in shared)
    overlap = round(mass / max(1e-9, min(a.mass, b.mass)), 2)
    if found:
        relation = "contradicting"
    elif overlap < RELATED_MIN:
        return None
    elif (
        overlap >= CORROBORATING_MIN
        and len(shared) >= CORROBORATING_SHARED
        and not (shared & (a.negated | b.negated))
    ):
        relation = "corroborating"
    else:
        relation = "related"

    mine, theirs = _words_for(a, shared), _words_for(b, shared)
    surface: dict[str, str] = {}
    for s, low, _ in mine:
        surface.setdefault(s, low)
    ev = [a.evidence[w[2]] for w in mine] + [b.evidence[w[2]] for w in theirs]
    if found:
        owner = a.st.id if negated == "this" else b.st.id
        ev.append(Evidence(found[0].text, found[0].span, owner))
    return Relation(
        statement=a.st.id,
        other_statement=b.st.id,
        other_source=b.st.source,
        relation=relation,
        shared_words=tuple(surface.values()),
        overlap=overlap,
        negated=negated,
        evidence=tuple(ev),
    )


def _words_for(p: _Profile, keys: set[str]) -> list[Word]:
    """The words of a statement whose stem or concept is one of `keys`, in text order."""
    found = {w[2]: w for k in keys for w in p.by_key.get(k, ())}
    return [found[sp] for sp in sorted(found)]


def _candidates(profiles: list[_Profile], weights_: dict[str, float]) -> list[list[int]]:
    """For each statement, the later statements of other sources worth comparing with it:
    those sharing a content stem or an event concept, most shared weight first, at most
    MAX_CANDIDATES; a stem proposes only the next MAX_POSTINGS statements that hold it."""
    index: dict[str, list[int]] = {}
    for i, p in enumerate(profiles):
        for k in p.stems | p.concepts:
            index.setdefault(k, []).append(i)
    out = []
    for i, p in enumerate(profiles):
        score: dict[int, float] = {}
        for k in p.stems | p.concepts:
            posting = index[k]
            at = bisect_right(posting, i)
            w = weights_.get(k, 0.5)
            for j in posting[at : at + MAX_POSTINGS]:
                if profiles[j].st.source != p.st.source:
                    score[j] = score.get(j, 0.0) + w
        best = sorted(score, key=lambda j: (-score[j], j))[:MAX_CANDIDATES]
        out.append(sorted(best))
    return out


def relations(analysis: Analysis) -> list[Relation]:
    """Pairs of statements by different sources that are about the same thing (both directions)."""
    text = analysis.text
    weights_ = weights(text)
    skip = {s for s, w in weights_.items() if w == 0.0}  # the article's topic words
    for st in analysis.statements:
        for h in st.hedges:
            skip |= {stem(w) for w in h.split()}
    sts = [st for st in analysis.statements if st.source]
    profiles = [_profile(text, st, skip, weights_) for st in sts]
    out: list[Relation] = []
    for i, later in enumerate(_candidates(profiles, weights_)):
        for j in later:
            rel = _relate(text, profiles[i], profiles[j], weights_, skip)
            if rel:
                out += [rel, _mirror(rel, sts[i], sts[j])]
    out += _references(text, sts, profiles, out)
    return out


def _references(
    text: str, sts: list[Statement], profiles: list[_Profile], found: list[Relation]
) -> list[Relation]:
    """ "X said the same" / "Y denied it": a statement that only refers back to the one before."""
    out: list[Relation] = []
    pairs = {(r.statement, r.other_statement) for r in found}
    for j, st in enumerate(sts):
        body = " ".join(text[a:b] for a, b in st.content)
        if profiles[j].words or not REFERENCE_RE.match(body):
            continue
        prev = next((p for p in reversed(sts[:j]) if p.source != st.source), None)
        if prev is None or (st.id, prev.id) in pairs:
            continue
        negs = [Evidence(n.text, n.span, st.id) for n in profiles[j].negs]
        rel = Relation(
            statement=st.id,
            other_statement=prev.id,
            other_source=prev.source,
            relation="contradicting" if negs else "corroborating",
            basis="reference",
            negated="this" if negs else None,
            evidence=(Evidence(body, st.content[0], st.id), *negs),
        )
        out += [rel, _mirror(rel, st, prev)]
    return out


def _mirror(rel: Relation, a: Statement, b: Statement) -> Relation:
    """The same pair seen from the other source."""
    flip = {"this": "other", "other": "this"}
    return Relation(
        statement=b.id,
        other_statement=a.id,
        other_source=a.source,
        relation=rel.relation,
        shared_words=rel.shared_words,
        overlap=rel.overlap,
        basis=rel.basis,
        negated=flip.get(rel.negated or ""),
        evidence=rel.evidence,
    )
