"""What an affiliation may be: the name of an organisation or a place ("Harbor Institute",
"Tarn"), or an organisation written in lower case ("the prison union"). Whatever else the
parse of a role left there goes back into the role or is dropped: a relative clause ("… who
has studied reefs"), words qualifying the title ("former regional", "veteran market"), a
nationality ("Norwegian-Brazilian"), a possessive owner inside the role ("Tarn’s deputy
director" → Tarn), or the person a representative speaks for."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from reader.analysis.lexicons import words
from reader.analysis.name_kinds import is_place, name_kind
from reader.analysis.names import PREPOSITIONS, lexicon_union
from reader.analysis.party_tags import is_party_tag

# a relative clause ends an affiliation: "boat dealers who has a large shop";
# "that" only before a verb ("the group that owns …"), not as a determiner
_RELATIVE = re.compile(r"[\s,]+(?:(?:who|whom|whose|which)\b|that\s+\w+(?:s|ed)\b).*$", re.S)
# "who is the Harbor Institute": the clause's opening words, read as part of the affiliation
_CLAUSE_OPENING = re.compile(r"^(?:who|which|that)\s+(?:is|was|are|were)\s+(?:(?:the|a|an)\s+)?")
# "Harbor City’s new fire": an owner written with a possessive before lower-case words
_OWNER = re.compile(r"^((?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*)[’']s\s+([a-z].*)$", re.S)
# a proper name after a preposition inside a lower-case phrase: "marine biology at the Uni…"
_NAME_AFTER = re.compile(r"\s(?:at|of|for|with|from|in)\s+(?:the\s+)?([A-Z].*)$", re.S)
_POSSESSIVES = frozenset({"her", "his", "their", "its", "our", "my", "your"})
_DEMONYM_PART = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ch)$")


def _org_headed(role: str) -> bool:
    """ "company that runs the awards", "nation's largest coal company": the head noun, before
    any relative clause, is an organisation's or outlet's word (or a title, for a board)."""
    head = re.split(r"\s+(?:that|which|who)\s", role, maxsplit=1)[0]
    last = head.lower().split()[-1].strip("’'") if head.split() else ""
    heads = lexicon_union("organization_words", "media_words", "document_words", "titles")
    return last in heads or last.removesuffix("s") in heads


def _org_head(phrase: str) -> bool:
    last = phrase.lower().split()[-1].strip("’'") if phrase.split() else ""
    return last in words("organization_words") or last in words("media_words")


def _written_before(text: str, aff: str, role: str) -> bool:
    """ "veteran market analyst": the affiliation's words stand right before the role."""
    return f"{aff} {role}" in text


def _complement(text: str, role: str, aff: str) -> str | None:
    """ "director of public works", "consultant for boat dealers": the words joining the role
    to the affiliation when they make its complement ("of", "for"); "at", "on" and "in" say
    where the person works, which is an affiliation."""
    for joint in (" of ", " for ", " of the ", " for the "):
        if f"{role}{joint}{aff}" in text:
            return joint
    return None


def demonym(aff: str) -> bool:
    """ "Norwegian-Brazilian", "Dutch": a nationality, an adjective rather than a place."""
    parts = aff.split("-")
    return " " not in aff and all(_DEMONYM_PART.match(p) for p in parts) and not is_place(aff)


def _represented(text: str, role: str | None, aff: str | None) -> tuple[str | None, str | None]:
    """ "representative" of someone who is no organisation or place: that person is part of
    the role ("representative of Holm"), not an affiliation."""
    if role != "representative" or not aff:
        return role, aff
    if _org_head(aff) or is_place(aff) or aff.isupper() or is_party_tag(aff):
        return role, aff
    if aff[:1].isupper() and name_kind(aff.split()) in {"organization", "location"}:
        return role, aff
    the = "the " if re.search(r"\bthe\s+" + re.escape(aff), text) else ""
    return f"representative of {the}{aff}", None


def tidy(
    text: str, role: str | None, aff: str | None, kind: str = "person"
) -> tuple[str | None, str | None]:
    """(role, affiliation) with the affiliation reduced to an organisation or place name; the
    text tells where the parts stood relative to each other. An organisation's or outlet's
    role is a description headed by an organisation or outlet word ("space agency")."""
    home = re.match(r"^(?:of|from) (?:the )?([A-Z].*)$", role or "")
    if home is not None and not aff:
        role, aff = None, home.group(1)  # "Jane Roe, of Harbor City,": where she is from
    role = _clean_role(role)
    if role and kind in {"organization", "media"} and not _org_headed(role):
        role = None  # "nonpartisan", "many", "third time": no description of what it is
    if role is None and aff and not aff[:1].isupper():
        aff = None  # the phrase was no role at all ("speaking to a group in …")
    aff = _clean_affiliation(aff)
    if aff and role:
        role, aff = _into_role(text, role, aff)
    first = aff.split()[0] if aff else ""
    if first.lower() in _POSSESSIVES or (first.islower() and first.endswith("ing")):
        aff = None  # "our worst fears", "using EB-5 funding …" (not "nursing home" owner)
    if role and not aff:
        m = _OWNER.match(role)
        if m is not None:
            aff, role = m.group(1), m.group(2)  # "Tarn’s deputy director of public works"
    return _represented(text, role, aff)


