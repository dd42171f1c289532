"""Quotations inside the writer's sentence: one opening in lower case after a comma takes the
clause before it (mixed), two joined by "and" after one cue are one statement, and a quotation in
an opening phrase is not what a tag reporting its own clause after it says."""

from __future__ import annotations

from statement_lists import statements_with_kind


def test_a_lower_case_quotation_after_a_comma_takes_the_clause_before_it() -> None:
    clause = "The harbour fund, set up by the council in May, “pays for every repair on the pier,”"
    text = f"Harbour fund\n\n{clause} Ines Moreau said."
    assert statements_with_kind(text) == [("Ines Moreau", "mixed", [clause])]


def test_a_quoted_sentence_after_an_opening_phrase_stays_a_quotation() -> None:
    text = (
        "Harbour fund\n\n"
        "In a short statement, “We will pay for every repair on the pier,” Ines Moreau said."
    )
    assert statements_with_kind(text) == [
        ("Ines Moreau", "direct", ["“We will pay for every repair on the pier,”"])
    ]


def test_two_quotations_joined_by_and_after_one_cue_are_one_statement() -> None:
    text = (
        "Harbour march\n\n"
        "Outside the town hall, the marchers chanted “Open the harbour” and “No more tolls.”"
    )
    found = statements_with_kind(text)
    assert [parts for _name, _kind, parts in found] == [["“Open the harbour” and “No more tolls.”"]]


def test_a_quotation_in_an_opening_phrase_is_not_what_the_tag_after_it_reports() -> None:
    text = (
        "Ferry talks\n\n"
        "Walking into the hall to chants of “Ines! Ines!,” the councillor said her campaign was "
        "closing strong."
    )
    assert statements_with_kind(text) == [
        ("councillor", "indirect", ["her campaign was closing strong"])
    ]


def test_a_quoted_phrase_before_a_bare_tag_stays_the_speakers() -> None:
    text = (
        "Ferry talks\n\nThe new fares are “a burden on every family,” Ines Moreau said on Friday."
    )
    assert statements_with_kind(text) == [
        ("Ines Moreau", "mixed", ["The new fares are “a burden on every family,”"])
    ]
