"""Sources that do not stand as the subject of their reporting verb (issue 11): the agent of
a passive ("was told by X to …"), someone a cause makes speak ("prompted X to argue that …"),
and a source cited by a reporter ("citing X"). Sentences written for these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _speakers(text: str) -> dict[str, str]:
    """Source name → kind, for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: s.kind for s in a.sources if s.id in used}


def _said_by(text: str, name: str) -> list[str]:
    """The contents of the statements of the source called `name`."""
    a = analyze(text)
    ids = {s.id for s in a.sources if s.name == name}
    return [text[c[0] : c[1]] for st in a.statements if st.source in ids for c in st.content]


def test_the_agent_of_a_passive_reporting_verb_speaks() -> None:
    text = (
        "The clerk said she was told by deputy mayor Ilse Varga to close the archive before "
        "the audit began."
    )
    assert "Ilse Varga" in _speakers(text)
    assert any("close the archive" in c for c in _said_by(text, "Ilse Varga"))


def test_a_passive_agent_after_an_aside_speaks() -> None:
    text = (
        "Drivers were told by Corvina Freight — the largest haulier in the port — that their "
        "contracts would end in May."
    )
    assert "Corvina Freight" in _speakers(text)


def test_a_passive_without_an_agent_names_no_speaker() -> None:
    text = "The residents were told to leave their homes before the storm reached the coast."
    assert _speakers(text) == {}


def test_someone_a_cause_makes_speak_is_the_speaker() -> None:
    text = (
        "The new parking fees prompted some shop owners to argue that the town centre would "
        "empty within a year."
    )
    got = _speakers(text)
    assert "some shop owners" in got
    assert any("town centre would empty" in c for c in _said_by(text, "some shop owners"))


def test_led_someone_to_announce_names_the_announcer() -> None:
    text = "Falling demand led the Danish brewer to announce it would close two plants."
    assert "Danish brewer" in " ".join(_speakers(text))


def test_a_cause_without_a_reporting_verb_names_no_speaker() -> None:
    text = "The heavy rain led the council to close the bridge for a week."
    assert _speakers(text) == {}


def test_a_source_cited_by_an_outlet_speaks_too() -> None:
    text = (
        "The Kestrel Times, citing a senior port official, reported that the ferry line "
        "would be sold in spring."
    )
    got = _speakers(text)
    assert "Kestrel Times" in got
    assert any("port official" in name for name in got)


def test_citing_a_reason_is_no_source() -> None:
    text = (
        "The governor said the bridge would stay shut, citing the risk of further landslides "
        "along the river."
    )
    assert not any("risk" in name for name in _speakers(text))


def test_the_company_is_the_organisation_opening_a_sentence_before_it() -> None:
    text = (
        "Petrel Airways opened a route to the islands in 2021. There are now four "
        "flights a week on the route, according to the company."
    )
    got = _speakers(text)
    assert got == {"Petrel Airways": "organization"}


def test_the_company_and_its_pronoun_stay_with_the_organisation_named_before() -> None:
    text = (
        "Larkspur Studios says the singer may perform her old songs on Friday. "
        "But the company says she never needed its permission. "
        "“We have never blocked a concert,” it said in a statement."
    )
    got = _speakers(text)
    assert "company" not in got
    assert got.get("Larkspur Studios") == "organization"


def test_the_group_is_the_group_written_before_it() -> None:
    text = (
        "Two hundred cleaners will lose their jobs, according to a group of employees. "
        "The group said the offer was confusing and added that workers had been given a week."
    )
    got = _speakers(text)
    assert list(got) == ["a group of employees"]


def test_the_brokerage_is_the_firm_whose_report_spoke_before() -> None:
    text = (
        "“Growth will slow,” said a report from Fenwick Capital Markets. "
        "“We see risks ahead,” Fenwick Capital Markets said. "
        "A long slowdown could hurt demand for steel, the brokerage said."
    )
    got = _speakers(text)
    assert "brokerage" not in got
    assert len(got) == 1


