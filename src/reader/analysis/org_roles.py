"""What an organisation is, as the text says it: a description right before its name
("Dubai's flagship carrier Harbor Air" → role "flagship carrier", affiliation "Dubai"; "the
space agency NASA") or an apposition after it ("Kessel, a chain of 30 newspapers, …")."""

from __future__ import annotations

import re

from reader.analysis.doc import Doc
from reader.analysis.names import LEADING_DETS, cap, lexicon_union, text_of
from reader.analysis.roles import apposition_role

MAX_MODIFIERS = 4  # lower-case words qualifying the description's head ("flagship", "space")


def organisation_role(doc: Doc, name: str) -> tuple[str | None, str | None]:
    """(role, affiliation) from the first place the text describes the organisation `name`."""
    heads = lexicon_union("organization_words", "media_words")
    for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
        a = doc.token_at(m.start())
        b = doc.token_at(m.end())
        if a >= len(doc.words) or doc.starts[a] != m.start():
            continue
        t = a - 1
        if t >= 0 and doc.lower[t] in heads and not cap(doc.words[t]):
            q = t
            while q > 0 and t - q < MAX_MODIFIERS and doc.words[q - 1].isalpha():
                if cap(doc.words[q - 1]) or doc.lower[q - 1] in LEADING_DETS:
                    break
                q -= 1
            role = text_of(doc, q, t + 1)
            aff: str | None = None
            before = doc.words[q - 1] if q > 0 else ""
            if q > 1 and before in {"’s", "'s"} and cap(doc.words[q - 2]):
                aff = doc.words[q - 2]  # "Dubai's flagship carrier"
            elif cap(before) and before.endswith(("’s", "'s")):
                aff = before[:-2]
            return role, aff
        if b < len(doc.words) and doc.words[b] == ",":
            app, app_aff, _ = apposition_role(doc, b, len(doc.words))
            if app and doc.lower[b + 1] in {"a", "an"}:
                return app, app_aff  # "Kessel, a chain of 30 newspapers, …"
    return None, None
