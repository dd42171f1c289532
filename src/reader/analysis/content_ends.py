"""Where reported content ends: the words a writer adds after a reported clause — a
comparison (", compared with …") or a comment after a credited source (", according to the
agency, taking a step toward …") — are no part of what the source said."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words

COMPARISON_OPENERS = words("comparison_openers")
ING_NOUNS = words("ing_nouns")


def comparison_end(doc: Doc, k: int, end: int) -> int:
    """Token ending content that runs from `k` to `end`: the comma before a writer's
    comparison ("said 52 percent back it, compared with 41 percent in May"), else `end`."""
    for j in range(k + 2, end - 1):
        if doc.words[j] == "," and doc.lower[j + 1] in COMPARISON_OPENERS:
            return j
    return end


def opens_comment(doc: Doc, t: int) -> bool:
    """Token `t`, after the comma closing a credited source ("…, according to the agency,"),
    opens the writer's comment rather than the rest of the main clause: a participle
    ("taking a step toward …") or "including"."""
    w = doc.words[t]
    return w.islower() and w.endswith("ing") and len(w) > 5 and w not in ING_NOUNS
