"""A quotation that opens in lower case after a comma carries on the writer's sentence: the
statement is the whole clause (mixed), not the quoted words alone."""

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