# a person's relative clause ends the role ("historian who attended the session"); "that"
# and "which" stay, they say what an organisation is ("company that runs the awards")
_PERSON_CLAUSE = re.compile(r"[\s,]+(?:who|whom|whose)\b.*$", re.S)
_NOT_A_ROLE_START = frozenset({"over", "about", "to", "by", "into", "against", "under"})


def _clean_role(role: str | None) -> str | None:
    if not role:
        return role
    if role.lower().startswith("who "):
        # "who served as Asia director": the role the clause names, if any
        m = re.match(r"^who\s+\w+\s+as\s+(?:(?:the|a|an)\s+)?(.+)$", role, re.I | re.S)
        return _clean_role(m.group(1)) if m else None
    role = _PERSON_CLAUSE.sub("", role)
    # "one of the president's closest aides", "one of several veterans": the group is the role
    role = re.sub(r"^(?:one )?of (?:the |several |many |his |her |their )?(?=[a-z])", "", role)
    ws = role.split()
    while len(ws) > 1 and ws[0].lower() in _lead_words():
        ws = ws[1:]  # "also the mayor"
    while len(ws) > 1 and (
        ws[-1].lower() in {"by", "from", "of", "for", "at", "with", "and"}
        or (ws[-1].endswith(".") and ws[-1].lower() in _abbreviated_titles())
    ):
        ws = ws[:-1]  # "new study by", "nominee Gov.": the name that follows was cut off
    if not ws:
        return None
    first = ws[0].lower()
    if first in PREPOSITIONS or first in _NOT_A_ROLE_START:
        return None  # "at a later press gaggle", "over the email server"
    if first.endswith("ing") and ws[0].islower() and not _titled(ws):
        return None  # "speaking to a veterans group", "dedicating the museum"
    return " ".join(ws)


@cache
def _lead_words() -> frozenset[str]:
    """Words that stand before a role without being part of it ("also the mayor")."""
    return words("role_adverbs") | {"the", "a", "an"}


def _titled(ws: list[str]) -> bool:
    """A job title among the words ("managing director", "acting chair")."""
    low = [w.lower().strip(".,") for w in ws[:2]]  # the "-ing" word and the one after it
    low += [f"{a} {b}" for a, b in pairwise(low)]  # "founding member"
    return any(w in words("titles") or w.removesuffix("s") in words("titles") for w in low)


@cache
def _abbreviated_titles() -> frozenset[str]:
    return frozenset(line.partition(" = ")[0] for line in words("title_abbreviations"))


def _clean_affiliation(aff: str | None) -> str | None:
    if not aff:
        return aff
    aff = aff.removesuffix("’").removesuffix("'")  # "Harbor Nets’ chief executive"
    aff = _CLAUSE_OPENING.sub("", aff)
    aff = _RELATIVE.sub("", aff).strip(" ,")
    ws = aff.split()
    while ws and ws[-1].lower() in {"and", "or", "&"}:
        ws = ws[:-1]  # "Center of Media Justice and"
    aff = " ".join(ws)
    low = aff.lower()
    if not ws or low.isdigit() or low in lexicon_union("weekdays", "months", "function_words"):
        return None  # "2011", "Saturday", "Like"
    if low in _abbreviated_titles() or f"{low}." in _abbreviated_titles():
        return None  # "Mr": an honorific, no organisation
    return aff


def _into_role(text: str, role: str, aff: str) -> tuple[str | None, str | None]:
    """Move what qualifies the title from the affiliation into the role."""
    before = _written_before(text, aff, role)
    m = _OWNER.match(aff)
    if m is not None and before:
        return f"{m.group(2)} {role}", m.group(1)  # "Harbor City’s new fire" commissioner
    mods = aff.split()
    k = 0
    while k < len(mods) - 1 and mods[k].lower() in words("role_modifiers"):
        k += 1
    if k and mods[k][:1].isupper() and before:
        # "former National Security Council" official → former official, the council
        return f"{' '.join(mods[:k])} {role}", " ".join(mods[k:])
    if demonym(aff) and before:
        return f"{aff} {role}", None
    if not aff[:1].islower():
        return role, aff
    joint = _complement(text, role, aff)
    named = _NAME_AFTER.search(aff)
    if joint is not None and named is not None:
        # "professor" + "law at Tarn University": the field joins the role
        return f"{role}{joint}{aff[: named.start()].strip()}", named.group(1)
    if _org_head(aff):
        return role, aff
    if before:
        return f"{aff} {role}", None  # "former regional" envoy, "veteran market" analyst
    if joint is None:
        if mods[0].lower() in _POSSESSIVES or aff.lower() in role.lower():
            return role, None  # "her songs", or words the role already holds
        return role, aff
    return f"{role}{joint}{aff}", None  # "deputy director" + "public works"
