"""Attribution patterns of news prose measured on PolNeAR (issue 11, part D): a quotation
introduced by a clause and a colon, beliefs reported without "that", quotations that carry on
a speaker's quote in the same paragraph. Sentences written for these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _statements(text: str) -> list[tuple[str, list[str]]]:
    """(source name, content parts) of each statement, in text order."""
    a = analyze(text)
    names = {s.id: s.name for s in a.sources}
    return [(names[st.source], [text[s:e] for s, e in st.content]) for st in a.statements]


def test_a_clause_ending_in_a_colon_introduces_its_subjects_quotation() -> None:
    text = (
        "The ferry ran late again on Monday.\n\n"
        "Mayor Ilse Varga returned to her favourite theme: “The harbour will be rebuilt by "
        "spring, and the ferry with it.”"
    )
    got = _statements(text)
    assert len(got) == 1
    name, parts = got[0]
    assert name == "Ilse Varga"
    assert parts == ["“The harbour will be rebuilt by spring, and the ferry with it.”"]


def test_a_quoted_word_after_a_colon_is_no_statement() -> None:
    text = "The shop window carried one sign: “Closed.” Nobody knew why."
    assert _statements(text) == []


def test_a_belief_without_that_is_reported() -> None:
    text = "Bram Oduya thinks the new bridge will open a year late."
    got = _statements(text)
    assert got == [("Bram Oduya", ["the new bridge will open a year late"])]


def test_a_hope_to_do_something_is_no_statement() -> None:
    text = "Bram Oduya hopes to open the new bridge next year."
    assert _statements(text) == []


def test_a_second_quotation_in_the_paragraph_continues_the_first() -> None:
    text = (
        "Tamsin Roe said: “The plan is sound and the money is there.” “We will start "
        "building in the spring, once the ground is dry.”"
    )
    got = _statements(text)
    assert len(got) == 1
    assert got[0][0] == "Tamsin Roe"
    assert len(got[0][1]) == 2


def test_a_middle_initial_does_not_end_reported_speech() -> None:
    text = "Ana Pell said that President Harold W. Brandt had cut the harbour budget twice."
    got = _statements(text)
    assert got == [("Ana Pell", ["President Harold W. Brandt had cut the harbour budget twice"])]


def test_a_long_aside_between_the_name_and_said_keeps_the_speaker() -> None:
    text = (
        "Mira Solberg, the chair of the harbour committee, a body that has fought the levy "
        "for years on behalf of the fishing fleet, said the fee would be halved in March."
    )
    got = _statements(text)
    assert got == [("Mira Solberg", ["the fee would be halved in March"])]


def test_said_in_a_long_setting_then_that_reports_the_clause() -> None:
    text = (
        "Jonas Frei said in an interview with the Harbour Weekly Ledger last month that the "
        "port would close by winter."
    )
    got = _statements(text)
    assert got == [("Jonas Frei", ["the port would close by winter"])]


def test_a_second_cue_between_two_quotations_makes_two_statements() -> None:
    text = (
        "“The ferry is not for sale,” said Oskar Lind, adding, “We will run it ourselves "
        "until the council finds the money.”"
    )
    got = _statements(text)
    assert [name for name, _ in got] == ["Oskar Lind", "Oskar Lind"]
    assert [len(parts) for _, parts in got] == [1, 1]


def test_a_manner_of_speaking_after_a_quotation_is_its_cue() -> None:
    text = (
        "Greta Moss had waited an hour.\n\n“Open the gates before the crowd grows,” the guard "
        "barked at the driver."
    )
    got = _statements(text)
    assert got == [("guard", ["“Open the gates before the crowd grows,”"])]


def test_a_clause_with_including_or_whose_stays_in_what_was_said() -> None:
    text = (
        "Ana Pell said the levy had hurt the fishing towns, including the two on the northern "
        "coast. Jonas Frei said the port would lose its ferry, whose owners have left."
    )
    got = _statements(text)
    assert got == [
        (
            "Ana Pell",
            ["the levy had hurt the fishing towns, including the two on the northern coast"],
        ),
        ("Jonas Frei", ["the port would lose its ferry, whose owners have left"]),
    ]


def test_a_pronoun_and_a_short_verb_phrase_after_a_quotation_name_its_speaker() -> None:
    text = (
        "Mara Quist chairs the ferry board. “We kept the ferry running for ten years,” Olle "
        "Brand said.\n\n“It would cost far too much to replace the old engines,” she went on."
    )
    a = analyze(text)
    last = a.statements[-1]
    assert last.source_mention is not None
    assert text[last.source_mention[0] : last.source_mention[1]] == "she"
