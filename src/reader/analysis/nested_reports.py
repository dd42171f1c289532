"""Reported speech told inside reported speech: in "Roe said that a study found X" the
statement is Roe's, and "a study found X" is part of what Roe said. This module owns finding
those inner reports: a reported (not quoted) statement whose content and cue both lie inside
another statement's content. The pipeline keeps their speakers among the cited sources (the
study is still cited) but lists only the outer statement."""

from __future__ import annotations

from reader.analysis.attribution_base import Raw

Bounds = tuple[int, int]


def _bounds(r: Raw) -> Bounds:
    return r.content[0][0], r.content[-1][1]


def _holds(outer: Bounds, inner: Bounds, cue_at: int) -> bool:
    """`outer` strictly contains `inner` and the inner report's cue: the inner report is told
    by the outer speaker, not a second statement beside it."""
    return (
        outer != inner
        and outer[0] <= inner[0]
        and inner[1] <= outer[1]
        and outer[0] <= cue_at < outer[1]
    )


def nested_reports(raws: list[Raw]) -> set[int]:
    """Indices of the reported statements told inside another statement's content. Direct
    quotations are never among them (a quotation is its speaker's own words), nor statements
    in several parts or that others continue, nor those whose speaker is named after the cue
    ("she was told by the mayor to …": the agent of a passive is the one who spoke)."""
    heads = {r.continues for r in raws if r.continues is not None}
    spans = [_bounds(r) for r in raws]
    out: set[int] = set()
    for i, r in enumerate(raws):
        if r.kind == "direct" or i in heads or r.cue is None or len(r.content) > 1:
            continue
        if r.mention.span[0] > r.cue.span[0]:
            continue
        if any(j != i and _holds(spans[j], spans[i], r.cue.span[0]) for j in range(len(raws))):
            out.add(i)
    return out
