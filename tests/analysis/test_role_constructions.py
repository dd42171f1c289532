"""Roles given by constructions other than an apposition: an appointment ("put X in charge
(of Y)", "X … to replace Y as Z's coach"), a party-and-state tag ("(D-Mont.)"), a description
folded into a named organisation ("the regional lender said"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _speakers(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Source name → (kind, role, affiliation) for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role, s.affiliation) for s in a.sources if s.id in used}


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # "in charge" alone: the organisation named before the name is the one she heads
        (
            "The scandal prompted a shakeup at the state Harbor Authority. Governor Ann Lee put"
            " Marta Quill Dorrance in charge and ordered two reviews of the port.\n\n"
            "Quill Dorrance told lawmakers the port was safe.",
            "Marta Quill Dorrance",
            "head",
            "Harbor Authority",
        ),
        # "in charge of" names it
        (
            "Last spring the mayor put Ivo Sandkamp in charge of the Eastside Water Board.\n\n"
            "“The pipes are old,” Sandkamp said.",
            "Ivo Sandkamp",
            "head",
            "Eastside Water Board",
        ),
        # a verb of succession, then "as" and the organisation's title
        (
            "Tomas Reyvik has agreed to replace Ole Brandt as Varnhold's coach until the end of"
            " the season.\n\n“We will fight for every point,” Reyvik said.",
            "Tomas Reyvik",
            "coach",
            "Varnhold",
        ),
        (
            "Greta Holmqvist was named as chairwoman of the Norrvik Timber Guild in March.\n\n"
            "“Our forests come first,” Holmqvist said.",
            "Greta Holmqvist",
            "chairwoman",
            "Norrvik Timber Guild",
        ),
    ],
)
def test_appointment_gives_the_role(text: str, name: str, role: str, affiliation: str) -> None:
    assert _speakers(text)[name][1:] == (role, affiliation)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the "as" phrase describes the person named after the verb, not the subject
        (
            "Ada Pellworm said Rik Haldane would replace her as Varnhold's coach.\n\n"
            "“It is time,” Pellworm said.",
            "Ada Pellworm",
        ),
        # "in charge" of something that is no organisation, and no organisation named before
        (
            "The storm hit at dawn and Bo Ekdahl was left in charge of the night shift.\n\n"
            "“We coped,” Ekdahl said.",
            "Bo Ekdahl",
        ),
    ],
)
def test_no_appointment_no_role(text: str, name: str) -> None:
    assert _speakers(text)[name][1:] == (None, None)


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "“The bill is dead,” said Sen. Mara Tollund (D-Mont.).",
            "Mara Tollund",
            "senator",
            "D-Mont.",
        ),
        (
            "Rep. Eli Varga, R-Texas, said the vote would fail.",
            "Eli Varga",
            "representative",
            "R-Texas",
        ),
        ("“We have the votes,” said Jon Pyke, D-N.Y., on Monday.", "Jon Pyke", None, "D-N.Y."),
        ("Senator Ada Wren (R) said she would oppose it.", "Ada Wren", "Senator", "R"),
    ],
)
def test_party_and_state_tag_is_the_affiliation(
    text: str, name: str, role: str | None, affiliation: str
) -> None:
    assert _speakers(text)[name][1:] == (role, affiliation)


def test_a_capital_after_a_comma_is_no_party_tag() -> None:
    # ", R," or a single capital that opens a clause is no tag
    text = "“Rates will rise,” said Ivo Marsk, R, a trader."
    assert _speakers(text)["Ivo Marsk"][2] is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a definite description folded into the organisation says what it is
        (
            "Kestrel Bank said on Tuesday that it lost money. “Sales were weak,” the regional"
            " lender said.",
            "Kestrel Bank",
            "regional lender",
        ),
        # a bare generic head says nothing of what it is
        (
            "Ostrava Freight Co. said prices would rise. “Fuel costs rose,” the company said.",
            "Ostrava Freight Co.",
            None,
        ),
    ],
)
def test_a_folded_description_is_the_organisations_role(
    text: str, name: str, role: str | None
) -> None:
    assert _speakers(text)[name][1] == role


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # two roles joined by "and": a complement stays in the role
        (
            "“The plan will work,” said Petra Lindqvist, the architect of the city's housing"
            " reform and a close aide to the mayor.",
            "Petra Lindqvist",
            "architect of the city's housing reform and a close aide to the mayor",
            None,
        ),
        # a named workplace is the affiliation of both
        (
            "“Rates will fall,” said Ola Brink, an analyst at Tarn Bank and a former trader.",
            "Ola Brink",
            "analyst and former trader",
            "Tarn Bank",
        ),
        # the second part holds no job title: a list, no role
        ("“We lost,” said Ivo Marsk, her brother and a keen sailor.", "Ivo Marsk", None, None),
    ],
)
def test_two_roles_joined_by_and(
    text: str, name: str, role: str | None, affiliation: str | None
) -> None:
    assert _speakers(text)[name][1:] == (role, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        # the country written before the body's qualifier elsewhere owns the body
        (
            "The old fort will become a museum, Veltria's culture minister said on Monday. The"
            " Culture Ministry said in a statement that work would start in May.",
            "Culture Ministry",
            "Veltria",
        ),
        # no owner written anywhere: none
        ("The Health Ministry said cases were falling.", "Health Ministry", None),
        # an owner of another qualifier is not this body's
        (
            "Veltria's trade minister resigned. The Health Ministry said cases were falling.",
            "Health Ministry",
            None,
        ),
    ],
)
def test_a_ministry_takes_the_owner_written_elsewhere(
    text: str, name: str, affiliation: str | None
) -> None:
    assert _speakers(text)[name][2] == affiliation


def _owners(text: str) -> dict[str, tuple[str | None, list[str]]]:
    """Source name → (role, the texts of its mentions)."""
    a = analyze(text)
    return {
        s.name: (s.role, [a.text[m[0] : m[1]] for m in s.mentions])
        for s in a.sources
        if s.id in {st.source for st in a.statements}
    }


def test_the_senator_is_the_person_titled_so_before() -> None:
    # the mayor spoke last, but "the senator" is the one the text titled so
    text = (
        "Sen. Ada Wren spoke first. “The bridge will be built,” Wren said.\n\n"
        "The mayor, Bo Lind, agreed. “It is time,” Lind said.\n\n"
        "“We have the money,” the senator said."
    )
    found = _owners(text)
    assert "senator" not in found
    assert "the senator" in found["Ada Wren"][1]
    assert "the senator" not in found["Bo Lind"][1]


def test_a_title_no_one_was_given_stays_apart() -> None:
    text = (
        "Sen. Ada Wren spoke first. “The bridge will be built,” Wren said.\n\n"
        "The mayor, Bo Lind, agreed. “It is time,” Lind said.\n\n"
        "“We have the money,” the governor said."
    )
    found = _owners(text)
    assert found["governor"][1] == ["the governor"]


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        (
            "Ada Wren testified before the Harbor City Council in Tarnby, where members said the"
            " plan was too costly.",
            "members",
            "Harbor City Council",
        ),
        (
            "The minister spoke at the Tarn Institute, where researchers said funding had fallen.",
            "researchers",
            "Tarn Institute",
        ),
        # a place is no organisation the group belongs to
        ("She visited Tarnby, where residents said the water was unsafe.", "residents", None),
    ],
)
def test_a_group_in_a_where_clause_belongs_to_the_organisation(
    text: str, name: str, affiliation: str | None
) -> None:
    assert _speakers(text)[name][2] == affiliation
