"""Source names on real-looking news pages: no source invented from a place, a time phrase,
a headline or half an organisation's name; titles kept apart from names. Each rule has a
sentence it must name right and a near miss it must not turn into a source."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _sources(text: str) -> dict[str, tuple[str, str | None]]:
    """Source name → (kind, role) for the sources that have statements."""
    a = analyze(text)
    used = {st.source for st in a.statements}
    return {s.name: (s.kind, s.role) for s in a.sources if s.id in used}


def _speaker_of(text: str, content_part: str) -> str | None:
    a = analyze(text)
    for st in a.statements:
        s, e = st.content[0][0], st.content[-1][1]
        if content_part in text[s:e]:
            return a.source(st.source).name
    return None


@pytest.mark.parametrize(
    ("text", "content_part", "speaker"),
    [
        # a pronoun after a sentence with a time phrase opening it ("Since March 3, he says")
        (
            "Omar Haddad runs the clinic on the hill. Since March 3, he says, he has treated "
            "nine patients with gunshot wounds. “We are exhausted,” he says.",
            "We are exhausted",
            "Omar Haddad",
        ),
        # a place the speaker travelled to is no antecedent of "he"
        (
            "Peter Lindqvist said he left home early to catch a flight to Santa Barbara. "
            "“The roads were empty,” he said in an e-mail.",
            "The roads were empty",
            "Peter Lindqvist",
        ),
        # nor a building named after someone, owned by a place ("Denver's … Airport")
        (
            "Marla Quint said she arrived early at Denver's Stapleton Regional Airport. "
            "“The lines were short,” she said.",
            "The lines were short",
            "Marla Quint",
        ),
        # a middle initial does not cut the name
        (
            "The trip was quiet. Daniel R. Ostrowski said the bus was half empty all week.",
            "the bus was half empty",
            "Daniel R. Ostrowski",
        ),
        # a title inside the capitalised run stays apart from the name
        (
            "“We will decide in the morning,” Deputy Chief Laura Brandt of the city police said.",
            "We will decide in the morning",
            "Laura Brandt",
        ),
        # an organisation's name holding "the" is one name, and not a person
        (
            "The rules changed last year. According to Keeping the Peace, a veterans' group, "
            "checkpoints were added across the valley.",
            "checkpoints were added",
            "Keeping the Peace",
        ),
        # a description word before an organisation's name is its role, not part of its name
        (
            "The bill passed after the group Friends of the Northern Forest said it would sue.",
            "it would sue",
            "Friends of the Northern Forest",
        ),
    ],
)
def test_source_named(text: str, content_part: str, speaker: str) -> None:
    assert _speaker_of(text, content_part) == speaker


@pytest.mark.parametrize(
    ("text", "not_a_source"),
    [
        (
            "Omar Haddad runs the clinic on the hill. Since March 3, he says, he has treated "
            "nine patients with gunshot wounds.",
            "Since March",
        ),
        (
            "Peter Lindqvist said he left home early to catch a flight to Santa Barbara. "
            "“The roads were empty,” he said in an e-mail.",
            "Santa Barbara",
        ),
        (
            "Marla Quint said she arrived early at Denver's Stapleton Regional Airport. "
            "“The lines were short,” she said.",
            "Stapleton Regional Airport",
        ),
        (
            "The trip was quiet. Daniel R. Ostrowski said the bus was half empty all week.",
            "Ostrowski",
        ),
        (
            "“We will decide in the morning,” Deputy Chief Laura Brandt of the city police said.",
            "Deputy Chief Laura Brandt",
        ),
        (
            "The rules changed last year. According to Keeping the Peace, a veterans' group, "
            "checkpoints were added across the valley.",
            "Peace",
        ),
        # a related-article headline between paragraphs is no antecedent
        (
            "Lena Moretti wrote the report on the dam.\n"
            "Read more: A Quiet River Is Creating an Unusual Dispute Among Farmers\n"
            "In 2019, she said the dam was “a mistake” because it flooded the valley.",
            "Unusual Dispute",
        ),
    ],
)
def test_not_a_source(text: str, not_a_source: str) -> None:
    assert not_a_source not in _sources(text)


def test_role_and_kind() -> None:
    s = _sources(
        "“We will decide in the morning,” Deputy Chief Laura Brandt of the city police said."
    )
    assert s["Laura Brandt"][1] == "Deputy Chief"
    s = _sources("The bill passed. NORFA said it would sue the state over the new rule.")
    assert s["NORFA"][0] == "organization"
    s = _sources(
        "The rules changed last year. According to Keeping the Peace, a veterans' group, "
        "checkpoints were added across the valley."
    )
    assert s["Keeping the Peace"][0] == "organization"


def test_a_sentence_opening_capital_before_the_stays_out_of_the_name() -> None:
    # "Later the Senate": "Later" is capitalised because it opens the sentence
    s = _sources("Talks went on. Later the Senate said the vote would be delayed a week.")
    assert "Later the Senate" not in s


@pytest.mark.parametrize(
    ("text", "content_part", "speaker"),
    [
        # two people sharing a surname stay two sources
        (
            "“The square will stay closed,” Captain Mark Ellison said. “Another quiet "
            "morning on the train,” Rosa Ellison wrote on her blog.",
            "Another quiet morning",
            "Rosa Ellison",
        ),
        # a surname opening a sentence is the antecedent of the next "she", not a school
        (
            "Lia Dunmore said the hearing went well. Dunmore, who grew up in Tulsa, graduated "
            "from Rice University and then Yale Law School. She said she paid for school herself.",
            "she paid for school herself",
            "Lia Dunmore",
        ),
    ],
)
def test_speaker_resolved(text: str, content_part: str, speaker: str) -> None:
    assert _speaker_of(text, content_part) == speaker


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # an age is no role
        ("Nora Vance, 43, argues the statute is too broad to survive review.", "Nora Vance", None),
        # nor is a relative clause; the title after "who was" is
        (
            "Tom Beale, who was a senior official at the treasury, said the plan would fail.",
            "Tom Beale",
            "senior official",
        ),
        (
            "Tom Beale, who wrote the dissent with two colleagues, said the plan would fail.",
            "Tom Beale",
            None,
        ),
    ],
)
def test_apposition_role(text: str, name: str, role: str | None) -> None:
    assert _sources(text)[name][1] == role


@pytest.mark.parametrize(
    "text",
    [
        "Dams alone will not stop the floods, according to Ruth Ambler and her colleagues. "
        "Towns will have to move uphill, they argue.",
        "Ruth Ambler led the study. Ruth Ambler and her colleagues said towns will have to "
        "move uphill within a decade.",
    ],
)
def test_a_named_person_and_her_colleagues_is_her_source(text: str) -> None:
    a = analyze(text)
    assert {a.source(st.source).name for st in a.statements} == {"Ruth Ambler"}


def test_a_couple_named_together_is_not_one_person() -> None:
    # "and" between two names is no "X and her colleagues"
    s = _sources("Dams alone will not stop the floods, according to Ruth Ambler and Tom Reyes.")
    assert "Ruth Ambler" not in s


def test_a_subhead_between_paragraphs_is_no_statement() -> None:
    text = (
        "The council met on Monday to review the budget for the coming year.\n"
        "Mayor says library cuts will stay in place\n"
        "Mayor Ana Ruiz said the cuts were needed to keep the pool open."
    )
    found = {text[st.content[0][0] : st.content[0][1]] for st in analyze(text).statements}
    assert found == {"the cuts were needed to keep the pool open"}


def test_a_signed_quotation_line_stays_in_the_body() -> None:
    text = (
        "Voters were asked what they thought of the race.\n"
        "“The most tiring campaign I can remember in this town.” ― Maria Lopez\n"
        "Others said they had stopped following it in the spring."
    )
    names = {analyze(text).source(st.source).name for st in analyze(text).statements}
    assert "Maria Lopez" in names


@pytest.mark.parametrize(
    ("text", "content_part", "speaker"),
    [
        # a missing space after a full stop does not glue two sentences into one subject
        (
            "Most of the clips drew only a few views.A former city official said the channel "
            "was run from abroad.",
            "the channel was run from abroad",
            "A former city official",  # the phrase as written
        ),
        # a pronoun right before the cue is its subject, not the phrase before it
        (
            "A witness gave the court photographs of several men they claimed were police "
            "officers in plain clothes.",
            "were police officers",
            "they",
        ),
        # a document obtained by a newspaper speaks, not the newspaper
        (
            "The office was burglarized in March. According to witness statements obtained by "
            "The Daily Ledger, the burglars knew the alarm code.",
            "the burglars knew the alarm code",
            "witness statements",
        ),
    ],
)
def test_subject_found(text: str, content_part: str, speaker: str) -> None:
    assert _speaker_of(text, content_part) == speaker


@pytest.mark.parametrize(
    ("text", "not_a_source"),
    [
        # a possessive is no subject
        (
            "Ten diplomats were expelled over Moldavia's alleged role in the downing of the jet.",
            "Moldavia's",
        ),
        # a capitalised pronoun run inside a quotation is no antecedent
        (
            'Asked why, Jorge Vidal struggled. "Sometimes I like to write in English," he claimed.',
            "Sometimes I",
        ),
        # the predicate of a relative clause is no subject of "called"
        (
            "He emailed a friend who owned a security company called Vigil about the plan.",
            "owned a security company",
        ),
        # nor a lone sentence-opening function word
        (
            "According to a person briefed on the plan, the envoy informed the ministry that "
            "he knew of it.",
            "According",
        ),
        # nested "said she thinks" is one statement, not two
        (
            "Maria Olsen said she thinks the town is strongest when people work together.",
            "she",
        ),
    ],
)
def test_not_a_source_2(text: str, not_a_source: str) -> None:
    assert not_a_source not in _sources(text)


def test_the_north_is_a_state() -> None:
    s = _sources(
        "Talks stalled last week. Earlier the North warned that dialogue would not resume."
    )
    assert s.get("North", ("organization",))[0] == "organization"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The farm shows grew. Lentils are the new rice, according to Zillow's recent "
            "review of recipe searches from last year.",
            "Zillow",
            "other",
        ),
        (
            "Models have underestimated the warming, according to the new paper.",
            "new paper",
            "document",
        ),
        # a newspaper stays media
        ("The mayor resigned, according to the local paper.", "local paper", "media"),
    ],
)
def test_owner_and_study_names(text: str, name: str, kind: str) -> None:
    assert _sources(text)[name][0] == kind


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The rule passed after the group Friends of the Northern Forest said it would sue. "
            "FNF said it had already hired two lawyers for the case.",
            {"Friends of the Northern Forest"},
        ),
        # other capitals are another organisation
        (
            "The rule passed after the group Friends of the Northern Forest said it would sue. "
            "NRA said it had already hired two lawyers for the case.",
            {"Friends of the Northern Forest", "NRA"},
        ),
    ],
)
def test_an_acronym_joins_its_organisation(text: str, names: set[str]) -> None:
    assert set(_sources(text)) == names


def test_a_given_name_that_ends_a_place_name_opens_a_person_name() -> None:
    # the model knows the word only as the end of a city's name; first, it is a given name
    text = "Diego Quarnstrom won the vote on Monday. “It was close,” Quarnstrom said."
    assert _sources(text) == {"Diego Quarnstrom": ("person", None)}


@pytest.mark.parametrize(
    ("text", "name", "owner"),
    [
        (
            "Spain’s Ivo Sandvik won in three sets. “It was hard,” Sandvik said.",
            "Ivo Sandvik",
            "Spain",
        ),
        ("Harbor Bank’s Ivo Sandvik said rates would rise.", "Ivo Sandvik", "Harbor Bank"),
    ],
)
def test_an_owner_before_a_name_is_the_affiliation(text: str, name: str, owner: str) -> None:
    a = analyze(text)
    (src,) = a.sources
    assert (src.name, src.kind, src.affiliation) == (name, "person", owner)


@pytest.mark.parametrize(
    "text",
    [
        "Rates will rise next year, the Harbor Chronicle reported.",
        "Rates will rise next year, according to the Tarn Sentinel.",
        "Rates will rise next year, PBS reported.",
    ],
)
def test_newspaper_and_network_names_are_media(text: str) -> None:
    ((kind, _),) = _sources(text).values()
    assert kind == "media"
