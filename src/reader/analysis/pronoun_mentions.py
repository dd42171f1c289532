"""The pronouns that refer to a source: every "he", "she", "his", "him" or "her" of the
writer's text whose antecedent is a source becomes one of that source's mentions (the
contract lists a source's pronouns among its mentions; the window shows them, the evaluator
counts them).

Only the third-person singular pronouns of people, outside quotations, and only to a source
already found: a pronoun that stands for someone who says nothing adds no source."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from reader.analysis.doc import Doc
from reader.analysis.mentions import Mention
from reader.analysis.model import Span

THIRD_PERSON = frozenset({"he", "she", "his", "him", "her"})
REACH = 1500  # characters back to the antecedent; further off, a "he" is anyone's


def pronoun_antecedents(
    doc: Doc,
    candidates: list[Mention],
    trail: list[tuple[int, int]],
    entity_of_name: Callable[[Mention], int | None],
    quoted: list[Span],
) -> list[tuple[Span, int]]:
    """(pronoun span, entity) for each such pronoun of the body outside `quoted`, whose nearest
    person before it is a source: the last named person (`candidates`, mapped by
    `entity_of_name`) or the last speaker (`trail`, sorted (offset, entity) pairs),
    whichever comes later."""
    quoted = sorted(quoted)
    q_starts = [a for a, _ in quoted]
    c_ends = [c.span[1] for c in candidates]
    out: list[tuple[Span, int]] = []
    for p_start, p_end in doc.body:
        for t in range(doc.token_at(p_start), doc.token_before(p_end) + 1):
            if doc.lower[t] not in THIRD_PERSON:
                continue
            pos = doc.starts[t]
            q = bisect_right(q_starts, pos) - 1
            if q >= 0 and pos < quoted[q][1]:
                continue  # "he" inside a quotation is the speaker's word for someone else
            k = bisect_left(trail, (pos, -1)) - 1
            last = trail[k] if k >= 0 else None
            c = bisect_right(c_ends, pos) - 1
            named = candidates[c] if c >= 0 else None
            ent: int | None = None
            if named is not None and (last is None or named.span[0] > last[0]):
                if pos - named.span[1] <= REACH:
                    ent = entity_of_name(named)
            elif last is not None and pos - last[0] <= REACH:
                ent = last[1]
            if ent is not None:
                out.append(((pos, doc.ends[t]), ent))
    return out
