"""The words in an article that produced a credibility signal, and finding a phrase near a place."""

from __future__ import annotations

import re
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


NEAR = 2000  # characters either side of an anchor searched before the whole text


def find_near(text: str, phrase: str, anchors: tuple[Span, ...]) -> Span | None:
    """The occurrence of `phrase` in `text` nearest to one of the anchors (case-insensitive);
    the text around the anchors is searched first, the whole text only when that finds none."""
    if not phrase.strip():
        return None
    pat = _pattern(phrase)
    spots = set()
    for a, _ in anchors:
        lo = max(0, a - NEAR)
        spots |= {(m.start(), m.end()) for m in pat.finditer(text, lo, a + NEAR + len(phrase))}
    if not spots:
        spots = {(m.start(), m.end()) for m in pat.finditer(text)}
    if not spots:
        return None
    if not anchors:
        return min(spots)
    return min(sorted(spots), key=lambda s: min(abs(s[0] - a[0]) for a in anchors))


@lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
