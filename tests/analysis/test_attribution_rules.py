"""Rules for reported speech added from error analysis on news: each with a sentence that must
be attributed (speaker as written, content) and a near miss that must not be."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _found(text: str) -> list[tuple[str, str]]:
    a = analyze(text)
    out = []
    for st in a.statements:
        s, e = st.content[0][0], st.content[-1][1]
        w = text[st.source_mention[0] : st.source_mention[1]] if st.source_mention else ""
        out.append((w, text[s:e]))
    return out


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # an adverbial before the subject pronoun
        (
            "The council met again. On Tuesday she said the plant would close by spring.",
            "she",
            "the plant would close by spring",
        ),
        # a descriptive subject not in any lexicon, with "said"
        (
            "The session ran late. The veteran negotiator said the talks had stalled over fees.",
            "The veteran negotiator",
            "the talks had stalled over fees",
        ),
        # a share of a polled group
        (
            "The survey was long. About 12 percent of farmers said they had no insurance at all.",
            "About 12 percent of farmers",
            "they had no insurance at all",
        ),
        # a quoted fragment ending the clause carries the comma before "she said"
        (
            'The council met. The closure was "heartbreaking," she said.',
            "she",
            'The closure was "heartbreaking,"',
        ),
        # a lower-case title opening the name before an apposition
        (
            "The vote failed. Former senator Tom Reed, a close ally, said in an interview "
            "that the mayor should resign.",
            "Former senator Tom Reed",
            "the mayor should resign",
        ),
        # the subject of a first verb speaks after "but"
        (
            "The plant shut. A spokesman for the firm declined to comment but said "
            "the workers would be paid in full.",
            "A spokesman for the firm",
            "the workers would be paid in full",
        ),
        # an interjected "however" between the verb and its clause
        (
            "The plant shut. He said, however, that the workers would be paid in full.",
            "He",
            "the workers would be paid in full",
        ),
    ],
)
def test_rule_finds(text: str, speaker: str, content: str) -> None:
    assert (speaker, content) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        # "that" clause is a relative clause, not speech
        "The veteran negotiator who said nothing left the room early.",
        # a passive "was said" has no speaker here
        "On Tuesday it was said the plant would close by spring.",
        # "but" joining a clause whose subject is a thing, not a speaker
        "The road is open but said to be dangerous at night.",
        # a quote closing on a full stop does not give the clause to the next sentence's verb
        'The closure was "heartbreaking." Then she left the hall.',
    ],
)
def test_rule_does_not_match(text: str) -> None:
    assert _found(text) == []


def test_a_hedge_belongs_to_its_own_clause_only():
    from reader.analysis import analyze

    text = (
        "The governor accused the union of allegedly blocking the port, announced new patrols "
        "along the coast, and promised that the ferries would sail on time."
    )
    a = analyze(text)
    by_content = {text[st.content[0][0] : st.content[-1][1]]: st.hedges for st in a.statements}
    blocked = next(h for c, h in by_content.items() if "blocking the port" in c)
    patrols = next(h for c, h in by_content.items() if "new patrols" in c)
    assert blocked == ("allegedly",) and patrols == ()
