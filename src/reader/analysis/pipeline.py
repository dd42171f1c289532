"""The attribution engine: segment → quotations → cues → mentions/attribution → coreference →
signals, all offsets into the original text."""

from __future__ import annotations

from dataclasses import replace

from reader.analysis.attribution import attribute
from reader.analysis.coref import resolve
from reader.analysis.cues import find_cues
from reader.analysis.doc import build
from reader.analysis.model import Analysis, Source, Statement
from reader.analysis.nested_reports import nested_reports
from reader.analysis.quotes import find_quotations
from reader.analysis.segment import segment
from reader.analysis.signals import signals


def run(text: str, title: str = "") -> Analysis:
    segments = segment(text)
    doc = build(text, segments)
    quotes = find_quotations(text, doc.body)
    cues = find_cues(doc)
    raws = attribute(doc, quotes, cues)
    entities, assigned = resolve(doc, raws)
    used = sorted(set(assigned), key=lambda i: min(entities[i].spans or {(0, 0)}))
    sid = {ent: f"s{n + 1}" for n, ent in enumerate(used)}
    sources = tuple(
        Source(
            id=sid[i],
            name=entities[i].name,
            kind=entities[i].kind,
            role=entities[i].role,
            affiliation=entities[i].affiliation,
            mentions=tuple(sorted(entities[i].spans)),
        )
        for i in used
    )
    statements = []
    # a report told inside another's content is part of that statement; its speaker stays cited
    inner = nested_reports(raws, text)
    for n, (raw, ent) in enumerate(zip(raws, assigned, strict=True)):
        if n in inner:
            continue
        cue = raw.cue
        # Hedges count from the content and its cue, not from the speaker's mention: in "X
        # accused A of allegedly B, announced C", the hedge belongs to the first statement only.
        spans = list(raw.content)
        if cue:
            spans.append(cue.span)
        region = (min(s for s, _ in spans), max(e for _, e in spans))
        hedges, hedge_spans, stance = signals(text, region, cue.stance if cue else "neutral")
        statements.append(
            Statement(
                id=f"st{n + 1}",
                source=sid[ent],
                kind=raw.kind,
                content=raw.content,
                cue=cue.span if cue else None,
                source_mention=raw.mention.written or raw.mention.span,
                hedges=hedges,
                hedge_spans=hedge_spans,
                stance=stance,
                cue_text=text[cue.span[0] : cue.span[1]] if cue else "",
                continues=f"st{raw.continues + 1}" if raw.continues is not None else None,
            )
        )
    return Analysis(
        text=text,
        sources=sources,
        statements=join_interrupted(statements),
        segments=segments,
        title=title,
    )


def join_interrupted(statements: list[Statement]) -> tuple[Statement, ...]:
    """“A,” he said. “B.” is one statement with two content parts: each part that continues an
    earlier one is folded into it (hedges joined), and ids are renumbered in text order."""
    head_of: dict[str, str] = {}
    merged: dict[str, Statement] = {}
    for st in statements:
        head = head_of.get(st.continues) if st.continues else None
        if head is not None and merged[head].source == st.source:
            first = merged[head]
            merged[head] = replace(
                first,
                content=(*first.content, *st.content),
                hedges=tuple(dict.fromkeys((*first.hedges, *st.hedges))),
                hedge_spans=tuple(dict.fromkeys((*first.hedge_spans, *st.hedge_spans))),
                kind="direct" if first.kind == st.kind == "direct" else "mixed",
            )
            head_of[st.id] = head
        else:
            merged[st.id] = replace(st, continues=None)
            head_of[st.id] = st.id
    ordered = sorted(merged.values(), key=lambda st: st.content[0])
    return tuple(replace(st, id=f"st{n + 1}") for n, st in enumerate(ordered))
