"""Reported speech told inside reported speech: in "Roe said that a study found X" the
statement is Roe's, and "a study found X" is part of what Roe said. This module owns finding
those inner reports: a reported (not quoted) statement whose content and cue both lie inside
another statement's content. The pipeline keeps their speakers among the cited sources (the
study is still cited) but lists only the outer statement."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.attribution_base import Raw
from reader.analysis.lexicons import words

Bounds = tuple[int, int]
# where a trailing tag ("…, the lawyer said on Monday.") ends
TAG_END = re.compile(r"[,.!?;\n]")
REACH = 20000  # longest outer content looked back over (characters)
# "X said A before claiming that B “…”": a clause of its own, not a report inside A
OWN_CLAUSE = re.compile(
    r"\b(?:" + "|".join(sorted(words("own_clause_openers"))) + r")\b", re.IGNORECASE
)


def _bounds(r: Raw) -> Bounds:
    return r.content[0][0], r.content[-1][1]


def _region(r: Raw, text: str) -> Bounds:
    """Where a statement is told: its content, and its tag when the tag follows the content
    ("A, B said on Monday."), up to the next comma or sentence end: a report whose cue is
    inside A and whose content runs into the tag is told by B."""
    a, b = _bounds(r)
    if r.cue is not None and r.cue.span[0] >= b:
        m = TAG_END.search(text, max(r.cue.span[1], r.mention.span[1]))
        b = m.start() if m else len(text)
    return a, b


def _holds(outer: Bounds, inner: Bounds, cue_at: int) -> bool:
    """`outer` strictly contains `inner` and the inner report's cue: the inner report is told
    by the outer speaker, not a second statement beside it."""
    return (
        outer != inner
        and outer[0] <= inner[0]
        and inner[1] <= outer[1]
        and outer[0] <= cue_at < outer[1]
    )


def _own_clause(text: str, outer: Bounds, inner: Raw) -> bool:
    """A quoted claim ("mixed") after before/after/when/while/then inside the outer content
    is its speaker's own: the outer content ran on past the clause that reports it."""
    anchor = min(inner.cue.span[0], inner.mention.span[0]) if inner.cue else outer[0]
    return inner.kind == "mixed" and OWN_CLAUSE.search(text, outer[0], anchor) is not None


def nested_reports(raws: list[Raw], text: str) -> set[int]:
    """Indices of the reported statements told inside another statement's content. Direct
    quotations are never among them (a quotation is its speaker's own words), nor statements
    in several parts or that others continue, nor those whose speaker is named after the cue
    ("she was told by the mayor to …": the agent of a passive is the one who spoke)."""
    heads = {r.continues for r in raws if r.continues is not None}
    spans = [_bounds(r) for r in raws]
    regions = [_region(r, text) for r in raws]
    # candidates for an outer statement, by where their content starts
    order = sorted(range(len(raws)), key=lambda j: spans[j][0])
    starts = [spans[j][0] for j in order]
    out: set[int] = set()
    for i, r in enumerate(raws):
        if r.kind == "direct" or i in heads or r.cue is None or len(r.content) > 1:
            continue
        if r.mention.span[0] > r.cue.span[0]:
            continue
        cue_at = r.cue.span[0]
        k = bisect_right(starts, spans[i][0]) - 1
        while k >= 0 and starts[k] >= spans[i][0] - REACH:
            j = order[k]
            k -= 1
            if j == i or not _holds(regions[j], spans[i], cue_at):
                continue
            if not _own_clause(text, spans[j], r):
                out.add(i)
                break
    return out
