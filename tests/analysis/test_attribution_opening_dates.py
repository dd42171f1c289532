"""A sentence opening on a full date (`On July 6, 2015, Roe …`) still has its subject after
the year: the speaker who introduces a quotation in the next paragraph."""

from __future__ import annotations

from statement_lists import statements


def test_a_full_date_before_the_subject_of_a_colon_paragraph() -> None:
    quote = (
        "“For young people who have left school and are between 17 and 20, the real jobless "
        "rate on the islands is 51 percent.”"
    )
    text = (
        "Ferry levy\n\n"
        "The council met on Tuesday.\n\n"
        "On March 3, 2019, Ola Lind made the following comment:\n\n" + quote + "\n"
    )
    assert ("Ola Lind", [quote]) in statements(text)


def test_a_sentence_opening_on_a_date_and_a_participle() -> None:
    text = (
        "Ferry levy\n\n"
        "On May 2, 2020, Mayor Tove Lind closed the pier, saying the ferry board had broken "
        "every promise it made."
    )
    found = statements(text)
    assert ("Tove Lind", ["the ferry board had broken every promise it made"]) in found
