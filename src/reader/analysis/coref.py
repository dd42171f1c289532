"""Layer 6: join the mentions of each speaker into sources (pronouns, surnames, descriptions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.analysis.attribution import Raw
from reader.analysis.doc import Doc
from reader.analysis.mentions import GROUP_PRONOUNS, PERSON_PRONOUNS, Mention
from reader.analysis.model import Span

FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
STRIP_DETS = ("the ", "a ", "an ", "our ", "their ", "his ", "her ", "its ")


@dataclass
class Entity:
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    spans: set[Span] = field(default_factory=set)
    names: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name else ""


def _clean(name: str) -> str:
    low = name.lower()
    for d in STRIP_DETS:
        if low.startswith(d):
            return name[len(d) :]
    return name


def _keywords(name: str) -> frozenset[str]:
    return frozenset(w for w in name.lower().split() if w not in {"the", "of", "a", "an"})


class _Resolver:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: list[Entity] = []
        self.person_trail: list[tuple[int, int]] = []  # (offset, entity) of named people
        self.group_trail: list[tuple[int, int]] = []

    def new(self, m: Mention, name: str) -> int:
        self.entities.append(Entity(name, m.kind, m.role, m.affiliation, names=[name]))
        return len(self.entities) - 1

    def enrich(self, i: int, m: Mention) -> None:
        e = self.entities[i]
        e.spans.add(m.span)
        if m.role and not e.role:
            e.role = m.role
        if m.affiliation and not e.affiliation:
            e.affiliation = m.affiliation

    def named(self, m: Mention) -> int:
        name = _clean(m.name)
        if m.kind == "person":
            last = name.split()[-1].lower()
            for i, e in enumerate(self.entities):
                if e.kind != "person" or not e.name:
                    continue
                if e.surname == last or name.lower() in e.name.lower():
                    if len(name) > len(e.name):
                        e.name = name
                    return i
            return self.new(m, name)
        keys = _keywords(name)
        head = name.lower().split()[-1] if name else ""
        for i, e in enumerate(self.entities):
            if e.kind != m.kind:
                continue
            ek = _keywords(e.name)
            if ek == keys or (
                head and e.name.lower().split()[-1] == head and (keys <= ek or ek <= keys)
            ):
                if len(name) > len(e.name):
                    e.name = name
                return i
        return self.new(m, name)

    def resolve(self, m: Mention) -> int:
        if m.pronoun:
            low = m.text.lower()
            if low in FIRST_PERSON:
                return self._by_name(m, "I" if low in {"i", "me", "my"} else "we")
            trail = self.person_trail if low in PERSON_PRONOUNS else self.group_trail
            if low in GROUP_PRONOUNS and not trail:
                trail = self.person_trail if False else trail
            cands = [i for off, i in trail if off < m.span[0]]
            if cands:
                return cands[-1]
            return self._by_name(m, m.text.lower())
        if m.descriptive:
            people = {i for off, i in self.person_trail if off < m.span[0]}
            if len(people) == 1:
                return people.pop()
        return self.named(m)

    def _by_name(self, m: Mention, name: str) -> int:
        for i, e in enumerate(self.entities):
            if e.name == name:
                return i
        self.entities.append(Entity(name, m.kind, names=[name]))
        return len(self.entities) - 1


def resolve(doc: Doc, raws: list[Raw]) -> tuple[list[Entity], list[int]]:
    """Entities (future sources) and, for each statement, the index of its entity."""
    r = _Resolver(doc)
    order = sorted(range(len(raws)), key=lambda i: raws[i].mention.span[0])
    assigned = [0] * len(raws)
    done: dict[Span, int] = {}
    for i in order:
        m = raws[i].mention
        if m.span in done:
            ent = done[m.span]
        else:
            ent = r.resolve(m)
            done[m.span] = ent
            if not m.pronoun:
                trail = r.person_trail if r.entities[ent].kind == "person" else r.group_trail
                trail.append((m.span[0], ent))
        r.enrich(ent, m)
        assigned[i] = ent
    _add_name_mentions(doc, r.entities)
    return r.entities, assigned


def _add_name_mentions(doc: Doc, entities: list[Entity]) -> None:
    """Every place a named person's surname, or an organisation's name, appears."""
    wanted: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        if e.kind == "person" and e.name and e.name[:1].isupper():
            wanted.setdefault(e.name.split()[-1], []).append(i)
    if not wanted:
        return
    for j, w in enumerate(doc.words):
        owners = wanted.get(w)
        if owners and len(owners) == 1:
            ent = entities[owners[0]]
            span = (doc.starts[j], doc.ends[j])
            if not any(s <= span[0] and span[1] <= e for s, e in ent.spans):
                ent.spans.add(span)
