"""Roles and affiliations: "an analyst at the consulting company X" → (analyst, X); the job
titles that mark a phrase as a role ("Deputy Chief", "Sen.")."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.names import (
    LEADING_DETS,
    NAME_JOINERS,
    PREPOSITIONS,
    run_start,
    text_of,
)


def title_at(low: list[str], j: int) -> int:
    """Length (1 or 2) of a job title starting at token j, or 0."""
    titles = words("titles")
    if j + 1 < len(low) and f"{low[j]} {low[j + 1]}" in titles:
        return 2
    if low[j] in titles or (j + 1 < len(low) and low[j + 1] == "." and low[j] + "." in titles):
        return 1
    return 0


def split_role(doc: Doc, a: int, b: int) -> tuple[str | None, str | None]:
    """An apposition such as "an analyst at the consulting company Defense Express" → (role,
    affiliation): the words before the first preposition, and what follows it (narrowed to a
    trailing proper name when a description precedes the name)."""
    low = doc.lower
    while a < b and low[a] in LEADING_DETS:
        a += 1
    if a >= b:
        return None, None
    p = next((j for j in range(a + 1, b) if low[j] in PREPOSITIONS), None)
    if p is None:
        # "Belarusian opposition journalist": title word last, modifiers before it
        t = next((j for j in range(b - 1, a - 1, -1) if title_at(low, j)), None)
        if t is None:
            return text_of(doc, a, b), None
        while t > a and title_at(low, t - 1):
            t -= 1  # "Deputy Chief": a title qualified by another
        return text_of(doc, t, b), (text_of(doc, a, t) or None)
    role = text_of(doc, a, p)
    q = p + 1
    while q < b and low[q] in LEADING_DETS:
        q += 1
    aff_start = p + 1
    # narrow "the information company Defense Express" to "Defense Express"
    r = max(run_start(doc, q, b), q)
    if r < b and r > q and not doc.words[r - 1][:1].isupper() and low[r - 1] not in NAME_JOINERS:
        aff_start = r
    elif r == q and q < b and low[p + 1] == "the":
        aff_start = q  # "at the Prague Institute" → "Prague Institute"
    aff = text_of(doc, aff_start, b)
    return role or None, aff or None
