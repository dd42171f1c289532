"""Whether a text looks like English, cheaply: the engine's rules and lexicons read English
only, so a window can say why an article in another language shows no sources.

Two tests on letters and words, no model: most letters outside ASCII (Cyrillic, Greek,
Arabic, CJK …), or few of the very common English words (lexicons/english_markers.txt)
among the words written in Latin letters (French, German, Spanish …).
"""

from __future__ import annotations

import re

from reader.analysis.lexicons import words

MIN_LETTERS = 100  # shorter texts are not judged: too little to tell
MIN_ASCII_SHARE = 0.6  # of letters; English with some foreign names stays far above
MIN_MARKER_SHARE = 0.05  # of words; English news runs at 0.08–0.35, other languages near 0
WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


def looks_english(text: str) -> bool:
    """False when the text is long enough to tell and is mostly in another script or has few
    of the common English words; True otherwise (including when it cannot tell)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return True
    ascii_letters = sum(1 for c in letters if c.isascii())
    if ascii_letters / len(letters) < MIN_ASCII_SHARE:
        return False
    found = WORD_RE.findall(text.lower().replace("’", "'"))
    if not found:
        return True
    markers = words("english_markers")
    share = sum(1 for w in found if w in markers) / len(found)
    return share >= MIN_MARKER_SHARE