def test_an_indefinite_description_is_someone_new() -> None:
    text = (
        "Corrin Vale said the pier was safe. "
        "A spokesman said the pier would need repairs within a year."
    )
    got = _speakers(text)
    assert set(got) == {"Corrin Vale", "A spokesman"}


def test_the_subject_of_a_clause_opened_by_a_conjunction_speaks() -> None:
    text = (
        "Before Ostrava's chief coroner concluded that the climber died of a fall, rumours "
        "spread across the valley."
    )
    got = _speakers(text)
    assert "chief coroner" in " ".join(got)
    said = _said_by(text, next(iter(got)))
    assert said and all("rumours" not in c for c in said)  # the main clause is not hers


def test_a_state_before_a_which_clause_speaks() -> None:
    text = "The fugitive fought extradition to Portugal, which accuses him of selling secrets."
    assert _speakers(text) == {"Portugal": "organization"}


def test_what_someone_described_as_a_quoted_phrase_is_theirs() -> None:
    text = (
        "The singer left the contest in what judge Orla Finch described as “the toughest "
        "call of the whole season.”"
    )
    assert "Orla Finch" in _speakers(text)


def test_what_someone_said_without_a_quotation_stays_unattributed() -> None:
    text = "The plan is not what the minister said it would be when it was announced."
    assert "minister" not in " ".join(_speakers(text))


def test_the_phrase_after_with_speaks_through_its_participle() -> None:
    text = (
        "The charity believes that the flood damage is far worse, with some local reports "
        "suggesting that hundreds of homes were lost."
    )
    got = _speakers(text)
    assert "some local reports" in got
    assert any("hundreds of homes" in c for c in _said_by(text, "some local reports"))


def test_according_to_after_a_said_credits_the_outlet_too() -> None:
    text = (
        "“The bridge is not safe and it never was,” the engineer said, according to "
        "the Dunmore Courier."
    )
    got = _speakers(text)
    assert "Dunmore Courier" in got
    assert any("bridge is not safe" in c for c in _said_by(text, "Dunmore Courier"))


def test_a_name_after_his_predecessor_speaks_not_the_one_who_tells() -> None:
    text = (
        "She said her predecessor, Marta Quill, had warned that the budget would not last the year."
    )
    # her warning is told inside what "she" said (one statement, see test_nested_reports.py);
    # Marta Quill is still a cited source, under her own name and role
    quill = [s for s in analyze(text).sources if s.name == "Marta Quill"]
    assert quill and quill[0].role == "predecessor"
    assert any("budget would not last" in c for c in _said_by(text, "She") + _said_by(text, "she"))


def test_a_thing_before_a_name_between_commas_gives_no_person() -> None:
    text = (
        "The firm that owns her songs, Dorrow Tunes, says she may sing them at the gala on Sunday."
    )
    assert _speakers(text).get("Dorrow Tunes") == "organization"


def test_testified_before_a_committee_without_a_clause_is_no_statement() -> None:
    text = "Ines Moro testified before the harbour committee in the inquiry into the fire."
    assert _speakers(text) == {}


def test_testified_before_a_committee_that_reports_the_clause() -> None:
    text = "Ines Moro testified before the harbour committee that the alarms had failed."
    assert _said_by(text, "Ines Moro") == ["the alarms had failed"]


def test_court_records_and_court_documents_are_one_source() -> None:
    text = (
        "The guards skipped their rounds, according to court records. "
        "The cameras were switched off for an hour, according to court documents."
    )
    assert list(_speakers(text)) == ["court records"]


def test_a_town_speaking_is_its_government() -> None:
    assert _speakers("The town said the ferry would run again in May.") == {"town": "organization"}


def test_professionals_opening_a_sentence_are_an_unnamed_group() -> None:
    got = _speakers("Doctors said the girl was recovering well after the fall.")
    assert list(got.values()) == ["anonymous"]


def test_a_quantifier_and_a_noun_are_one_subject() -> None:
    got = _speakers("Some reports suggest that forty boats were lost in the storm.")
    assert list(got) == ["Some reports"]


