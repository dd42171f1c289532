"""Quotations whose speaker tag is long: the name right after the quotation, then several
asides (a party, an age, a home town, a role, a relative clause) before the verb; and a cue
with an `about …` phrase before a quoted sentence; a quoted utterance that ends on its own
punctuation (“Close the pier!”) keeps the writer's clause after it out of its content."""

from __future__ import annotations

from statement_lists import statements


def test_a_party_code_then_a_role_before_the_verb() -> None:
    text = (
        "Ferry levy\n\n"
        "The council voted on Tuesday.\n\n"
        "“If the board wanted a new pier, it would simply go and build one,” Rep. Ada Lindqvist "
        "(D-Maine), a member of the harbour panel, said in a phone interview."
    )
    found = statements(text)
    assert (
        "Ada Lindqvist",
        ["“If the board wanted a new pier, it would simply go and build one,”"],
    ) in found


def test_a_role_then_a_second_aside_before_the_verb() -> None:
    text = (
        "Ferry levy\n\n"
        "The council voted on Tuesday.\n\n"
        "“It is a raid on every commuter’s wallet,” Oskar Brandt, the county treasurer, one of "
        "the officials suing the board, said at a meeting this month."
    )
    found = statements(text)
    assert ("Oskar Brandt", ["“It is a raid on every commuter’s wallet,”"]) in found


def test_an_age_a_town_and_a_relative_clause_before_the_verb() -> None:
    text = (
        "Ferry levy\n\n"
        "The poll of 800 islanders was taken last week.\n\n"
        "“Both plans frighten me,” Greta Holm, 52, of Vik, who was among those polled, said in "
        "an interview. “We need a fare that working people can pay.”"
    )
    found = statements(text)
    names = [name for name, parts in found if "“Both plans frighten me,”" in parts]
    assert names == ["Greta Holm"]


def test_a_quoted_sentence_after_said_about() -> None:
    text = (
        "Ferry levy\n\n"
        "The board has kept the levy for three years.\n\n"
        "Mayor Tove Lind said about the vote, “I support commuters making their own choices.”"
    )
    found = statements(text)
    assert ("Tove Lind", ["“I support commuters making their own choices.”"]) in found


def test_a_whole_quoted_utterance_does_not_take_the_writers_clause_after_it() -> None:
    text = (
        "Ferry levy\n\n"
        "The council met on Tuesday.\n\n"
        "As the mayor walked in, the dock workers chanted “Close the pier!” as they had for "
        "earlier speakers.\n\n"
        "Lind says “the tide is with us” despite the loss."
    )
    found = statements(text)
    contents = [parts for _, parts in found]
    assert ["“Close the pier!”"] in contents
    assert ["“the tide is with us” despite the loss"] in contents


def test_a_generational_suffix_ends_the_speakers_name() -> None:
    text = (
        "Ferry levy\n\n"
        "The council voted on Tuesday.\n\n"
        "“We cannot have the whole town talking at the same time,” said Sen. Carl Moberg Jr., "
        "a member of the harbour panel.\n\n"
        "“The levy will rise again next year, and the year after,” Arne Dahl Jr. said on Monday."
    )
    names = {name for name, _ in statements(text)}
    assert any(n.startswith("Carl Moberg") for n in names)
    assert any(n.startswith("Arne Dahl") for n in names)


def test_a_time_adverb_and_a_manner_adverb_before_the_cue() -> None:
    text = (
        "Ferry levy\n\n"
        "The council voted on Tuesday.\n\n"
        "Co-host Ann Berg then loudly asked, “Really? Is that what you think of the islands?”"
    )
    found = statements(text)
    assert ("Ann Berg", ["“Really? Is that what you think of the islands?”"]) in found
