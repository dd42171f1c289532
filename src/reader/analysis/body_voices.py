"""Sources that are a body, by how the article describes them: unnamed officials or a
spokesperson of a named organisation speak as that organisation ("Harbor County Health
Department officials said" → the department; "FBI officials" → the FBI); prosecutors
("Federal prosecutors said") speak as their office; an organisation the article calls a
news agency or outlet ("the news organization") is an outlet."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.analysis.lexicons import words
from reader.analysis.model import Named
from reader.analysis.name_kinds import is_common_word

VOICES = frozenset(
    {"officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "representatives"}
)
# what may qualify "prosecutors" for them to be one office speaking, not some lawyers
OFFICE_MODIFIERS = frozenset({"federal", "state", "u.s.", "us", "county", "district", "city"})
LEADING = frozenset({"the", "a", "an"})
# unlike "administration officials" or "an airport official", who stay unnamed people
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# media words that head roles of bodies other than outlets ("the social network", "the show")
NOT_OUTLET_HEADS = frozenset(
    {"show", "program", "programme", "site", "network", "networks", "channel", "media"}
)
# a role's head stands before a clause or a prepositional phrase: "company that runs X",
# "Head of Research at Harbor Securities", "chain of 30 newspapers"
ROLE_CLAUSE_RE = re.compile(r"\b(?:that|which|who|whose|of|at|for|in|with)\b.*$")


def role_words(role: str) -> list[str]:
    """The words of a role before any clause or prepositional phrase, lower-cased: the last
    is its head ("company that runs X" → ["company"])."""
    return ROLE_CLAUSE_RE.sub("", role.lower()).split()


def _organisation_prefix(ws: list[str]) -> bool:
    """Capitalised words naming an organisation: ending with an organisation word ("Health
    Department", "White House") or an acronym alone ("FBI")."""
    if not ws or not all(w[:1].isupper() for w in ws):
        return False
    if len(ws) == 1 and ws[0].isalpha() and ws[0].isupper() and len(ws[0]) >= 2:
        return True
    return len(ws) >= 2 and ws[-1].lower() in words("organization_words")


def settle_body(e: Named) -> None:
    """Turn an unnamed voice of an organisation into it ("Harbor Department officials", "an
    agency spokesman"), prosecutors into their office."""
    ws = e.name.split()
    while ws and ws[0].lower() in LEADING:
        ws = ws[1:]
    if len(ws) < 2 or e.kind not in {"anonymous", "person"}:
        return
    head = ws[-1].lower()
    if head in SPOKESPEOPLE and len(ws) == 2 and ws[0].lower() in words("organization_words"):
        e.kind = "organization"  # "an agency spokesman" speaks for the agency of the story
        return
    if e.kind != "anonymous":
        return
    if head in VOICES and _organisation_prefix(ws[:-1]):
        e.kind = "organization"
        e.name = " ".join(ws[:-1])
        e.role = head
    elif head == "prosecutors" and all(
        w.lower() in OFFICE_MODIFIERS or (w[:1].isupper() and not is_common_word(w))
        for w in ws[:-1]
    ):
        e.kind = "organization"  # "Federal prosecutors said": the prosecutors' office


def outlets_by_role(entities: Sequence[Named]) -> None:
    """An organisation whose role, once every description is folded in, calls it a news body
    or an outlet ("the official news agency", "the news organization", "the website") is
    one."""
    media = words("media_words") - NOT_OUTLET_HEADS
    for e in entities:
        if e.kind != "organization" or not e.role:
            continue
        ws = role_words(e.role)
        owned = any(w in words("organization_words") for w in ws)  # "the company website"
        if "news" in ws or (ws and ws[-1] in media and not owned):
            e.kind = "media"  # "the official news agency", "the technology website"
