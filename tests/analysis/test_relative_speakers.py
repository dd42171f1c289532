"""A relative clause on a name reports for that name ("X, who has said …"), across perfect
auxiliaries and short adverbs, and what it reports ends where the main clause resumes.
Sentences written for these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _statements(text: str) -> list[tuple[str, str]]:
    """(source name, content text) for every statement of `text`."""
    a = analyze(text)
    names = {s.id: s.name for s in a.sources}
    return [(names[st.source], " ".join(text[x:y] for x, y in st.content)) for st in a.statements]


def test_who_has_said_credits_the_name_before_the_comma() -> None:
    text = (
        "The rules were drafted last year. Critics include nurse Lena Marsh, who has said "
        "that the rules are too loose."
    )
    assert ("Lena Marsh", "the rules are too loose") in _statements(text)


def test_who_has_also_argued_credits_the_name() -> None:
    text = (
        "The tunnel opened in May. Its designer is Piet Amsel, who has also argued that "
        "the tunnel needs a second exit."
    )
    assert ("Piet Amsel", "the tunnel needs a second exit") in _statements(text)


def test_the_relative_clause_report_ends_before_the_main_verb() -> None:
    text = "The bridge closed in June. Omar Reyes, who said the bridge was unsafe, will testify."
    assert ("Omar Reyes", "the bridge was unsafe") in _statements(text)


def test_a_background_stance_in_a_perfect_relative_clause_is_no_report() -> None:
    text = "The race is close. Tara Quill, who has endorsed the mayor, met voters in the town."
    assert _statements(text) == []
