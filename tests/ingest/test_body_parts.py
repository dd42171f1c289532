"""A page whose article body is split into several containers of one kind (an ad between
them), and a body quoting an embedded post: both reach the extracted text whole. Pages
written for these tests."""

from __future__ import annotations

from reader.ingest.html import document_from_html

FILLER = (
    "The harbour board met on a grey morning to weigh the plan for the northern quay, "
    "and the members read the engineers' notes line by line before the vote."
)


def _para(i: int) -> str:
    return f"<p>Paragraph {i} of the story. {FILLER}</p>"


def _split_page() -> str:
    first = "".join(_para(i) for i in range(1, 6))
    second = "".join(_para(i) for i in range(6, 10))
    second += "<p>“The quay will open in spring,” said Ilse Marwick, the harbour master.</p>"
    part = '<div class="story-part body-text">{}</div>'
    return (
        "<html><head><title>Quay plan</title></head><body><main><article>"
        "<h1>Quay plan approved</h1>"
        f'<div class="row">{part.format(first)}</div>'
        '<div class="row ad"><span>Advertisement</span></div>'
        f'<div class="row">{part.format(second)}</div>'
        "</article></main>"
        '<footer><div class="story-part body-text"><p>Subscribe to our letters and '
        "support our newsroom every single week of the year.</p></div></footer>"
        "</body></html>"
    )


def test_the_later_parts_of_a_split_body_follow_the_first() -> None:
    text = document_from_html(_split_page(), "quay.html").text
    assert "said Ilse Marwick" in text
    assert text.index("Paragraph 5 of") < text.index("Paragraph 6 of") < text.index("Ilse")
    assert text.count("Paragraph 6 of") == 1
    assert "Subscribe" not in text  # the footer's container of that class stays out


def test_an_embedded_post_keeps_its_text_and_signature_in_place() -> None:
    body = "".join(_para(i) for i in range(1, 5))
    page = (
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry fares</h1>"
        f"{body}<p>Another rider mocked the fares online. {FILLER}</p>"
        '<blockquote class="twitter-tweet"><p>Twelve euros to cross a pond, really?</p>'
        "— Pella Rand (@pellarand) May 2, 2024</blockquote>"
        f"<p>The operator defended the fares. {FILLER}</p>"
        "</article></body></html>"
    )
    lines = document_from_html(page, "ferry.html").text.split("\n")
    sig = next(i for i, line in enumerate(lines) if line.startswith("— Pella Rand"))
    assert "mocked the fares" in lines[sig - 2] or "Twelve euros" in lines[sig - 1]
    assert "operator defended" in lines[sig + 1]


def test_a_layout_table_keeps_one_line_per_paragraph() -> None:
    paras = "".join(_para(i) for i in range(1, 6))
    page = (
        "<html><head><title>Quay</title></head><body><table><tr><td>"
        f"<h1>Quay plan approved</h1>{paras}"
        "</td></tr></table></body></html>"
    )
    lines = document_from_html(page, "quay.html").text.split("\n")
    starts = [line[:12] for line in lines if line.startswith("Paragraph")]
    assert starts == [f"Paragraph {i} " for i in range(1, 6)]


def test_a_data_table_row_stays_one_line() -> None:
    paras = "".join(_para(i) for i in range(1, 5))
    page = (
        "<html><head><title>Fares</title></head><body><article><h1>Fares</h1>"
        f"{paras}<table><tr><td>Route</td><td>Fare</td></tr>"
        "<tr><td>North quay</td><td>12 euros</td></tr></table>"
        f"{_para(9)}</article></body></html>"
    )
    assert "North quay · 12 euros" in document_from_html(page, "fares.html").text
