"""Roles and affiliations as a reader expects them: an affiliation names an organisation or a
place, never a relative clause, an adjective or a person; what qualifies the title stays in
the role. Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze
from reader.analysis.affiliations import tidy


def _speakers(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Source name → (kind, role, affiliation) for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role, s.affiliation) for s in a.sources if s.id in used}


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # words before the title that name no organisation qualify the title
        (
            "“The river is rising,” said Lena Brook, the former regional envoy to Moldavia.",
            "Lena Brook",
            "former regional envoy to Moldavia",
            None,
        ),
        (
            "“Prices will fall,” says veteran market analyst Rolf Kant.",
            "Rolf Kant",
            "veteran market analyst",
            None,
        ),
        # a nationality is an adjective, not an affiliation
        (
            "Norwegian-Brazilian investor Ada Quist had said, “Bubbles are real.”",
            "Ada Quist",
            "Norwegian-Brazilian investor",
            None,
        ),
        # "former" stays with the title, the organisation after it is the affiliation
        (
            "Kim Oberg, a former Harbor Council official, said the vote was rigged.",
            "Kim Oberg",
            "former official",
            "Harbor Council",
        ),
        # a relative clause ends the affiliation; "for"/"of" complements belong to the role
        (
            "“We lost a lot,” said Pia Lund, a consultant for boat dealers who has a large shop.",
            "Pia Lund",
            "consultant for boat dealers",
            None,
        ),
        (
            "“The data are sound,” said Ivo Sand, a professor of marine biology at the "
            "University of Tarn who has studied reefs.",
            "Ivo Sand",
            "professor of marine biology",
            "University of Tarn",
        ),
        # a possessive owner inside the role is the affiliation
        (
            "Tarn’s deputy director of public works, Eva Lind, said the bridge was safe.",
            "Eva Lind",
            "deputy director of public works",
            "Tarn",
        ),
        (
            "Carl Tosh, Harbor City’s new fire commissioner, said the fire was out.",
            "Carl Tosh",
            "new fire commissioner",
            "Harbor City",
        ),
        # "who is the X’s …": the clause's opening words are no part of the affiliation
        (
            "“We are fine,” said Mira Kell, who is the Harbor Institute’s chief economist.",
            "Mira Kell",
            "chief economist",
            "Harbor Institute",
        ),
        # where someone works ("at the treasury") stays an affiliation
        (
            "Tom Beale, who was a senior official at the treasury, said the plan would fail.",
            "Tom Beale",
            "senior official",
            "treasury",
        ),
    ],
)
def test_affiliation_is_an_organisation_or_place(text, name, role, affiliation):
    _, got_role, got_aff = _speakers(text)[name]
    assert (got_role, got_aff) == (role, affiliation)


def test_a_possessive_description_keeps_its_complement():
    text = "The group that owns most of her songs, Bell Records, says she may sing them."
    assert _speakers(text)["Bell Records"] == (
        "organization",
        "group that owns most of her songs",
        None,
    )


def test_someones_lawyer_is_unnamed_and_not_affiliated_with_the_client():
    text = "“We will appeal,” Holm’s lawyer said on Monday."
    assert _speakers(text)["Holm’s lawyer"] == ("anonymous", "lawyer", None)


def test_a_clause_after_a_name_is_no_apposition():
    text = (
        "Like Harbor head Adam Rook, Tarn CEO Jack Dill has spoken out about the toxic "
        "consequences of counting every single like and every single follower on the app. "
        "Rook said the counts mattered less."
    )
    assert _speakers(text)["Adam Rook"] == ("person", "head", "Harbor")


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        # a relative clause whose verb states the job
        (
            "“We are fine,” said Mira Kell, who heads the Harbor Institute.",
            "head",
            "Harbor Institute",
        ),
        (
            "Mira Kell, who founded Tarn Labs in 2009, said the lab was safe.",
            "founder",
            "Tarn Labs",
        ),
        (
            "Mira Kell, who leads the city's largest union, said the strike would go on.",
            "leader",
            "city's largest union",
        ),
        # the same verb with no organisation after it gives no job
        ("“The moon is wet,” said Mira Kell, who led the research.", None, None),
        # a sentence of its own says what the speaker is, before or after the quotation
        (
            "Mira Kell is the director of the Harbor Institute. “We are fine,” Kell said.",
            "director",
            "Harbor Institute",
        ),
        (
            "“We are fine,” said Mira Kell. Kell is the chief economist at Tarn Bank and has "
            "warned before.",
            "chief economist",
            "Tarn Bank",
        ),
        # a family word is no job
        ("“We are fine,” said Mira Kell. Kell is a mother of two.", None, None),
    ],
)
def test_role_stated_in_a_clause_or_sentence(text, role, affiliation):
    assert _speakers(text)["Mira Kell"] == ("person", role, affiliation)


def test_a_show_host_is_a_title():
    text = "Lena Fox was voted off on Monday, host Tom Bergeron said."
    assert _speakers(text)["Tom Bergeron"] == ("person", "host", None)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # the description that opens the next sentence stands for the organisation
        (
            "Harbor Depot Inc. said on Monday that sales fell. The home-improvement retailer "
            "earned $2 billion.",
            "home-improvement retailer",
        ),
        # not when another name stands between them: the description may be that one's
        (
            "Harbor Depot Inc. said it bought Tarn Ltd. The struggling retailer had lost money.",
            None,
        ),
        # a head alone says nothing
        ("Harbor Depot Inc. said on Monday that sales fell. The company earned more.", None),
    ],
)
def test_organisation_described_in_the_next_sentence(text, role):
    assert _speakers(text)["Harbor Depot Inc."][1] == role


def test_an_owner_in_the_description_is_the_affiliation():
    text = (
        "Harbor Depot Inc. said on Monday that sales fell. But the Tarn-owned chain still "
        "earned $2 billion."
    )
    assert _speakers(text)["Harbor Depot Inc."] == ("organization", "chain", "Tarn")


def test_an_unnamed_person_is_anonymous_with_the_phrase_as_role():
    text = "“The gates were shut,” an airport official said. “This is silly,” one user wrote."
    got = _speakers(text)
    assert got["an airport official"][0] == "anonymous"
    assert got["one user"][1] == "user"


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # a plural possessive's apostrophe is no part of the organisation's name
        (
            "Harbor Nets’ chief executive, Lena Brook, said the cables were cut.",
            "Lena Brook",
            "chief executive",
            "Harbor Nets",
        ),
        # an adverb and an article before the title are no part of the role
        (
            "“We are ready,” said Lena Brook. Brook, who is also the mayor of Tarn, added "
            "that the town would cope.",
            "Lena Brook",
            "mayor",
            "Tarn",
        ),
        # a sentence whose verb states the job, before or after the quotation
        (
            "Lena Brook runs the Harbor Trust. “We are ready,” she said.",
            "Lena Brook",
            "head",
            "Harbor Trust",
        ),
        (
            "“We are ready,” said Lena Brook. Brook leads the Tarn Union and has warned before.",
            "Lena Brook",
            "leader",
            "Tarn Union",
        ),
        # two particles inside a person's name keep the whole name
        (
            "“We are ready,” said Maria Dolores van der Berg-Santos, a trader.",
            "Maria Dolores van der Berg-Santos",
            "trader",
            None,
        ),
    ],
)
def test_role_and_name_in_longer_constructions(text, name, role, affiliation):
    assert _speakers(text)[name] == ("person", role, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        # a participle apposition says where the person works
        (
            "Prosecutors said that Ada Holm and Ivo Sand, assigned to the night shift at "
            "Harbor Prison, slept. “I was awake,” Sand said.",
            "Ivo Sand",
            "Harbor Prison",
        ),
        ("“The river is rising,” said Ivo Sand, based in Tarn.", "Ivo Sand", "Tarn"),
        # no organisation named after it: no affiliation
        ("“The river is rising,” said Ivo Sand, working on the flood plan.", "Ivo Sand", None),
    ],
)
def test_participle_apposition_gives_the_workplace(text, name, affiliation):
    assert _speakers(text)[name] == ("person", None, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a capital only because the sentence starts there: still an unnamed source
        ("State media reported that 12 people died.", "State media", "state media"),
        (
            "The plan failed, according to a group of employees.",
            "a group of employees",
            "group of employees",
        ),
    ],
)
def test_unnamed_sources_take_their_phrase_as_role(text, name, role):
    assert _speakers(text)[name][1] == role


def test_a_report_whose_maker_speaks_is_the_maker():
    text = (
        "“Prices will rise,” said a report from Harbor Capital Markets. “Growth is slow,” "
        "Harbor Capital Markets said."
    )
    assert _speakers(text) == {"Harbor Capital Markets": ("organization", None, None)}


def test_a_report_names_its_maker_as_affiliation():
    text = "“Prices will rise,” said a report from Harbor Capital Markets."
    got = _speakers(text)["a report from Harbor Capital Markets"]
    assert got == ("document", "report", "Harbor Capital Markets")


def test_a_role_does_not_end_on_a_preposition():
    text = "“Prices will rise,” said a new study by Tarn University."
    (role,) = [r for _, r, _ in _speakers(text).values()]
    assert role is None or not role.endswith(" by")


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # a person's relative clause is no part of the role
        (
            "“The vote was close,” said Ivo Sand, a historian who attended the session.",
            "Ivo Sand",
            "historian",
            None,
        ),
        # a clause that names a role keeps only that role
        (
            "“Trade will suffer,” said Ivo Sand, who served as Asia director at Tarn Bank.",
            "Ivo Sand",
            "Asia director",
            "Tarn Bank",
        ),
        # an honorific, a day or a list's "and" is no affiliation
        (
            "“We are closing,” said Rolf Kant, the chief executive of Harbor Lines and.",
            "Rolf Kant",
            "chief executive",
            "Harbor Lines",
        ),
    ],
)
def test_role_and_affiliation_lose_clauses_and_fragments(text, name, role, affiliation):
    assert _speakers(text)[name] == ("person", role, affiliation)


@pytest.mark.parametrize(
    ("role", "affiliation", "expected"),
    [
        ("speaking to a veterans group", "in Tarn", (None, None)),
        ("at a later press conference", None, (None, None)),
        ("nominee Gov.", "Harbor", ("nominee", "Harbor")),
        ("chief", "Mr", ("chief", None)),
        ("President", "Like", ("President", None)),
        ("aide", "2011", ("aide", None)),
        ("owner", "nursing home", ("nursing home owner", None)),
    ],
)
def test_tidy_drops_what_is_no_role_or_affiliation(role, affiliation, expected):
    text = f"{affiliation} {role} Jane Roe said so." if affiliation else f"{role} said."
    assert tidy(text, role, affiliation) == expected


def test_a_title_opening_with_an_ing_word_stays():
    assert tidy("founding members Jane Roe", "founding members", None) == ("founding members", None)


def test_the_author_of_an_embedded_post_is_a_twitter_user():
    text = (
        "The slogan was mocked online.\n\nNobody will take your slogan, Tarnia.\n\n"
        "— Ada Quist (@adaquist) November 18, 2019\n\nThe campaign goes on."
    )
    assert _speakers(text)["Ada Quist"] == ("person", "Twitter user", None)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a description that speaks after a comma in the next sentence stands for it
        (
            "“Growth will slow,” said Harbor Capital Markets. An extended slowdown could hurt "
            "demand, the brokerage said.",
            "brokerage",
        ),
        # not when another name stands before it
        (
            "“Growth will slow,” said Harbor Capital Markets. Tarn Bank expects a slowdown, "
            "the brokerage said.",
            None,
        ),
    ],
)
def test_organisation_described_by_a_speaking_description(text, role):
    assert _speakers(text)["Harbor Capital Markets"][1] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a title description opening a sentence soon after the person's name
        (
            "Ana Lisboa agreed a deal to coach the club. Talks with Lisboa's agents ended on "
            "Tuesday night. The Portuguese coach had been out of work for a year. “I am "
            "excited,” Lisboa said.",
            "Ana Lisboa",
            "Portuguese coach",
        ),
        # another person named between: the description may be theirs
        ("“We won,” Lisboa said. Lisboa met Tom Erde. The coach was pleased.", "Lisboa", None),
        # a family word is no job
        ("“We won,” Ana Lisboa said. The mother of two was pleased.", "Ana Lisboa", None),
    ],
)
def test_person_described_in_a_following_sentence(text, name, role):
    assert _speakers(text)[name][1] == role


def test_a_department_stays_in_the_role():
    text = "“Buy now,” said Rusa Oke, Head of Fundamental Research at Harbor Securities."
    assert _speakers(text)["Rusa Oke"] == (
        "person",
        "Head of Fundamental Research",
        "Harbor Securities",
    )


@pytest.mark.parametrize(
    ("role", "kept"),
    [
        ("nonpartisan", None),
        ("many", None),
        ("space agency", "space agency"),
        ("company that runs the awards", "company that runs the awards"),
    ],
)
def test_an_organisations_role_names_what_it_is(role, kept):
    assert tidy(f"the {role} Harbor Board said", role, None, "organization") == (kept, None)


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # a word before a given name describes the person
        ("“It was close,” said Democrat Maria Quarnstrom.", "Maria Quarnstrom", "Democrat", None),
        (
            "Rival Maria Quarnstrom had mocked the plan, saying it would fail.",
            "Maria Quarnstrom",
            "rival",
            None,
        ),
        # an unknown given name before a known one stays in the name
        ("“She was great,” said Carrie Ann Quarnstrom.", "Carrie Ann Quarnstrom", None, None),
        # "one of …": the group the person belongs to is the role
        (
            "“Tom is a visionary,” said Ivo Sand, one of the mayor's closest aides.",
            "Ivo Sand",
            "mayor's closest aides",
            None,
        ),
        # ", of Harbor City,": where the person is from
        (
            "The parade was long. Ivo Sand, of Harbor City, said he had fought in the war.",
            "Ivo Sand",
            None,
            "Harbor City",
        ),
    ],
)
def test_descriptors_groups_and_home_towns(text, name, role, affiliation):
    assert _speakers(text)[name] == ("person", role, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a plural title gives each name of its list the role
        (
            "The scandal led Sens. Ivo Sandvik (D-Mont.) and Ada Quist (R-La.) to call for a "
            "breakup. “Every time you say that,” Sandvik said. Quist said the bank had failed.",
            "Ada Quist",
            "senator",
        ),
        (
            "Senators Ivo Sandvik, Ada Quist and Tom Erde wrote to the bank. Erde said it had "
            "failed.",
            "Tom Erde",
            "senator",
        ),
        # a singular title is the first name's only
        (
            "Sen. Ivo Sandvik and Ada Quist wrote to the bank. Quist said it had failed.",
            "Ada Quist",
            None,
        ),
    ],
)
def test_plural_title_before_a_list_of_names(text, name, role):
    assert _speakers(text)[name][1] == role


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # a city after the organisation is where it stands, not the affiliation
        (
            "“Prices will rise,” said Jane Roe, chief economist at Tarn Bank in London.",
            "Jane Roe",
            "chief economist",
            "Tarn Bank",
        ),
        # "of" and "for" inside an organisation's name stay
        (
            "“Buy now,” said Rusa Oke, an analyst at the Bank of Tarn.",
            "Rusa Oke",
            "analyst",
            "Bank of Tarn",
        ),
        # a field before the organisation joins the role, even before a university
        (
            "Jane Roe, a professor of law at Tarn University who studies courts, said the "
            "ruling was odd.",
            "Jane Roe",
            "professor of law",
            "Tarn University",
        ),
        # an age, then the apposition
        (
            "The school was cold. Jane Roe, 45, a teacher, said the heating had failed.",
            "Jane Roe",
            "teacher",
            None,
        ),
    ],
)
def test_appositions_with_places_fields_and_ages(text, name, role, affiliation):
    assert _speakers(text)[name] == ("person", role, affiliation)


def test_the_companys_officer_works_for_the_company_named_before():
    text = (
        "Harbor Nets Inc. said on Monday that it lost money. “We are fine,” said Jane Roe, "
        "the company's chief executive."
    )
    assert _speakers(text)["Jane Roe"] == ("person", "chief executive", "Harbor Nets Inc.")
