"""Whole names and roles for people the text names in full somewhere else: a speaker quoted
as "Lopes" is "Rosaly Lopes" when the article introduced her so, and takes the role written
beside that introduction ("Rosaly Lopes, a planetary geologist at …", "Police Chief Ed
Alvarez")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from reader.analysis.appointments import appointed_role
from reader.analysis.doc import Doc
from reader.analysis.kinds import describe
from reader.analysis.lexicons import words
from reader.analysis.names import NOT_A_NAME_START, cap, run_start
from reader.analysis.org_roles import described_after
from reader.analysis.party_tags import add_party_tags
from reader.analysis.roles import (
    apposition_role,
    clean_role,
    copula_role,
    job_verb,
    list_title,
    of_affiliation,
    role_before,
)

LOOK_BACK = 10  # tokens before a surname that may still belong to the name and its title


class Person(Protocol):
    name: str
    kind: str
    role: str | None
    affiliation: str | None


def _introductions(
    doc: Doc, surname: str, index: dict[str, list[int]]
) -> list[tuple[str, str | None, str | None]]:
    """Each place the body writes a longer name ending in `surname`: (name, role, affiliation)."""
    out = []
    wd = doc.words
    for j in index.get(surname, []):
        if doc.paragraph_of(doc.starts[j]) < 0:
            continue
        if j + 1 < len(wd) and cap(wd[j + 1]) and wd[j + 1].isalpha():
            continue  # "Thomas Jefferson": here the word is a first name
        r = run_start(doc, max(0, j - LOOK_BACK), j + 1)
        joins = [t for t in range(r, j) if doc.lower[t] in {"and", "&"}]
        r = joins[-1] + 1 if joins else r  # "Lena Marsh and Omar Haddad": the last name only
        while r < j and (doc.lower[r] in NOT_A_NAME_START or doc.lower[r].endswith("-based")):
            r += 1  # "At Harbor Co.", "Ohio-based Harbor": a capital that opens no name
        if r >= j:
            continue
        m = describe(doc, r, j + 1)
        if m is None or m.kind != "person" or m.pronoun or m.descriptive:
            continue
        parts = m.name.split()
        if len(parts) < 2 or parts[-1] != surname or not all(w[:1].isupper() for w in parts):
            continue  # "Lena Marsh and Omar Haddad": two people, not one name
        role, aff = m.role, m.affiliation
        if not (role or aff):
            role, aff, _ = apposition_role(doc, j + 1, len(wd))
        if not (role or aff):
            enclosed = j + 1 < len(wd) and wd[j + 1] in {",", "."}
            role, aff = role_before(doc, r, max(0, r - LOOK_BACK), comma_ok=enclosed)
        if not (role or aff):
            aff = of_affiliation(doc, j + 1, len(wd))
        if not (role or aff):
            role, aff = _stated_job(doc, j + 1)  # "Jane Roe is the director of X."
        if not (role or aff):
            role = list_title(doc, r, max(0, r - 3 * LOOK_BACK))  # "Sens. Roe and Lee"
        out.append((m.name, role, aff))
    return out


def complete_people(doc: Doc, entities: Sequence[Person], index: dict[str, list[int]]) -> None:
    """Give each person known by a surname only the full name the text introduced them with
    (when one full name only ends in that surname), and a missing role from that place."""
    for e in entities:
        if e.kind != "person" or not e.name[:1].isupper():
            continue
        honorific = e.role is not None and clean_role(e.role) is None
        e.role = clean_role(e.role)
        where = (e.affiliation or "").removeprefix("the ").removesuffix("’s").removesuffix("'s")
        if honorific and where[:1].islower():
            where = ""  # "Mr. Roe. He urged …": no affiliation, a clause read as one
        e.affiliation = where or None
        words = e.name.split()
        if e.role and e.affiliation and len(words) >= 2:
            continue
        intros = _introductions(doc, words[-1], index)
        if len(words) >= 2:
            intros = [x for x in intros if set(words) <= set(x[0].split())]
        names = {x[0].split()[-2] for x in intros}  # the word before the surname
        if not intros or len(names) > 1:
            if not (e.role or e.affiliation):
                e.role, e.affiliation = _title_elsewhere(doc, words, index)
            if not (e.role or e.affiliation) and len(names) <= 1:
                e.role, e.affiliation = _predicate_role(doc, words[-1], index)
            continue  # none, or two people sharing a surname: leave the name as it stands
        full, role, aff = max(intros, key=lambda x: (len(x[0]), bool(x[1] or x[2])))
        if len(full.split()) > len(words):
            e.name = full
        if not (e.role or e.affiliation) and (role or aff):
            with_role = next((x for x in intros if x[1] or x[2]), None)
            if with_role is not None:
                e.role, e.affiliation = clean_role(with_role[1]), with_role[2]
        if not (e.role or e.affiliation):
            e.role, e.affiliation = _predicate_role(doc, words[-1], index)
    add_party_tags(doc, entities, index)  # "Sen. Jane Roe (D-Mont.)": party and state


def _predicate_role(
    doc: Doc, surname: str, index: dict[str, list[int]]
) -> tuple[str | None, str | None]:
    """ "Roe is the director of the Harbor Institute.": a job the text states of the name in
    a sentence of its own; else a description opening a sentence soon after the name ("…
    Roe's aides. The veteran senator had …")."""
    for j in index.get(surname, []):
        role, aff = _stated_job(doc, j + 1)
        if role or aff:
            return clean_role(role), aff
    found = [(doc.starts[j], doc.ends[j]) for j in index.get(surname, [])]
    role, aff = described_after(doc, surname, found, _job_titles())
    return clean_role(role), aff


@cache
def _job_titles() -> frozenset[str]:
    """Titles that say what someone does (not "mother" or "son")."""
    return frozenset(words("titles") - words("kin_words"))


def _stated_job(doc: Doc, k: int) -> tuple[str | None, str | None]:
    """ "is the director of X.", "runs the Harbor Trust." or "… in charge of X" after a name
    ending at token k."""
    role, aff = copula_role(doc, k, len(doc.words))
    if role or aff:
        return role, aff
    job = job_verb(doc, k, len(doc.words))
    if job is not None:
        return job[0], job[1]
    return appointed_role(doc, k, len(doc.words))  # "put Jane Roe in charge of X"


def _title_elsewhere(
    doc: Doc, words: list[str], index: dict[str, list[int]]
) -> tuple[str | None, str | None]:
    """A title the text writes right before the name somewhere else ("President Roe's
    advisers" for a speaker quoted as "Mr. Roe" or "Roe")."""
    n = len(words)
    last = words[-1]
    for j in [*index.get(last, []), *index.get(last + "’s", []), *index.get(last + "'s", [])]:
        start = j - (n - 1)
        written = [*doc.words[start:j], doc.words[j].removesuffix("’s").removesuffix("'s")]
        if start <= 0 or written != words:
            continue
        t = start - 1 - (doc.words[start - 1] == ".")
        title = doc.words[t] + ("." if t < start - 1 else "")
        if t < 0 or clean_role(title) is None:
            continue  # "Mr. Roe": an honorific, no role
        role, aff = role_before(doc, start, max(0, start - LOOK_BACK))
        role = clean_role(role)
        if role:
            return role, aff
    return None, None