def test_the_n_year_old_is_the_person_given_that_age() -> None:
    text = (
        "Hana Ode, 61, met her lawyer Piet Ros in the morning. "
        "The 61-year-old said the eviction notice had come without warning."
    )
    assert _speakers(text) == {"Hana Ode": "person"}


def test_the_n_year_old_is_the_one_who_spoke_just_before() -> None:
    text = (
        "“We lost everything,” said Hana Ode. "
        "The 61-year-old added that the insurer had not called back."
    )
    assert _speakers(text) == {"Hana Ode": "person"}


def test_a_subject_ends_at_its_past_tense_verb() -> None:
    text = (
        "Within hours, some of the mayor’s critics took to the radio, claiming that the "
        "contract had been rigged."
    )
    assert "some of the mayor’s critics" in _speakers(text)


def test_agree_that_reports_a_belief() -> None:
    got = _speakers("Most growers agree that the new subsidy came far too late.")
    assert got == {"Most growers": "anonymous"}


def test_agreed_to_is_no_statement() -> None:
    assert _speakers("The union agreed to end the strike on Monday.") == {}


def test_assumed_and_recognized_report_beliefs() -> None:
    text = (
        "At first, her doctor assumed she had a mild chest infection. "
        "Later councils have, however, recognized that the levy was unfair."
    )
    got = _speakers(text)
    assert any("doctor" in name for name in got)
    assert "Later councils" in got


def test_a_post_shown_above_is_a_source_and_keeps_its_phrase() -> None:
    text = (
        "While the post shown above claimed that the bridge had closed, other accounts "
        "gave a different date:"
    )
    got = _speakers(text)
    assert list(got) == ["post shown above"]
    assert _said_by(text, "post shown above") == ["the bridge had closed"]


def test_is_concerned_about_reports_a_stance() -> None:
    text = "Norway is also concerned about the pace of the talks on fishing quotas."
    assert _speakers(text) == {"Norway": "organization"}


def test_officials_are_confident_that_reports_a_belief() -> None:
    text = "Harbour officials are confident that the new sea wall will hold."
    assert _said_by(text, "Harbour officials") == ["the new sea wall will hold"]


def test_spoken_out_against_reports_a_stance() -> None:
    text = "The actor Lena Moss has spoken out against the closure of the old theatre."
    assert "Lena Moss" in _speakers(text)


def test_concerned_residents_are_no_statement() -> None:
    assert _speakers("Concerned residents met in the hall on Monday night.") == {}


def test_an_inspector_generals_office_finds_like_a_report() -> None:
    text = (
        "The inspector general's office found that the port authority had overpaid two contractors."
    )
    got = _speakers(text)
    assert got == {"inspector general's office": "organization"}


def test_someone_finding_a_thing_is_no_statement() -> None:
    assert _speakers("The hikers found that the trail had been closed for a week.") == {}


def test_lawmakers_expressing_outrage_over_something_speak() -> None:
    text = (
        "The warden appeared before the committee, where lawmakers expressed outrage over "
        "the failures in the night shift."
    )
    assert _speakers(text) == {"lawmakers": "anonymous"}


def test_a_stance_inside_someone_elses_words_is_theirs() -> None:
    text = (
        "She recalled the meeting, in which he said others had raised concerns about the "
        "missing files."
    )
    assert not any("others" in name for name in _speakers(text))


def test_a_source_cited_as_people_familiar_speaks() -> None:
    text = (
        "The ferry line will be sold, the Kestrel Times reported, citing two people familiar "
        "with the talks."
    )
    assert any("people familiar" in name for name in _speakers(text))


def test_analysts_polled_by_a_firm_expecting_a_figure_speak() -> None:
    text = (
        "The retailer earned $1.10 a share. Analysts polled by Harbor Data were expecting "
        "$1.02 a share on revenue of $3.1 billion."
    )
    assert _speakers(text) == {"Analysts polled by Harbor Data": "anonymous"}


def test_a_company_expecting_a_figure_is_no_forecaster() -> None:
    assert _speakers("The retailer expected sales to fall in the winter months.") == {}
