"""Where reported content ends: a writer's comparison after a reported clause, and the
writer's comment or the source's closing apposition after a parenthetical "according to X"."""

from __future__ import annotations

from statement_lists import statements


def _content_of(text: str, word: str) -> list[str]:
    return [parts[0] for name, parts in statements(text) if word in name]


def test_a_comparison_after_a_reported_clause_is_the_writers() -> None:
    text = (
        "Ferry poll\n\n"
        "Harbour analyst Mira Tollefsen said most commuters now back the new timetable, "
        "compared with barely a third of them last spring."
    )
    assert _content_of(text, "Tollefsen") == ["most commuters now back the new timetable"]


def test_a_participle_after_a_credited_source_is_the_writers_comment() -> None:
    text = (
        "Ferry strike\n\n"
        "The ferry union reached a provisional deal with the port authority on Friday, "
        "according to the Coastal Labour Board, taking a step toward ending a long strike."
    )
    assert _content_of(text, "Coastal Labour Board") == [
        "The ferry union reached a provisional deal with the port authority on Friday"
    ]


def test_an_apposition_ending_the_sentence_belongs_to_the_source() -> None:
    text = (
        "Ferry strike\n\n"
        "Ticket sales on the northern route fell by a fifth over the winter, according to "
        "Jonas Kverne, a transport economist who has studied the route for many years at the "
        "Bergen institute."
    )
    assert _content_of(text, "Kverne") == [
        "Ticket sales on the northern route fell by a fifth over the winter"
    ]


def test_a_parenthetical_source_still_reports_the_whole_clause() -> None:
    text = (
        "Ferry strike\n\n"
        "The new timetable, according to the port authority, will cut waiting times by half."
    )
    contents = _content_of(text, "port authority")
    assert contents and contents[0].endswith("will cut waiting times by half")


def test_a_relative_clause_on_the_reported_subject_does_not_end_the_content() -> None:
    text = (
        "Ferry strike\n\n"
        "Union leader Petra Holm said that the port director, who took office in May, will "
        "meet the crews next week."
    )
    assert _content_of(text, "Holm") == [
        "the port director, who took office in May, will meet the crews next week"
    ]


def test_a_relative_clause_after_the_reported_verb_still_ends_it() -> None:
    text = (
        "Ferry strike\n\n"
        "Union leader Petra Holm said the crews will meet the port director, who took office "
        "in May."
    )
    assert _content_of(text, "Holm") == ["the crews will meet the port director"]


def test_another_speakers_clause_after_and_ends_the_content() -> None:
    text = (
        "Ferry strike\n\n"
        "Port director Anders Vik said the crews will return to work and the union said "
        "they would stay out until the new contract is signed."
    )
    assert _content_of(text, "Vik") == ["the crews will return to work"]


def test_a_coordinated_subject_before_a_reporting_verb_stays_in_the_content() -> None:
    text = (
        "Ferry strike\n\n"
        "Port director Anders Vik said the crews and the harbour pilots agreed to a new "
        "timetable on Monday."
    )
    assert _content_of(text, "Vik") == [
        "the crews and the harbour pilots agreed to a new timetable on Monday"
    ]


def test_a_reporting_participle_after_a_mid_sentence_tag_reports_its_own_clause() -> None:
    text = (
        "Ferry strike\n\n"
        "The night ferry will run late all week, harbour master Ola Brekke said, adding that "
        "the repairs could take another month."
    )
    contents = _content_of(text, "Brekke")
    assert "The night ferry will run late all week" in contents
    assert not any("adding" in c for c in contents)


def test_where_a_stance_was_taken_is_no_part_of_its_object() -> None:
    text = (
        "Ferry strike\n\n"
        "Mayor Tove Lind praised the harbour pilots at a crowded news conference on the quay.\n\n"
        "The ferry union endorsed Lind - the first time it has backed a mayor."
    )
    found = statements(text)
    lind = [parts[0] for name, parts in found if "Lind" in name]
    assert lind == ["the harbour pilots"]
    union = [parts[0] for name, parts in found if "union" in name.lower()]
    assert union == ["Lind"]
