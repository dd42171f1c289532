"""Paraphrases, beliefs and intentions the reported-speech passes find (issue 11): each class
with sentences that must be attributed (speaker as written, content) and near misses that
must not be. All sentences are made up for these tests."""

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
        # a headline putting a claim in a speaker's mouth
        (
            "Mayor Roe: The harbor bridge will reopen by May.\n\nThe mayor spoke at the depot.",
            "Mayor Roe",
            "The harbor bridge will reopen by May",
        ),
        # the speaker labels of a transcript, upper case or not
        (
            "The interview followed.\n\nJANE ROE: We never planned to close the library early.\n\n"
            "Lee: Well, the budget left you little choice in the matter.",
            "JANE ROE",
            "We never planned to close the library early",
        ),
        (
            "The interview followed.\n\nJANE ROE: We never planned to close the library early.\n\n"
            "Lee: Well, the budget left you little choice in the matter.",
            "Lee",
            "Well, the budget left you little choice in the matter",
        ),
        # an intention declined, up to the next clause
        (
            "The hearing ended late. The harbor authority declined to comment on the new lease, "
            "and council aides said the vote would wait.",
            "The harbor authority",
            "to comment on the new lease",
        ),
        # a hope in the past, with its clause
        (
            "The race tightened. Jane Roe hoped that the river wards would swing back in spring.",
            "Jane Roe",
            "the river wards would swing back in spring",
        ),
        # a stance taken on something: its object, without when it was taken
        (
            "The debate was tense. Senator Lee criticized the ferry contract during the forum.",
            "Senator Lee",
            "the ferry contract",
        ),
        (
            "The board met. Jane Roe praised the new tram line and promised two more by 2030.",
            "Jane Roe",
            "the new tram line",
        ),
        # a share of the people asked, with no group named, up to a comparison
        (
            "The ferry poll was long. Now, 52 percent said the mayor would do better, compared "
            "with 41 percent for Lee.",
            "52 percent",
            "the mayor would do better",
        ),
        (
            "Riders were asked again. Nearly nine out of 10 say they will need a second line.",
            "Nearly nine out of 10",
            "they will need a second line",
        ),
        # what a speaker calls for, to the end of its clause but not a clause after ", but"
        (
            "The spill spread. The mayor called for a ban on river dredging in May after the "
            "spill, but the council waited.",
            "The mayor",
            "a ban on river dredging in May after the spill",
        ),
        (
            "The board met. Jane Roe called on the port to publish its accounts in a statement.",
            "Jane Roe",
            "the port to publish its accounts",
        ),
        # a stance against something: its object
        (
            "The vote came late. Jane Roe rejected the harbor plan on Monday.",
            "Jane Roe",
            "the harbor plan",
        ),
        (
            "The ferry stopped twice. The mayor blamed the storm for the delays.",
            "The mayor",
            "the storm for the delays",
        ),
    ],
)
def test_paraphrase_found(text: str, speaker: str, content: str) -> None:
    assert (speaker, content) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        # a headline's kicker, a question, a list under a place, a short item of a list
        "The Latest: Roe wins the harbor district by a wide margin.\n\nVoters came early.",
        "Jane Roe: a reformer or just another career politician?\n\nShe runs again.",
        "The delegates came from three states.\n\nOhio: Jane Roe, John Lee, Ann Moe, Tom Poe.",
        "The candidates have plans.\n\nRoe: Win in a walk.",
        "Big Win For Roe: Union Holds Off On Its Endorsement.\n\nThe union met.",
        # a figure that declined, a stance verb with no object after it
        "Ferry fares declined to $4 million in 2020 from $5 million a decade before.",
        "Freight revenue declined sharply over the winter months, the port's ledgers show.",
        "The plan to widen the harbor road, which the mayor criticized, went ahead.",
        # a stance verb as an adjective
        "The rejected plan went back to the harbor board in May.",
        # a call as a noun
        "His call for a ban on river dredging went nowhere in the council.",
        # a figure of something else before a verb
        "Turnout in the harbor wards reached 52 percent and stayed there.",
    ],
)
def test_paraphrase_not_found(text: str) -> None:
    assert _found(text) == []


def test_a_stance_verb_inside_a_quotation_reports_nothing_of_its_own() -> None:
    text = "The hearing ended. “I am rejecting the harbor plan today,” the mayor said."
    assert _found(text) == [("the mayor", "“I am rejecting the harbor plan today,”")]
