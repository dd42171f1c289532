"""Sources that are one voice under two names, joined after coreference: "the company said"
and the company named before it; "Harbor's analysts" and Harbor; a short form ("Alden") and
the organisation's full name ("Alden Capital"); initials ("HN") and the name they abbreviate
("Harbor Nets"). Kinds are settled by then, so "the company" finds the organisation even
when it was first read as a person's name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.analysis.affiliations import tidy
from reader.analysis.doc import Doc
from reader.analysis.model import Named
from reader.analysis.name_kinds import is_common_word, is_given_name
from reader.analysis.names import PREPOSITIONS, lexicon_union
from reader.analysis.org_roles import description_role, organisation_role, owner_elsewhere

WINDOW = 4000  # characters back from a description to the organisation it stands for
COMPATIBLE = {
    "organization": {"organization", "media"},
    "media": {"media", "organization"},
    "document": {"document"},
}
# heads of "Harbor's lawyers": a separate source even when Harbor is an organisation
OWN_VOICE = frozenset({"lawyer", "lawyers", "attorney", "attorneys", "representatives"})
# "Holm’s lawyer": someone speaking for the owner, unnamed
SPEAKS_FOR = OWN_VOICE | {"spokesman", "spokeswoman", "spokesperson", "representative", "agent"}
INDEFINITE = frozenset({"a", "an", "one", "another"})
ACRONYM_RE = re.compile(r"^[A-Z]{2,5}$")


def merge_voices(doc: Doc, entities: Sequence[Named], assigned: list[int]) -> None:
    """Fold each description, possessive group and short form into the source it names;
    statements follow (`assigned` is rewritten in place)."""
    live = sorted(set(assigned))
    moved: dict[int, int] = {}
    for i in live:
        target = _definite_description(doc, entities, live, i)
        if target is None:
            target = _owned_group(doc, entities, live, i)
        if target is None:
            target = _short_form(entities, live, i)
        if target is None:
            target = _same_name(entities, live, i)
        if target is not None and target != i and target not in moved:
            _fold(entities[target], entities[i])
            moved[i] = target
    for i in live:
        if i not in moved:
            _expand_initials(doc, entities[i])
            _as_written(doc, entities[i])
            e = entities[i]
            _maker_speaks(doc, e)
            if e.kind in {"organization", "media"} and _proper(e) and not e.role:
                e.role, aff = organisation_role(doc, e.name)
                e.affiliation = e.affiliation or aff or owner_elsewhere(doc, e.name)
            _owner_off_the_name(e)
            _descriptor_off_the_name(e)
            _someones_own(e)
            _unnamed_role(e)
            _where_clause_home(doc, e)
            _tweet_author(doc, e)
            e.role, e.affiliation = tidy(doc.text, e.role, e.affiliation, e.kind)
    for i in live:
        if i not in moved:
            _named_employer(entities, live, entities[i])
    for k, ent in enumerate(assigned):
        assigned[k] = moved.get(ent, ent)


# "a report from Harbor Bank": a document named by its maker
MADE_BY = re.compile(r"^(?:(?:a|an|the|one|another) )?(?:\w+ ){0,2}?\w+ (?:from|by) ([A-Z].*)$")


def _maker_speaks(doc: Doc, e: Named) -> None:
    """ "…, said a report from Harbor Bank." and "Harbor Bank said …": one voice, the maker
    (an organisation) speaking in its own name elsewhere, not a document."""
    m = MADE_BY.match(e.name)
    if e.kind != "document" or m is None:
        return
    maker = m.group(1)
    if any(doc.text[a:b] == maker for a, b in e.spans):
        e.name, e.kind = maker, "organization"
    elif not e.role:
        head = e.name[: m.start(1)].split()[-2]  # "a report from …" → report, by its maker
        e.role, e.affiliation = head, e.affiliation or maker


# an embedded post's signature: "— Jane Roe (@janeroe) November 18, 2019"
SIGNATURE = re.compile(r"\s*\(@\w+\)\s*([A-Z][a-z]+)\.? \d{1,2}, \d{4}")


def _tweet_author(doc: Doc, e: Named) -> None:
    """A person known only as the author of an embedded post is a Twitter user (the embed's
    signature: name, handle, date)."""
    if e.kind != "person" or e.role or e.affiliation:
        return
    for _, b in e.spans:
        m = SIGNATURE.match(doc.text, b)
        if m is not None and m.group(1).lower() in lexicon_union("months", "month_abbreviations"):
            e.role = "Twitter user"
            return


def _unnamed_role(e: Named) -> None:
    """An unnamed source is what the text calls it: "some Twitter users" → "Twitter users",
    "one user" → "user" (the count or article is no part of the role); an unnamed person
    ("an airport official") is anonymous."""
    if e.kind == "person" and e.name[:1].isalpha() and (not _proper(e) or _opens_unnamed(e)):
        e.kind = "anonymous"
    ws = e.name.split()
    # "State media reported": a capital only because the sentence starts there
    common = not _proper(e) or (len(ws) > 1 and all(w.islower() for w in ws[1:]))
    if e.role or not common or e.kind == "person":
        return
    if e.kind in {"organization", "document"} and _proper(e):
        return  # "Harbor media": may be a name
    lead = lexicon_union("quantifiers")
    while ws and ws[0].lower() in lead:
        ws = ws[1:]
    if ws and _proper(e):
        ws[0] = ws[0].lower()
    e.role = " ".join(ws) or None


def _opens_unnamed(e: Named) -> bool:
    """ "An airport official", "One official": a description capitalised only because it opens
    the sentence (an article or a count, then lower-case words)."""
    ws = e.name.split()
    lead = {"a", "an", "the", "one", "another"}
    return len(ws) > 1 and ws[0].lower() in lead and all(w[:1].islower() for w in ws[1:])


# "… before the Harbor Council in Tarn, where members voted": the organisation a where-clause
# is attached to (a place after it skipped)
WHERE_HOME = re.compile(
    r"((?:[A-Z][\w.&’'-]*\s+(?:(?:of|and|for|on|the)\s+)*)*[A-Z][\w.&’'-]*)"
    r"(?:\s+in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)?,\s+where\s+$"
)


def _where_clause_home(doc: Doc, e: Named) -> None:
    """An unnamed group first written as the subject of a where-clause attached to a named
    organisation ("… testified before the Harbor Council, where members objected") belongs
    to that organisation."""
    if e.kind not in {"anonymous", "other"} or e.affiliation or _proper(e) or not e.spans:
        return
    start = _first(e)
    m = WHERE_HOME.search(doc.text[max(0, start - 160) : start])
    if m is None:
        return
    org = m.group(1).removeprefix("The ")
    if any(w.lower().strip("’'") in lexicon_union("organization_words") for w in org.split()):
        e.affiliation = org


# "Spain’s Ana Lisboa", "Harbor Bank's Ivo Sand": an owner written before a person's name
OWNER_BEFORE = re.compile(
    r"^((?:[A-Z][\w.&-]*\s)*[A-Z][\w.&-]*)(?:’s|'s)\s([A-Z][\w.-]*(?:\s\S+)+)$"
)


def _named_employer(entities: Sequence[Named], live: list[int], e: Named) -> None:
    """ "the company's chief executive": the affiliation is the organisation the text named
    last before the person, when that one speaks too."""
    words = (e.affiliation or "").lower().removeprefix("the ").split()
    if e.kind != "person" or len(words) != 1 or words[0] not in lexicon_union("organization_words"):
        return
    start = _first(e)
    before = [
        (max(a for a, _ in o.spans if a < start), o.name)
        for j in live
        if (o := entities[j]) is not e
        and o.kind == "organization"
        and _proper(o)
        and any(a < start for a, _ in o.spans)
    ]
    if before:
        e.affiliation = max(before)[1]


def _owner_off_the_name(e: Named) -> None:
    """The owner before a person's name is where the person is from or works, not part of the
    name: "Spain’s Ana Lisboa" is Ana Lisboa, of Spain."""
    m = OWNER_BEFORE.match(e.name)
    if e.kind != "person" or m is None:
        return
    e.name = m.group(2)
    e.affiliation = e.affiliation or m.group(1)


def _descriptor_off_the_name(e: Named) -> None:
    """ "Rival Ana Lisboa", "Democrat Ivo Sand": a word before a given name describes the
    person; it is the role, not the name's first word."""
    ws = e.name.split()
    if e.kind != "person" or len(ws) < 3 or not ws[0].isalpha():
        return
    if is_given_name(ws[0]) or not is_given_name(ws[1]):
        return
    if not (is_common_word(ws[0]) or ws[0].lower() in lexicon_union("party_words")):
        return  # "Carrie Ann Roe": a given name the model does not know opens the name
    e.name = " ".join(ws[1:])
    e.role = e.role or (ws[0].lower() if is_common_word(ws[0]) else ws[0])


