"""A share of the people asked as the subject of a reporting verb when it names no group:
"52 percent said …", "Now, 47% say …", "six in 10 said …", "almost half said …". The phrase
is the speaker as written (an unnamed group); coreference hands it to the poll that asked them
when one is named nearby (poll_shares)."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.mentions import Mention

# words that may open a share's phrase before its figure ("about 9 percent", "only a third")
SHARE_LEADS = frozenset(
    {
        "about",
        "almost",
        "nearly",
        "only",
        "just",
        "some",
        "around",
        "roughly",
        "another",
        "over",
        "under",
        "a",
        "an",
        "the",
        "fully",
        "exactly",
        "barely",
        "still",
        "than",
        "more",
        "less",
        "fewer",
        "large",
        "small",
        "slim",
        "narrow",
        "clear",
        "vast",
        "bare",
    }
)
# words between a share and its verb ("52 percent also said")
BEFORE_VERB = frozenset({"also", "now", "still", "even", "actually"})
NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    }
)
MAX_SHARE = 6  # tokens of "nearly nine out of 10"


def share_subject(doc: Doc, c: int, floor: int) -> Mention | None:
    """The share of people written right before the verb at token `c`, or None."""
    low = doc.lower
    e = c
    while e - 1 > floor and low[e - 1] in BEFORE_VERB:
        e -= 1
    if e - 1 < floor:
        return None
    if low[e - 1] in words("share_words") | words("share_heads"):
        a = e - 1  # "52 percent", "almost half"
    elif _figure(doc, e - 1) and e - 3 >= floor and low[e - 2] in {"in", "of"}:
        a = e - 3  # "six in 10", "nine out of 10"
        if low[a] == "out":
            a -= 1
    else:
        return None
    while (
        a - 1 >= floor
        and e - a < MAX_SHARE
        and (_figure(doc, a - 1) or low[a - 1] in SHARE_LEADS or low[a - 1] == "-")
    ):
        a -= 1
    if a > floor and doc.words[a - 1][:1].isalnum() and low[a - 1] not in {"and", "but", "while"}:
        return None  # "turnout reached 52 percent": the figure of something else
    if not any(_figure(doc, t) or low[t] in words("share_heads") for t in range(a, e)):
        return None  # "the percentage": no share named
    text = doc.text[doc.starts[a] : doc.ends[e - 1]]
    return Mention((doc.starts[a], doc.ends[e - 1]), text, text, "anonymous")


def _figure(doc: Doc, t: int) -> bool:
    """Token `t` is a number: "52", "52%", "Thirty", "seventy-four"."""
    w = doc.lower[t].rstrip("%")
    return w.replace(".", "").isdigit() or w in NUMBER_WORDS or _number_word(w)


def _number_word(w: str) -> bool:
    tens = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    return w.startswith(tens) or w in {"eleven", "twelve", "fifteen", "eighteen"}


def answer_end(doc: Doc, k: int, end: int) -> int:
    """Where the answer a share gave, from token `k`, ends: before a comparison with another
    figure ("…, compared with 41 percent for Roe", "…, 34% conservative") or a comment on it
    ("…, however …", "…, a higher level than …"), else `end`."""
    low = doc.lower
    for t in range(k + 1, end - 1):
        if low[t] == "compared":
            return t
        if low[t] in {",", "—", "–"} and (
            _figure(doc, t + 1) or low[t + 1] in {"however", "a", "an", "up", "down"}
        ):
            return t
    return end
