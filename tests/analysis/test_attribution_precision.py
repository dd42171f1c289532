"""Attribution precision: statements cut where they should be, so a reported quotation is
one statement and not two half-statements."""

from __future__ import annotations

from statement_lists import statements


def test_a_title_quoted_in_the_speaker_tag_does_not_break_the_quotation() -> None:
    text = (
        "Bridge plan\n\n"
        '"We have waited long enough for this bridge," Maria Lopez said on "Morning Report." '
        '"Every winter the ferry stops and the island is cut off for weeks."\n\n'
        "Other members of the council left early."
    )
    found = statements(text)
    lopez = [parts for name, parts in found if "Lopez" in name]
    assert lopez == [
        [
            '"We have waited long enough for this bridge,"',
            '"Every winter the ferry stops and the island is cut off for weeks."',
        ]
    ]


def test_a_short_quotation_in_a_later_sentence_is_not_part_of_the_tag() -> None:
    text = (
        "Bridge plan\n\n"
        '"We have waited long enough for this bridge," Maria Lopez said. The mayor called '
        'the plan "too costly," and left. "Nobody has shown me the figures for the second '
        'span yet."\n\n'
        "Other members of the council left early."
    )
    found = statements(text)
    first = next(parts for _name, parts in found if parts[0].startswith('"We have waited'))
    assert first == ['"We have waited long enough for this bridge,"']


def test_what_stands_between_told_and_that_is_not_what_was_said() -> None:
    text = (
        "Harbour dues\n\n"
        "Jane Roe told a radio host in Bergen on Monday that the ferry fares would rise in May.\n\n"
        "She told voters who doubted her that the pier would stay open.\n\n"
        "Tom Vik told reporters he was leaving and that the board would meet in June."
    )
    contents = [parts[0] for _name, parts in statements(text)]
    assert any(c.endswith("the ferry fares would rise in May") for c in contents)
    assert not any("radio host" in c or "Bergen" in c for c in contents)
    assert any(c.endswith("the pier would stay open") and "voters" not in c for c in contents)
    # a clause already begun before "that": the addressee ends where it did
    assert any(c.startswith("he was leaving") for c in contents)


def test_according_to_inside_a_side_clause_sources_the_main_clause() -> None:
    text = (
        "Harbour dues\n\n"
        "The ferry left late because, according to the harbour master, the crew had not "
        "arrived on time.\n\n"
        "The pier is older than it looks: the first planks were laid in 1890, according to "
        "the town archive.\n\n"
        "While fares rose, according to Tom Vik, a local guide, the boats stayed full."
    )
    found = statements(text)
    by_source = {name: parts[0] for name, parts in found}
    master = next(c for name, c in by_source.items() if "master" in name)
    assert master.startswith("the crew had not arrived")
    archive = next(c for name, c in by_source.items() if "archive" in name)
    assert archive.startswith("the first planks were laid in 1890")
    # an apposition of the source after the comma is not the clause it vouches for
    assert not any(c.startswith("a local guide") for c in by_source.values())


def test_a_lead_kept_is_not_a_thing_said() -> None:
    text = (
        "Harbour dues\n\n"
        "The ferry company maintains a wide lead over its rivals on the northern route. "
        "Jane Roe boasts a 20-point lead in the polls. The mayor maintains that the pier is "
        "safe. Tom Vik boasted that the boats were always full."
    )
    contents = [parts[0] for _name, parts in statements(text)]
    assert not any("lead" in c for c in contents)
    assert "the pier is safe" in contents
    assert "the boats were always full" in contents


def test_a_programme_named_in_an_opening_phrase_is_nobody_s_statement() -> None:
    text = (
        "Harbour dues\n\n"
        'In an interview with "Morning Report," Jane Roe pointed to the ferry as the main '
        "problem.\n\n"
        'The fares were "simply too high," Tom Vik said.'
    )
    found = statements(text)
    assert not any("Morning Report" in part for _name, parts in found for part in parts)
    vik = [parts for name, parts in found if "Vik" in name]
    assert vik == [['The fares were "simply too high,"']]


def test_a_quotation_after_a_survey_s_finding_is_not_the_survey_s() -> None:
    text = (
        "Harbour dues\n\n"
        "Most islanders want a bridge, according to a survey by the harbour council.\n\n"
        '"We have waited long enough, and every winter the ferry stops for weeks."\n\n'
        "Jane Roe said the ferry fares would rise in May.\n\n"
        '"Nobody can plan a week ahead with these timetables and prices."'
    )
    found = statements(text)
    assert not any(
        "survey" in name and any(p.startswith('"We have waited') for p in parts)
        for name, parts in found
    )
    # a person's paraphrase still carries the full quotation after it (as its second part)
    roe = [parts for name, parts in found if "Roe" in name]
    assert any(p.startswith('"Nobody can plan') for parts in roe for p in parts)
