"""Quotations without a cue of their own: after a person's reported words one goes on with
that statement (one statement of two parts), and after `, noting that …` the participle
reports its own clause instead of introducing the next quotation."""

from __future__ import annotations

from statement_lists import statements_with_kind

from reader.analysis import analyze


def test_a_quote_after_reported_words_goes_on_with_them() -> None:
    text = (
        "Tram plans\n\n"
        "Councillor Mara Voss said the tram line would cut journeys across the river. “It will "
        "change how this city moves, and nobody will miss the old buses.”"
    )
    found = statements_with_kind(text)
    assert found == [
        (
            "Councillor Mara Voss",
            "mixed",
            [
                "the tram line would cut journeys across the river",
                "“It will change how this city moves, and nobody will miss the old buses.”",
            ],
        )
    ]


def test_the_next_paragraphs_quote_goes_on_with_the_reported_words() -> None:
    text = (
        "Tram plans\n\n"
        "Councillor Mara Voss said on Tuesday that the tram line would cut journeys across "
        "the river.\n\n"
        "“It will change how this city moves. Nobody will miss the old buses.”\n\n"
        "The line opens in May."
    )
    voss = [
        parts for name, _kind, parts in statements_with_kind(text) if name == "Councillor Mara Voss"
    ]
    assert voss == [
        [
            "the tram line would cut journeys across the river",
            "“It will change how this city moves. Nobody will miss the old buses.”",
        ]
    ]


def test_a_survey_paraphrased_does_not_own_the_quote_after_it() -> None:
    text = (
        "Tram plans\n\n"
        "A city survey found that most riders want later trams on weekends.\n\n"
        "“We have waited for this for years and years.”"
    )
    found = statements_with_kind(text)
    assert all("waited" not in " ".join(parts) for _name, _kind, parts in found)


def test_a_participle_with_a_clause_of_its_own_reports_that_clause() -> None:
    text = (
        "Bridge works\n\n"
        "“The bridge is safe,” Ines Moreau said, noting that the inspectors had found no cracks "
        "in the deck. “We will open it to traffic on Monday.”"
    )
    found = statements_with_kind(text)
    assert ("Ines Moreau", "indirect", ["the inspectors had found no cracks in the deck"]) in found
    assert ("Ines Moreau", "direct", ["“We will open it to traffic on Monday.”"]) in found


def test_a_participle_that_opens_the_quote_is_its_cue() -> None:
    text = (
        "Bridge works\n\n"
        "“The bridge is safe,” Ines Moreau said, adding, “We will open it to traffic on Monday.”"
    )
    a = analyze(text)
    cues = [text[st.cue[0] : st.cue[1]] for st in a.statements if st.cue]
    assert cues == ["said", "adding"]
