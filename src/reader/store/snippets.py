"""Search snippets made in Python from the stored text, instead of FTS5 snippet()/highlight().

FTS5's snippet() tokenizes the whole column and scores every match against every other, so a
12 MB page of entities takes minutes; here a hit costs one regular-expression search for the
first match (in C, stopping there) and work on a window of a few hundred characters. The
patterns follow the index's tokenizer (unicode61, remove_diacritics 2): words are runs of
letters and digits, compared without case and without accents, so "cafe" finds "Café".
Control characters and our own marker characters in the text never reach a snippet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
ELLIPSIS = "…"
BEFORE = 60  # characters of context before the first match
AFTER = 140  # characters from the first match to the end of the snippet
SCAN_CHARS = 1_000_000  # how far into a text the full pattern looks for a first match
FAR_TRIES = 50  # further on: places tried per anchor word
AHEAD_CHARS = 20_000  # after the first match, how far a window with more terms is looked for
AHEAD_MATCHES = 32  # and among how many matches
TOKEN = re.compile(r"[^\W_]+")
_COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
_WORD_CHAR = r"[^\W_]"
# Letters that may carry accents: Latin-1, Latin Extended A/B, IPA, Greek, Cyrillic, Latin
# Extended Additional, Greek Extended: most of what remove_diacritics folds. A word the
# pattern misses still is a hit; its snippet is then the title or the start of the text.
_ACCENTED = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000))
# C0 and C1 controls, DEL, and the markers themselves: never shown inside a snippet.
_UNSHOWN = re.compile(f"[\x00-\x1f\x7f-\x9f{MARK_OPEN}{MARK_CLOSE}]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    """One quoted chunk of a query as the index sees it: its folded words, read as a phrase;
    `prefix` when the last word may be the start of a longer word."""

    words: tuple[str, ...]
    prefix: bool = False


def fold(text: str) -> str:
    """Lower case without accents: how the index compares words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each plain letter → the accented letters that fold to it (built once, ~2k characters)."""
    out: dict[str, set[str]] = {}
    for lo, hi in _ACCENTED:
        for cp in range(lo, hi):
            c = chr(cp)
            f = fold(c)
            if len(f) == 1 and f != c.lower():
                out.setdefault(f, set()).add(c)
    return {k: "".join(sorted(v)) for k, v in out.items()}


def _letter_chars(ch: str) -> set[str]:
    """The characters that read as one folded letter: its cases and its accented forms."""
    chars = {ch, ch.upper(), *_variants().get(ch, "")}
    chars |= {c.upper() for c in list(chars)}
    return {c for c in chars if len(c) == 1}


def _class(chars: set[str]) -> str:
    return f"[{re.escape(''.join(sorted(chars)))}]" if len(chars) > 1 else re.escape(*chars)


def _letter(ch: str) -> str:
    """A character class for one folded letter (spelled out rather than re.IGNORECASE, which
    makes every step of a long scan slower)."""
    return _class(_letter_chars(ch))


def _word_rest(word: str, prefix: bool) -> str:
    """A word's pattern after its first letter: the start-of-word check comes after that
    letter, so that the scan looks for the letter first (five times faster over a long text
    than a lookbehind at every place)."""
    body = f"(?<!{_WORD_CHAR}.)" + _COMBINING
    body += "".join(_letter(ch) + _COMBINING for ch in word[1:])
    # A prefix match marks the whole word it starts, as FTS5's highlight() did.
    tail = f"(?:{_WORD_CHAR}|{_COMBINING[:-1]})*" if prefix else f"(?!{_WORD_CHAR})"
    return body + tail


@lru_cache(maxsize=64)
def terms_pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of the terms (a phrase: its words with anything but letters
    and digits between them), or None when no term has a word."""
    firsts: list[set[str]] = []
    rests: list[str] = []
    for term in terms:
        if not term.words:
            continue
        last = len(term.words) - 1
        words = [_word_rest(w, term.prefix and i == last) for i, w in enumerate(term.words)]
        # after the first word's first letter: that word's rest, then the next words whole
        later = [_letter(w[0]) + rest for w, rest in zip(term.words[1:], words[1:], strict=True)]
        firsts.append(_letter_chars(term.words[0][0]))
        rests.append(r"[\W_]+".join([words[0], *later]))
    if not rests:
        return None
    # One named group per term, so that a match tells which term it is (see `locate`). The
    # pattern opens with one class of every term's first letter, then tells the terms apart:
    # re scans fast for a pattern that opens with a class, slowly for an alternation of them
    # (a two-word query's snippets were 10 times slower than a one-word query's).
    if len(rests) == 1:
        return re.compile(f"(?P<t0>{_class(firsts[0])}{rests[0]})")
    branches = "|".join(
        f"(?<={_class(first)})(?P<t{i}>{rest})"
        for i, (first, rest) in enumerate(zip(firsts, rests, strict=True))
    )
    return re.compile(f"{_class(set().union(*firsts))}(?:{branches})")


