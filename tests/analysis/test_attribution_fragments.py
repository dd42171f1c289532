"""Attribution of quoted fragments inside reported speech: a naming verb's quotation ends what
it reports, and a scare-quoted phrase before `, saying …` does not hide the speaker."""

from __future__ import annotations

from statement_lists import statements


def test_a_naming_verb_reports_up_to_the_end_of_its_quotation() -> None:
    text = (
        "Harbour dues\n\n"
        "In a post on Sunday, Mayor Tove Lind called the ferry board the “worst landlord on the "
        "coast,” linking to a story about the rising dues.\n\n"
        "Lind has described the new levy as “a tax on commuters,” and her staff has fought it "
        "for a year."
    )
    contents = [parts[0] for name, parts in statements(text) if "Lind" in name]
    assert "the ferry board the “worst landlord on the coast,”" in contents
    assert "the new levy as “a tax on commuters,”" in contents


def test_a_scare_quote_before_saying_leaves_the_clause_to_the_subject() -> None:
    text = (
        "Harbour dues\n\n"
        "Ola Brekke gave a long defence of “island values,” saying the ferry was the lifeline "
        "of every village on the fjord."
    )
    found = statements(text)
    assert ("Ola Brekke", ["the ferry was the lifeline of every village on the fjord"]) in found


def test_a_gloss_after_a_quoted_clause_is_the_writers() -> None:
    text = (
        "Harbour dues\n\n"
        "Ola Brekke, the harbour master, spoke on Monday.\n\n"
        "Brekke said the ferry would “never be sold” at any price, a swipe at the offers "
        "made by the mainland board last winter."
    )
    found = statements(text)
    assert ("Ola Brekke", ["the ferry would “never be sold” at any price"]) in found


def test_a_share_of_those_asked_gives_a_quoted_answer() -> None:
    text = (
        "Harbour poll\n\n"
        "Islanders were asked how likely a new ferry was by spring. Most were hopeful, but "
        "12 percent said “not at all likely.”"
    )
    found = statements(text)
    # the answer is the share's (the poll's, when one is named, as here the title)
    assert ["“not at all likely.”"] in [parts for _name, parts in found]


def test_a_pronoun_written_with_its_auxiliary_is_the_subject() -> None:
    text = (
        "Harbour dues\n\n"
        "Ola Brekke, the harbour master, spoke on Monday. He’s predicting the ferry will be "
        "“full every morning” by June.\n\n"
        "“The board knows he’s saying what the town wants,” Tom Fisk said."
    )
    found = statements(text)
    assert ("Ola Brekke", ["the ferry will be “full every morning” by June"]) in found
    # inside a quotation, "he’s saying" is Fisk's words, not a report of Brekke's
    assert not any(parts == ["what the town wants"] for _name, parts in found)


def test_a_naming_verb_keeps_the_predicate_going_on_after_its_quotation() -> None:
    text = (
        "Harbour dues\n\n"
        "Mayor Tove Lind called the new pier “a first step” for the villages along the fjord.\n\n"
        "Lind called the ferry board “a disgrace” in an interview on Monday."
    )
    contents = [parts[0] for name, parts in statements(text) if "Lind" in name]
    assert "the new pier “a first step” for the villages along the fjord" in contents
    assert "the ferry board “a disgrace”" in contents


def test_a_quoted_fragment_inside_a_reported_clause_keeps_the_clause() -> None:
    text = (
        "Harbour dues\n\n"
        "The council met on Monday.\n\n"
        "Ola Brekke said last week that the mayor represents “city values.”\n\n"
        "The board chairman wrote on Tuesday night he considered Lind the “likely winner.”"
    )
    contents = [parts[0] for _, parts in statements(text)]
    assert "the mayor represents “city values.”" in contents
    assert "“city values.”" not in contents
    assert "“likely winner.”" not in contents
