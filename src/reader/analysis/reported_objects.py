"""Where the noun-phrase object of a reporting verb ends: "denied the charges", "reported no
arrests", "claimed victory" (verbs flagged `obj`, whose content may be a clause or a noun
phrase). A reported clause runs to the end of its sentence; a noun-phrase object does not:
what follows it is the writer's narration — a second verb of the same subject ("claimed
self-defense and was acquitted"), a clause joined by ", but" or a dash, the channel it went
through ("through his lawyer") or where it was said ("in a statement")."""

from __future__ import annotations

from collections.abc import Callable

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words

CHANNEL_WORDS = words("channel_words")
COORDINATORS = frozenset({"and", "but"})


def object_end(
    doc: Doc,
    k: int,
    end: int,
    verb_at: Callable[[int], bool],
    aside_at: Callable[[int], bool],
) -> int:
    """Token ending the object that opens at `k` (not at a "that"), at most `end`.
    `verb_at(t)`: token `t` reads as a finite verb; `aside_at(t)`: token `t` opens an aside
    (", but …", a dash, "in a statement")."""
    for t in range(k + 1, end):
        w = doc.lower[t]
        if w in COORDINATORS and t + 1 < end and verb_at(t + 1):
            return t  # "denied the charges and counter-sued": the subject acts again
        if w in CHANNEL_WORDS or aside_at(t):
            return t
    return end
