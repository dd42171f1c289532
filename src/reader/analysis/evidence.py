"""The words in an article that produced a credibility signal, and finding a phrase near a place."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.analysis.model import Span


@dataclass(frozen=True)
class Evidence:
    """Words in the article that produced a signal: as written, with their span if known."""

    text: str
    span: Span | None = None
    statement: str | None = None  # the statement these words belong to, if any

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "span": list(self.span) if self.span else None}
        if self.statement:
            out["statement"] = self.statement
        return out


def evidence_json(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [e.to_json() for e in items]


def find_near(text: str, phrase: str, anchors: tuple[Span, ...]) -> Span | None:
    """The occurrence of `phrase` in `text` nearest to one of the anchors (case-insensitive;
    the first one on a tie, the first in the text without anchors)."""
    if not phrase.strip():
        return None
    spots = [(m.start(), m.end()) for m in _pattern(phrase).finditer(text)]
    if not spots or not anchors:
        return spots[0] if spots else None
    starts = [s[0] for s in spots]
    best: tuple[int, int] | None = None  # (distance, index)
    for a, _ in anchors:
        i = bisect_left(starts, a)
        for j in (i - 1, i):
            if 0 <= j < len(spots):
                cand = (abs(starts[j] - a), j)
                best = cand if best is None or cand < best else best
    assert best is not None
    return spots[best[1]]


@lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
