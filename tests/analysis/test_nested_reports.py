"""A report told inside another report is part of the outer statement: "X said that a
survey found Y" is X's statement only, while the survey stays among the cited sources."""

from __future__ import annotations

from statement_lists import statements

from reader.analysis import analyze


def test_a_report_inside_what_someone_said_is_not_a_second_statement() -> None:
    text = (
        "Orchard tax\n\n"
        "Farm bureau director Elspeth Marrow said that the county board had announced the "
        "levy would fall next spring."
    )
    assert statements(text) == [
        ("Elspeth Marrow", ["the county board had announced the levy would fall next spring"])
    ]
    # the board is still a cited source of the article
    assert any("county board" in s.name for s in analyze(text).sources)


def test_a_paper_reporting_what_someone_said_is_one_statement() -> None:
    text = (
        "Orchard tax\n\n"
        "The Valley Courier reported that bureau director Elspeth Marrow said the levy "
        "would fall next spring."
    )
    found = statements(text)
    assert len(found) == 1 and "Valley Courier" in found[0][0]
    assert any(s.name == "Elspeth Marrow" for s in analyze(text).sources)


def test_reports_side_by_side_are_both_kept() -> None:
    text = (
        "Orchard tax\n\n"
        "Farm bureau director Elspeth Marrow said most growers would pay the levy. "
        "Council member Idris Vane said the levy was too high for small orchards."
    )
    assert [name for name, _ in statements(text)] == ["Elspeth Marrow", "Idris Vane"]


def test_a_quotation_inside_a_report_is_kept() -> None:
    text = (
        "Orchard tax\n\n"
        "Elspeth Marrow said the growers she met were ready to pay. "
        "“We will pay if the water comes,” one of them told her."
    )
    names = [name for name, _ in statements(text)]
    assert "Elspeth Marrow" in names and len(names) == 2


def test_a_quoted_claim_after_when_or_after_is_its_speakers_own() -> None:
    text = (
        "Ferry plan\n\n"
        "The harbour board said the schedule had “failed us all” last week after the mayor "
        "claimed the old ferries were “a daily disaster.”"
    )
    found = statements(text)
    assert len(found) == 2
    assert found[1] == ("mayor", ["the old ferries were “a daily disaster.”"])


def test_a_quoted_claim_reported_by_someone_else_stays_theirs() -> None:
    text = (
        "Ferry plan\n\n"
        "The harbour board said the mayor had claimed the old ferries were “a daily disaster.”"
    )
    found = statements(text)
    assert len(found) == 1 and "harbour board" in found[0][0]


def test_a_report_before_a_trailing_tag_is_the_tagged_speakers() -> None:
    text = (
        "Archive row\n\n"
        "The clerk told staff the archive would reopen in June, council lawyer Hana Roost "
        "said on Monday."
    )
    assert statements(text) == [
        ("Hana Roost", ["The clerk told staff the archive would reopen in June"])
    ]
    assert any(s.name == "clerk" for s in analyze(text).sources)
