"""Sources found on real-page patterns: given names that are also words ("Will", "May"),
unnamed groups described by a relative clause, reports as speakers, organisations known by
a short form, roles written in a relative clause. Sentences written for these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _speakers(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Source name → (kind, role, affiliation) for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role, s.affiliation) for s in a.sources if s.id in used}


def test_a_given_name_that_is_also_an_auxiliary_starts_the_name() -> None:
    text = (
        "Will Harrowgate, a tailor in the old town, said the rent had doubled. "
        "“We cannot stay,” said May Okonkwo, a baker on the same street."
    )
    got = _speakers(text)
    assert set(got) == {"Will Harrowgate", "May Okonkwo"}
    assert got["May Okonkwo"][1] == "baker"


def test_a_sentence_opening_auxiliary_in_a_question_stays_a_verb() -> None:
    text = "Will Parliament pass the bill? Nobody knows. The clerk said the vote was close."
    assert "Will Parliament" not in _speakers(text)


def test_a_group_described_by_a_relative_clause_speaks() -> None:
    text = (
        "The levy rose again in March. Harbour analysts who have studied the fees say "
        "the levy will cost farmers dearly."
    )
    got = _speakers(text)
    assert list(got) == ["Harbour analysts who have studied the fees"]
    assert got["Harbour analysts who have studied the fees"][0] == "anonymous"


def test_who_represents_gives_the_role_before_or_after_the_cue() -> None:
    text = (
        "“We hope to settle,” said Jaro Plenk, who represents Ostrova. "
        "Mila Darsz, who represents the second guard, said her client would fight."
    )
    got = _speakers(text)
    # a person represented is part of the role, not an affiliation
    assert got["Jaro Plenk"][1:] == ("representative of Ostrova", None)
    assert got["Mila Darsz"][1:] == ("representative of the second guard", None)


def _sources(text: str) -> dict[str, str]:
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: s.kind for s in a.sources if s.id in used}


def test_the_company_is_the_organisation_named_before_it() -> None:
    text = (
        "The group that owns most of her songs, Harbor Sound, says she may play them. "
        "Jane Roe got support last week, after accusing them of blocking her. "
        "But the company says she never needed their permission."
    )
    assert _sources(text) == {"Harbor Sound": "organization", "Jane Roe": "person"}


def test_a_short_form_and_initials_join_the_organisations_full_name() -> None:
    text = (
        "Kessel Capital said profits rose. Later Kessel said costs fell. "
        "Bay Nets is running the tour. According to BN, the show starts at nine."
    )
    assert _sources(text) == {"Kessel Capital": "organization", "Bay Nets": "organization"}


def test_an_organisations_scientists_are_the_organisation_but_its_lawyers_are_not() -> None:
    text = (
        "Varda Airlines said on Monday that its probe was on course. The mission may "
        "reach Europa, as Varda Airlines’s scientists have confirmed that they saw ice. "
        "Varda Airlines’s lawyers said the contract stands."
    )
    got = _sources(text)
    assert got["Varda Airlines"] == "organization"
    assert "Varda Airlines’s scientists" not in got
    assert any("lawyers" in name for name in got)


def test_it_stands_for_the_organisation_opening_a_recent_sentence() -> None:
    text = (
        "Tim Roe, president of Harbor Air, said demand was strong. Analysts agreed. "
        "As of October, Harbor Air had a fleet of 270 aircraft. In addition to its order of "
        "30 jets Wednesday, it announced an order of 50 more jets on Monday."
    )
    assert _sources(text) == {"Tim Roe": "person", "Harbor Air": "organization"}


def test_it_skips_a_sentence_opened_by_a_common_word_or_a_person() -> None:
    text = (
        "Mara Lind ran the shop for years. People who shop there liked it. "
        "Later it announced a sale of all its stock."
    )
    assert "People" not in _sources(text)
    assert "Mara Lind" not in _sources(text)


def test_an_unnamed_source_keeps_the_phrase_as_written() -> None:
    text = (
        "A person familiar with the matter said the deal was off. "
        "An airport official said flights resumed at noon."
    )
    got = _sources(text)
    assert "A person familiar with the matter" in got
    assert "An airport official" in got


def test_an_organisation_takes_the_description_written_beside_its_name() -> None:
    text = (
        "LONDON — Dubai's flagship carrier Harbor Air finalized a deal on Monday. "
        "Harbor Air said demand was strong. Kessel Co., a chain of 30 newspapers, said it "
        "lost money."
    )
    got = _speakers(text)
    assert got["Harbor Air"] == ("organization", "flagship carrier", "Dubai")
    role = got["Kessel Co."][1]
    assert role is not None and "chain" in role


def test_a_title_written_before_the_name_elsewhere_is_the_role_but_mr_is_not() -> None:
    text = (
        "When President Roe’s advisers suggested a deal, Mr. Roe wasn't satisfied. Aides "
        "gathered around Mr. Roe laughed. “I want more,” Mr. Roe said."
    )
    assert _speakers(text)["Roe"][1] == "President"


def test_an_age_then_a_home_town_gives_the_affiliation() -> None:
    text = "“This was the fourth time,” said Ravi Jabar, 24, from Punjab’s Bhatinda."
    assert _speakers(text)["Ravi Jabar"][2] == "Punjab’s Bhatinda"


def test_a_group_after_an_opening_clause_speaks_but_a_reporting_clause_is_no_group() -> None:
    text = (
        "Even if negotiators secure better access for beef, Lisbon-based analysts who have "
        "done the sums say exports will lag. Harbor Co. reported earnings that topped "
        "estimates, sending its shares up."
    )
    got = _sources(text)
    assert got["Lisbon-based analysts who have done the sums"] == "anonymous"
    assert not any("earnings" in name for name in got)


def test_he_stands_for_a_person_named_only_with_an_honorific() -> None:
    text = "Mr. Roe was not satisfied. Later, he said he pressed his team to triple the figure."
    assert _sources(text) == {"Roe": "person"}


def test_the_president_is_the_person_written_president_elsewhere() -> None:
    text = (
        "President Roe met the envoy. Mr. Roe was calm. The president says his approach has "
        "created leverage. Lena Marsh, a senator, said it would fail."
    )
    assert _sources(text) == {"Roe": "person", "Lena Marsh": "person"}


def test_papers_described_by_a_participle_clause_are_a_document_source() -> None:
    text = "Court papers obtained by our reporter on Monday showed that the guards were hurt."
    assert _sources(text) == {"Court papers": "document"}
