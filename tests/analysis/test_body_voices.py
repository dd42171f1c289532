"""Unnamed officials of a named organisation speak as it, prosecutors as their office, and an
organisation the article calls a news organisation is an outlet. Sentences written for these
tests."""

from __future__ import annotations

from reader.analysis import analyze


def _sources(text: str) -> dict[str, str]:
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: s.kind for s in a.sources if s.id in used}


def test_officials_of_a_named_department_are_the_department() -> None:
    text = "Dunmore County Water Department officials said the wells were safe to use again."
    assert _sources(text) == {"Dunmore County Water Department": "organization"}


def test_officials_of_an_acronym_are_the_organisation() -> None:
    assert _sources("QRX officials said the inquiry would close in March.") == {
        "QRX": "organization"
    }


def test_officials_of_a_country_stay_unnamed() -> None:
    kinds = _sources("Norwegian officials said the border would reopen on Friday.")
    assert list(kinds.values()) == ["anonymous"]


def test_federal_prosecutors_speak_as_their_office() -> None:
    kinds = _sources("Federal prosecutors said the two clerks had forged the ledgers.")
    assert list(kinds.values()) == ["organization"]


def test_former_prosecutors_are_people() -> None:
    kinds = _sources("Former prosecutors said the charges would be hard to prove.")
    assert list(kinds.values()) == ["anonymous"]


def test_an_organisation_called_a_news_organisation_is_an_outlet() -> None:
    text = (
        "Stocks fell after KVRN reported that the talks had stalled. The news organization, "
        "citing two officials, said a deal was unlikely this year."
    )
    assert _sources(text).get("KVRN") == "media"


def test_an_organisation_described_as_a_website_is_an_outlet() -> None:
    text = (
        "Pellwick, which began as a blog in 2009, said on Tuesday that it would cut 30 jobs. "
        "The technology website has 12 million readers."
    )
    assert _sources(text).get("Pellwick") == "media"


def test_an_agency_spokesman_speaks_for_the_agency() -> None:
    kinds = _sources("An agency spokesman said the new scanners would be installed in June.")
    assert list(kinds.values()) == ["organization"]


def test_an_airport_official_stays_an_unnamed_person() -> None:
    kinds = _sources("The flights will resume in June, an airport official said.")
    assert list(kinds.values()) == ["anonymous"]


def test_an_unnamed_person_opening_the_sentence_is_anonymous() -> None:
    for text in (
        "An airport official said the flights would resume in June.",
        "One strategist said the race was over.",
    ):
        assert list(_sources(text).values()) == ["anonymous"], text


def test_a_local_paper_named_by_its_masthead_word_is_an_outlet() -> None:
    for paper in ("Tarnville Courier", "Harbor Globe", "Wheelock Dispatch"):
        text = f"The plan cost the county $4 million, according to the {paper}."
        assert _sources(text) == {paper: "media"}, paper
