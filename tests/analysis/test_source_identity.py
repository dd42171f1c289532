"""Who a source is: its whole name rather than a surname, no title or organisation glued to
the name, the role and affiliation written beside it, and the right kind (a place or a company
is no person). Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _speakers(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Source name → (kind, role, affiliation) for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role, s.affiliation) for s in a.sources if s.id in used}


def test_surname_takes_the_full_name_and_the_of_affiliation_of_its_introduction() -> None:
    text = (
        "Marguerite Okafor of the Lisbon Marine Institute led the survey. "
        "“The reef is recovering,” Okafor said."
    )
    got = _speakers(text)
    assert list(got) == ["Marguerite Okafor"]
    assert got["Marguerite Okafor"][2] == "Lisbon Marine Institute"


def test_surname_takes_the_role_of_an_apposition() -> None:
    text = (
        "Prices slid all morning. Tomas Wielgosz, senior bond trader and strategist at "
        "Harrow Capital Inc., watched the screens. “It is a rout,” Wielgosz said."
    )
    kind, role, aff = _speakers(text)["Tomas Wielgosz"]
    assert kind == "person"
    assert role is not None and "trader" in role
    assert aff == "Harrow Capital Inc."


def test_two_people_sharing_a_surname_keep_the_surname() -> None:
    text = "Anna Berg and Louis Berg run the farm. “The harvest was poor,” Berg said."
    assert list(_speakers(text)) == ["Berg"]


def test_title_and_organisation_before_a_name_become_role_and_affiliation() -> None:
    text = "“We will strike,” Ohio Nurses Union President Dana Whitlock said on Friday."
    assert _speakers(text) == {"Dana Whitlock": ("person", "President", "Ohio Nurses Union")}


def test_possessive_title_before_a_name() -> None:
    text = "“The launch slips a week,” the agency's Administrator Colm Farrelly said."
    got = _speakers(text)
    assert list(got) == ["Colm Farrelly"]
    assert got["Colm Farrelly"][1] == "Administrator"


def test_interim_title_stays_with_the_title() -> None:
    text = (
        "Interim Harbor Police Chief Rafe Monteiro spoke on Monday. "
        "“We made four arrests,” Monteiro said."
    )
    kind, role, aff = _speakers(text)["Rafe Monteiro"]
    assert (kind, role, aff) == ("person", "Interim Chief", "Harbor Police")


def test_a_person_of_an_organisation_is_not_one_organisation() -> None:
    text = "“The data are clear,” said Ilse Vandermeer of the Ghent Climate Center."
    got = _speakers(text)
    assert list(got) == ["Ilse Vandermeer"]
    assert got["Ilse Vandermeer"][0] == "person"


@pytest.mark.parametrize("name", ["the Bank of Portugal", "the Friends of the Wetlands"])
def test_of_inside_an_organisation_name_stays(name: str) -> None:
    got = _speakers(f"“Rates will hold,” {name} said.")
    assert list(got) == [name.removeprefix("the ")]
    assert got[name.removeprefix("the ")][0] == "organization"


@pytest.mark.parametrize("place", ["Austria", "Kenya", "Texas", "the United States"])
def test_a_country_or_state_speaking_is_an_organisation(place: str) -> None:
    got = _speakers(f"“The border stays open,” {place} said in a note.")
    assert [k for k, _, _ in got.values()] == ["organization"]


def test_official_and_a_capital_is_the_state_even_for_a_city_in_no_list() -> None:
    got = _speakers("“No troops moved,” official Varnholm said on Sunday.")
    assert [k for k, _, _ in got.values()] == ["organization"]


def test_an_outlet_in_no_word_list_is_not_what_he_stands_for() -> None:
    text = (
        "“The roads are closed,” said Piet Harmsen, a ranger at the park, told Kestrel "
        "Dispatch. According to him, the snow will last a week."
    )
    a = analyze(text)
    for st in a.statements:
        if "snow will last" in text[st.content[0][0] : st.content[-1][1]]:
            assert a.source(st.source).name == "Piet Harmsen"
            break
    else:
        raise AssertionError("the reported statement was not found")


def test_a_name_before_a_noun_it_qualifies_is_no_antecedent() -> None:
    text = (
        "Lena Marsh has led the union since May. Harbor Ledger sources said talks stalled. "
        "“We will wait,” she said."
    )
    a = analyze(text)
    st = next(
        st for st in a.statements if "We will wait" in text[st.content[0][0] : st.content[-1][1]]
    )
    assert a.source(st.source).name == "Lena Marsh"


def test_lower_case_role_before_a_name_introduced_elsewhere() -> None:
    text = (
        "The label was bought by talent manager Ross Keeling last year. "
        "“We paid a fair price,” Keeling said."
    )
    kind, role, aff = _speakers(text)["Ross Keeling"]
    assert (kind, role, aff) == ("person", "talent manager", None)


def test_organisation_then_title_before_a_name_introduced_elsewhere() -> None:
    text = (
        "A review was opened into Harbor Trust co-founder Mina Solberg in March. "
        "“I welcome it,” Solberg said."
    )
    assert _speakers(text)["Mina Solberg"] == ("person", "co-founder", "Harbor Trust")


def test_abbreviated_title_is_written_out_and_an_honorific_is_no_role() -> None:
    got = _speakers("“The bill is dead,” Sen. Arlo Pence said. “It will pass,” Mr. Oren Wilk said.")
    assert got["Arlo Pence"][1] == "senator"
    assert got["Oren Wilk"][1] is None


@pytest.mark.parametrize(
    "text",
    [
        "“Growth was strong,” said chairman, CEO and president Dana Oakes.",
        "On Monday chairman and chief executive Dana Oakes said that growth was strong.",
    ],
)
def test_titles_joined_by_and_all_belong_to_the_role(text: str) -> None:
    kind, role, _ = _speakers(text)["Dana Oakes"]
    assert kind == "person"
    assert role is not None and role.startswith("chairman") and role.count(" ") >= 2


def test_and_inside_an_organisation_name_keeps_the_name_whole() -> None:
    text = (
        "Dr. Ines Galvao of the Ohio Department of Health and Human Services says the risk remains."
    )
    assert _speakers(text) == {
        "Ines Galvao": ("person", None, "Ohio Department of Health and Human Services")
    }


def test_two_people_joined_by_and_are_not_one_name() -> None:
    text = "Lena Marsh and Omar Haddad met on Monday. “We agree,” Haddad said."
    assert list(_speakers(text)) == ["Omar Haddad"]


@pytest.mark.parametrize(
    "text",
    [
        "We’ll start by noting that the figures are weak, the report said.",
        "BRIGHTON – Two guards were charged Tuesday with falsifying records, stating they "
        "had checked on the inmate in the hours before he died.",
    ],
)
def test_contractions_and_datelines_are_no_sources(text: str) -> None:
    names = list(_speakers(text))
    assert not any("’ll" in n or n.isupper() for n in names), names


def test_a_name_then_its_verb_is_the_person_not_the_statement() -> None:
    text = (
        "After the hearing, Mara Quist issued a statement about the charges, saying, "
        "“I am committed to this agency.”"
    )
    assert _speakers(text) == {"Mara Quist": ("person", None, None)}


def test_a_place_before_a_name_is_the_affiliation() -> None:
    got = _speakers("The envoy to Norway Hilde Strand has said that talks failed.")
    assert got == {"Hilde Strand": ("person", "envoy to Norway", "Norway")}


def test_family_name_first_joins_the_full_name() -> None:
    text = "The envoy Wen Haolin has said the city will calm. “We will not yield,” Wen said."
    assert list(_speakers(text)) == ["Wen Haolin"]


def test_an_unnamed_spokesman_is_not_the_senator_named_before() -> None:
    text = (
        "Sen. Ada Morrow said the numbers were high. The agency counts seizures by weight, "
        "an agency spokesman told us."
    )
    assert set(_speakers(text)) == {"Ada Morrow", "an agency spokesman"}  # as written


def test_a_poll_share_is_no_source() -> None:
    got = _speakers("Fifty-one percent said the economy was getting worse, the poll found.")
    assert "Fifty-one percent" not in got
    assert got.get("poll", ("",))[0] == "document"


def test_a_common_word_capitalised_is_no_person() -> None:
    got = _speakers("Prevention is key, experts said. “Health matters,” Prevention said.")
    assert got["Prevention"][0] != "person"


def test_authorities_are_an_unnamed_group() -> None:
    got = _speakers("“The water is safe,” state health authorities said on Monday.")
    assert [k for k, _, _ in got.values()] == ["anonymous"]


def test_an_adverb_in_commas_is_no_role() -> None:
    text = "Harbor Air President Tim Clark, meanwhile, told reporters that orders were strong."
    assert _speakers(text) == {"Tim Clark": ("person", "President", "Harbor Air")}


def test_a_capitalised_title_in_an_apposition_is_a_role() -> None:
    text = (
        "“It is over,” said Ilse Brandt, Research and Advocacy Director for Europe at Free "
        "Voices International."
    )
    kind, role, aff = _speakers(text)["Ilse Brandt"]
    assert kind == "person"
    assert role is not None and "Director" in role
    assert aff == "Free Voices International"


def test_a_list_after_a_name_is_no_role() -> None:
    text = (
        "The row involves Tara Quill, her former label and a couple of politicians. "
        "“I own my songs,” Quill said."
    )
    assert _speakers(text) == {"Tara Quill": ("person", None, None)}


def test_a_title_then_the_name_in_commas() -> None:
    text = (
        "He tried to work with Mr. Roe's personal lawyer, Dan Pike, on the plan. "
        "“It failed,” Pike said."
    )
    assert _speakers(text) == {"Dan Pike": ("person", "personal lawyer", "Roe")}


def test_unnamed_groups_and_states_have_their_description_as_role() -> None:
    got = _speakers("Many analysts said the deal was weak. “We disagree,” Austria said.")
    assert got["Many analysts"] == ("anonymous", "analysts", None)
    assert got["Austria"] == ("organization", "government", None)


def test_the_company_is_the_organisation_named_before() -> None:
    text = "“Sales rose,” Talbridge Inc. said on Monday. “We are growing,” the company said."
    assert _speakers(text) == {"Talbridge Inc.": ("organization", None, None)}


def test_the_ambassador_to_a_country_is_the_speaker_not_the_country() -> None:
    text = (
        "Sara Diallo arrived on Monday. Mali's ambassador to Norway accused the UK of "
        "meddling in the affair."
    )
    got = _speakers(text)
    assert "Norway" not in got
    assert got["Sara Diallo"][1] == "ambassador to Norway"


def test_a_capitalised_particle_opens_a_surname() -> None:
    text = "In a long post, Van Der Berg said the club had changed."
    assert list(_speakers(text)) == ["Van Der Berg"]


def test_a_description_later_written_before_a_name_is_that_person() -> None:
    text = (
        "Mali’s ambassador to Norway accused the UK of meddling. Mali’s ambassador to Norway "
        "Sara Diallo has said that Mali has the power to end the unrest."
    )
    assert _speakers(text) == {"Sara Diallo": ("person", "ambassador to Norway", "Mali")}


def _describe(text: str):  # type: ignore[no-untyped-def]
    from reader.analysis.doc import build
    from reader.analysis.kinds import describe
    from reader.analysis.segment import segment

    doc = build(text, segment(text))
    return describe(doc, 0, len(doc.words))


@pytest.mark.parametrize(
    "phrase",
    [
        "Speaking at a town hall event in Salem",
        "Hastily politicizing the tragedy",
        "on Saturday",
        "Dec. 6",
        "among its members on Monday",
    ],
)
def test_participles_dates_and_prepositional_phrases_name_no_speaker(phrase: str) -> None:
    assert _describe(phrase) is None


def test_company_suffix_words_make_an_organisation() -> None:
    got = _speakers("“Markets may disappoint,” said Harbor Institutional Equities.")
    assert got == {"Harbor Institutional Equities": ("organization", None, None)}


def test_an_organisation_named_after_its_description() -> None:
    text = "The company that runs the awards, Harbor Productions, denies that anything is sorted."
    assert _speakers(text) == {
        "Harbor Productions": ("organization", "company that runs the awards", None)
    }
