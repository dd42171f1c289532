"""Statements introduced by a speaker's name and a colon at the start of a line: a headline
that puts words in someone's mouth ("Roe: The budget will pass") and the speaker labels of a
transcript ("ROE: We will see.", "Jane Roe: Well, …"). The rest of the line is what was said.
Run after the other passes, on lines none of their statements touches."""

from __future__ import annotations

from reader.analysis.attribution_base import QUOTE_MARKS, AttributorBase, trim
from reader.analysis.cues import Cue
from reader.analysis.kinds import describe
from reader.analysis.lexicons import places, words
from reader.analysis.names import LEADING_DETS

MAX_LABEL = 4  # tokens of a speaker's label ("Jane Q. Roe")
MIN_WORDS = 3  # words of a headline's claim ("Roe: I'm staying")
MIN_LINE_WORDS = 5  # words of a transcript's turn: shorter lines are a list's items
NAME_WORDS = frozenset({"of", "and", "&"})  # "Bank of Tarn:", "Roe and Lee:"
SPEAKER_KINDS = frozenset({"person", "organization", "media"})


def colon_speakers(at: AttributorBase) -> None:
    """Add a statement for each line opening with `NAME:` whose name reads as a speaker."""
    doc = at.doc
    kickers = words("headline_labels")
    taken = sorted(p for r in at.out for p in r.content)
    for seg in doc.segments:
        if seg.kind not in {"paragraph", "title"}:
            continue
        s, e = seg.span
        a = doc.token_at(s)
        colon = next(
            (
                t
                for t in range(a + 1, min(a + MAX_LABEL + 1, len(doc.words)))
                if doc.words[t] == ":"
            ),
            None,
        )
        if colon is None or doc.starts[colon] >= e:
            continue
        label = doc.words[a:colon]
        if not all(w[:1].isupper() or w in {".", "-"} for w in label):
            continue  # "See live results here:": a sentence, not a name
        label_words = set(doc.lower[a:colon])
        if label_words & (words("anonymous_words") | words("written_pieces")):
            continue  # "Officials:", "Column:": no one named, or a kind of article
        if doc.lower[a] in LEADING_DETS or label_words & kickers:
            continue  # "The Latest:", "Exclusive:", "Poll:": a kicker, not a speaker
        if label_words & (words("function_words") - NAME_WORDS):
            continue  # "Big Win For Roe:", "Fix Is In:": a phrase, not a name
        m = describe(doc, a, colon)
        if m is None or m.pronoun or m.descriptive or m.kind not in SPEAKER_KINDS:
            continue
        if m.text in places():
            continue  # "Ohio: Jane Roe, John Doe, …": a list under a place's name
        content = trim(doc, doc.ends[colon], e)
        if content is None:
            continue
        b = doc.token_before(content[1]) + 1
        n = sum(1 for w in doc.words[colon + 1 : b] if w[:1].isalpha())
        if n < (MIN_WORDS if s == 0 else MIN_LINE_WORDS) or 3 * doc.words[colon:b].count(",") >= n:
            continue  # a figure, a short item, a list of names
        if s == 0 and doc.text[content[1] - 1] == "?":
            continue  # "Roe: a reformer or a careerist?": a headline asking, nobody speaking
        if any(x < content[1] and content[0] < y for x, y in taken):
            continue
        if doc.text[content[0]] in QUOTE_MARKS and at.overlaps_direct(content):
            continue
        cue = Cue((doc.starts[colon], doc.ends[colon]), colon, colon + 1, "label", "colon")
        at.add(content, m, cue)
