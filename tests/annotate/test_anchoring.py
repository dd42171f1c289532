"""Re-anchoring a highlight after the article's text changed (table of edits)."""

from __future__ import annotations

import time

import pytest

from reader.annotate.anchoring import quote_selector, reanchor, selectors

PARA_1 = "The minister arrived in Minsk on Tuesday for talks that officials described as routine. "
PARA_2 = (
    "“We constantly monitor the situation. According to our sources, the troops did not "
    "move toward Ukraine,” the spokesman said, adding that nothing had changed at the border. "
)
PARA_3 = "Analysts in Kyiv were not convinced and asked for satellite images of the camps."
TEXT = PARA_1 + "\n\n" + PARA_2 + "\n\n" + PARA_3


def _sel(text: str, quote: str, occurrence: int = 0) -> tuple[str, str, str, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    exact, prefix, suffix = quote_selector(text, start, start + len(quote))
    return exact, prefix, suffix, start


CASES = [
    # (name, old text, quote, new text, expected quote in new text or None for orphaned)
    (
        "unchanged",
        TEXT,
        "We constantly monitor the situation",
        TEXT,
        "We constantly monitor the situation",
    ),
    (
        "text inserted before",
        TEXT,
        "We constantly monitor the situation",
        "BREAKING: an update was added at the top of the story.\n\n" + TEXT,
        "We constantly monitor the situation",
    ),
    (
        "text removed before",
        TEXT,
        "asked for satellite images",
        TEXT.replace(PARA_1 + "\n\n", ""),
        "asked for satellite images",
    ),
    (
        "typo fixed inside the quote",
        TEXT.replace("troops did not move", "troops did not moev"),
        "the troops did not moev toward Ukraine",
        TEXT,
        "the troops did not move toward Ukraine",
    ),
    (
        "word changed inside a long quote",
        TEXT,
        "the spokesman said, adding that nothing had changed at the border",
        TEXT.replace("nothing had changed", "little had changed"),
        "the spokesman said, adding that little had changed at the border",
    ),
    (
        "the paragraph removed",
        TEXT,
        "We constantly monitor the situation",
        PARA_1 + "\n\n" + PARA_3,
        None,
    ),
    (
        "the quote rewritten beyond recognition",
        TEXT,
        "asked for satellite images of the camps",
        TEXT.replace("asked for satellite images of the camps", "said they would wait and see"),
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "quote", "new", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_reanchor(name: str, old: str, quote: str, new: str, expected: str | None) -> None:
    exact, prefix, suffix, start = _sel(old, quote)
    placed = reanchor(new, exact, prefix, suffix, start)
    if expected is None:
        assert placed is None
    else:
        assert placed is not None
        assert new[placed[0] : placed[1]] == expected


def test_duplicated_quote_is_told_apart_by_its_context() -> None:
    old = (
        "In March the ministry said: no comment. Reporters waited.\n"
        "In May the army said: no comment. Nobody was surprised."
    )
    exact, prefix, suffix, start = _sel(old, "no comment", occurrence=1)
    new = "A new first line.\n" + old.replace("Reporters waited.", "Reporters waited a long time.")
    a, b = reanchor(new, exact, prefix, suffix, start) or (0, 0)
    assert new[a:b] == "no comment"
    assert new[a - 15 : a] == "the army said: "


def test_position_is_trusted_first() -> None:
    text = "no comment. no comment. no comment."
    exact, prefix, suffix = quote_selector(text, 12, 22)
    assert reanchor(text, exact, prefix, suffix, 12) == (12, 22)


def test_empty_quote_is_a_margin_note() -> None:
    assert reanchor("short", "", "", "", 99) == (5, 5)


def test_selectors_are_w3c_shaped() -> None:
    quote, pos = selectors(TEXT, 10, 20)
    assert quote.to_json()["type"] == "TextQuoteSelector"
    assert quote.exact == TEXT[10:20]
    assert pos.to_json() == {"type": "TextPositionSelector", "start": 10, "end": 20}


def _filler(size: int) -> str:
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"]
    out, total, i = [], 0, 0
    while total < size:
        out.append(words[i % len(words)] + str(i % 97))
        total += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def test_linear_on_a_megabyte() -> None:
    body = _filler(1_000_000)
    old = body + "\n\n" + PARA_2 + "\n\n" + body
    exact, prefix, suffix, start = _sel(old, "the troops did not move toward Ukraine")
    cases = [
        "Inserted line.\n" + old,  # moved
        old.replace("did not move", "did not really move"),  # fuzzy
        body + "\n\n" + body,  # orphaned
    ]
    t = time.perf_counter()
    for new in cases:
        reanchor(new, exact, prefix, suffix, start)
    # common words ("the", "alpha…") must not blow up the candidate count
    e2, p2, s2 = quote_selector(old, 6, 16)
    reanchor(old[:5] + old[7:], e2, p2, s2, 6)
    assert time.perf_counter() - t < 3.0


def test_a_very_common_quote_is_found_near_its_old_place() -> None:
    filler = "the cat sat. " * 5000
    old = filler + "Then the dog barked at the cat. " + filler
    exact, prefix, suffix, start = _sel(old, "the", occurrence=5000)
    assert old[start - 5 : start] == "Then "
    new = "Intro. " + old
    a, b = reanchor(new, exact, prefix, suffix, start) or (0, 0)
    assert new[a - 5 : b] == "Then the"
