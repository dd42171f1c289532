"""Bad inputs: nothing raises, offsets index the original text, time stays linear."""

from __future__ import annotations

import time

import pytest

from reader.analysis import analyze
from reader.analysis.serialize import to_contract


def _check_offsets(text: str) -> None:
    a = analyze(text)
    n = len(text)
    for src in a.sources:
        for s, e in src.mentions:
            assert 0 <= s < e <= n
    for st in a.statements:
        for s, e in st.content:
            assert 0 <= s < e <= n
    to_contract(a, "x")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\r\n",
        "No quotes and no speakers, just a plain line of text.",
        "“Unbalanced opening, never closed, said nobody",
        "Closing only” said Ivan. ” ” “",
        '"""""""',
        "«Мы не уйдём», — заявил мэр Иван Петров. “Mixed” scripts said Олег.",
        "“Line one,” Anna Berg said.\r\n“Line two,” Anna Berg said.\r\n",
        "\ufeff“With a BOM,” Maria Lind said.",
        "said said said according to according to , , “ ” : :",
    ],
)
def test_no_exception_and_offsets_in_range(text):
    _check_offsets(text)


def test_offsets_survive_crlf():
    text = "Intro line.\r\n“We will stay,” Karin Holm said.\r\n"
    (st,) = analyze(text).statements
    s, e = st.content[0]
    assert text[s:e] == "“We will stay,”"
    s, e = st.source_mention
    assert text[s:e] == "Karin Holm"


def test_cyrillic_quote_offsets():
    text = "«Мы не уйдём», сказал мэр. “We stay,” Ivan Petrov said."
    a = analyze(text)
    contents = [text[slice(*st.content[0])] for st in a.statements]
    assert "“We stay,”" in contents


def test_large_input_stays_linear():
    para = (
        "“The harbour reopened on Monday after repairs,” Lena Berg said. Officials said that "
        "traffic was light. Prices rose, according to the port authority.\n"
    )
    small, big = para * 200, para * 2000
    t0 = time.perf_counter()
    analyze(small)
    t1 = time.perf_counter()
    a = analyze(big)
    t2 = time.perf_counter()
    assert len(a.statements) >= 2000
    assert (t2 - t1) < 40 * max(t1 - t0, 0.05)  # ten times the text: far less than 100x time


def test_ten_megabytes_of_unbroken_text():
    text = ("word “" * 50_000 + "x" * 10) * 1
    text = text + "a" * (10_000_000 - len(text))
    t0 = time.perf_counter()
    analyze(text)
    assert time.perf_counter() - t0 < 30
