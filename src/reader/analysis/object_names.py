"""Whether a name stands as the object of a preposition ("a call with President Ana Roe").

Owns one question for pronoun resolution: a person named only after "with", "against" … is
what a sentence is about, not who acts in it, so a following "He said" more likely stands for
the one who spoke before than for that name.
"""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.model import Span

PREPOSITIONS = frozenset({"with", "against", "to", "for", "about", "on", "of", "toward", "towards"})
MAX_TITLE_WORDS = 4  # "with Ukrainian President Ana Roe": capitalised words before the name


def prepositional_object(doc: Doc, span: Span) -> bool:
    """The name at `span` follows a preposition, across a few capitalised title words."""
    t = doc.token_at(span[0]) - 1
    steps = 0
    while t >= 0 and steps < MAX_TITLE_WORDS and doc.words[t][:1].isupper():
        t -= 1
        steps += 1
    return t >= 0 and doc.lower[t] in PREPOSITIONS
