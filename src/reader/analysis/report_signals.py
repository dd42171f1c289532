"""How a statement is reported: the hedge phrases in and around it, and the stance of its
reporting verb. Both come from the engine's lexicons (hedges.txt, reporting_verbs.txt), which ship
with the package: a missing lexicon is an error, never a silent built-in copy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reader.analysis.evidence import Evidence, evidence_json, find_near
from reader.analysis.lexicons import hedge_pattern, reporting_verbs
from reader.analysis.model import Span, Statement
from reader.analysis.relations import cue_text
from reader.analysis.text_words import WORD_RE


@dataclass(frozen=True)
class Hedge:
    """One hedged statement and the hedge phrases in it, as written."""

    statement: str
    phrases: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "phrases": list(self.phrases),
            "evidence": evidence_json(self.evidence),
        }


@dataclass(frozen=True)
class Cue:
    """The reporting words of one statement and the stance they carry."""

    statement: str
    text: str
    span: Span | None
    stance: str  # neutral | doubtful | assertive

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "stance": self.stance,
        }


@cache
def _verb_stances() -> dict[str, str]:
    """Reporting-verb form → stance, from the engine's lexicon."""
    return {form: v.stance for form, v in reporting_verbs().items()}


def hedges(text: str, st: Statement) -> Hedge | None:
    """The hedge phrases of a statement: those the engine found (around the statement, e.g.
    "claimed that drones had allegedly attacked") and any inside its content."""
    found: dict[Span | str, Evidence] = {}
    anchors = (*st.content, *((st.cue,) if st.cue else ()))
    for i, phrase in enumerate(st.hedges):
        span = st.hedge_spans[i] if i < len(st.hedge_spans) else None
        if span is None:
            span = find_near(text, phrase, anchors)
        written = text[span[0] : span[1]] if span else phrase
        found[span or phrase] = Evidence(written, span, st.id)
    pattern = hedge_pattern()
    for a, b in st.content:
        for m in pattern.finditer(text, a, b):
            span = (m.start(), m.end())
            if span not in found:
                found[span] = Evidence(m.group(), span, st.id)
    if not found:
        return None
    ev = sorted(found.values(), key=lambda e: e.span or (1 << 60, 0))
    return Hedge(statement=st.id, phrases=tuple(e.text for e in ev), evidence=tuple(ev))


def cue_stance(text: str, st: Statement) -> Cue | None:
    """The statement's reporting words and their stance (the engine's, else the lexicon's)."""
    words = cue_text(text, st)
    if not words and st.cue is None:
        return None
    stance = st.stance if st.stance != "neutral" else None
    if stance is None:
        table = _verb_stances()
        for m in WORD_RE.finditer(words):
            found = table.get(m.group().lower())
            if found and found != "neutral":
                stance = found
                break
    return Cue(statement=st.id, text=words, span=st.cue, stance=stance or "neutral")
