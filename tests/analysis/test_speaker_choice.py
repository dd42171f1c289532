"""Who speaks a quotation or a participle's report: the subject of the main clause (not a
dateline, a connective or the first word of an opening adverbial), and every "he"/"she" that
stands for a source listed among its mentions. Sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def _speakers(text: str) -> list[str]:
    a = analyze(text)
    return [a.source(st.source).name for st in a.statements]


@pytest.mark.parametrize(
    "opening",
    [
        "HARBOR CITY, May 3 (Wire) — Mayor Ines Talvik rallied volunteers at the pier on "
        "Friday, saying",
        "Harbor City (Wire) – Mayor Ines Talvik rallied volunteers at the pier on Friday, saying",
        "Amid cheers from the crowd gathered outside the town hall, Mayor Ines Talvik thanked "
        "the volunteers, saying",
        "Even before the storm had passed over the bay, Ines Talvik wrote to the residents, saying",
        "HARBOR CITY, May 3 (Wire) — In response to the storm that broke the old pier on "
        "Sunday, Ines Talvik rallied volunteers, saying",
        "In October, Rep. Ines Talvik, D-Maine, visited the pier and rallied volunteers, saying",
    ],
)
def test_a_participle_takes_the_subject_after_a_dateline_or_an_opening_adverbial(
    opening: str,
) -> None:
    text = f"{opening}: “We will rebuild the pier before the winter comes.”"
    assert _speakers(text)[-1] == "Ines Talvik"


def test_an_opening_adverbial_that_runs_into_the_cue_gives_no_speaker() -> None:
    text = "Once in a while, saying: “We will rebuild the pier before the winter comes.”"
    assert "Once" not in _speakers(text)


def test_a_pronoun_standing_for_a_source_is_one_of_its_mentions() -> None:
    text = (
        "Dana Whitlock runs the nurses union. She called the strike a last resort.\n\n"
        "“We will not back down,” Whitlock said."
    )
    a = analyze(text)
    (source,) = a.sources
    she = text.index("She")
    assert (she, she + 3) in source.mentions


def test_a_pronoun_inside_a_quotation_or_after_someone_silent_is_not_a_mention() -> None:
    text = (
        "Dana Whitlock runs the nurses union.\n\n"
        "“We will not back down. He knows that,” Whitlock said.\n\n"
        "Oskar Lind leads the hospital board. He met the union on Monday."
    )
    a = analyze(text)
    (source,) = a.sources
    said = {text[s:e] for s, e in source.mentions}
    assert said == {"Whitlock"}


def test_a_share_of_respondents_speaks_through_the_poll_named_before() -> None:
    text = (
        "In a Harbor Daily/Tarn poll released Monday, the pier plan won wide support.\n\n"
        "Sixty-two percent of voters said the town should rebuild the pier this year."
    )
    a = analyze(text)
    (st,) = a.statements
    source = a.source(st.source)
    assert source.name == "Harbor Daily/Tarn poll"
    assert source.kind == "document"
    share = text.index("Sixty-two")
    assert text[st.source_mention[0] : st.source_mention[1]].startswith("Sixty-two")
    assert any(s == share for s, _ in source.mentions)


def test_a_share_without_a_poll_in_reach_stays_its_own_source() -> None:
    text = "Sixty-two percent of voters said the town should rebuild the pier this year."
    a = analyze(text)
    (st,) = a.statements
    assert a.source(st.source).name != "poll"
    assert "percent" in a.source(st.source).name


def test_a_participle_after_a_speaker_tag_takes_the_tags_subject() -> None:
    text = (
        "Talvik and Berg will meet next week, Ola Nyhus said on Friday, adding, "
        "“They need to sit down and talk it through.”"
    )
    a = analyze(text)
    quoted = [st for st in a.statements if st.kind == "direct"]
    assert [a.source(st.source).name for st in quoted] == ["Ola Nyhus"]


def test_a_closed_quotation_is_not_given_to_the_next_sentences_reporter() -> None:
    text = (
        "“It is a sad day for the harbour,” Ines Talvik told reporters on the quay. “The pier "
        "stood for a century and we let it rot.” Ola Nyhus said he would have repaired it "
        "years ago if the council had let him."
    )
    a = analyze(text)
    second = next(st for st in a.statements if text[st.content[-1][0] :].startswith("“The pier"))
    assert a.source(second.source).name == "Ines Talvik"


def test_a_name_and_an_unlisted_verb_after_a_quotation_speak_it() -> None:
    text = (
        "“The pier is a ruin,” Ines Talvik said.\n\n"
        "“Then you should have fixed it last year,” Ola Nyhus shot back.\n\n"
        "“Is that your answer to everything?” Berit Lund retorted."
    )
    a = analyze(text)
    names = [a.source(st.source).name for st in a.statements]
    assert names == ["Ines Talvik", "Ola Nyhus", "Berit Lund"]


def test_a_paragraph_of_quotation_after_a_tagged_quotation_goes_on_with_it() -> None:
    text = (
        "The council met on Friday.\n\n"
        "“The pier is a ruin and everyone in this town knows it,” Ines Talvik said.\n\n"
        "“We will rebuild it before the winter, whatever the council decides to do.”"
    )
    a = analyze(text)
    (st,) = [st for st in a.statements if st.kind == "direct"]
    assert a.source(st.source).name == "Ines Talvik"
    assert [text[s:e][:8] for s, e in st.content] == ["“The pie", "“We will"]


def test_a_cue_with_a_long_adverbial_before_a_quoted_sentence() -> None:
    text = (
        "The council met on Friday.\n\n"
        "Ines Talvik told the harbour council in a written statement on Friday, “We will "
        "rebuild the pier before the winter.”"
    )
    a = analyze(text)
    quoted = [st for st in a.statements if st.kind == "direct"]
    assert [a.source(st.source).name for st in quoted] == ["Ines Talvik"]


def test_a_paragraph_ending_on_a_colon_introduces_the_quotation_after_it() -> None:
    text = (
        "The storm broke the pier on Sunday.\n\n"
        "Mayor Ines Talvik released the following statement on Monday:\n\n"
        "“We will rebuild the pier before the winter, and the fishermen will be paid.”\n\n"
        "Partial transcript:\n\n"
        "“The pier is gone and the harbour is closed until further notice.”"
    )
    a = analyze(text)
    names = [a.source(st.source).name for st in a.statements if st.kind == "direct"]
    assert names[0] == "Ines Talvik"
    assert "Partial transcript" not in names


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("Ola Nyhus jokingly said,", "Ola Nyhus"),
        ("Nyhus, exasperated, famously responded:", "Nyhus"),
        ("After winning the county, Gov. Tom Rask (R-OH), said,", "Tom Rask"),
    ],
)
def test_the_subject_of_a_cue_past_adverbs_or_a_party_code(tag: str, speaker: str) -> None:
    text = (
        "The harbour council met on Friday.\n\n"
        f"{tag} “We will rebuild the pier with our bare hands if we must.”"
    )
    assert _speakers(text) == [speaker]


def test_possessive_and_object_pronouns_of_a_source_are_its_mentions() -> None:
    text = (
        "Dana Whitlock runs the nurses union. Her members voted for the strike, and the "
        "board thanked her for it.\n\n"
        "“We will not back down,” Whitlock said."
    )
    a = analyze(text)
    (source,) = a.sources
    words = {text[s:e] for s, e in source.mentions}
    assert {"Her", "her"} <= words


@pytest.mark.parametrize(
    "tag",
    [
        "Ola Nyhus turned to the mayor and asked her,",
        "Ola Nyhus sat down with the fishermen before asking them,",
    ],
)
def test_a_cue_and_the_pronoun_of_the_one_spoken_to_before_a_quotation(tag: str) -> None:
    text = (
        "The harbour council met on Friday.\n\n"
        f"{tag} “Will you rebuild the pier before the winter comes?”"
    )
    assert _speakers(text) == ["Ola Nyhus"]
