"""A speaker known only by a definite job description ("… ,” said the actor.", "the veteran
senator said") is the named person the text wrote last before it whose role fits; the
description becomes that person's role when the text gave none. Run on the sources left
after `merge_voices`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.model import Named
from reader.analysis.names import PRONOUNS

WINDOW = 1500  # characters back from the description to the person it stands for
NEAR = 400  # characters: a person with no role stands for the description only this close
MAX_WORDS = 5  # "the 43-year-old former congressman"
# "the actor", "the “Pose” actor": the article written shortly before a mention
THE_BEFORE = re.compile(r"\b[Tt]he\b[^.,;:]{0,25}$")
UNNAMED_KINDS = frozenset({"person", "anonymous", "other"})


@cache
def _unnamed_titles() -> frozenset[str]:
    """Titles that mostly stand for someone the text never names ("the official said")."""
    return words("anonymous_words") | words("kin_words") | words("unnamed_titles")


def join_titled_descriptions(doc: Doc, entities: Sequence[Named], assigned: list[int]) -> None:
    """Fold each "the <job title>" speaker into the person it stands for; statements follow
    (`assigned` is rewritten in place)."""
    live = set(assigned)
    moved: dict[int, int] = {}
    for i in sorted(live):
        e = entities[i]
        head = _title_head(doc, e)
        if head is None:
            continue
        start = min(a for a, _ in e.spans)
        first = assigned.index(i)
        last_voice = assigned[first - 1] if first > 0 else None
        target = _person_before(doc, entities, i, start, head, last_voice)
        if target is None or target not in live or target in moved:
            continue
        into = entities[target]
        into.spans |= e.spans
        into.role = into.role or e.name.removeprefix("the ").removeprefix("The ")
        moved[i] = target
    for k, ent in enumerate(assigned):
        assigned[k] = moved.get(ent, ent)


def _title_head(doc: Doc, e: Named) -> str | None:
    """The title heading an unnamed source written only as "the <modifiers> <title>" (no
    possessive: "the company's lawyer" speaks for someone else), else None."""
    if e.kind not in UNNAMED_KINDS or not e.spans or e.name[:1].isupper():
        return None
    ws = e.name.lower().split()
    if not ws or len(ws) > MAX_WORDS or any(w.endswith(("’s", "'s")) for w in ws):
        return None
    if ws[-1] not in words("titles") or ws[-1] in _unnamed_titles():
        return None
    for a, b in e.spans:
        t = doc.text[a:b].lower()
        if not (
            t.startswith("the ") or t in PRONOUNS or THE_BEFORE.search(doc.text[max(0, a - 30) : a])
        ):
            return None  # "an actor", "one senator": someone not named before
    return ws[-1]


def _person_before(
    doc: Doc, entities: Sequence[Named], i: int, start: int, head: str, last_voice: int | None
) -> int | None:
    """The person named last before `start` (within WINDOW) whose role holds the
    description's title ("Sen. Ann Lee" for "the senator", not "singer Ann Lee" for "the
    actor"); or, with no role known, the person written just before who also made the
    statement before (`last_voice`): "… ,” Lee said. “… ,” said the actor."."""
    found: list[tuple[int, int]] = []
    for j, other in enumerate(entities):
        if j == i or other.kind != "person" or not other.name[:1].isupper():
            continue
        named = [
            a
            for a, b in other.spans
            if start - WINDOW <= a < start and doc.text[a:b].lower() not in PRONOUNS
        ]
        if named:
            found.append((max(named), j))
    for rank, (at, j) in enumerate(sorted(found, reverse=True)):
        role = (entities[j].role or "").lower()
        if head in role.split():
            return j  # "Sen. Ann Lee … the senator said"
        if not role and rank == 0 and start - at <= NEAR and j == last_voice:
            return j
    return None
