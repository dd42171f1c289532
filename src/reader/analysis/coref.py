"""Layer 6: join the mentions of each speaker into sources (pronouns, surnames, descriptions)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from reader.analysis.attribution import Raw
from reader.analysis.body_voices import outlets_by_role
from reader.analysis.clause_subjects import main_clause_start
from reader.analysis.doc import Doc
from reader.analysis.entity_kinds import settle_kinds
from reader.analysis.fullnames import complete_people
from reader.analysis.generic_heads import join_generic_heads, person_of_age
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.mentions import PERSON_PRONOUNS, Mention, person_candidates
from reader.analysis.merges import merge_voices
from reader.analysis.model import Span
from reader.analysis.name_kinds import word_counts
from reader.analysis.names import THING_PRONOUNS, token_index
from reader.analysis.object_names import prepositional_object
from reader.analysis.poll_shares import poll_of_share
from reader.analysis.pronoun_mentions import pronoun_antecedents
from reader.analysis.thing_pronouns import organisation_subject_before

FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
DESCRIPTION_WINDOW = 4000
IT_WINDOW = 600  # characters back to the organisation speaking before that "it" may stand for
INDEFINITE = frozenset({"a", "an", "another"})
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


def _first_names_clash(a: str, b: str) -> bool:
    """Two full names sharing a surname but with different first names (or initials)."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    fa, fb = wa[0].lower().rstrip("."), wb[0].lower().rstrip(".")
    titles = words("titles")
    if fa == fb or fa in titles or fb in titles or f"{fa}." in titles or f"{fb}." in titles:
        return False
    if not (wa[0][:1].isupper() and wb[0][:1].isupper()):
        return False
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] != fb[0]
    return fa not in b.lower().split() and fb not in a.lower().split()


def _acronym(name: str) -> str:
    """The initials an organisation goes by ("People for the Ethical Treatment of Animals" →
    "PETA"), or the name itself when it is one; "" for anything else."""
    ws = name.split()
    if any(w.endswith(("’s", "'s")) for w in ws[:-1]):
        return ""  # "Harbor Co.’s scientists": people of the organisation, not its name
    if len(ws) == 1:
        w = ws[0]
        return w if len(w) >= 2 and w.isupper() and w.isalpha() else ""
    caps = [w for w in ws if w[:1].isupper()]
    return "".join(w[0] for w in caps) if len(caps) >= 2 else ""


def _roles_clash(known: str | None, described: str | None) -> bool:
    """ "an agency spokesman" is not the senator named before it: a spokesperson's title that
    is not in the role the person is known by."""
    if not known or not described:
        return False
    head = described.split()[-1].lower()
    return head in words("voice_titles") and head not in known.lower()


def _keywords(name: str) -> frozenset[str]:
    return frozenset(w for w in name.lower().split() if w not in {"the", "of", "a", "an"})


