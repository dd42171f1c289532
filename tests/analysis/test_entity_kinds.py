"""A name first read as a person's turns out, over the whole article, to be an organisation's
or a state's: a company suffix, shares, "its" after "said", "the" before it, a role that is a
company. A person's name stays a person's. Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _kind_of(text: str, name: str) -> str:
    a = analyze(text)
    used = {st.source for st in a.statements}
    kinds = {s.name: s.kind for s in a.sources if s.id in used}
    assert name in kinds, kinds
    return kinds[name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Talbridge Co. cut its forecast. “Demand is soft,” Talbridge said.", "Talbridge"),
        ("Talbridge shares fell 4 percent. “Demand is soft,” Talbridge said.", "Talbridge"),
        ("“Demand is soft,” Talbridge said. Talbridge said its profits fell.", "Talbridge"),
        ("Talbridge's parent is in Ohio. “Demand is soft,” Talbridge said.", "Talbridge"),
        ("“Demand is soft,” said Talbridge, the company that owns the mill.", "Talbridge"),
        ("“Demand is soft,” said BrightMoor on Monday.", "BrightMoor"),
    ],
)
def test_a_name_written_as_an_organisation_speaks_as_one(text: str, name: str) -> None:
    assert _kind_of(text, name) == "organization"


def test_a_country_abbreviation_is_a_state() -> None:
    assert _kind_of("“The talks failed,” the UK said on Friday.", "UK") == "organization"


@pytest.mark.parametrize(
    "text",
    [
        "Under the Talbridge administration taxes rose. “Demand is soft,” Talbridge said.",
        "Talbridge spokesman Eli Dorn was absent. “Demand is soft,” Talbridge said.",
        "“Demand is soft,” Talbridge said. He added that its effect was small.",
    ],
)
def test_a_person_stays_a_person(text: str) -> None:
    assert _kind_of(text, "Talbridge") == "person"


def test_reporting_its_own_news_is_an_organisation_and_a_date_no_affiliation() -> None:
    text = "“Sales are down,” said Talbridge. Talbridge on Tuesday announced its new owner."
    a = analyze(text)
    got = {s.name: (s.kind, s.affiliation) for s in a.sources}
    assert got["Talbridge"] == ("organization", None)


def test_a_person_saying_it_stays_a_person() -> None:
    assert _kind_of("“It is fine,” Oakes said. Oakes said that it was over.", "Oakes") == "person"
