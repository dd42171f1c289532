"""More signs that a one-word name taken for a person's names an organisation, each a
construction of news writing: the name is someone’s employer ("Harbor head Jane Roe", "the
director of Harbor", "an analyst at Harbor"), the short form of a longer name ending in an
organisation word ("Harbor Capital" … "Harbor said"), the owner of a workforce or of users
("Harbor employees", "Harbor's 2,000 employees"), a name followed by "which" or a stock
ticker, or one the next sentences call a company ("Harbor said … The shoe retailer …").
Used only when the name model does not know the word as a person's: a known surname stays a
person's."""

from __future__ import annotations

import re

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.name_kinds import is_given_name, name_kind, word_counts
from reader.analysis.names import cap
from reader.analysis.org_roles import described_after

EMPLOYER_PREPOSITIONS = frozenset({"at", "for", "of"})
# "Harbor (HRB.N)", "Harbor (NYSE: HRB)": a listed company's ticker after its name
TICKER_RE = re.compile(
    r"\s*\((?:[A-Z]{2,8}:\s?)?(?:[A-Z]{2,5}\.[A-Z]{1,2}|[A-Z]{2,5}|\d{4}\.[A-Z]{1,2})\)"
)
SKIP_AFTER_OWNER = 4  # tokens between "Harbor's" and "employees" ("Harbor's 2,000 employees")


def _title_ending_at(low: list[str], j: int) -> bool:
    """An employer's title ends at token j ("head", "chief executive")."""
    titles = words("employer_titles")
    return low[j] in titles or (j > 0 and f"{low[j - 1]} {low[j]}" in titles)


def _title_starting_at(low: list[str], j: int) -> int:
    """Length of an employer's title starting at token j, or 0."""
    titles = words("employer_titles")
    if j + 1 < len(low) and f"{low[j]} {low[j + 1]}" in titles:
        return 2
    return 1 if j < len(low) and low[j] in titles else 0


def _employer_at(doc: Doc, j: int) -> bool:
    """Token j (the name) is written as someone's employer."""
    wd, low = doc.words, doc.lower
    n = _title_starting_at(low, j + 1)
    if n and j + n + 2 < len(wd) and cap(wd[j + n + 1]) and cap(wd[j + n + 2]):
        return True  # "Harbor head Jane Roe": the name, a title, a person's name
    return j >= 2 and low[j - 1] in EMPLOYER_PREPOSITIONS and _title_ending_at(low, j - 2)


def _short_of_longer(doc: Doc, j: int) -> bool:
    """Token j opens a two-word name whose second word is an organisation word ("Harbor
    Capital", "Harbor Group") and that ends there."""
    wd = doc.words
    if j + 1 >= len(wd) or not cap(wd[j + 1]):
        return False
    if doc.lower[j + 1] not in words("organization_words"):
        return False
    return j + 2 >= len(wd) or not cap(wd[j + 2])


def _owns_workforce(doc: Doc, j: int) -> bool:
    """ "Harbor employees", "Harbor's 2,000 employees", "Harbor's users"."""
    low = doc.lower
    evidence = words("employer_evidence")
    k = j + 1
    if k < len(low) and low[k] in evidence:
        return True
    if k < len(low) and low[k] in {"’s", "'s"}:
        k += 1
    elif not low[j].endswith(("’s", "'s")):
        return False
    for t in range(k, min(k + SKIP_AFTER_OWNER + 1, len(low))):
        if low[t] in evidence:
            return True
        if not (low[t][:1].isdigit() or low[t] in {",", "many", "some", "all", "former", "own"}):
            return False
    return False


def _thing_clause_or_ticker(doc: Doc, j: int) -> bool:
    """ "Harbor, which owns …": a relative "which" never follows a person's name; nor does a
    stock ticker ("Harbor (HRB.N)")."""
    low = doc.lower
    if j + 2 < len(low) and low[j + 1] == "," and low[j + 2] == "which":
        return True
    return TICKER_RE.match(doc.text, doc.ends[j]) is not None


def _described_as_one(doc: Doc, name: str) -> bool:
    """ "Harbor said … The shoe retailer also said …": the next sentences describe the name
    with "the", modifiers and an organisation word, and no other name between."""
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, doc.text)]
    role, _aff = described_after(doc, name, found, words("company_heads"))
    return role is not None


def organisation_elsewhere(doc: Doc, name: str, index: dict[str, list[int]]) -> bool:
    """The one-word `name` (taken for a person's) is written elsewhere as an organisation's."""
    if " " in name or is_given_name(name) or name_kind([name]) == "person":
        return False
    c = word_counts(name)
    if c is not None and c.person > c.organization + c.location + c.other:
        return False  # mostly a person's name in newswire, though not always ("Trump Tower")
    spots = index.get(name, []) + index.get(name + "’s", []) + index.get(name + "'s", [])
    for j in spots:
        if doc.paragraph_of(doc.starts[j]) < 0:
            continue  # a headline or caption, not the article's prose
        if (
            _employer_at(doc, j)
            or _short_of_longer(doc, j)
            or _owns_workforce(doc, j)
            or _thing_clause_or_ticker(doc, j)
        ):
            return True
    return _described_as_one(doc, name)
