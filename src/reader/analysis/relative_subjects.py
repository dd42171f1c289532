"""The relative "who" before a reporting verb, across perfect auxiliaries and adverbs.

Owns two questions: in "Ann Lee, who has long argued that …", which token is the "who"
whose antecedent speaks (the caller resolves the antecedent, the name before the comma)? And
where does what the relative clause reports end, when the main clause resumes after it
("…, who said A, will resign")?
"""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words

FILLERS = words("perfect_relative_words")
AUXILIARIES = words("finite_auxiliaries")
MAX_FILLERS = 2  # "who has also said": more words than this is no longer one verb group


def relative_who(doc: Doc, cue: int, floor: int) -> int | None:
    """Token of the "who" opening the relative clause whose verb is the cue at `cue`, with
    at most MAX_FILLERS auxiliaries/adverbs between; None when there is none after `floor`."""
    k = cue - 1
    while k > floor and cue - 1 - k < MAX_FILLERS and doc.lower[k] in FILLERS:
        k -= 1
    return k if k > floor and doc.lower[k] == "who" else None


def relative_end(doc: Doc, k: int, end: int) -> int:
    """End of what a relative clause reports, content running from token `k` to `end`: the
    comma that closes the clause before the main clause's verb resumes ("X, who has accused
    Y of fraud, will testify": the content stops before ", will")."""
    for t in range(k + 1, end - 1):
        if doc.words[t] != ",":
            continue
        nxt = doc.words[t + 1]
        if nxt.lower() in AUXILIARIES or (nxt.islower() and nxt.endswith("ed")):
            return t
    return end