class _Resolver:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: list[Entity] = []
        self.person_trail: list[tuple[int, int]] = []  # (offset, entity) of named people
        self.group_trail: list[tuple[int, int]] = []
        self.candidates: list[Mention] = []
        self.cand_starts: list[int] = []
        self.cand_ends: list[int] = []
        self.by_surname: dict[str, int] = {}
        self.by_first: dict[str, int] = {}
        self.described: set[int] = (
            set()
        )  # entities known only by a description so far  # first word of a full name → its entity
        self.by_head: dict[tuple[str, str], list[int]] = {}
        self.by_plain_name: dict[str, int] = {}
        self.by_acronym: dict[str, int] = {}

    def new(self, m: Mention, name: str) -> int:
        self.entities.append(Entity(name, m.kind, m.role, m.affiliation, names=[name]))
        return len(self.entities) - 1

    def enrich(self, i: int, m: Mention) -> None:
        e = self.entities[i]
        e.spans.add(m.span)
        if m.written:
            e.spans.add(m.written)
        if m.role and not e.role:
            e.role = m.role
        if m.affiliation and not e.affiliation:
            e.affiliation = m.affiliation

    def named(self, m: Mention) -> int:
        """The entity a named or described mention joins (same surname for people; same head
        noun with a subset of the modifiers otherwise), or a new one. Indexed: linear time."""
        name = _clean(m.name)
        if m.kind == "person":
            last = name.split()[-1].lower() if name else ""
            i = self.by_surname.get(last)
            if i is not None and _first_names_clash(self.entities[i].name, name):
                i = None  # "Ellie Hall" is not "James Hall"
            if i is None and " " not in name:
                i = self.by_first.get(last)  # "Liu" after "Liu Xiaming": family name first
            if i is None:
                i = self.new(m, name)
                self.by_surname[last] = i
                if " " in name and name[:1].isupper():
                    self.by_first.setdefault(name.split()[0].lower(), i)
            elif len(name) > len(self.entities[i].name):
                self.entities[i].name = name
                self.by_surname.setdefault(self.entities[i].surname, i)
            return i
        keys = _keywords(name)
        head = name.lower().split()[-1] if name else ""
        bucket = self.by_head.setdefault((m.kind, head), [])
        for i in bucket:
            ek = _keywords(self.entities[i].name)
            if ek == keys or (head and (keys <= ek or ek <= keys)):
                if len(name) > len(self.entities[i].name):
                    self.entities[i].name = name
                return i
        short = _acronym(name)
        if short and short in self.by_acronym:
            i = self.by_acronym[short]  # "PETA" and "People for the Ethical Treatment of …"
            if len(name) > len(self.entities[i].name):
                self.entities[i].name = name
                self.entities[i].kind = m.kind
            bucket.append(i)
            return i
        i = self.new(m, name)
        bucket.append(i)
        if short:
            self.by_acronym[short] = i
        return i

    def resolve(self, m: Mention) -> int:
        pos = m.span[0]
        if m.pronoun:
            low = m.text.lower()
            if low in FIRST_PERSON:
                return self._by_name(m, "I" if low in {"i", "me", "my"} else "we")
            trail = self.person_trail if low in PERSON_PRONOUNS else self.group_trail
            k = bisect_left(trail, (pos, -1)) - 1
            last = trail[k] if k >= 0 else None
            if low in PERSON_PRONOUNS:
                named = self.candidate_before(pos)
                if named is not None and (
                    last is None
                    or (
                        named.span[0] > last[0]
                        and not self.told_in_sentence(named, last[0])
                        and not prepositional_object(self.doc, named.span)
                    )
                ):
                    return self.named(named)
            if low in THING_PRONOUNS and (last is None or pos - last[0] > IT_WINDOW):
                subject = organisation_subject_before(self.doc, pos, set(self.by_surname))
                if subject is not None:
                    return self.named(subject)  # "Harbor Air had …. … it announced …"
            if last is not None:
                return last[1]
            return self._by_name(m, low)
        org = self.named_organisation_before(m)
        if org is not None:
            return org
        poll = poll_of_share(self.doc, m)
        if poll is not None:
            i = self.named(poll)  # "46 percent of voters said": the poll that asked them
            self.entities[i].spans.add(poll.span)
            return i
        aged = person_of_age(self.doc, m, self.person_trail)
        if aged is not None:
            return aged if isinstance(aged, int) else self.named(aged)
        if m.descriptive:
            # joined to the one person named in the text before it (within a window); "a
            # senior official" brings in someone new
            lo = pos - DESCRIPTION_WINDOW
            k = bisect_left(self.person_trail, (pos, -1))
            people = {i for off, i in self.person_trail[:k] if off >= lo}
            surnames = {self.entities[i].surname for i in people}
            c_hi = bisect_left(self.cand_starts, pos)
            c_lo = bisect_left(self.cand_starts, lo)
            cands = self.candidates[c_lo:c_hi]
            surnames |= {c.name.split()[-1].lower() for c in cands}
            owner = m.name.split("’s ")[0].split("'s ")[0].lower()  # "Holm’s lawyer" isn't Holm
            new_one = m.text.lower().split(" ", 1)[0] in INDEFINITE
            if len(surnames) == 1 and owner not in surnames and not new_one:
                if people:
                    target = people.pop()
                    if not _roles_clash(self.entities[target].role, m.role):
                        return target
                elif not _roles_clash(cands[-1].role, m.role):
                    return self.named(cands[-1])
            i = self.named(m)
            self.described.add(i)
            return i
        return self.named(m)

    def told_in_sentence(self, m: Mention, speaker_at: int) -> bool:
        """`m` is who the speaker at `speaker_at` told, in the same sentence ("…, Jane Roe
        told Harbor Daily."): the speaker, not the one told, stays what "he" stands for."""
        t = self.doc.token_at(m.span[0]) - 1
        verb = reporting_verbs().get(self.doc.lower[t]) if t >= 0 else None
        sent = self.doc.sentence_of(m.span[0])
        return (
            verb is not None
            and verb.addressee
            and sent is not None
            and sent[0] <= speaker_at < sent[1]
        )

    def named_organisation_before(self, m: Mention) -> int | None:
        """ "the company said" after "Harbor Co. said": the organisation named last, when the
        mention is only "the" and an organisation word."""
        ws = m.text.lower().split()
        if m.kind != "organization" or len(ws) != 2 or ws[0] != "the":
            return None
        if ws[1] not in words("organization_words"):
            return None
        k = bisect_left(self.group_trail, (m.span[0], -1)) - 1
        while k >= 0 and m.span[0] - self.group_trail[k][0] <= DESCRIPTION_WINDOW:
            e = self.entities[self.group_trail[k][1]]
            if e.kind == "organization" and e.name[:1].isupper():
                return self.group_trail[k][1]
            k -= 1
        return None

    def known_person(self, m: Mention) -> int | None:
        """The entity a named person already is, by surname; None for someone new."""
        name = _clean(m.name)
        i = self.by_surname.get(name.split()[-1].lower()) if name else None
        if i is None or _first_names_clash(self.entities[i].name, name):
            return None
        return i

    def candidate_before(self, offset: int) -> Mention | None:
        k = bisect_right(self.cand_ends, offset) - 1
        return self.candidates[k] if k >= 0 else None

    def _by_name(self, m: Mention, name: str) -> int:
        i = self.by_plain_name.get(name)
        if i is None:
            self.entities.append(Entity(name, m.kind, names=[name]))
            i = self.by_plain_name[name] = len(self.entities) - 1
        return i


