"""Attribution of the sources rarely found: documents that "find" or "show", outlets credited
("As the Ledger reported, …"), speakers named after the clause with a time phrase."""

from __future__ import annotations

from reader.analysis import analyze


def _found(text: str) -> list[tuple[str, str, str]]:
    """(source name, source kind, content) of every statement, in text order."""
    a = analyze(text)
    out = []
    for st in a.statements:
        src = a.source(st.source)
        assert src is not None
        out.append((src.name, src.kind, " | ".join(text[s:e] for s, e in st.content)))
    return out


def test_a_study_that_found_is_a_document_speaking():
    text = "The study found that short naps improve recall in older adults."
    assert _found(text) == [("study", "document", "short naps improve recall in older adults")]


def test_a_report_that_shows_is_a_document_speaking():
    text = "A new report shows that rents in the harbour district rose by a fifth."
    ((name, kind, content),) = _found(text)
    assert kind == "document" and "report" in name
    assert content == "rents in the harbour district rose by a fifth"


def test_people_who_find_something_are_not_reporting_it():
    text = "Divers found that the hull had been cut open below the waterline."
    assert _found(text) == []


def test_reports_after_some_is_a_noun_not_a_reporting_verb():
    text = "With some reports suggesting that dozens were hurt, the city asked for calm."
    assert all(not name.lower().startswith("with") for name, _k, _c in _found(text))


def test_speaker_after_the_clause_with_a_day():
    text = "The ferry will not sail until the storm passes, said the Harbor Council on Tuesday."
    assert _found(text) == [
        ("Harbor Council", "organization", "The ferry will not sail until the storm passes")
    ]


def test_speaker_after_the_clause_with_a_date():
    text = "The dam will be repaired by spring, said Ilse Brandvold on Monday, November 4."
    assert _found(text) == [("Ilse Brandvold", "person", "The dam will be repaired by spring")]


def test_outlet_credited_with_as_reported():
    text = "As the Evening Ledger has reported, the bridge was built without any permits."
    ((name, _kind, content),) = _found(text)
    assert name == "Evening Ledger"
    assert content == "the bridge was built without any permits"


def test_as_expected_is_not_a_credit():
    text = "As expected, the vote failed by a wide margin in the upper house."
    assert _found(text) == []


def test_manner_adverb_between_speaker_and_cue():
    text = "“Can I bring my dog along?” Lena Ortiz tearfully asked before thanking the crew."
    assert _found(text) == [("Lena Ortiz", "person", "“Can I bring my dog along?”")]


def test_embedded_post_is_signed_by_the_line_under_it():
    text = (
        "The island will get a new ferry next year.\n\n"
        "Thanks for everything, coach. Good luck and see you again my friend.\n\n"
        "— Petra Lind (@petralind) November 19, 2019\n\n"
        "The club has won five games this season."
    )
    assert _found(text) == [
        (
            "Petra Lind",
            "person",
            "Thanks for everything, coach. Good luck and see you again my friend.",
        )
    ]


def test_recounted_is_a_cue_for_a_quotation():
    text = "“We had the deal done by noon,” Mr. Halvard recounted at a meeting on Friday."
    ((name, _kind, content),) = _found(text)
    assert name.endswith("Halvard") and content == "“We had the deal done by noon,”"


def test_a_group_that_believes_is_a_source():
    text = "Many analysts believe that the central bank will cut rates again in June."
    assert _found(text) == [
        ("Many analysts", "anonymous", "the central bank will cut rates again in June")
    ]


def test_an_organisation_that_worries_is_a_source():
    text = "The dockworkers' union worries that the new cranes will cost hundreds of jobs."
    ((name, _kind, content),) = _found(text)
    assert "union" in name and content == "the new cranes will cost hundreds of jobs"


def test_a_hope_without_that_clause_is_no_statement():
    assert _found("Maria Berg hopes to win the seat she lost four years ago.") == []


def test_a_belief_inside_what_someone_said_is_not_a_second_statement():
    text = "Tomas Ek said the mayor hopes that the tunnel will open before winter."
    ((name, _kind, _content),) = _found(text)
    assert name == "Tomas Ek"


def test_she_said_is_the_speaker_not_the_person_named_in_her_aside():
    text = (
        "Anna Kroll, who was treated by neurologist Ruth Hale for two years, said the pills "
        'helped. "I slept for the first time in months," she said.'
    )
    assert [name for name, _k, _c in _found(text)] == ["Anna Kroll", "Anna Kroll"]


def test_a_progressive_reporting_verb_has_its_subject_as_speaker():
    text = "Coastal health authorities are reporting that a second swimmer has fallen ill."
    ((name, _kind, content),) = _found(text)
    assert name == "Coastal health authorities" and content == "a second swimmer has fallen ill"


