"""Layer 2: quotations in the body, including news-style quotes running over paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.analysis.model import Span

QUOTE_CHAR_RE = re.compile(r"''|[\"“”«»„]")
OPENERS = {"“": "”", "«": "»", "„": "“”"}
MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class Quotation:
    """A quotation: `span` includes the marks; `parts` are its pieces, one per paragraph."""

    span: Span
    parts: tuple[Span, ...]
    closed: bool

    @property
    def inner(self) -> Span:
        return (self.span[0] + 1, self.span[1] - 1 if self.closed else self.span[1])


def _misprinted_close(text: str, ch: str, pos: int, end: int) -> bool:
    """`“…, here,“ said X`, `“…, here," said X`: any double mark right after the quote's
    last punctuation and before a space closes it (a typesetting slip)."""
    return (
        ch in {"“", "”", '"'}
        and pos > 0
        and text[pos - 1] in ",.?!"
        and (pos + 1 >= end or text[pos + 1].isspace())
    )


def _scan(text: str, start: int, end: int) -> tuple[list[Span], int | None, int | None]:
    """Balanced quotes of one paragraph, the position of a quote left open at its end, and
    the position of a closing mark that had no opener (a quote continued from before)."""
    found: list[Span] = []
    open_at: int | None = None
    close_with = ""
    orphan_close: int | None = None
    for m in QUOTE_CHAR_RE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if open_at is None:
            if ch in {'"', "''"} or ch in OPENERS:
                open_at, close_with = pos, (ch if ch in {'"', "''"} else OPENERS[ch])
            elif orphan_close is None and not found:
                orphan_close = pos
        elif ch in close_with or ch == close_with or _misprinted_close(text, ch, pos, end):
            found.append((open_at, m.end()))
            open_at = None
    return found, open_at, orphan_close


def find_quotations(text: str, body: list[Span]) -> tuple[Quotation, ...]:
    """Quotations within body paragraphs. A quote left open at a paragraph end goes on when the
    next paragraph opens with a quote mark or closes a quote it never opened."""
    out: list[Quotation] = []
    pending: list[Span] = []  # parts of a quote still open
    for s, e in body:
        found, open_at, orphan = _scan(text, s, e)
        if pending:
            first = text[s]
            if first in '"“«„' and (not found or found[0][0] == s) and found:
                # the next paragraph re-opens: the quote goes on here
                pending.append(found.pop(0))
                out.append(Quotation((pending[0][0], pending[-1][1]), tuple(pending), True))
                pending = []
            elif first in '"“«„' and not found and open_at == s:
                pending.append((s, e))
                open_at = None
                continue
            elif orphan is not None and orphan < (found[0][0] if found else e):
                pending.append((s, orphan + 1))
                out.append(Quotation((pending[0][0], pending[-1][1]), tuple(pending), True))
                pending = []
            else:
                last = pending[-1]
                out.append(Quotation((pending[0][0], last[1]), tuple(pending), False))
                pending = []
        out.extend(Quotation(q, (q,), True) for q in found)
        if open_at is not None and e - open_at < MAX_QUOTE_CHARS:
            pending = [(open_at, e)]
    if pending:
        out.append(Quotation((pending[0][0], pending[-1][1]), tuple(pending), False))
    out.sort(key=lambda q: q.span)
    return tuple(q for q in out if q.span[1] - q.span[0] > 2)
