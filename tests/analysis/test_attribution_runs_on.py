"""Quotations that carry on the writer's sentence: one opening in lower case after a comma
takes the clause before it (mixed), and two joined by "and" after one cue are one statement."""

from __future__ import annotations

from reader.analysis import analyze


def _statements(text: str) -> list[tuple[str, str, list[str]]]:
    a = analyze(text)
    return [
        (a.source(st.source).name, st.kind, [text[s:e] for s, e in st.content])
        for st in a.statements
    ]


def test_a_lower_case_quotation_after_a_comma_takes_the_clause_before_it() -> None:
    clause = "The harbour fund, set up by the council in May, “pays for every repair on the pier,”"
    text = f"Harbour fund\n\n{clause} Ines Moreau said."
    assert _statements(text) == [("Ines Moreau", "mixed", [clause])]


def test_a_quoted_sentence_after_an_opening_phrase_stays_a_quotation() -> None:
    text = (
        "Harbour fund\n\n"
        "In a short statement, “We will pay for every repair on the pier,” Ines Moreau said."
    )
    assert _statements(text) == [
        ("Ines Moreau", "direct", ["“We will pay for every repair on the pier,”"])
    ]


def test_two_quotations_joined_by_and_after_one_cue_are_one_statement() -> None:
    text = (
        "Harbour march\n\n"
        "Outside the town hall, the marchers chanted “Open the harbour” and “No more tolls.”"
    )
    found = _statements(text)
    assert [parts for _name, _kind, parts in found] == [["“Open the harbour” and “No more tolls.”"]]
