"""Roles and affiliations: "an analyst at the consulting company X" → (analyst, X); the job
titles that mark a phrase as a role ("Deputy Chief", "Sen.")."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.names import (
    LEADING_DETS,
    NAME_JOINERS,
    PREPOSITIONS,
    cap,
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


def title_and_affiliation(doc: Doc, a: int, n: int) -> tuple[str, str | None]:
    """A capitalised title phrase before a name, tokens [a, n): "Teachers Association
    President" → ("President", "Teachers Association"); "NASA's Administrator" → ("Administrator",
    "NASA"); "Interim Police Chief" → ("Interim Chief", "Police"). Modifiers such as "Interim"
    stay with the title; whatever else stands before the first title word is the affiliation."""
    low = doc.lower
    t = next((j for j in range(a, n) if title_at(low, j)), n)
    mods = a
    while mods < t and low[mods] in words("role_modifiers"):
        mods += 1
    role = " ".join(x for x in (text_of(doc, a, mods), text_of(doc, t, n)) if x)
    aff = text_of(doc, mods, t).removesuffix("’s").removesuffix("'s").strip()
    return role or text_of(doc, a, n), aff or None


def apposition_role(doc: Doc, c: int, limit: int) -> tuple[str | None, str | None, int]:
    """The role in an apposition after a name, its comma at token c: "Jane Roe, senior
    trader and strategist at Tempus Inc., said" → (role, affiliation, end token). A phrase
    counts as a role when it opens with a determiner or holds a job title before its first
    preposition; otherwise (None, None, c)."""
    low, wd = doc.lower, doc.words
    if c >= limit or wd[c] != ",":
        return None, None, c
    e = c + 1
    while e < limit and e - c < 25 and wd[e] not in {",", ";", "“", "”", '"', "(", ")"}:
        if wd[e] == "." and not (e + 1 < limit and wd[e + 1] in {",", ")"}):
            break  # the sentence ends; "Inc.," keeps its dot
        e += 1
    a = c + 1
    if e <= a or (wd[a][:1].isupper() and low[a] not in LEADING_DETS and not title_at(low, a)):
        return None, None, c  # "Jane Roe, Texas, …": a place or another name, not a role
    p = next((j for j in range(a, e) if low[j] in PREPOSITIONS), e)
    head = range(a, p)
    if low[a] not in LEADING_DETS and not any(title_at(low, j) for j in head):
        return None, None, c
    role, aff = split_role(doc, a, e)
    return role, aff, e


def of_affiliation(doc: Doc, k: int, limit: int) -> str | None:
    """ "of NASA's Jet Propulsion Laboratory" after a name, "of" (or "at", "from") at token k:
    the capitalised name that follows, the small words inside it included."""
    low, wd = doc.lower, doc.words
    if k + 1 >= limit or low[k] not in {"of", "at", "from"}:
        return None
    a = k + 1 + (low[k + 1] == "the")
    e = a
    while e < limit and (
        cap(wd[e]) or (low[e] in NAME_JOINERS and e + 1 < limit and cap(wd[e + 1]))
    ):
        e += 1
    return text_of(doc, a, e) if e > a else None
