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
    open_len: int = 1  # 2 for a quote opened with two apostrophes (`''…''`)
    close_len: int = 1

    @property
    def inner(self) -> Span:
        return (
            self.span[0] + self.open_len,
            self.span[1] - self.close_len if self.closed else self.span[1],
        )


def _quotation(text: str, parts: list[Span], closed: bool) -> Quotation:
    span = (parts[0][0], parts[-1][1])
    open_len = 2 if text.startswith("''", span[0]) else 1
    close_len = 2 if closed and text.endswith("''", 0, span[1]) else 1
    return Quotation(span, tuple(parts), closed, open_len, close_len)


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
    curly_at: int | None = None  # a curly quote opened inside one opened by a straight mark
    for m in QUOTE_CHAR_RE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if open_at is not None and close_with == '"' and ch in {"“", "”"}:
            if ch == "“" and not _misprinted_close(text, ch, pos, end):
                curly_at = pos
                continue
            if ch == "”" and curly_at is not None and '"' not in text[m.end() : end]:
                # `"Roe walked in, chanting “Vote!”` and no straight mark after: the straight
                # one was a stray, the curly pair is the quotation
                found.append((curly_at, m.end()))
                open_at = curly_at = None
                continue
        if open_at is None:
            if ch in {'"', "''"} or ch in OPENERS:
                open_at, close_with = pos, (ch if ch in {'"', "''"} else OPENERS[ch])
            elif orphan_close is None and not found:
                orphan_close = pos
        elif ch in close_with or ch == close_with or _misprinted_close(text, ch, pos, end):
            # `''… 'go home,''' said X`: the single mark of a quote inside closes first
            stop = m.end() + (ch == "''" and text.startswith("'", m.end()))
            found.append((open_at, stop))
            open_at = curly_at = None
    return found, open_at, orphan_close


def _tagged(text: str, q: Span, end: int) -> bool:
    """The quotation `q` ends on a comma inside its marks and the paragraph goes on after it
    (`“…,” she said.`): a speaker tag follows."""
    inner = text[q[0] : q[1]].rstrip("\"”'’ ")
    return inner.endswith(",") and bool(text[q[1] : end].strip())


def find_quotations(text: str, body: list[Span]) -> tuple[Quotation, ...]:
    """Quotations within body paragraphs. A quote left open at a paragraph end goes on when the
    next paragraph opens with a quote mark or closes a quote it never opened."""
    out: list[Quotation] = []
    pending: list[Span] = []  # parts of a quote still open
    after_tag = False  # the open quote has a lead-in (a speaker, a tag) in its paragraph
    for s, e in body:
        found, open_at, orphan = _scan(text, s, e)
        if pending:
            first = "“" if text.startswith("''", s) else text[s]
            if (
                after_tag
                and first in '"“«„'
                and found
                and found[0][0] == s
                and _tagged(text, found[0], e)
            ):
                # `He said, “B…` or `“A,” he said. “B…` ¶ `“C,” he said …`: B's speaker is
                # known and C, tagged again, is a new quotation; B ends with its paragraph
                out.append(_quotation(text, pending, False))
                pending = []
            elif first in '"“«„' and (not found or found[0][0] == s) and found:
                # the next paragraph re-opens: the quote goes on here
                pending.append(found.pop(0))
                out.append(_quotation(text, pending, True))
                pending = []
            elif first in '"“«„' and not found and open_at == s:
                pending.append((s, e))
                open_at = None
                continue
            elif orphan is not None and orphan < (found[0][0] if found else e):
                pending.append((s, orphan + 1))
                out.append(_quotation(text, pending, True))
                pending = []
            else:
                out.append(_quotation(text, pending, False))
                pending = []
        out.extend(_quotation(text, [q], True) for q in found)
        if open_at is not None and e - open_at < MAX_QUOTE_CHARS:
            pending = [(open_at, e)]
            after_tag = open_at > s + 1
    if pending:
        out.append(_quotation(text, pending, False))
    out.sort(key=lambda q: q.span)
    return tuple(q for q in out if q.span[1] - q.span[0] > 2)