def resolve(doc: Doc, raws: list[Raw]) -> tuple[list[Entity], list[int]]:
    """Entities (future sources) and, for each statement, the index of its entity."""
    r = _Resolver(doc)
    if raws:
        r.candidates = _without_subject_asides(
            _with_known_surnames(doc, person_candidates(doc), raws), raws
        )
        r.cand_starts = [c.span[0] for c in r.candidates]
        r.cand_ends = [c.span[1] for c in r.candidates]
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
                insort(trail, (m.span[0], ent))
                if m.group:
                    insort(r.group_trail, (m.span[0], ent))  # "they" may stand for the group
        r.enrich(ent, m)
        assigned[i] = ent
    quoted = [part for x in raws if x.kind == "direct" for part in x.content]
    pronouns = pronoun_antecedents(doc, r.candidates, r.person_trail, r.known_person, quoted)
    before_merges = list(assigned)
    _name_descriptions(doc, r.entities, r.described, assigned)
    _add_name_mentions(doc, r.entities)
    lasts = {e.name.split()[-1] for e in r.entities if e.kind == "person" and e.name.strip()}
    index = token_index(doc, lasts | {w + s for w in lasts for s in ("’s", "'s")})
    complete_people(doc, r.entities, index)
    settle_kinds(doc, r.entities, index)
    merge_voices(doc, r.entities, assigned)
    join_generic_heads(doc, r.entities, assigned)
    outlets_by_role(r.entities)
    now = dict(zip(before_merges, assigned, strict=True))  # an entity merged into another
    for span, ent in pronouns:
        r.entities[now.get(ent, ent)].spans.add(span)
    return r.entities, assigned


def _without_subject_asides(cands: list[Mention], raws: list[Raw]) -> list[Mention]:
    """Drop people named between a speaker's name and the cue ("Roe, who saw Dr. Vale, said
    …") or inside a quotation: a later "she said" stands for the speaker, the subject of the
    speech verb, not for someone the words are about."""
    asides = [
        (x.mention.span[1], x.cue.span[0])
        for x in raws
        if x.cue is not None and not x.mention.pronoun and x.mention.span[1] < x.cue.span[0]
    ]
    # nor is a person named inside a quotation ("“… the day Roe died,” he said")
    asides += [part for x in raws if x.kind == "direct" for part in x.content]
    asides.sort()
    starts = [a for a, _b in asides]
    reach: list[int] = []  # the furthest end among the asides starting up to each one
    for _a, b in asides:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(span: Span) -> bool:
        i = bisect_right(starts, span[0]) - 1
        return i >= 0 and span[1] <= reach[i]

    return [c for c in cands if not inside(c.span)]


