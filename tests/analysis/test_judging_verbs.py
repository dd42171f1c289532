"""Verbs of praise and blame ("decried", "hailed", "chided") report a stance on what they
name, like "praised" and "criticized": their subject is a source and their object is the
content. Sentences written for these tests."""

from __future__ import annotations

from reader.analysis import analyze


def _statements(text: str) -> list[tuple[str, str]]:
    """(source name, content text) for every statement of `text`."""
    a = analyze(text)
    names = {s.id: s.name for s in a.sources}
    out = []
    for st in a.statements:
        out.append((names[st.source], " ".join(text[a:b] for a, b in st.content)))
    return out


def test_decried_reports_its_object() -> None:
    text = "The port reopened on Friday. Mina Osei decried the new parking fees."
    assert ("Mina Osei", "the new parking fees") in _statements(text)


def test_hailed_and_chided_report_their_objects() -> None:
    text = (
        "The council met again. Bram Tello hailed the vote on the bridge. "
        "Ines Varga chided the mayor over the delays."
    )
    got = dict(_statements(text))
    assert got.get("Bram Tello", "").startswith("the vote on the bridge")
    assert got.get("Ines Varga", "").startswith("the mayor")


def test_a_judging_verb_without_object_reports_nothing() -> None:
    text = "The plan was published on Monday, and the union lambasted it. Nobody else spoke."
    assert all(name != "Monday" for name, _ in _statements(text))
