"""Statements whose words are found but whose speaker was read from the wrong phrase: the
object of a participle after a quotation, a place inside an opening adverbial."""

from __future__ import annotations

from statement_lists import statements


def test_a_participle_after_a_quotation_keeps_the_sentence_subject() -> None:
    text = (
        "Ferry levy\n\n"
        "Councillor Maren Dahl, however, argued that the levy was “a tax on the islands,” "
        "citing a study of fares on the northern routes.\n\n"
        "At the same meeting, Per Holm warned that there was “a long winter ahead,” noting "
        "rising fuel costs across the fleet."
    )
    names = [name for name, _parts in statements(text)]
    assert any("Dahl" in n for n in names)
    assert any("Holm" in n for n in names)
    assert not any("study" in n or "fuel" in n for n in names)


def test_a_state_after_a_town_belongs_to_the_opening_adverbial() -> None:
    text = (
        "Ferry levy\n\n"
        "At a town hall in Millbrook, Ohio, on Tuesday, councillor Jane Berg defended the fare "
        "plan, saying the ferries had lost money for a decade.\n\n"
        "At a fair that week in Cedar Falls, Colo., the mayor Tom Ruud held up a chart and said: "
        "“We have no other road to the islands.”"
    )
    found = statements(text)
    speakers = {name for name, _parts in found}
    assert not speakers & {"Ohio", "Colo", "Colo."}
    assert any("Berg" in name for name, _parts in found)


def test_a_participle_with_its_own_subject_names_the_speaker() -> None:
    text = (
        "Ferry levy\n\n"
        "The new campaign film shows footage of Mayor Tove Lind asking, “Who will pay for the "
        "ferries when the tolls are gone?”\n\n"
        "Hundreds marched to the harbour office, with councillor Per Holm loudly shouting: “Keep "
        "the boats running for every island!”"
    )
    found = statements(text)
    speakers = [name for name, _parts in found]
    assert any("Lind" in n for n in speakers)
    assert any("Holm" in n for n in speakers)
    assert not any("film" in n or "Hundreds" in n for n in speakers)


def test_a_comparison_set_off_by_commas_is_not_the_subject() -> None:
    text = (
        "Ferry levy\n\n"
        "The board has promised a review of the fares. Councillor Jane Berg, like Holm, has "
        "backed a cheaper pass for pupils but has said she will keep the levy in place.\n\n"
        "And, like the mayor, the pilots have angered commuters by criticizing the board and "
        "refusing to admit that the levy had failed."
    )
    found = statements(text)
    by_content = {parts[0]: name for name, parts in found}
    assert "Jane Berg" in by_content.get("she will keep the levy in place", "")
    assert not any(name.startswith(("like", "Holm")) for name, _parts in found)


def test_a_cue_inside_what_someone_said_has_no_subject_of_its_own() -> None:
    text = (
        "Ferry levy\n\n"
        "Ann Lind, a pollster, said his survey of islanders showed the mayor's support holding "
        "steady after the debate."
    )
    found = statements(text)
    assert not any(name.lower().startswith("said") for name, _parts in found)
    assert any("Lind" in name for name, _parts in found)


def test_a_role_and_name_after_an_opening_adverbial_speak() -> None:
    text = (
        "Ferry levy\n\n"
        "In a statement, one of the union's lawyers, Jon Berg, said the tapes show the pilot "
        "calmly leaving the bridge."
    )
    found = statements(text)
    assert ("Jon Berg", ["the tapes show the pilot calmly leaving the bridge"]) in found


def test_a_pronoun_after_a_surname_subject_stands_for_it() -> None:
    text = (
        "Ferry levy\n\n"
        "Mayor Tove Lind opened the meeting. Councillor Per Holm spoke next.\n\n"
        "“We cannot pay for another winter of this,” Lind said.\n\n"
        "At a rally in the harbour on Thursday, Holm read out a list of ferries he said had "
        "been sold below their value."
    )
    found = statements(text)
    said = [name for name, parts in found if parts[0].startswith("had been sold")]
    assert said and "Holm" in said[0]


def test_a_subject_holding_a_finding_verb_is_no_speaker() -> None:
    text = (
        "Ferry levy\n\n"
        "The survey showed a majority of island voters say the levy should be dropped before "
        "the winter timetable starts."
    )
    found = statements(text)
    assert not any("showed" in name for name, _parts in found)


def test_a_cue_coordinated_inside_a_when_clause_takes_its_subject() -> None:
    text = (
        "Ferry levy\n\n"
        "Some in the hall jeered, and when Per Holm thanked the harbour board and said the levy "
        "would be dropped by spring, the room fell silent."
    )
    found = statements(text)
    said = [name for name, parts in found if parts[0].startswith("the levy would be dropped")]
    assert said and "Holm" in said[0]


def test_a_name_with_its_place_after_a_role_speaks() -> None:
    text = (
        "Ferry levy\n\n"
        "One skipper backing the mayor, Jon Berg of the Northern Pilots Guild in Marston, said "
        "he had made more than forty calls to other crews."
    )
    found = statements(text)
    said = [name for name, parts in found if parts[0].startswith("he had made")]
    assert said and "Berg" in said[0]
