"""A share of the people asked ("75 percent of Democrats said …", "about half said …")
speaks through the poll that asked them: its source is the poll named in the same sentence
or the paragraphs just before ("a Harbor Daily/Tarn poll released Monday"), when there is
one. Without a poll in reach the share stays its own source."""

from __future__ import annotations

from reader.analysis.doc import Doc
from reader.analysis.lexicons import words
from reader.analysis.mentions import Mention

REACH = 900  # characters back from the share to the poll that reports it
# words of a poll's phrase before its head: "a new CNN/ORC national poll", "the latest survey"
POLL_MODIFIERS = frozenset(
    {"a", "an", "the", "new", "latest", "recent", "national", "nationwide", "online", "exit"}
)


def is_share(doc: Doc, m: Mention) -> bool:
    """`m` names a share of people: "46 percent of voters", "a large majority", "about half"."""
    if m.pronoun or m.kind == "person":
        return False
    a, b = doc.token_at(m.span[0]), doc.token_before(m.span[1]) + 1
    shares = words("share_words") | words("share_heads")
    return any(doc.lower[t] in shares for t in range(a, min(b, a + 5)))


def poll_of_share(doc: Doc, m: Mention) -> Mention | None:
    """The poll that a share of people (`m`) answered: in the same sentence, or the nearest
    before it within REACH characters; None when no poll is named there."""
    if not is_share(doc, m):
        return None
    heads = words("poll_words")
    sent = doc.sentence_of(m.span[0])
    end = sent[1] if sent is not None else m.span[1]
    t = doc.token_before(end)
    floor = doc.token_at(max(0, m.span[0] - REACH))
    share_at = doc.token_at(m.span[0])
    while t >= floor:
        if doc.lower[t] in heads and not share_at <= t < doc.token_at(m.span[1]):
            return _poll_phrase(doc, t)
        t -= 1
    return None


def _poll_phrase(doc: Doc, head: int) -> Mention:
    """The phrase ending at the poll word `head`: capitalised sponsors, "/"-joined names and
    a few plain modifiers before it ("the new Harbor Daily/Tarn poll")."""
    a = head
    while a - 1 >= 0 and head - (a - 1) <= 6:
        w = doc.words[a - 1]
        if not (w[:1].isupper() or w in {"/", "-"} or doc.lower[a - 1] in POLL_MODIFIERS):
            break
        a -= 1
    while a < head and doc.lower[a] in words("function_words") - POLL_MODIFIERS:
        a += 1  # "In a Harbor Daily poll": the preposition is no part of it
    text = doc.text[doc.starts[a] : doc.ends[head]]
    name = text.split(" ", 1)[1] if doc.lower[a] in {"a", "an", "the"} and a < head else text
    return Mention((doc.starts[a], doc.ends[head]), text, name, "document")
