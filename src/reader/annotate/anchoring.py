"""W3C TextQuote/TextPosition selectors and re-anchoring a highlight in changed text.

Order of trust: the old position if the quote is still there; else the quote with its context
(prefix/suffix), nearest the old position on a tie; else a fuzzy match of the quote seeded by
pieces of it and of its context that still occur. None means the highlight is orphaned: the
caller keeps it (with its quote and note) and shows it as such, never drops it.

Every step is linear in the length of the text: `str.find` scans, a bounded number of
candidates, and fuzzy comparisons whose cost depends only on the quote's length.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 32
FUZZY_THRESHOLD = 0.75
MAX_CANDIDATES = 48  # fuzzy windows compared per re-anchoring, nearest the old position first
MAX_HITS = 2000  # exact occurrences weighed by context (a one-word quote in a 1 MB text)
NEAR = 20_000  # …and those within this distance of the old position


@dataclass(frozen=True)
class TextQuoteSelector:
    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_json(self) -> dict:
        return {
            "type": "TextQuoteSelector",
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }


@dataclass(frozen=True)
class TextPositionSelector:
    start: int
    end: int

    def to_json(self) -> dict:
        return {"type": "TextPositionSelector", "start": self.start, "end": self.end}


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for the range [start, end) of text."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def selectors(text: str, start: int, end: int) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Both W3C selectors for the range [start, end) of text."""
    exact, prefix, suffix = quote_selector(text, start, end)
    return TextQuoteSelector(exact, prefix, suffix), TextPositionSelector(start, end)


def reanchor(
    text: str, exact: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """Where the quote `exact` now stands in `text`, or None when it cannot be placed."""
    if not exact:
        pos = max(0, min(old_start, len(text)))
        return (pos, pos)
    n = len(exact)
    if old_start >= 0 and text[old_start : old_start + n] == exact:
        return (old_start, old_start + n)
    hits = _find_all(text, exact, MAX_HITS)
    if len(hits) >= MAX_HITS:  # a very common quote: also weigh the ones near its old place
        lo = max(0, old_start - NEAR)
        hits += [lo + i for i in _find_all(text[lo : old_start + NEAR], exact, MAX_HITS)]
    if hits:
        best = max(
            hits,
            key=lambda i: (_context_score(text, i, n, prefix, suffix), -abs(i - old_start)),
        )
        return (best, best + n)
    return _fuzzy(text, exact, prefix, suffix, old_start)


def _find_all(text: str, needle: str, limit: int = 0) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i != -1:
        out.append(i)
        if limit and len(out) >= limit:
            break
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


def _probes(exact: str) -> list[tuple[str, int]]:
    """Pieces of the quote with their offset in it: word trigrams at its start, middle, end."""
    words = exact.split()
    out: list[tuple[str, int]] = []
    if len(words) >= 3:
        k = min(3, len(words))
        for first in {0, max(0, len(words) // 2 - 1), len(words) - k}:
            piece = " ".join(words[first : first + k])
            at = exact.find(piece)
            if at != -1:
                out.append((piece, at))
    else:
        half = len(exact) // 2
        out += [(exact[:half], 0), (exact[half:], half)]
    return [(p, at) for p, at in out if len(p) >= 4]


def _fuzzy(
    text: str, exact: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """The best span of about the quote's length whose similarity reaches FUZZY_THRESHOLD."""
    from difflib import SequenceMatcher  # only for a quote that moved: not on start-up's path

    n = len(exact)
    spans: set[tuple[int, int]] = set()
    # The context on both sides still there: the quote is what lies between.
    pre = prefix[-16:]
    suf = suffix[:16]
    if len(pre) >= 6:
        for p in _find_all(text, pre, MAX_HITS):
            a = p + len(pre)
            if len(suf) >= 6:
                b = text.find(suf, a, a + 2 * n + 16)
                if b != -1:
                    spans.add((a, b))
            spans.add((a, min(len(text), a + n)))
    if len(suf) >= 6:
        for p in _find_all(text, suf, MAX_HITS):
            spans.add((max(0, p - n), p))
    # Pieces of the quote that survived the edit.
    for piece, at in _probes(exact):
        for p in _find_all(text, piece, MAX_HITS):
            a = max(0, p - at)
            spans.add((a, min(len(text), a + n)))
    if not spans:
        return None
    nearest = sorted(spans, key=lambda s: abs(s[0] - old_start))[:MAX_CANDIDATES]
    best: tuple[float, int, int] | None = None
    for a, b in nearest:
        a, b = _align(text, exact, a, b)
        if b <= a:
            continue
        ratio = SequenceMatcher(None, text[a:b], exact, autojunk=False).ratio()
        ctx = _context_score(text, a, b - a, prefix, suffix) / (2 * CONTEXT + 1)
        score = ratio + 0.05 * ctx
        if ratio >= FUZZY_THRESHOLD and (best is None or score > best[0]):
            best = (score, a, b)
    if best is None:
        return None
    return best[1], best[2]


def _align(text: str, exact: str, a: int, b: int) -> tuple[int, int]:
    """Tighten a candidate window to where the quote's characters actually line up."""
    from difflib import SequenceMatcher

    n = len(exact)
    slack = max(8, n // 4)
    lo, hi = max(0, a - slack), min(len(text), max(b, a + n) + slack)
    region = text[lo:hi]
    blocks = [
        m
        for m in SequenceMatcher(None, exact, region, autojunk=False).get_matching_blocks()
        if m.size
    ]
    if not blocks:
        return a, b
    first, last = blocks[0], blocks[-1]
    start = lo + first.b - first.a
    end = lo + last.b + last.size + (n - last.a - last.size)
    start = max(lo, start)
    end = min(hi, end)
    return _snap(text, start, end)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace off both ends of a span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