def _name_descriptions(
    doc: Doc, entities: list[Entity], described: set[int], assigned: list[int]
) -> None:
    """A description that the article later writes right before a name ("Mali's ambassador
    to Norway accused …" … "Mali's ambassador to Norway Sara Diallo said …") is that person:
    their statements and mentions go to the named person."""
    people = {
        e.name: i for i, e in enumerate(entities) if e.kind == "person" and e.name[:1].isupper()
    }
    if not people:
        return
    moved: dict[int, int] = {}
    low_text = doc.text.lower()  # "the president" is the "President Roe" written elsewhere
    for d in described:
        desc = entities[d].name.lower()
        at = low_text.find(desc + " ")
        targets = set()
        while at >= 0:
            after = doc.text[at + len(desc) + 1 : at + len(desc) + 80]
            targets |= {
                i
                for name, i in people.items()
                if after.startswith(name) and not after[len(name) : len(name) + 1].isalpha()
            }
            at = low_text.find(desc + " ", at + 1)
        if len(targets) == 1:
            target = targets.pop()
            entities[target].spans |= entities[d].spans
            entities[target].role = entities[target].role or entities[d].role
            moved[d] = target
    for k, ent in enumerate(assigned):
        assigned[k] = moved.get(ent, ent)


def _mostly_lower(word: str) -> bool:
    """A word newswire writes in lower case more often than in a person's name ("Maybe")."""
    c = word_counts(word)
    return c is not None and c.lower > c.person


def _with_known_surnames(doc: Doc, cands: list[Mention], raws: list[Raw]) -> list[Mention]:
    """Antecedents for pronouns: the names found in the body, and the surname of a person
    named in full (a speaker or not) where it is a sentence's subject ("Roe, who grew up in
    Ohio, …. She said …", "At a rally in Ames, Roe listed the towns he said …")."""
    full: dict[str, str] = {}
    named = [(x.mention, True) for x in raws] + [(c, False) for c in cands]
    for m, spoke in named:
        if m.kind == "person" and not (m.pronoun or m.descriptive) and m.name[:1].isupper():
            name = _clean(m.name)
            if not spoke and _mostly_lower(name.split()[0]):
                continue  # "Maybe Instagram": a capitalised word opening a sentence, no name
            last = name.split()[-1]
            if len(name) > len(full.get(last, "")):
                full[last] = name
    if not full:
        return cands
    taken = {c.span[0] for c in cands}
    extra = []
    for j, w in enumerate(doc.words):
        full_name = full.get(w)
        if full_name is None or doc.starts[j] in taken or doc.paragraph_of(doc.starts[j]) < 0:
            continue
        sent = doc.sentence_of(doc.starts[j])
        if sent is not None and (
            sent[0] == doc.starts[j] or main_clause_start(doc, doc.token_at(sent[0]), j + 1) == j
        ):  # "At a rally in Ames, Roe said …": the subject after an opening adverbial
            extra.append(Mention((doc.starts[j], doc.ends[j]), w, full_name, "person"))
    return sorted(cands + extra, key=lambda c: c.span) if extra else cands


def _add_name_mentions(doc: Doc, entities: list[Entity]) -> None:
    """Every place a named person's surname, or an organisation's name, appears."""
    wanted: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        if e.kind == "person" and e.name and e.name[:1].isupper():
            wanted.setdefault(e.name.split()[-1], []).append(i)
    if not wanted:
        return
    covered = {i: sorted(entities[i].spans) for ids in wanted.values() for i in ids}
    starts = {i: [s for s, _ in sp] for i, sp in covered.items()}
    for j, w in enumerate(doc.words):
        owners = wanted.get(w)
        if owners and len(owners) == 1:
            i = owners[0]
            span = (doc.starts[j], doc.ends[j])
            k = bisect_right(starts[i], span[0]) - 1
            # spans of one entity hardly nest: the nearest two starts decide containment
            if not any(
                covered[i][x][0] <= span[0] and span[1] <= covered[i][x][1]
                for x in (k, k - 1)
                if x >= 0
            ):
                entities[i].spans.add(span)
