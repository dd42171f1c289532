"""Jobs a clause gives the person it names by an appointment rather than an apposition:
"… put Jane Roe in charge of the Harbor Trust", "Roe was placed in charge" (of the
organisation named just before), "Jane Roe has agreed to replace Ann Lee as Harbor's coach"."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.names import LEADING_DETS, NAME_JOINERS, cap, text_of
from reader.analysis.roles import title_and_affiliation, title_at

# words that may stand between a name and "in charge": "Roe was put in charge", "Roe is now …"
_BEFORE_CHARGE = frozenset(
    {"is", "was", "has", "had", "been", "being", "now", "put", "placed", "left", "remains"}
)
_CLAUSE_STOPS = frozenset({",", ";", ".", ":", "“", "”", '"', "(", ")"})
# "Roe said that Lee …": what follows is someone else's clause ("agreed to replace" is not)
_SPEECH = frozenset({"said", "says", "told", "tells", "added", "that"})
LOOK_BACK = 60  # tokens before the name searched for the organisation "in charge" refers to
LOOK_AHEAD = 18  # tokens after the name searched for "… as <role>"


def appointed_role(doc: Doc, k: int, limit: int) -> tuple[str | None, str | None]:
    """The job an appointment clause after a name (ending before token k) gives: "in charge
    (of X)" → ("head", X), "… to succeed Ann Lee as Harbor's coach" → ("coach", "Harbor");
    else (None, None)."""
    charge = _in_charge(doc, k, limit)
    if charge != (None, None):
        return charge
    return _succession(doc, k, limit)


def _in_charge(doc: Doc, k: int, limit: int) -> tuple[str | None, str | None]:
    low = doc.lower
    j = k
    while j < limit and j - k < 4 and low[j] in _BEFORE_CHARGE:
        j += 1
    if not (j + 1 < limit and low[j] == "in" and low[j + 1] == "charge"):
        return None, None
    if j + 2 < limit and low[j + 2] == "of":
        obj = _organisation_at(doc, j + 3, limit)
        return ("head", obj) if obj else (None, None)  # "in charge of the night shift": no job
    if j + 2 < limit and doc.words[j + 2] not in _CLAUSE_STOPS and low[j + 2] != "and":
        return None, None  # "in charge for a week", "in charge when …": no organisation
    # "A shakeup at the Harbor Trust. The board put Jane Roe in charge": the last organisation
    # named before the name (its own words skipped) is the one she heads
    start = k - 1
    while start > 0 and (cap(doc.words[start - 1]) or low[start - 1] in NAME_JOINERS):
        start -= 1
    obj = _organisation_before(doc, start, max(0, start - LOOK_BACK))
    return ("head", obj) if obj else (None, None)


def _organisation_at(doc: Doc, a: int, limit: int) -> str | None:
    """A capitalised name from token a ("the Harbor Trust"), or an unnamed organisation whose
    head is an organisation word ("the city's union"); else None."""
    low, wd = doc.lower, doc.words
    a += a < limit and low[a] == "the"
    n = _cap_run(doc, a, limit)
    if n > a:
        return text_of(doc, a, n)
    e = a
    while e < limit and e - a < 5 and wd[e] not in _CLAUSE_STOPS and low[e] not in {"and", "of"}:
        e += 1
    if e > a and low[e - 1] in words("organization_words"):
        return text_of(doc, a, e)
    return None


def _cap_run(doc: Doc, a: int, limit: int) -> int:
    wd, low = doc.words, doc.lower
    n = a
    while n < limit and (
        cap(wd[n]) or (n > a and low[n] in NAME_JOINERS and n + 1 < limit and cap(wd[n + 1]))
    ):
        n += 1
    return n


def _organisation_before(doc: Doc, end: int, floor: int) -> str | None:
    """The last capitalised run in [floor, end) holding an organisation word ("Bureau of
    Prisons"), a run opening a sentence not counted for its first word alone."""
    org = words("organization_words")
    wd, low = doc.words, doc.lower
    n = end
    while n > floor:
        n -= 1
        if not cap(wd[n]):
            continue
        a = n
        while a > floor and (
            cap(wd[a - 1]) or (low[a - 1] in NAME_JOINERS and a - 2 >= floor and cap(wd[a - 2]))
        ):
            a -= 1
        if any(low[j].removesuffix("’s").removesuffix("'s") in org for j in range(a, n + 1)):
            return text_of(doc, a, n + 1).removesuffix("’s").removesuffix("'s")
        n = a
    return None


def _succession(doc: Doc, k: int, limit: int) -> tuple[str | None, str | None]:
    """ "has agreed a deal to replace Ann Lee as Harbor's coach": a verb of appointment or
    succession, then "as" and a title; the subject takes the title (no one else named before
    the verb, whose object the phrase could describe)."""
    low, wd = doc.lower, doc.words
    verbs = words("succession_verbs")
    verb = None
    e = k
    while e < limit and e - k < LOOK_AHEAD and wd[e] not in _CLAUSE_STOPS:
        if low[e] == "as" and verb is not None:
            break
        if verb is None:
            if low[e] in verbs:
                verb = e
            elif cap(wd[e]) or low[e] in _SPEECH:
                return None, None  # "Roe said Lee would replace her as coach": Lee's job
        e += 1
    else:
        return None, None
    a = e + 1
    a += a < limit and low[a] in LEADING_DETS
    n = a
    while n < limit and (cap(wd[n]) or title_at(low, n) or low[n] in words("role_modifiers")):
        n += max(1, title_at(low, n))
    if not any(title_at(low, j) for j in range(a, n)):
        return None, None  # "replace her as the face of the brand": no job title
    role, aff = title_and_affiliation(doc, a, n)
    if aff is None and n + 1 < limit and low[n] in {"of", "at", "for"}:
        aff = _organisation_at(doc, n + 1, limit)  # "as coach of the Harbor Club"
    return role, aff
