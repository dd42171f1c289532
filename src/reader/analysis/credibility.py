"""Credibility signals of each source in one analysis, each carrying the words that produced it.

No score: every signal is a fact the reader can check in the text (named or anonymous,
affiliation stated, verbatim share, hedges, reporting verbs, statements by other sources
about the same thing, corroborating or contradicting). `source_signals` is a pure function of
an `Analysis`; nothing here keys on any name or phrase of a particular article. The signals live
in modules by job: `report_signals` (hedges, reporting verbs), `relations` (statements of other
sources), `evidence`; this module gathers them per source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.analysis.evidence import Evidence, evidence_json, find_near
from reader.analysis.model import Analysis, Source, Statement
from reader.analysis.negation import DENIAL_STEMS, NEGATION_RE
from reader.analysis.relations import Relation, relations
from reader.analysis.report_signals import Cue, Hedge, cue_stance, hedges
from reader.analysis.text_words import stem

__all__ = [
    "DENIAL_STEMS",
    "NEGATION_RE",
    "Affiliation",
    "Cue",
    "Evidence",
    "Hedge",
    "Identity",
    "Relation",
    "SourceSignals",
    "StatementCounts",
    "relations",
    "source_signals",
    "stem",
]


@dataclass(frozen=True)
class Identity:
    """Named or anonymous, with the mentions that show it."""

    named: bool
    kind: str
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"named": self.named, "kind": self.kind, "evidence": evidence_json(self.evidence)}


@dataclass(frozen=True)
class Affiliation:
    """Whether the article says who the source is (role, organisation) and in which words."""

    stated: bool
    role: str | None = None
    affiliation: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "stated": self.stated,
            "role": self.role,
            "affiliation": self.affiliation,
            "evidence": evidence_json(self.evidence),
        }


@dataclass(frozen=True)
class StatementCounts:
    """How the source is reported: verbatim quotations, paraphrase, or both."""

    total: int = 0
    direct: int = 0
    indirect: int = 0
    mixed: int = 0
    direct_ids: tuple[str, ...] = ()
    indirect_ids: tuple[str, ...] = ()
    mixed_ids: tuple[str, ...] = ()

    @property
    def verbatim_share(self) -> float | None:
        """Share of statements quoted verbatim (`direct`); None when there are none."""
        return round(self.direct / self.total, 2) if self.total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "direct": self.direct,
            "indirect": self.indirect,
            "mixed": self.mixed,
            "verbatim_share": self.verbatim_share,
            "by_kind": {
                "direct": list(self.direct_ids),
                "indirect": list(self.indirect_ids),
                "mixed": list(self.mixed_ids),
            },
        }


@dataclass(frozen=True)
class SourceSignals:
    """Everything a reader can check about one source in one article."""

    source: str
    identity: Identity
    affiliation: Affiliation
    statements: StatementCounts
    hedged: tuple[Hedge, ...] = ()
    cues: tuple[Cue, ...] = ()
    related: tuple[Relation, ...] = ()

    @property
    def named(self) -> bool:
        return self.identity.named

    def stance_count(self, stance: str) -> int:
        return sum(1 for c in self.cues if c.stance == stance)

    def to_json(self) -> dict[str, Any]:
        return {
            "named": self.identity.named,
            "identity": self.identity.to_json(),
            "affiliation": self.affiliation.to_json(),
            "statements": self.statements.to_json(),
            "hedged": [h.to_json() for h in self.hedged],
            "reporting_verbs": {
                "doubtful": self.stance_count("doubtful"),
                "neutral": self.stance_count("neutral"),
                "assertive": self.stance_count("assertive"),
                "cues": [c.to_json() for c in self.cues],
            },
            "related": [r.to_json() for r in self.related],
        }


def identity(analysis: Analysis, src: Source) -> Identity:
    named = src.kind != "anonymous" and any(ch.isupper() for ch in src.name)
    seen: dict[str, Evidence] = {}
    for a, b in src.mentions:
        words = analysis.text[a:b]
        key = words.lower()
        if key not in seen and words.strip():
            seen[key] = Evidence(words, (a, b))
    if not seen:
        seen[src.name.lower()] = Evidence(src.name, None)
    return Identity(named=named, kind=src.kind, evidence=tuple(seen.values()))


def affiliation(analysis: Analysis, src: Source) -> Affiliation:
    # An unnamed group's phrase doubles as its role ("defense attorneys"), which tells the
    # reader nothing the name didn't: only a role that says more counts as stated.
    role = src.role if src.role and _words(src.role) != _words(src.name) else None
    ev = []
    for phrase in (role, src.affiliation):
        if phrase:
            ev.append(Evidence(phrase, find_near(analysis.text, phrase, src.mentions)))
    return Affiliation(
        stated=bool(src.affiliation or role),
        role=src.role,
        affiliation=src.affiliation,
        evidence=tuple(ev),
    )


def _words(phrase: str) -> list[str]:
    return phrase.casefold().split()


def statement_counts(statements: list[Statement]) -> StatementCounts:
    ids: dict[str, list[str]] = {"direct": [], "indirect": [], "mixed": []}
    for st in statements:
        ids.setdefault(st.kind, []).append(st.id)
    return StatementCounts(
        total=len(statements),
        direct=len(ids["direct"]),
        indirect=len(ids["indirect"]),
        mixed=len(ids["mixed"]),
        direct_ids=tuple(ids["direct"]),
        indirect_ids=tuple(ids["indirect"]),
        mixed_ids=tuple(ids["mixed"]),
    )


def source_signals(analysis: Analysis) -> dict[str, SourceSignals]:
    """The signals of every source of `analysis`, keyed by source id."""
    by_statement: dict[str, list[Relation]] = {}
    for r in relations(analysis):
        by_statement.setdefault(r.statement, []).append(r)
    out: dict[str, SourceSignals] = {}
    for src in analysis.sources:
        sts = analysis.statements_of(src.id)
        out[src.id] = SourceSignals(
            source=src.id,
            identity=identity(analysis, src),
            affiliation=affiliation(analysis, src),
            statements=statement_counts(sts),
            hedged=tuple(h for st in sts if (h := hedges(analysis.text, st))),
            cues=tuple(c for st in sts if (c := cue_stance(analysis.text, st))),
            related=tuple(r for st in sts for r in by_statement.get(st.id, ())),
        )
    return out
