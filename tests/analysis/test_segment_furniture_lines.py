"""Page furniture lines seen on real news sites are not article body."""

import pytest

from reader.analysis.segment import segment


@pytest.mark.parametrize(
    "line",
    [
        "Write to Dana Reyes at dana.reyes@example.com",
        "Loading weather data ...",
        "Are you caught in the storm? Please share your videos and photos with us.",
        "Staff writers Ann Lee and Tom Park contributed to this report",
        "© 2024 Example News Network, Inc. All rights reserved.",
    ],
)
def test_furniture_line_is_not_body(line):
    body = "The council approved the budget on Monday, the mayor said."
    text = f"Council approves budget\n{body}\n{line}\n"
    kinds = {text[s.span[0] : s.span[1]]: s.kind for s in segment(text)}
    assert kinds[line] == "boilerplate"


def test_ordinary_sentence_is_body():
    line = "The mayor said she would write to the governor about the budget."
    text = f"Council approves budget\n{line}\n"
    kinds = {text[s.span[0] : s.span[1]]: s.kind for s in segment(text)}
    assert kinds[line] == "paragraph"
