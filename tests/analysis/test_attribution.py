"""Attribution: each construction, with the speaker and the content it must find."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _found(text: str) -> list[tuple[str, str, str, str]]:
    a = analyze(text)
    out = []
    for st in a.statements:
        src = a.source(st.source)
        s, e = st.content[0]
        out.append((st.kind, src.name, text[s:e], st.cue_text))
    return out


@pytest.mark.parametrize(
    ("text", "kind", "source", "content"),
    [
        (
            "“The harvest was the worst in a decade,” Jonas Berg said.",
            "direct",
            "Jonas Berg",
            "“The harvest was the worst in a decade,”",
        ),
        (
            "Mayor Ana Ruiz said: “The bridge will reopen in March.”",
            "direct",
            "Ana Ruiz",
            "“The bridge will reopen in March.”",
        ),
        (
            "“Nobody expected the vote to pass,” said Peter Olsen, a lawyer at Berg & Co.",
            "direct",
            "Peter Olsen",
            "“Nobody expected the vote to pass,”",
        ),
        (
            "“The plant will close,” Karl Weiss, head of the regional works council, told Reuters.",
            "direct",
            "Karl Weiss",
            "“The plant will close,”",
        ),
        (
            "According to the statistics office, inflation slowed to 3 percent in May.",
            "indirect",
            "statistics office",
            "inflation slowed to 3 percent in May",
        ),
        (
            "Inflation slowed to 3 percent in May, according to the central bank.",
            "indirect",
            "central bank",
            "Inflation slowed to 3 percent in May",
        ),
        (
            "Ministers claimed that the new tax would pay for the hospitals.",
            "indirect",
            "Ministers",
            "the new tax would pay for the hospitals",
        ),
        (
            "The road will stay closed until Friday, police said.",
            "indirect",
            "police",
            "The road will stay closed until Friday",
        ),
        (
            "Officials said the shelter had run out of blankets.",
            "indirect",
            "Officials",
            "the shelter had run out of blankets",
        ),
        (
            "Local sources among the harbour staff reported no damage to the cranes.",
            "indirect",
            "Local sources among the harbour staff",
            "no damage to the cranes",
        ),
        (
            "In addition, Ruth Adler notes that the rules have not changed since 2019.",
            "indirect",
            "Ruth Adler",
            "the rules have not changed since 2019",
        ),
    ],
)
def test_construction(text, kind, source, content):
    assert (kind, source, content) in [(k, s, c) for k, s, c, _ in _found(text)]


def test_interrupted_quote_is_one_statement_with_two_parts():
    text = "“We saw the smoke at dawn,” Lena Park said. “Then the whole street was burning.”"
    (st,) = analyze(text).statements
    first, second = st.content
    assert text[slice(*first)].startswith("“We saw the smoke")
    assert text[slice(*second)] == "“Then the whole street was burning.”"
    assert st.kind == "direct" and text[slice(*st.cue)] == "said"


def test_interrupted_quote_in_json_has_the_list_of_parts_as_content():
    from reader.analysis.serialize import to_contract

    text = "“We saw the smoke at dawn,” Lena Park said. “Then the whole street was burning.”"
    (item,) = to_contract(analyze(text), "x.txt")["statements"]
    first, second = item["content"]
    assert text[slice(*first)] == "“We saw the smoke at dawn,”"
    assert text[slice(*second)] == "“Then the whole street was burning.”"
    assert item["parts"] == item["content"]


def test_single_quote_in_json_keeps_one_span_as_content():
    from reader.analysis.serialize import to_contract

    text = "“The bridge will reopen in May,” Omar Lindqvist said."
    (item,) = to_contract(analyze(text), "x.txt")["statements"]
    assert text[slice(*item["content"])] == "“The bridge will reopen in May,”"
    assert "parts" not in item


def test_multi_paragraph_quote_is_one_statement():
    text = (
        "“We checked every truck at the crossing. Nothing unusual came through.\n"
        "We will keep checking until the end of the month,” Omar Haddad, a customs officer, "
        "told the Evening Post.\n"
    )
    (st,) = analyze(text).statements
    s, e = st.content[0]
    assert text[s:e].startswith("“We checked") and text[s:e].endswith("the month,”")


def test_pronoun_resolves_to_the_nearest_person():
    text = (
        "Maria Santos, a nurse at the city hospital, spoke to reporters on Monday. "
        "She said that the wards were full."
    )
    a = analyze(text)
    (st,) = a.statements
    src = a.source(st.source)
    assert src.name == "Maria Santos"
    assert st.source_mention in src.mentions


def test_surname_joins_the_full_name_and_role():
    text = (
        "“The figures are wrong,” said Tomas Novak, an economist at the Prague Institute.\n"
        "“Nobody checked them,” Novak said.\n"
    )
    a = analyze(text)
    assert len(a.sources) == 1
    (src,) = a.sources
    assert (src.name, src.kind, src.role, src.affiliation) == (
        "Tomas Novak",
        "person",
        "economist",
        "Prague Institute",
    )


def test_description_joins_the_only_person_named_before():
    text = (
        "The governor of the province, Hugo Lenz, has called an early election.\n"
        "“We need a fresh mandate,” the veteran governor said on Sunday.\n"
    )
    a = analyze(text)
    names = {a.source(st.source).name for st in a.statements}
    assert names == {"Hugo Lenz"}


def test_premodifier_role_and_affiliation():
    text = "“The strike is over,” said Dutch union leader Eva de Vries."
    (src,) = analyze(text).sources
    assert (src.name, src.role, src.affiliation) == ("Eva de Vries", "leader", "Dutch union")


@pytest.mark.parametrize(
    "text",
    [
        "Protesters outside parliament waved banners denouncing the “foreign agents” law.",
        "The film “Cold Harbour” opens in cinemas on Friday.",
        "The so-called “peace plan” was never published.",
        "A group called “Friends of the Lake” planted trees on Sunday.",
        "Officials Meet to Discuss the Budget\nThe meeting lasted two hours.",
        "JOIN US ON TELEGRAM\nThe council met on Friday.",
    ],
)
def test_must_not_match(text):
    assert analyze(text).statements == ()


def test_quoted_fragment_of_reported_speech_is_one_mixed_statement():
    text = "Lopez said the offer was “a good start” for the negotiations."
    found = _found(text)
    assert [k for k, *_ in found] == ["mixed"]
    assert found[0][2] == "the offer was “a good start” for the negotiations"


def test_naming_verb_with_a_quotation_is_a_mixed_statement():
    text = "The ministry called the plan a “dangerous gamble” for the economy."
    found = _found(text)
    assert [(k, s) for k, s, *_ in found] == [("mixed", "ministry")]


def test_naming_verb_without_a_quotation_is_no_statement():
    assert analyze("The ministry called the meeting for Monday.").statements == ()


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Senator Ruth Miller (D-Ore.): “We will not vote for this budget.”",
            "Ruth Miller",
            "“We will not vote for this budget.”",
        ),
        (
            "“The river rose faster than anyone expected.” ― Daniel Okafor\n",
            "Daniel Okafor",
            "“The river rose faster than anyone expected.”",
        ),
        (
            "The mayor closed the briefing early, saying: “We have nothing more to add today.”",
            "mayor",
            "“We have nothing more to add today.”",
        ),
        (
            "Farmers blocked the road for a third day, according to the regional police.",
            "regional police",
            "Farmers blocked the road for a third day",
        ),
        (
            "The deal is “dead on arrival,” according to the opposition leader.",
            "opposition leader",
            "The deal is “dead on arrival,”",
        ),
        (
            "The union, which represents nurses, said that the talks had collapsed.",
            "union",
            "the talks had collapsed",
        ),
        (
            "Maria Gomez, 41, of El Paso, Texas, said the clinic had closed in May.",
            "Maria Gomez",
            "the clinic had closed in May",
        ),
        (
            "Ambassador Lena Fischer, who spoke after the vote, said the sanctions would stay.",
            "Lena Fischer",
            "the sanctions would stay",
        ),
    ],
)
def test_more_constructions(text, source, content):
    found = [(s, c) for _k, s, c, _cue in _found(text)]
    assert (source, content) in found


def test_continued_paragraph_after_colon_intro():
    text = (
        "At the end of the hearing the judge told the court:\n"
        "“This case should never have reached this room. I am dismissing it.”\n"
    )
    (st,) = analyze(text).statements
    assert analyze(text).source(st.source).name == "judge"
    assert st.kind == "direct"


def test_quoted_fragment_in_the_middle_of_a_sentence_is_not_direct():
    text = "Critics said the reform was “a tax on the poor” and would not pass."
    kinds = [k for k, *_ in _found(text)]
    assert "direct" not in kinds
