"""Frozen dataclasses that hold an analysis: character offsets into the analysed text, nothing
else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

Span = tuple[int, int]  # [start, end) Python str indices into the analysed text


@dataclass(frozen=True)
class Segment:
    """A block of the document: a paragraph, a heading, page furniture or a pull quote."""

    span: Span
    kind: str  # "paragraph" | "heading" | "boilerplate" | "pull_quote" | "title"


@dataclass(frozen=True)
class Source:
    """One cited source: a person, organisation, media outlet, anonymous group or document."""

    id: str
    name: str
    kind: str  # person | organization | media | anonymous | document | other
    role: str | None = None
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Statement:
    """What a source is reported to have said, with the words that report it."""

    id: str
    source: str  # Source.id
    kind: str  # direct | indirect | mixed
    content: tuple[Span, ...]  # one span, or the parts of an interrupted quotation
    cue: Span | None = None
    source_mention: Span | None = None
    hedges: tuple[str, ...] = ()
    hedge_spans: tuple[Span, ...] = ()
    stance: str = "neutral"  # neutral | doubtful | assertive
    cue_text: str = ""
    continues: str | None = None  # id of the statement this one continues (an interrupted quote)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


@dataclass(frozen=True)
class Analysis:
    """The whole reading of one text."""

    text: str
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()
    segments: tuple[Segment, ...] = ()
    title: str = ""

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def statements_of(self, source_id: str) -> list[Statement]:
        return [st for st in self.statements if st.source == source_id]


class Named(Protocol):
    """An entity as the steps that join mentions to sources see it (merges, generic heads,
    person descriptions): its name, kind, role, affiliation and the spans it covers."""

    name: str
    kind: str
    role: str | None
    affiliation: str | None
    spans: set[Span]
