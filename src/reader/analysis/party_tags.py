"""Party-and-state tags after a politician's name ("Sen. Jane Roe (D-Mont.)", "Rep. Ann Lee,
R-Texas, said"): the tag, as written, is the person's affiliation (party and state) when the
text gives no other."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from reader.analysis.doc import Doc
from reader.analysis.names import text_of

# "D-Mont", "R-Texas", "I-Vt", "D-N.Y" (the tokenizer leaves a final dot apart), "R" in "(R)"
_TAG_RE = re.compile(r"[DRI](?:-[A-Z][A-Za-z.]*)?")


def is_party_tag(aff: str) -> bool:
    """ "R-Texas", "D-N.Y.": a party-and-state tag (an affiliation, not someone represented)."""
    return "-" in aff and _TAG_RE.fullmatch(aff.removesuffix(".")) is not None


class Person(Protocol):
    name: str
    kind: str
    affiliation: str | None


def party_tag(doc: Doc, k: int) -> str | None:
    """The tag opened by token k ("(" or "," right after a name), with its closing dot
    ("R-Neb."), when one stands there and is closed by ")" or a comma or the sentence's end."""
    wd = doc.words
    if not (k + 2 < len(wd) and wd[k] in {"(", ","} and _TAG_RE.fullmatch(wd[k + 1])):
        return None
    closer = ")" if wd[k] == "(" else ","
    if "-" not in wd[k + 1] and closer != ")":
        return None  # ", R," is no tag
    e = k + 2
    if "-" in wd[k + 1] and wd[e] == "." and e + 1 < len(wd) and wd[e + 1] == closer:
        return text_of(doc, k + 1, e + 1)  # "R-Neb." keeps its abbreviation's dot
    if wd[e] == closer or (closer == "," and wd[e] == "."):
        return text_of(doc, k + 1, e)  # "…, R-Texas." ends the sentence
    return None


def add_party_tags(doc: Doc, people: Sequence[Person], index: dict[str, list[int]]) -> None:
    """Give each person without an affiliation the party tag written after their name."""
    for e in people:
        if e.kind != "person" or e.affiliation or not e.name[:1].isupper():
            continue
        surname = e.name.split()[-1]
        for j in index.get(surname, []):
            tag = party_tag(doc, j + 1)
            if tag is not None:
                e.affiliation = tag
                break
