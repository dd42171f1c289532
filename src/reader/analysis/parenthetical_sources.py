"""A source credited in the middle of a sentence ("Sales rose in May, according to the
agency, and prices fell"; "The plan, Roe said, will fail") vouches for the words on both
sides of it, not for the cue and the source's own name; "Sales rose, according to public
filings, a record for the firm" ends with the writer's gloss on the source, so only the
clause before it is vouched for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.attribution_base import trim
from reader.analysis.doc import Doc
from reader.analysis.model import Span

if TYPE_CHECKING:
    from reader.analysis.attribution_base import AttributorBase

# words opening an apposition of the source ("according to Tom Vik, a local guide")
GLOSS_OPENERS = frozenset({"a", "an"})
GLOSS_REACH = 10  # tokens an apposition of the source runs before its closing comma


def gloss_end(doc: Doc, k: int, stop: int) -> int:
    """Token after the apposition that opens with the comma at `k` ("…, a local guide,"):
    its closing comma, or `stop` when it runs to the end of the sentence; `k` when no
    apposition opens there."""
    if not (k + 1 < stop and doc.words[k] == "," and doc.lower[k + 1] in GLOSS_OPENERS):
        return k
    nxt = next((t for t in range(k + 2, min(stop, k + GLOSS_REACH)) if doc.words[t] == ","), None)
    return nxt if nxt is not None else stop


def add_around(
    attributor: AttributorBase, first: int, cue: int, resume: int, stop: int, add: Span
) -> None:
    """Split the statement just added for the sentence span `add` into the words before the
    comma at token `cue` (the comma opening "according to X") and the words from token
    `resume` to `stop`."""
    doc = attributor.doc
    if not attributor.out or attributor.out[-1].content != (add,):
        return
    before = trim(doc, doc.starts[first], doc.starts[cue])
    after = trim(doc, doc.starts[resume], doc.ends[stop - 1])
    if before and after:
        attributor.out[-1].content = (before, after)