def _someones_own(e: Named) -> None:
    """ "Holm’s lawyer" is an unnamed person speaking for Holm: no named person, and Holm is
    no affiliation (the lawyer works for Holm, not at Holm)."""
    m = re.match(r"^([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)(?:’s|'s) ([a-z][\w-]*)$", e.name)
    if m is None or e.kind != "person" or m.group(2) not in SPEAKS_FOR:
        return
    e.kind = "anonymous"
    e.role = m.group(2)
    if e.affiliation == m.group(1):
        e.affiliation = None


def _fold(into: Named, e: Named) -> None:
    into.spans |= e.spans
    if e.role and e.role.lower() != e.name.lower():  # a group's role is often its own phrase
        into.role = into.role or e.role
    elif into.kind in {"organization", "media"} and not _proper(e):
        into.role = into.role or description_role(e.name, into.kind)  # "the regional lender said"
    into.affiliation = into.affiliation or e.affiliation


def _first(e: Named) -> int:
    return min(s for s, _ in e.spans) if e.spans else 0


def _proper(e: Named) -> bool:
    return e.name[:1].isupper()


def _definite_description(
    doc: Doc, entities: Sequence[Named], live: list[int], i: int
) -> int | None:
    """ "the company", "the news organization", "the study": the nearest source named before
    it whose kind fits, when every mention of it is that definite description."""
    e = entities[i]
    words = e.name.lower().split()
    heads = lexicon_union("organization_words", "media_words", "document_words")
    if _proper(e) or not words or len(words) > 3 or words[-1] not in heads:
        return None
    if e.kind not in COMPATIBLE or not e.spans:
        return None
    if any(not doc.text[a:b].lower().startswith("the ") for a, b in e.spans):
        return None
    start = _first(e)
    best, best_at = None, -1
    for j in live:
        other = entities[j]
        if j == i or other.kind not in COMPATIBLE[e.kind]:
            continue
        if not (_proper(other) or _introduces(doc, other, words[-1])):
            continue
        before = [s for s, _ in other.spans if start - WINDOW <= s < start]
        if before and max(before) > best_at:
            best, best_at = j, max(before)
    return best