def anchors(terms: tuple[Term, ...]) -> tuple[str, ...]:
    """Plain strings one of which starts every match (each term's first word as written in
    lower case, Capitalised or in capitals), for finding a match far into a long text with
    str.find; a word written with accents there is not found this way."""
    out: list[str] = []
    for term in terms:
        if term.words:
            w = term.words[0]
            out += [v for v in (w, w.capitalize(), w.upper()) if v not in out]
    return tuple(out)


def _shown(text: str) -> str:
    return _UNSHOWN.sub(" ", text)


def first_match(
    text: str, pattern: re.Pattern[str] | None, starts: tuple[str, ...] = ()
) -> re.Match[str] | None:
    """The first place the terms occur in the text, with bounded work: the pattern scans the
    first SCAN_CHARS; further on, only places where one of `starts` (see `anchors`) occurs
    are tried, at most FAR_TRIES of each."""
    if pattern is None:
        return None
    head_end = min(len(text), SCAN_CHARS)
    if head_end < len(text):  # never cut a word at the end of the scan
        space = text.rfind(" ", 0, head_end)
        head_end = space if space > 0 else head_end
    found = pattern.search(text, 0, head_end)
    if found is not None or head_end >= len(text):
        return found
    return _far_match(text, pattern, starts, max(0, head_end - 1))


def _far_match(
    text: str, pattern: re.Pattern[str], starts: tuple[str, ...], begin: int
) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for start in starts:
        end = best.start() if best is not None else len(text)  # only an earlier match counts
        pos, tries = text.find(start, begin, end), 0
        while pos >= 0 and tries < FAR_TRIES:
            m = pattern.match(text, pos)
            if m is not None:
                best = m
                break
            pos, tries = text.find(start, pos + 1, end), tries + 1
    return best


def locate(
    text: str, pattern: re.Pattern[str] | None, starts: tuple[str, ...] = ()
) -> re.Match[str] | None:
    """Where a snippet of the text should start: at the first match, or a little further on
    where a snippet would show more of the different terms (the earliest such place)."""
    first = first_match(text, pattern, starts)
    if first is None or pattern is None or pattern.groups < 2:
        return first
    found: list[re.Match[str]] = []
    for m in pattern.finditer(text, first.start(), min(len(text), first.start() + AHEAD_CHARS)):
        found.append(m)
        if len(found) >= AHEAD_MATCHES:
            break
        # Once a window ending here holds every term, no earlier-starting window can hold
        # them all later on: the rest of the text need not be scanned.
        reach = m.end() - AFTER
        if len({f.lastgroup for f in found if f.start() >= reach}) == pattern.groups:
            break
    best, shown = first, 0
    for i, m in enumerate(found):
        terms = set()
        for f in found[i:]:  # in order and not overlapping: the ends grow too
            if f.end() > m.start() + AFTER:
                break
            terms.add(f.lastgroup)
        if len(terms) > shown:
            best, shown = m, len(terms)
    return best


def marked(text: str, pattern: re.Pattern[str] | None) -> str:
    """A short text (a title, a source name) with every match marked."""
    return _mark(text, 0, len(text), pattern).strip()


def snippet(text: str, at: re.Match[str], pattern: re.Pattern[str]) -> str:
    """A window of the text around a match, matches marked, "…" where the text is cut."""
    start = max(0, at.start() - BEFORE)
    if start > 0:
        space = text.find(" ", start, at.start())
        start = space + 1 if space >= 0 else start
    end = min(len(text), at.start() + AFTER)
    end = max(end, at.end())
    if end < len(text):
        space = text.rfind(" ", at.end(), end)
        end = space if space > at.end() else end
    body = _mark(text, start, end, pattern).strip()
    return f"{ELLIPSIS if start > 0 else ''}{body}{ELLIPSIS if end < len(text) else ''}"


def plain(text: str, length: int = BEFORE + AFTER) -> str:
    """The start of a text, unmarked (when the terms cannot be placed in it)."""
    cut = text[:length]
    more = ELLIPSIS if len(text) > length else ""
    return _SPACES.sub(" ", _shown(cut)).strip() + more


def _mark(text: str, start: int, end: int, pattern: re.Pattern[str] | None) -> str:
    parts: list[str] = []
    pos = start
    if pattern is not None:
        for m in pattern.finditer(text, start, end):
            if m.end() == m.start():
                continue
            parts += [_shown(text[pos : m.start()]), MARK_OPEN, _shown(m.group()), MARK_CLOSE]
            pos = m.end()
    parts.append(_shown(text[pos:end]))
    return _SPACES.sub(" ", "".join(parts))
