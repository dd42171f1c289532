"""Attribution of quotations that run on: a quote carried into the next paragraph, quotes
written with two apostrophes, and verbs that cue quotations only until "that" follows."""

from __future__ import annotations

from statement_lists import statements


def test_a_quote_left_open_ends_where_a_tagged_quote_opens_the_next_paragraph() -> None:
    text = (
        "Harbour dues\n\n"
        "“The ferries are full every morning,” Tove Lind said. “We need two more boats.\n\n"
        "“And the fares keep rising,” she said with a sigh. “Nobody can plan a week ahead.”"
    )
    found = statements(text)
    first = next(parts for _name, parts in found if parts[0].startswith("“The ferries"))
    assert len(first) == 2 and first[1].startswith("“We need two more boats.")
    assert first[1].rstrip().endswith("boats.")  # the open quote stops at its paragraph
    assert any(parts[0] == "“And the fares keep rising,”" for _name, parts in found)


def test_two_apostrophe_quotes_go_to_the_speaker_tagged_between_them() -> None:
    text = (
        "Harbour dues\n\n"
        "''The pier is unsafe,'' Ms. Vik said. ''It should close.'' Mr. Dahl said: "
        "''It will stay open all summer.''"
    )
    found = statements(text)
    vik = next(parts for name, parts in found if "Vik" in name)
    assert vik == ["''The pier is unsafe,''", "''It should close.''"]
    dahl = next(parts for name, parts in found if "Dahl" in name)
    assert dahl == ["''It will stay open all summer.''"]


def test_a_verb_for_quotations_reports_a_that_clause() -> None:
    text = (
        "Harbour dues\n\n"
        "The harbour master, Ola Brekke, wrote that the dues would double by spring. "
        "Brekke later replied that the council had been warned twice."
    )
    contents = [parts[0] for name, parts in statements(text) if "Brekke" in name]
    assert "the dues would double by spring" in contents
    assert "the council had been warned twice" in contents


def test_a_quote_resumed_after_a_long_speaker_tag_is_one_statement() -> None:
    text = (
        "Harbour dues\n\n"
        "“The real danger,” said Per Holm, a shipping analyst who has followed the port "
        "authority for two decades and advised three mayors, “is that the boats leave for good.”"
    )
    found = statements(text)
    assert len(found) == 1
    name, parts = found[0]
    assert "Holm" in name
    assert parts == ["“The real danger,”", "“is that the boats leave for good.”"]


def test_a_stance_verb_reports_its_object_up_to_a_time_phrase() -> None:
    text = (
        "Harbour dues\n\n"
        "The fishermen's union endorsed Ingrid Moe last week. "
        "Moe defended her plan for a second ferry on Tuesday."
    )
    found = {name: parts[0] for name, parts in statements(text)}
    assert any("union" in name and content == "Ingrid Moe" for name, content in found.items())
    assert any(
        "Moe" in name and content == "her plan for a second ferry"
        for name, content in found.items()
    )


def test_a_reporting_verb_governing_a_preposition_reports_nothing() -> None:
    text = (
        "Harbour dues\n\n"
        "Kari Lunde reported from the quay at dawn. "
        "The mayor added to her lead in the polls after the vote. "
        "Lunde vowed to fight the new dues."
    )
    contents = [parts[0] for _name, parts in statements(text)]
    assert not any(c.startswith(("from the quay", "to her lead")) for c in contents)
    assert "to fight the new dues" in contents


def test_a_quote_after_the_writers_own_sentences_is_not_the_last_paragraphs_speaker() -> None:
    text = (
        "Harbour dues\n\n"
        "“The dues are fair,” said Ivar Lie, the harbour master.\n\n"
        "Across the bay, the fishermen's leader Eva Strand walked the empty quay. "
        "“Nobody can pay this much for a berth.”\n\n"
        "The council meets in March.\n\n"
        "“We will not back down on the dues at all.”"
    )
    lie = [parts for name, parts in statements(text) if "Lie" in name]
    assert lie == [["“The dues are fair,”"]]


def test_a_quoted_paragraph_after_a_paragraph_of_narrative_is_not_the_earlier_speaker() -> None:
    text = (
        "Harbour dues\n\n"
        "“The dues are fair,” said Ivar Lie, the harbour master.\n\n"
        "Eva Strand, who leads the fishermen, has fought the dues for a year.\n\n"
        "“Nobody here can pay this much for a berth.”"
    )
    lie = [parts for name, parts in statements(text) if "Lie" in name]
    assert lie == [["“The dues are fair,”"]]


def test_a_quote_after_a_tagged_sentence_with_a_quoted_tail_goes_on_that_statement() -> None:
    text = (
        "Harbour dues\n\n"
        "The new dues “are a gift to the big trawler firms,” said Ola Berg, a tax lawyer. "
        "“Nobody else gains a thing from them.”"
    )
    found = statements(text)
    assert len(found) == 1
    name, parts = found[0]
    assert "Berg" in name and len(parts) == 2
    assert (
        parts[0].startswith("The new dues") and parts[1] == "“Nobody else gains a thing from them.”"
    )


def test_a_name_credited_before_a_colon_speaks_the_quotation_after_it() -> None:
    text = (
        "Harbour dues\n\n"
        "The fleet is shrinking. More from Ann Vik and Ola Berg: "
        "“Data from our survey shows the fleet halved in ten years.”"
    )
    found = statements(text)
    assert [(name, parts[0][:9]) for name, parts in found] == [
        ("Ann Vik and Ola Berg", "“Data fro")
    ]


def test_a_participle_after_the_opening_clause_takes_that_clauses_subject() -> None:
    text = (
        "Harbour dues\n\n"
        "Vik emailed her thanks, addressing her as “Eva” and telling her, "
        "“You are the best captain we have had in years!”"
    )
    found = statements(text)
    assert ("Vik", ["“You are the best captain we have had in years!”"]) in found


def test_a_connective_before_a_tag_in_mid_sentence_is_not_reported() -> None:
    text = "Harbour dues\n\nAnd yet, the harbour master said, the dues will double by spring."
    found = statements(text)
    assert [parts[0] for _name, parts in found] == ["the dues will double by spring"]


def test_a_reporting_phrase_of_two_or_three_words_cues_reported_speech() -> None:
    text = (
        "Harbour dues\n\n"
        "Ivar Lie pointed out that the dues had doubled in two years. "
        "The mayor made it clear that the pier will close in May."
    )
    found = {parts[0]: name for name, parts in statements(text)}
    assert found.get("the dues had doubled in two years") == "Ivar Lie"
    assert "the pier will close in May" in found


def test_a_participle_takes_a_group_opening_the_sentence_as_its_speaker() -> None:
    text = (
        "Harbour dues\n\n"
        "The families of the old trawler crews had mobilized, warning that the dues would ruin "
        "the port."
    )
    found = statements(text)
    assert found == [("families of the old trawler crews", ["the dues would ruin the port"])]


def test_a_participle_after_a_released_statement_reports_for_the_sentences_subject() -> None:
    text = (
        "Harbour dues\n\n"
        "The port authority released a statement Wednesday saying the dues would stay as they are."
    )
    found = statements(text)
    assert found == [("port authority", ["the dues would stay as they are"])]