def _introduces(doc: Doc, e: Named, head: str) -> bool:
    """ "a group of employees" introduces what "the group" then stands for: a description
    first written with "a" or "an", with the same head noun before any prepositional phrase."""
    first = min(e.spans) if e.spans else None
    if first is None or doc.text[first[0] : first[1]].lower().split(" ", 1)[0] not in INDEFINITE:
        return False
    ws = e.name.lower().split()
    core = next((ws[:k] for k, w in enumerate(ws) if k and w in PREPOSITIONS), ws)
    return bool(core) and core[-1] == head


def _owned_group(doc: Doc, entities: Sequence[Named], live: list[int], i: int) -> int | None:
    """ "Harbor’s scientists confirmed …" is Harbor speaking, when Harbor is an organisation
    that speaks in the article (its lawyers or representatives stay apart)."""
    e = entities[i]
    if e.kind not in {"anonymous", "other"}:
        return None
    m = re.match(r"^(?:the )?(.+?)(?:’s|'s) (\w+)$", e.name, flags=re.IGNORECASE)
    if m is None or m.group(2).lower() in OWN_VOICE:
        return None
    owner = m.group(1).lower()
    for j in live:
        other = entities[j]
        if j != i and other.kind in {"organization", "media"} and other.name.lower() == owner:
            return j
    return None


def _short_form(entities: Sequence[Named], live: list[int], i: int) -> int | None:
    """ "Alden" for "Alden Capital": a one-word name opening exactly one organisation's name."""
    e = entities[i]
    if " " in e.name or not _proper(e) or e.kind not in {"person", "organization", "other"}:
        return None
    longer = [
        j
        for j in live
        if j != i
        and entities[j].kind == "organization"
        and entities[j].name.split()[0] == e.name
        and len(entities[j].name.split()) > 1
    ]
    return longer[0] if len(longer) == 1 else None


def _same_name(entities: Sequence[Named], live: list[int], i: int) -> int | None:
    """ "Instagram" read first as a person's name and settled as an organisation is the
    organisation "Instagram" found elsewhere: one name, two entries of fitting kinds."""
    e = entities[i]
    if e.kind not in {"organization", "media"} or not _proper(e):
        return None
    for j in live:
        if j >= i:
            return None
        other = entities[j]
        if other.kind in COMPATIBLE[e.kind] and other.name.lower() == e.name.lower():
            return j
    return None


def _expand_initials(doc: Doc, e: Named) -> None:
    """An all-capitals short name ("HN") whose letters are the initials of one capitalised
    name written before it ("Harbor Nets") takes that name, as an organisation."""
    if not ACRONYM_RE.match(e.name) or not e.spans:
        return
    start = _first(e)
    pattern = r"\b" + r"[\w’'&.-]*\s+".join(re.escape(c) for c in e.name) + r"[\w’'&.-]*"
    found = {m.group(0) for m in re.finditer(pattern, doc.text[:start])}
    found = {f for f in found if all(w[:1].isupper() for w in f.split())}
    if len(found) != 1:
        return
    full = found.pop()
    e.spans.add((doc.text.find(full), doc.text.find(full) + len(full)))
    e.name = full
    if e.kind in {"person", "other"}:
        e.kind = "organization"


def _as_written(doc: Doc, e: Named) -> None:
    """An unnamed source keeps the article it is first written with: "a person familiar with
    the matter", "one user", "an airport official" (the phrase the text uses); "the" stays
    off."""
    if _proper(e) or not e.name or not e.spans:
        return
    name = e.name.lower()
    for a, b in sorted(e.spans):
        written = doc.text[a:b]
        det, _, rest = written.partition(" ")
        if rest.lower() == name and det.lower() in INDEFINITE:
            e.name = written
            return
