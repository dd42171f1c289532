"""What the engine attributes in a text, as plain lists the engine's tests compare with what a
reader of the text would say: who speaks (the source's name), optionally the statement's kind,
and the words of each part of the content."""

from __future__ import annotations

from reader.analysis import analyze


def statements(text: str) -> list[tuple[str, list[str]]]:
    """(source name, content parts) of each statement found in `text`, in order."""
    a = analyze(text)
    return [(a.source(st.source).name, [text[s:e] for s, e in st.content]) for st in a.statements]


def statements_with_kind(text: str) -> list[tuple[str, str, list[str]]]:
    """(source name, kind, content parts) of each statement found in `text`, in order."""
    a = analyze(text)
    return [
        (a.source(st.source).name, st.kind, [text[s:e] for s, e in st.content])
        for st in a.statements
    ]