def test_party_in_parentheses_after_the_speaker_of_a_quotation():
    text = (
        "The vote is set for Friday.\n\n"
        "“Schools must reopen,” Sen. Ruth Caine (D-Ore.) said Tuesday. "
        "“Children are losing a year.”"
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Ruth Caine"
    assert content == "“Schools must reopen,” | “Children are losing a year.”"


def test_an_unnamed_group_opening_the_sentence_speaks():
    text = "Farm groups have warned that the new tariffs will ruin small growers."
    assert _found(text) == [("Farm groups", "anonymous", "the new tariffs will ruin small growers")]


def test_an_unnamed_group_with_its_place_speaks():
    text = "Shippers across the region say they have no choice but to raise prices."
    ((name, kind, _content),) = _found(text)
    assert (name, kind) == ("Shippers across the region", "anonymous")


def test_a_clause_opening_the_sentence_is_no_group():
    text = "While some neighbours said the fence was too high, the council approved it."
    assert all("neighbours" not in name for name, _k, _c in _found(text))


def test_a_quote_inside_a_participle_clause_is_not_the_first_quote_continued():
    text = (
        "“I regard Peter as an old friend,” Hanna Lind told the paper, noting that she and "
        "her husband “have regularly met him.”"
    )
    found = _found(text)
    assert found[0] == ("Hanna Lind", "person", "“I regard Peter as an old friend,”")
    assert found[1][2] == "she and her husband “have regularly met him.”"


def test_a_signature_on_the_line_under_a_quotation():
    text = (
        "The debate ran late.\n\n"
        '"I will look into it. I do not know the status, but I will look into it."\n\n'
        "- Mara Quist.\n\n"
        "The vote is on Friday."
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Mara Quist" and content.startswith('"I will look into it.')


def test_however_between_the_cue_and_the_quotation():
    text = "Olsen acknowledged, however, “As they say, past results are no guide to the future.”"
    assert _found(text) == [
        ("Olsen", "person", "“As they say, past results are no guide to the future.”")
    ]


def test_charged_introduces_a_quotation():
    text = "“You have called voters lazy and spoiled,” Kelly Marsh charged in her first question."
    assert _found(text) == [("Kelly Marsh", "person", "“You have called voters lazy and spoiled,”")]


def test_a_middle_initial_does_not_end_the_speaker_sentence():
    text = (
        "The vote is on Friday.\n\n"
        '"He would be a great senator. Not good, great," Rep. Anna B. Holm said in an interview.'
    )
    ((name, _kind, _content),) = _found(text)
    assert name == "Anna B. Holm"


def test_a_party_code_after_the_speaker_is_no_apposition():
    text = (
        "The vote is on Friday.\n\n"
        "“Our view is that the veto will fail,” Senate Leader Carl Berg, R-Ky., said Tuesday."
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Carl Berg" and content == "“Our view is that the veto will fail,”"


def test_two_outlets_credited_with_as_both_reported():
    text = (
        "As both the Evening Ledger and Harbor Radio have reported, the bridge was built "
        "without any permits."
    )
    found = _found(text)
    assert sorted(name for name, _k, _c in found) == ["Evening Ledger", "Harbor Radio"]
    assert {c for _n, _k, c in found} == {"the bridge was built without any permits"}


def test_as_people_left_is_no_credit():
    text = "As the mayor and her deputy left, officials said the hall would close."
    assert [name for name, _k, _c in _found(text)] == ["officials"]


def test_a_coordinated_verb_before_a_quotation_takes_the_sentence_subject():
    text = (
        "Lars Wik spoke last.\n\n"
        "Lars Wik then put on a funny voice and joked, “I will make it easy for them.”"
    )
    assert _found(text) == [("Lars Wik", "person", "“I will make it easy for them.”")]


def test_told_her_supporters_is_the_addressee_not_the_content():
    text = (
        "The rally ran late.\n\n"
        "Ana Mel did not name any rival, but told her supporters, “our town is in trouble.”"
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Ana Mel" and content == "“our town is in trouble.”"


def test_who_said_after_a_name_in_a_prepositional_phrase():
    text = (
        "The deal was reached with help from Labor Secretary Tom Perro, who said he expects "
        "the agreement to be final by Sunday."
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Tom Perro"
    assert content == "he expects the agreement to be final by Sunday"


def test_a_time_phrase_between_said_and_the_clause():
    text = "Party donor Sam Adel said on Friday he met the candidate earlier this week."
    ((name, _kind, content),) = _found(text)
    assert name == "Sam Adel" and content == "he met the candidate earlier this week"


def test_asked_whether_reports_a_question():
    text = "Ruth Ek asked whether the bridge over the river would reopen."
    assert _found(text) == [("Ruth Ek", "person", "whether the bridge over the river would reopen")]


def test_asked_for_help_reports_nothing():
    assert _found("Ola Nes asked for help with the rent after the mill closed.") == []


def test_a_coordinated_cue_takes_the_sentence_subject_not_the_last_noun():
    text = (
        "Norland is one of the most vocal critics of Vardia’s sweeping claims in the sea and "
        "has accused Vardia of entering its waters."
    )
    ((name, _kind, content),) = _found(text)
    assert name == "Norland" and content == "Vardia of entering its waters"


def test_a_coordinated_cue_takes_the_speaker_of_the_first_cue():
    text = (
        "The agency said Monday that its staff examined the plan and concluded that it could "
        "shrink the ship."
    )
    assert [(n, c) for n, _k, c in _found(text)] == [
        ("agency", "its staff examined the plan"),
        ("agency", "it could shrink the ship"),
    ]


def test_he_said_is_not_a_person_named_inside_the_quotation():
    text = (
        "Senator Bo Lind spoke after the hearing. Lind said the charges were overdue.\n\n"
        '"Heads should have rolled the day Karl Moberg escaped," he said.'
    )
    assert [name for name, _k, _c in _found(text)] == ["Bo Lind", "Bo Lind"]
