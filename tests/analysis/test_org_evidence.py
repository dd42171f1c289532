"""A one-word name first read as a person's is an organisation's when the article writes it as
an employer, as the short form of a longer organisation name, or as the owner of a workforce;
"the group" after "a group of …" is that group. Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _sources(text: str) -> dict[str, tuple[str, str | None]]:
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role) for s in a.sources if s.id in used}


@pytest.mark.parametrize(
    "text",
    [
        "Quillory head Dana Marsh left in May. Quillory said on Monday that sales would rise.",
        "“Sales will rise,” said Oren Blau, an analyst at Quillory. Quillory said it agreed.",
        "Quillory employees were told to stay home. Quillory said the office would reopen.",
        "Most of Quillory’s 3,000 employees work remotely. Quillory said the office would reopen.",
        "Quillory, which owns 40 mills, said on Monday that prices would rise.",
        "Shares of Quillory (QLRY.O) fell. Quillory said on Monday that prices would rise.",
    ],
)
def test_a_name_written_as_an_employer_is_an_organisation(text: str) -> None:
    assert _sources(text)["Quillory"][0] == "organization"


def test_the_short_form_of_an_organisation_name_keeps_its_description() -> None:
    text = (
        "The investment firm Brannock Capital owns twelve papers. "
        "Brannock on Friday announced that it would buy two more."
    )
    assert _sources(text)["Brannock"] == ("organization", "investment firm")


def test_a_role_with_a_company_after_at_stays_a_persons() -> None:
    text = (
        "Tarun Vaidya, Head of Research at Lumen Securities, pointed out that banks led the "
        "rally. Vaidya said more gains were likely."
    )
    assert _sources(text)["Tarun Vaidya"][0] == "person"


def test_a_person_with_a_spokesman_stays_a_person() -> None:
    text = "Dorrance spokesman Eli Rusk declined to comment. Dorrance said the vote would pass."
    assert _sources(text)["Dorrance"][0] == "person"


def test_the_group_is_the_group_introduced_before_it() -> None:
    text = (
        "Quillory employees were told to stay home, according to a group of workers. "
        "The group said on Twitter that the plan was unfair."
    )
    found = analyze(text)
    names = {found.source(st.source).name for st in found.statements}
    assert "Quillory" not in names, names


def test_two_entries_of_one_organisation_name_are_one_source() -> None:
    from reader.analysis.coref import Entity
    from reader.analysis.merges import _same_name

    first = Entity("Quillory", "organization", spans={(0, 8)})
    second = Entity("Quillory", "organization", spans={(90, 98)})
    person = Entity("Quillory", "person", spans={(120, 128)})
    entities = [first, second, person]
    assert _same_name(entities, [0, 1, 2], 1) == 0
    assert _same_name(entities, [0, 1, 2], 0) is None
    assert _same_name(entities, [0, 1, 2], 2) is None


def test_a_name_described_next_as_a_company_is_one() -> None:
    text = "Quillory said prices would rise. The shoe retailer also said it would close 40 stores."
    assert _sources(text) == {"Quillory": ("organization", "shoe retailer")}


def test_a_name_described_next_by_its_campaign_stays_a_person() -> None:
    text = "Dorrance said the vote would pass. The senator’s campaign raised $2 million."
    assert _sources(text)["Dorrance"][0] == "person"


def test_a_unit_of_a_company_is_an_organisation() -> None:
    text = "Quillory, a unit of Tarn Holdings, said prices would rise."
    assert _sources(text)["Quillory"] == ("organization", "unit")
