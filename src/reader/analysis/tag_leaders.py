"""The speaker named first in a long tag after a quotation: `“…,” Jane Roe (D-Ore.), a member
of the panel, said` / `“…,” Jane Roe, the mayor of Springfield, one of the towns suing the
state, said`. News writing puts the speaker's name right after the quotation and sets off as
many asides as it likes before the verb; whatever stands between, the name opening the tag
speaks. This module owns reading that name (and, when the first aside is a role, the role)."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.kinds import describe
from reader.analysis.mentions import apposition_left, relative_left
from reader.analysis.names import NAME_JOINERS, Mention, cap
from reader.analysis.roles import title_at

# the longest name (with its title) opening a tag, in tokens
MAX_LEADER = 7


def tag_leader(doc: Doc, k: int, cue: int) -> Mention | None:
    """The person named by the tokens from `k` (just after the quotation and its comma) up
    to the first comma or parenthesis before the cue token `cue`, or None."""
    e = next((t for t in range(k, cue) if doc.words[t] in {",", "("}), None)
    if e is None or e == k or e - k > MAX_LEADER:
        return None
    named = [t for t in range(k, e) if doc.words[t][:1].isalnum()]
    if not named or not all(
        cap(doc.words[t]) or doc.lower[t] in NAME_JOINERS or title_at(doc.lower, t) for t in named
    ):
        return None
    second = next((t for t in range(e + 1, cue) if doc.words[t] == ","), None)
    if doc.words[e] == "," and second is not None:
        # the first aside may be the speaker's role: read it as NAME, ROLE when it is
        m, a = apposition_left(doc, second, k)
        if m is not None and a == k and m.kind == "person":
            return m
    m = describe(doc, k, e)
    if m is None or m.kind != "person" or m.pronoun or m.descriptive:
        return None
    return m


def tag_speaker(doc: Doc, k: int, comma: int, cue: int) -> Mention | None:
    """The speaker in a tag `“…,” NAME, …, VERB` whose last comma before the verb is `comma`:
    NAME, ROLE; else the name opening the tag; else the phrase before a relative clause."""
    m, a = apposition_left(doc, comma, k)
    if m is not None and a == k:
        return m
    lead = tag_leader(doc, k, cue)
    if lead is None:
        lead, a = relative_left(doc, comma, k)  # `“…,” Roe, who …, said`
        lead = lead if a == k else None
    return lead
