"""Layer 7: hedges and the stance of the reporting cue."""

from __future__ import annotations

from reader.analysis.lexicons import hedge_pattern
from reader.analysis.model import Span

DOUBTFUL_HEDGES = frozenset({"allegedly", "purportedly", "supposedly", "ostensibly"})


def signals(text: str, region: Span, stance: str) -> tuple[tuple[str, ...], tuple[Span, ...], str]:
    """Hedges found in `region` (the statement with its attribution) and the stance."""
    hedges: list[str] = []
    spans: list[Span] = []
    for m in hedge_pattern().finditer(text, region[0], region[1]):
        hedges.append(" ".join(m.group().lower().split()))
        spans.append((m.start(), m.end()))
    return tuple(hedges), tuple(spans), stance
