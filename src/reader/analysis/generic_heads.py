"""A source known only by a generic head ("the company", "the group", "the brokerage") is the
one it stands for, once the whole article is read: the source written before with the same
head ("a group of workers" … "the group said"), the nearest named source of its kind (a
pronoun joined to the description does not hide it: "the company says …; it added …"), or,
when that one never spoke before, the organisation opening a recent sentence ("Harbor Air
began …. There are now 40 routes, according to the company."). Run after `merge_voices`, on
what it left. Also "the 56-year-old said": the person the text gave that age, or the one who
spoke just before."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.model import Named, Span
from reader.analysis.names import PRONOUNS, Mention, lexicon_union
from reader.analysis.org_roles import description_role
from reader.analysis.person_descriptions import join_titled_descriptions
from reader.analysis.thing_pronouns import organisation_subject_before

AGE_RE = re.compile(r"^(\d{1,3})-year-old$")
AGE_WINDOW = 1500  # characters back from "the 56-year-old" to the speaker it stands for
NAME_AGE = r"\b([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{0,3}}), {age}\b"
WINDOW = 4000  # characters back from the description to the source it stands for
MAX_WORDS = 3  # "the company", "the news organization", "the Swiss bank"
ORG_KINDS = frozenset({"organization", "media"})


def join_generic_heads(doc: Doc, entities: Sequence[Named], assigned: list[int]) -> None:
    """Fold each generic description into the source it stands for, or give it the name of
    the organisation it stands for; statements follow (`assigned` is rewritten in place)."""
    join_titled_descriptions(doc, entities, assigned)  # "… ,” said the actor."
    live = sorted(set(assigned))
    moved: dict[int, int] = {}
    org_heads = lexicon_union("organization_words", "media_words")
    doc_heads = lexicon_union("document_words")
    for i in live:
        e = entities[i]
        own = _own_spans(doc, e)
        ws = e.name.lower().split()
        if not own or e.name[:1].isupper() or not ws or len(ws) > MAX_WORDS:
            continue
        if ws[-1] not in org_heads | doc_heads or e.kind not in ORG_KINDS | {"document"}:
            continue
        if any(not doc.text[a:b].lower().startswith("the ") for a, b in own):
            continue  # "a company", "some groups": not one named before
        start = min(a for a, _ in own)
        target = _same_head_before(doc, entities, live, i, ws[-1], start)
        if target is None:
            target = _named_before(doc, entities, live, i, start)
        if target is not None and target not in moved:
            _fold(entities[target], e)
            moved[i] = target
        elif target is None and e.kind in ORG_KINDS and ws[-1] in org_heads:
            org = organisation_subject_before(doc, start, set())
            if org is not None and start - org.span[0] <= WINDOW:
                e.name, e.kind = org.name, "organization"
                e.spans.add(org.span)
    _join_record_synonyms(entities, live, moved)
    for k, ent in enumerate(assigned):
        assigned[k] = moved.get(ent, ent)


def _join_record_synonyms(
    entities: Sequence[Named], live: list[int], moved: dict[int, int]
) -> None:
    """ "court records" … "court documents": documents named by the same modifiers and two
    heads of one paper trail are one source (the first written keeps its name)."""
    records = words("record_words")
    first: dict[tuple[str, ...], int] = {}
    for i in sorted(live, key=lambda j: min(entities[j].spans or {(0, 0)})):
        e = entities[i]
        ws = e.name.lower().split()
        if i in moved or e.kind != "document" or len(ws) < 2 or ws[-1] not in records:
            continue
        key = tuple(w for w in ws[:-1] if w not in {"the", "a", "an"})
        if key in first:
            _fold(entities[first[key]], e)
            moved[i] = first[key]
        else:
            first[key] = i


def _own_spans(doc: Doc, e: Named) -> list[Span]:
    """The spans that are not pronouns joined to the description."""
    return [s for s in e.spans if doc.text[s[0] : s[1]].lower() not in PRONOUNS]


def _head(name: str) -> str:
    """The head noun of an unnamed phrase: "a group of employees" → "group"."""
    ws = name.lower().split()
    if "of" in ws[1:]:
        ws = ws[: ws.index("of", 1)]
    return ws[-1] if ws else ""


def _same_head_before(
    doc: Doc, entities: Sequence[Named], live: list[int], i: int, head: str, start: int
) -> int | None:
    """The nearest source first written before `start` with the same head noun ("a group of
    workers" for "the group")."""
    best, best_at = None, -1
    for j in live:
        other = entities[j]
        if j == i or other.name[:1].isupper() or _head(other.name) != head:
            continue
        before = [a for a, _ in _own_spans(doc, other) if start - WINDOW <= a < start]
        if before and max(before) > best_at:
            best, best_at = j, max(before)
    return best


def _named_before(
    doc: Doc, entities: Sequence[Named], live: list[int], i: int, start: int
) -> int | None:
    """The nearest named source of a fitting kind written before `start`: an organisation or
    outlet for "the company", a document for "the study"; a document naming its maker ("a
    report from Harbor Equities" … "Harbor Equities said") fits an organisation word too."""
    e = entities[i]
    best, best_at = None, -1
    for j in live:
        other = entities[j]
        if j == i or not _fits(doc, e.kind, other):
            continue
        before = [a for a, _ in other.spans if start - WINDOW <= a < start]
        if before and max(before) > best_at:
            best, best_at = j, max(before)
    return best


def _fits(doc: Doc, kind: str, other: Named) -> bool:
    if kind == "document":
        return other.kind == "document" and other.name[:1].isupper()
    if other.kind in ORG_KINDS:
        return other.name[:1].isupper()
    if other.kind != "document":
        return False
    for a, b in other.spans:
        ws = doc.text[a:b].split()
        if ws and ws[0].lower() not in {"a", "an", "the"} and all(w[:1].isupper() for w in ws):
            return True  # the maker's name written alone
    return False


def _fold(into: Named, e: Named) -> None:
    into.spans |= e.spans
    if into.kind in ORG_KINDS and not into.role:
        into.role = description_role(
            e.role or e.name, into.kind
        )  # "the outdoor retailer" says what it is
    into.affiliation = into.affiliation or e.affiliation


def person_of_age(doc: Doc, m: Mention, trail: list[tuple[int, int]]) -> Mention | int | None:
    """ "The 56-year-old said …": the person the text gave that age ("Jane Roe, 56,"), else the
    person who spoke last before it; an entity index, a mention to resolve, or None."""
    hit = AGE_RE.match(m.name.strip())
    if hit is None:
        return None
    pos = m.span[0]
    found = list(re.finditer(NAME_AGE.format(age=hit.group(1)), doc.text[:pos]))
    if found:
        g = found[-1]
        return Mention((g.start(1), g.end(1)), g.group(1), g.group(1), "person")
    k = bisect_left(trail, (pos, -1)) - 1
    if k >= 0 and pos - trail[k][0] <= AGE_WINDOW:
        return trail[k][1]
    return None
