"""A relative clause after a name that says where the person works gives the affiliation:
", who teaches law at Harbor University,", ", who works for Harbor," — not ", who served as …"
(a role, read elsewhere) nor a person's title cut at its dot. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _person(text: str) -> tuple[str | None, str | None]:
    a = analyze(text)
    used = {st.source for st in a.statements}
    people = [(s.role, s.affiliation) for s in a.sources if s.id in used and s.kind == "person"]
    assert len(people) == 1, people
    return people[0]


@pytest.mark.parametrize(
    ("text", "aff"),
    [
        (
            "Rents keep rising. Jared Plum, who teaches economics at Tarn University, has "
            "studied them. “Rents are too high,” Plum said.",
            "Tarn University",
        ),
        ("Dana Marsh, who works for Quillory, said prices would rise.", "Quillory"),
        (
            "Dana Marsh, who covered the Senate for 20 years for Tarn News, said the vote "
            "would pass.",
            "Tarn News",
        ),
    ],
)
def test_a_workplace_clause_gives_the_affiliation(text: str, aff: str) -> None:
    assert _person(text)[1] == aff


def test_a_persons_title_in_the_clause_is_no_affiliation() -> None:
    text = "Dana Marsh, who worked for Ohio Gov. Ted Lamb, said the vote would pass."
    assert _person(text)[1] != "Ohio Gov"


def test_a_long_apposition_ends_at_its_relative_clause() -> None:
    text = (
        "“You cannot do it in five years,” said Matt Plum, a former commissioner with the Tarn "
        "Utilities Commission who is now a program officer for energy and climate policy at a "
        "large philanthropic foundation in Harbor City."
    )
    assert _person(text) == ("former commissioner", "Tarn Utilities Commission")


def test_the_relative_clause_after_a_role_gives_the_workplace() -> None:
    text = (
        "“The speech was borrowed,” said Matt Plum, a veteran speechwriter who worked in the "
        "Tarn White House."
    )
    assert _person(text) == ("veteran speechwriter", "Tarn White House")


def test_a_known_persons_name_keeps_its_kind_whatever_the_role_head() -> None:
    text = "“It was a good year,” said Bob Mason, a retired Postal Service letter carrier."
    a = analyze(text)
    assert [s.kind for s in a.sources] == ["person"]
