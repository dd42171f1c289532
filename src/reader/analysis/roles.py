"""Roles and affiliations: "an analyst at the consulting company X" → (analyst, X); the job
titles that mark a phrase as a role ("Deputy Chief", "Sen.")."""

from __future__ import annotations

from functools import cache

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.names import (
    LEADING_DETS,
    NAME_JOINERS,
    PREPOSITIONS,
    cap,
    lexicon_union,
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
    if low[p] == "of":
        # "Head of Fundamental Research at Harbor Securities": the department stays in the role
        at = next((j for j in range(p + 2, b - 1) if low[j] in {"at", "with"}), None)
        # a capitalised department only; "head of a team at X" reads as before
        if (
            at is not None
            and cap(doc.words[p + 1])
            and cap(doc.words[at + 1 + (low[at + 1] == "the")])
        ):
            p = at
    role = text_of(doc, a, p)
    q = p + 1
    while q < b and low[q] in LEADING_DETS:
        q += 1
    aff_start = p + 1
    # narrow "the information company Defense Express" to "Defense Express"
    r = max(run_start(doc, q, b), q)
    cut = next(
        (j for j in range(q + 1, b) if low[j] in {"in", "near"} and cap(doc.words[j - 1])), b
    )
    if cut < b and q < b and cap(doc.words[q]):
        b = cut  # "at Tarn Bank in London": the bank, not the city it stands in
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


MAX_APPOSITION = 25  # tokens from the comma to the end of an apposition
# finite verbs that make the words after a name's comma a clause of their own
CLAUSE_VERBS = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would"})
RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
PERSON_RELATIVES = frozenset({"who", "whom", "whose"})


def apposition_role(doc: Doc, c: int, limit: int) -> tuple[str | None, str | None, int]:
    """The role in an apposition after a name, its comma at token c: "Jane Roe, senior
    trader and strategist at Tempus Inc., said" → (role, affiliation, end token). A phrase
    counts as a role when it opens with a determiner or holds a job title before its first
    preposition; otherwise (None, None, c)."""
    low, wd = doc.lower, doc.words
    if c >= limit or wd[c] != ",":
        return None, None, c
    rep = represents_role(doc, c, limit)
    if rep is not None:
        return "representative", *rep
    job = job_clause(doc, c, limit)
    if job is not None:
        return job
    if c + 2 < limit and low[c + 1] in words("workplace_participles"):
        return None, *_workplace(doc, c + 2, limit)
    if (
        c + 3 < limit
        and low[c + 1] == "who"
        and low[c + 2] in words("workplace_verbs")
        and low[c + 3] != "as"  # "who served as labor secretary": a role, read below
    ):
        place, end = _workplace(doc, c + 3, limit)
        last = place.split()[-1].lower() if place else ""
        if last in words("titles") or f"{last}." in words("titles"):
            place = None  # "who worked for Ohio Gov. Jane Roe": a person's title, cut at its dot
        return None, place, end  # ", who teaches law at Harbor University,"
    home = of_affiliation(doc, c + 1, limit) if low[c + 1] in {"of", "from"} else None
    if home is not None:
        return None, home, c + 1  # "Jane Roe, of Harbor City, said"
    if c + 3 < limit and wd[c + 1].isdigit() and wd[c + 2] == ",":
        # "Jane Roe, 24, from Harbor Town": an age, then where the person is from
        home = of_affiliation(doc, c + 3, limit)
        if home is not None:
            return None, home, c + 2
        return apposition_role(doc, c + 2, limit)  # "Jane Roe, 45, a teacher, said"
    e = c + 1
    relative = None
    while e < limit and e - c < MAX_APPOSITION and wd[e] not in {",", ";", "“", "”", '"', "(", ")"}:
        if wd[e] == "." and not (e + 1 < limit and wd[e + 1] in {",", ")"}):
            break  # the sentence ends; "Inc.," keeps its dot
        if low[e] in PERSON_RELATIVES and e > c + 2 and relative is None:
            relative = e
        e += 1
    if e - c >= MAX_APPOSITION and relative is not None:
        e = relative  # "a former commissioner with X who is now …": a clause too long to keep
    a = c + 1
    if e <= a or e - c >= MAX_APPOSITION:
        return None, None, c  # no comma or full stop closes it: a clause, not an apposition
    clause_end = next((j for j in range(a, e) if low[j] in RELATIVES), e)
    if any(low[j] in CLAUSE_VERBS for j in range(a, clause_end)):
        return None, None, c  # "Like Jane Roe, Harbor's chief Ann Lee has said …"
    p = next((j for j in range(a, e) if low[j] in PREPOSITIONS), e)
    head = range(a, p)
    # "Jane Roe, Texas, …" is a place, "Jane Roe, Research Director at X" a role: a title decides
    if low[a] not in LEADING_DETS and not any(title_at(low, j) for j in head):
        return None, None, c
    conj = next((j for j in range(a, e - 1) if low[j] == "and" and low[j + 1] in LEADING_DETS), e)
    if conj < e:
        both = _two_roles(doc, a, conj, e)
        if both is None:
            return None, None, c  # "Jane Roe, her label and a couple of …": a list, not a role
        return *both, e
    role, aff = split_role(doc, a, e)
    if aff is None and relative is not None and relative + 2 < limit:
        aff, end = _clause_workplace(doc, relative + 1, limit, e)
        e = max(e, end)
    return role, aff, e


def _clause_workplace(doc: Doc, v: int, limit: int, e: int) -> tuple[str | None, int]:
    """ "an economist who directs the Harbor Forecast", "an editor who teaches at Harbor
    University": where the relative clause from token v (its verb) says the person works."""
    job = job_verb(doc, v, limit)
    if job is not None and job[1] and job[1][:1].isupper():
        return job[1], job[2]
    if doc.lower[v] in words("workplace_verbs") and doc.lower[v + 1] != "as":
        place, end = _workplace(doc, v + 1, limit)
        if place is not None:
            return place, end
    return None, e


def _two_roles(doc: Doc, a: int, conj: int, e: int) -> tuple[str | None, str | None] | None:
    """ "the architect of the reform and a close aide to the mayor": two roles joined by "and"
    when the second holds a job title too (else None: a list of things). A complement ("of
    the reform") stays in the role; an organisation's name ("an analyst at X and a former
    trader", "the head of X and …") is the affiliation of both."""
    low, wd = doc.lower, doc.words
    if e < len(wd) and wd[e] == "." and cap(wd[e - 1]) and len(wd[e - 1]) <= 3:
        return None  # "… a former adviser to Mr. Roe": cut at an abbreviation's dot
    b = conj + 2
    p = next((j for j in range(b, e) if low[j] in PREPOSITIONS), e)
    if not any(title_at(low, j) and low[j] not in words("kin_words") for j in range(b, p)):
        return None
    role, aff = split_role(doc, a, conj)
    named = aff is not None and all(cap(w) or w in NAME_JOINERS for w in aff.split())
    if not named:  # "of Obama’s 2008 campaign": a complement, not an organisation's name
        while low[a] in LEADING_DETS:
            a += 1
        return text_of(doc, a, e), None
    second = text_of(doc, b, e)
    return (f"{role} and {second}" if role else second), aff


REPRESENTS = frozenset({"represents", "represented", "representing"})


def represents_role(doc: Doc, c: int, limit: int) -> tuple[str, int] | None:
    """ ", who represents the union," after a name, its comma at token c: (whom the person
    represents, end token), the role being the representative's; else None."""
    low, wd = doc.lower, doc.words
    if not (c + 3 < limit and low[c + 1] == "who" and low[c + 2] in REPRESENTS):
        return None
    e = c + 3
    while e < limit and e - c < 14 and wd[e] not in {",", ";", ".", "“", "”", '"', "(", ")"}:
        e += 1
    a = c + 3 + (low[c + 3] == "the")
    return (text_of(doc, a, e), e) if e > a else None


COPULAS = frozenset({"is", "was"})


def copula_role(doc: Doc, k: int, limit: int) -> tuple[str | None, str | None]:
    """ "is the director of the Harbor Institute." after a name, "is" at token k: the role and
    affiliation of the predicate when it holds a job title; else (None, None)."""
    low, wd = doc.lower, doc.words
    if not (k + 2 < limit and low[k] in COPULAS and low[k + 1] in {"the", "a", "an"}):
        return None, None
    e = k + 2
    while e < limit and e - k < 16 and wd[e] not in {",", ";", ".", "“", "”", '"', "(", ")"}:
        if low[e] in RELATIVES or low[e] == "and":
            break
        e += 1
    if e >= limit or (wd[e] not in {".", ","} and low[e] not in RELATIVES | {"and"}):
        return None, None
    p = next((j for j in range(k + 2, e) if low[j] in PREPOSITIONS), e)
    if not any(title_at(low, j) and low[j] not in words("kin_words") for j in range(k + 2, p)):
        return None, None  # "is a keen sailor", "is a father of two": no job
    return split_role(doc, k + 1, e)


def _workplace(doc: Doc, k: int, limit: int) -> tuple[str | None, int]:
    """ "to the night shift at Harbor Prison," from token k: the capitalised name after the
    first "at", "with", "for" or "in" that opens one (affiliation, end token)."""
    low, wd = doc.lower, doc.words
    e = k
    while e < limit and e - k < 16 and wd[e] not in {",", ";", ".", "“", "”", '"', "("}:
        e += 1
    for j in range(k, e - 1):
        if low[j] in {"at", "with", "for", "in"}:
            a = j + 1 + (low[j + 1] == "the")
            n = a
            while n < e and (
                cap(wd[n]) or (low[n] in NAME_JOINERS and n + 1 < e and cap(wd[n + 1]))
            ):
                n += 1
            if n > a:
                return text_of(doc, a, n), e
    return None, e


def list_title(doc: Doc, r: int, floor: int) -> str | None:
    """ "Sens. Jane Roe (D-Ohio) and Ann Lee": the role a plural title opening the list gives
    the name starting at token r (the list read back over names, commas, "and" and party
    tags); None when no plural title opens it."""
    plural = _plural_titles()
    low, wd = doc.lower, doc.words
    k = r - 1
    while k >= floor:
        if wd[k] == "." and k > floor and low[k - 1] + "." in plural:
            return plural[low[k - 1] + "."]
        if low[k] in plural:
            return plural[low[k]]
        if not (cap(wd[k]) or wd[k] in {",", "(", ")", "-", "."} or low[k] == "and"):
            return None
        k -= 1
    return None


@cache
def _plural_titles() -> dict[str, str]:
    return dict(line.partition(" = ")[::2] for line in words("plural_titles"))


@cache  # asked once a name's clause (4,000 times in a 300,000-character text): made once
def _role_verbs() -> dict[str, str]:
    return dict(line.partition(" = ")[::2] for line in words("role_verbs"))


def job_clause(doc: Doc, c: int, limit: int) -> tuple[str, str | None, int] | None:
    """ ", who heads the Harbor Institute," after a name, its comma at token c: (the role the
    verb gives, its object as the affiliation, end token); else None."""
    if not (c + 3 < limit and doc.lower[c + 1] == "who"):
        return None
    return job_verb(doc, c + 2, limit)


def job_verb(doc: Doc, v: int, limit: int) -> tuple[str, str | None, int] | None:
    """ "heads the Harbor Institute" from token v (the verb): (the role the verb gives, its
    object as the affiliation, end token); None when the verb states no job."""
    low, wd = doc.lower, doc.words
    role = _role_verbs().get(low[v]) if v + 1 < limit else None
    if role is None:
        return None
    e = v + 1
    while e < limit and e - v < 13 and wd[e] not in {",", ";", ".", "“", "”", '"', "(", ")"}:
        e += 1
    a = v + 1 + (low[v + 1] == "the")
    n = a
    while n < e and (cap(wd[n]) or (low[n] in NAME_JOINERS and n + 1 < e and cap(wd[n + 1]))):
        n += 1
    if n > a:
        return role, text_of(doc, a, n), e
    p = next((j for j in range(v + 1, e) if low[j] in PREPOSITIONS), e)
    if p > v + 1 and low[p - 1] in lexicon_union("organization_words", "media_words"):
        return role, text_of(doc, a, p), p  # "leads the city's union": an unnamed organisation
    return None  # "who led the research": no job


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


# prepositions that end a title phrase read leftwards ("an email sent by chairman X")
OTHER_PREPOSITIONS = frozenset(
    {"by", "against", "about", "over", "under", "into", "to", "between", "like", "unlike", "as"}
)


def _abbreviations() -> dict[str, str]:
    out = {}
    for line in words("title_abbreviations"):
        short, _, full = line.partition(" = ")
        out[short] = "" if full == "-" else full
    return out


def clean_role(role: str | None) -> str | None:
    """A role as shown: an abbreviated title written out ("Sen." → "senator"), an honorific
    alone ("Mr.", "Dr.") dropped; anything else as written."""
    if role is None:
        return None
    expanded = _abbreviations().get(role.strip().lower())
    if expanded is None:
        return role
    return expanded or None


def _plural_title(w: str) -> bool:
    return len(w) > 4 and w.endswith("s") and w[:-1] in words("titles")  # "founding members"


def role_before(
    doc: Doc, r: int, floor: int, *, comma_ok: bool = False
) -> tuple[str | None, str | None]:
    """A role written before a name that starts at token r: "chairman Jane Roe", "WikiLeaks
    co-founder Jane Roe", "research team head Jane Roe", "Ohio Gov. Jane Roe" → (role,
    affiliation); (None, None) when the word before the name is no title."""
    low, wd = doc.lower, doc.words
    t = r - 1
    if t > floor and wd[t] == "," and comma_ok:
        t -= 1  # "Mr. Roe's personal lawyer, Jane Doe, …"
        r -= 1
    if t > floor and wd[t] == "." and title_at(low, t - 1):
        t -= 1
    if t < floor or not (title_at(low, t) or _plural_title(low[t])):
        return None, None
    a = t
    while a - 1 >= floor and r - a < 6:
        w = wd[a - 1]
        if not (w[:1].isalnum() or w in {"’s", "'s"}) or low[a - 1] in LEADING_DETS:
            break
        if low[a - 1] in PREPOSITIONS or low[a - 1] in words("boundary_words"):
            break
        if low[a - 1] in OTHER_PREPOSITIONS or any(ch.isdigit() for ch in w):
            break
        if low[a - 1].endswith(("ed", "ly")) and not cap(w):
            break  # "was appointed chairman", "currently chairman": a clause, not a name's title
        a -= 1
    # lower-case words next to the title qualify it ("talent manager", "chest doctor"); the
    # capitalised words before them name where the person works ("WikiLeaks", "Ohio")
    q = t
    while q > a and not cap(wd[q - 1]) and not low[q - 1].endswith(("’s", "'s")):
        q -= 1
    if q == t and cap(wd[t]):
        return title_and_affiliation(doc, a, r)
    aff = text_of(doc, a, q).removesuffix("’s").removesuffix("'s").strip()
    return clean_role(text_of(doc, q, r)), aff or None
