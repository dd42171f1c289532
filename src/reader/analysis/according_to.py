"""Attribution through "according to": `According to X, CLAUSE`, `CLAUSE, according to X`,
`A, according to X, B` and `in his opinion` — which words of the sentence the source vouches
for, past an apposition of the source and the writer's comment after it."""

from __future__ import annotations

from reader.analysis.attribution_base import (
    CLAUSE_OPENERS,
    QUOTE_MARKS,
    RELATIVES,
    AttributorBase,
    n_words,
    trim,
)
from reader.analysis.content_ends import opens_comment
from reader.analysis.cues import Cue
from reader.analysis.mentions import PRONOUNS, describe
from reader.analysis.parenthetical_sources import add_around, gloss_end

# conjunctions opening a side clause before a parenthetical "according to X" ("While A,
# according to X, B"): the source vouches for the main clause B
SIDE_CLAUSES = frozenset({"while", "although", "though", "because", "after", "since", "as", "if"})
APPOSITION_OPENERS = frozenset({"a", "an", "including", "which", "who", "whose"})


def according(attributor: AttributorBase, cue: Cue, s_start: int, stop: int) -> None:
    """Add the statement the source of `cue` ("according to X", "in his opinion") vouches
    for in the sentence from token `s_start` to `stop`."""
    doc = attributor.doc
    c, k = cue.token, cue.end_token
    if cue.kind == "opinion":
        m = describe(doc, c + 1, c + 2, pronouns=PRONOUNS)
    else:
        e = k
        while e < stop and e - k < 14 and doc.words[e] not in {",", ";", ":"} | QUOTE_MARKS:
            e += 1
        m = describe(doc, k, e, pronouns=PRONOUNS, loose=True) if e > k else None
        k = e
    if m is None:
        return
    # "according to Tom Vik, a local guide, …": the apposition is the source's (to the
    # sentence's end when no comma closes it)
    k = gloss_end(doc, k, stop)
    lead = c - s_start
    around = False
    at_start = lead == 0 or (doc.lower[c - 1] in CLAUSE_OPENERS and lead <= 5)
    # what follows the source's comma goes on with the main clause ("A, according to X,
    # is B"), unless the source's apposition runs to the sentence's end ("…, according
    # to Tom Vik, a guide who …") or a relative clause or the writer's comment follows
    # ("…, according to the agency, taking a step toward …")
    goes_on = (
        k + 1 < stop
        and doc.words[k] == ","
        and doc.lower[k + 1] not in RELATIVES
        and not opens_comment(doc, k + 1)
    )
    comma = c - 1 if c > s_start and doc.words[c - 1] == "," else None
    if comma is None and c - 1 > s_start and doc.words[c - 1] in {"”", '"', "’"}:
        comma = c - 2 if doc.words[c - 2] == "," else None  # `“…,” according to X`
    if not at_start and comma is not None and goes_on:
        # a parenthetical "X, in his opinion, is Y": the whole sentence is reported; after
        # a subordinate clause or its conjunction ("While A, according to X, B", "because,
        # according to X, B") only the main clause after it
        opens = doc.lower[s_start] in SIDE_CLAUSES or doc.lower[comma - 1] in SIDE_CLAUSES
        # not past an apposition of the source ("according to X, a strategist, …")
        first = k + 1 if opens and doc.lower[k + 1] not in APPOSITION_OPENERS else s_start
        content = trim(doc, doc.starts[first], doc.ends[stop - 1])
        around = first == s_start  # both sides of "according to X", not the cue
    elif at_start and k < stop and doc.words[k] == ",":
        content = trim(doc, doc.starts[k + 1], doc.ends[stop - 1]) if stop > k + 1 else None
    elif comma is not None:
        # "A: B, according to X": what follows the colon is the sourced part (not 8:30)
        first = s_start
        for t in range(comma - 1, s_start, -1):
            if doc.words[t] in {",", ";", ":", "—", "–"}:
                if doc.words[t] == ":" and not doc.words[t - 1].isdigit():
                    first = t + 1
                break
        content = trim(doc, doc.starts[first], doc.ends[c - 1])
    else:
        return
    if content and n_words(doc, content) >= 3:
        attributor.add(content, m, cue)
        if around and comma is not None:
            add_around(attributor, s_start, comma, k + 1, stop, content)
