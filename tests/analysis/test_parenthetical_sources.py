"""A source credited mid-sentence by "according to" vouches for the words around it, not for
its own name, and a gloss on the source closing the sentence is the writer's."""

from __future__ import annotations

from statement_lists import statements


def test_the_words_on_both_sides_of_according_to_are_reported() -> None:
    text = (
        "Ferry traffic\n\n"
        "Crossings to the outer islands fell by a third in March, according to the harbour "
        "office, and two of the four routes were suspended."
    )
    found = statements(text)
    assert (
        "harbour office",
        [
            "Crossings to the outer islands fell by a third in March",
            "and two of the four routes were suspended",
        ],
    ) in found


def test_a_gloss_on_the_source_ending_the_sentence_is_not_reported() -> None:
    text = (
        "Shipyard\n\n"
        "The yard earned about $40 million last year, according to public filings, a large "
        "sum for a firm of its size."
    )
    found = statements(text)
    parts = [parts for _name, parts in found if any("earned" in p for p in parts)]
    assert parts == [["The yard earned about $40 million last year"]]


def test_a_speaker_tag_inside_the_sentence_is_not_what_was_said() -> None:
    text = (
        "Bridge repairs\n\n"
        "The northern span, the engineer Tove Lindqvist said, would need new cables before "
        "the winter storms."
    )
    found = statements(text)
    assert (
        "Tove Lindqvist",
        ["The northern span", "would need new cables before the winter storms"],
    ) in found
