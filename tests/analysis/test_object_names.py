"""A "he said" after a sentence that names someone only after a preposition ("a call with
President Ana Roe") stands for the speaker before, not for that name. Sentences written for
these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _sources_of_statements(text: str) -> list[str]:
    a = analyze(text)
    names = {s.id: s.name for s in a.sources}
    return [names[st.source] for st in a.statements]


def test_he_after_a_name_in_a_prepositional_phrase_is_the_earlier_speaker() -> None:
    text = (
        "Karl Mendt testified on Tuesday about the summit. Mendt said the talks had gone well. "
        "Mendt was the second aide who sat in on the dinner with Prime Minister Otto Vell. "
        "He said he was not worried about the menu."
    )
    got = _sources_of_statements(text)
    assert got[-1] == "Karl Mendt"


def test_he_after_a_subject_name_is_that_name() -> None:
    text = (
        "Karl Mendt testified on Tuesday about the summit. Mendt said the talks had gone well. "
        "Prime Minister Otto Vell arrived late. He said he was not worried about the menu."
    )
    got = _sources_of_statements(text)
    assert got[-1] == "Otto Vell"
