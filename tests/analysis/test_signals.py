"""Signals: hedges in and around a statement, and the stance of its cue."""

from __future__ import annotations

import pytest

from reader.analysis import analyze


@pytest.mark.parametrize(
    ("text", "hedges", "stance"),
    [
        (
            "The army claimed that rebels had allegedly shelled the town.",
            ("allegedly",),
            "doubtful",
        ),
        ("The company said profits rose by a tenth.", (), "neutral"),
        ("Police insisted that the crowd had apparently dispersed.", ("apparently",), "doubtful"),
        (
            "The minister noted that the grain was reportedly stolen.",
            ("reportedly",),
            "neutral",
        ),
        (
            "“The mine employs a third of the town, according to some reports,” Ivan Petrov said.",
            ("according to some reports",),
            "neutral",
        ),
        ("The agency confirmed that the flight had landed.", (), "assertive"),
    ],
)
def test_hedges_and_stance(text, hedges, stance):
    (st,) = analyze(text).statements
    assert st.hedges == hedges
    assert st.stance == stance
    for h, (s, e) in zip(st.hedges, st.hedge_spans, strict=True):
        assert text[s:e].lower() == h


def test_cue_text_names_the_outlet():
    text = "“We are ready,” Anna Kowal told Radio Free Europe."
    (st,) = analyze(text).statements
    assert st.cue_text == "told Radio Free Europe"
