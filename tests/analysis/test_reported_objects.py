"""Noun-phrase objects of reporting verbs ("denied the charges", "claimed victory") end where
the writer's narration begins, and a time phrase alone after a closing tag is no object."""

from __future__ import annotations

from statement_lists import statements


def test_a_second_verb_of_the_subject_is_not_part_of_the_object() -> None:
    text = (
        "Harbour contract\n\n"
        "The harbour master Olav Brenne denied the allegations and resigned from the board "
        "two weeks later."
    )
    found = statements(text)
    assert ("Olav Brenne", ["the allegations"]) in found


def test_the_channel_of_a_denial_is_not_what_was_denied() -> None:
    text = (
        "Ferry tender\n\n"
        "Marta Sundqvist denied the accusations through her solicitor, and the council "
        "postponed its vote."
    )
    found = statements(text)
    assert ("Marta Sundqvist", ["the accusations"]) in found


def test_where_a_claim_was_made_is_not_what_was_claimed() -> None:
    text = "Mayoral race\n\nThe challenger Pavel Rusk claimed victory in a statement posted online."
    found = statements(text)
    assert ("Pavel Rusk", ["victory"]) in found


def test_a_reported_clause_keeps_its_coordinated_verbs() -> None:
    text = (
        "Port budget\n\n"
        "Ines Hallgren announced that the port would expand and hired two new engineers."
    )
    found = statements(text)
    parts = next(parts for name, parts in found if "Hallgren" in name)
    assert parts[0].startswith("the port would expand")


def test_a_time_phrase_after_a_closing_tag_leaves_the_clause_before_it_reported() -> None:
    text = (
        "Bridge tolls\n\n"
        "The toll on the northern bridge will double next spring, the Coastal Herald "
        "reported late Thursday."
    )
    found = statements(text)
    assert (
        "Coastal Herald",
        ["The toll on the northern bridge will double next spring"],
    ) in found


def test_adding_jobs_or_staff_is_not_adding_a_remark() -> None:
    text = (
        "Shipyard\n\n"
        "Over the last three years the shipyard has added 450 welding jobs. "
        "The port authority added another crane to the eastern quay in April.\n\n"
        "Lena Marsh said the yard was busy. She added that more orders would come."
    )
    found = statements(text)
    assert all("welding" not in " ".join(parts) for _name, parts in found)
    assert all("crane" not in " ".join(parts) for _name, parts in found)
    assert any("more orders would come" in " ".join(parts) for _name, parts in found)
