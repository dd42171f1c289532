"""Layer 5: tie quotations and reported clauses to the cue and the mention of who said them.
The passes live in attribution_direct (quotations) and attribution_reported (reported speech);
this module runs them in order."""

from __future__ import annotations

from reader.analysis.attribution_base import Raw
from reader.analysis.attribution_direct import DirectQuotes
from reader.analysis.attribution_reported import ReportedSpeech
from reader.analysis.cues import Cue
from reader.analysis.doc import Doc
from reader.analysis.quotes import Quotation

__all__ = ["Raw", "attribute"]


class _Attributor(DirectQuotes, ReportedSpeech):
    pass


def attribute(doc: Doc, quotes: tuple[Quotation, ...], cues: tuple[Cue, ...]) -> list[Raw]:
    """Statements (unresolved) in text order: direct quotations first claim their cues, then
    reported speech uses the cues left."""
    at = _Attributor(doc, quotes, cues)
    at.direct()
    at.reported()
    at.leftovers()
    order = sorted(range(len(at.out)), key=lambda i: at.out[i].content[0])
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        r = at.out[old]
        if r.continues is not None:
            r.continues = new_index[r.continues]
        out.append(r)
    return out
