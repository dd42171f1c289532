"""W3C TextQuote/TextPosition selectors and re-anchoring a highlight in changed text.

Order of trust: the old position if the quote is still there; else the quote with its context
(prefix/suffix) nearest the old position; else the bare quote; else a fuzzy match of the quote.
"""

from __future__ import annotations

from difflib import SequenceMatcher

CONTEXT = 32


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for the range [start, end) of text."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def reanchor(
    text: str, exact: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """Where the quote `exact` now stands in `text`, or None when it cannot be placed."""
    if not exact:
        return (min(old_start, len(text)), min(old_start, len(text)))
    n = len(exact)
    if text[old_start : old_start + n] == exact:
        return (old_start, old_start + n)
    hits = _find_all(text, exact)
    if hits:
        best = max(hits, key=lambda i: (_context_score(text, i, n, prefix, suffix), -abs(i - old_start)))
        return (best, best + n)
    return _fuzzy(text, exact, prefix, suffix, old_start)


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _context_score(text: str, i: int, n: int, prefix: str, suffix: str) -> int:
    before = text[max(0, i - len(prefix)) : i]
    after = text[i + n : i + n + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _common_prefix(a: str, b: str) -> int:
    k = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        k += 1
    return k


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _fuzzy(text: str, exact: str, prefix: str, suffix: str, old_start: int) -> tuple[int, int] | None:
    """Best window of about the quote's length whose similarity is at least 0.8.

    Candidates are anchored on where the quote's first or last words, or its context, still
    occur, so the cost stays linear in the text rather than quadratic."""
    n = len(exact)
    seeds: set[int] = set()
    words = exact.split()
    probes = [" ".join(words[:3]), " ".join(words[-3:])] if len(words) >= 3 else [exact[: n // 2], exact[n // 2 :]]
    for k, probe in enumerate(probes):
        if not probe:
            continue
        for i in _find_all(text, probe):
            seeds.add(i if k == 0 else i + len(probe) - n)
    for ctx, is_prefix in ((prefix, True), (suffix, False)):
        if len(ctx) >= 8:
            for i in _find_all(text, ctx):
                seeds.add(i + len(ctx) if is_prefix else i - n)
    best: tuple[float, int, int] | None = None
    for seed in seeds:
        for delta in (-4, -2, 0, 2, 4):
            for length in (n - 4, n - 2, n, n + 2, n + 4):
                a = max(0, seed + delta)
                b = min(len(text), a + max(1, length))
                ratio = SequenceMatcher(None, text[a:b], exact, autojunk=False).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, a, b)
    if best is None or best[0] < 0.8:
        return None
    _, a, b = best
    return (a, b)
