"""Page clutter left in imported text (issue 13, item 6) is furniture, never a statement:
related-article links, pointers to graphics, agency credit lines and "Read also" blocks in
several languages. The sentences around them stay body."""

from __future__ import annotations

import pytest

from reader.analysis import analyze
from reader.analysis.segment import segment

BODY = "The council approved the budget on Monday, the mayor said."
AFTER = "Opponents said they would appeal the decision in court next month."


def kinds_of(text: str) -> dict[str, str]:
    return {text[s.span[0] : s.span[1]]: s.kind for s in segment(text)}


@pytest.mark.parametrize(
    "line",
    [
        "Related: Deep-sea survey finds a reef nobody had mapped",
        "RELATED: Why harbour walls fail in winter storms",
        "—Engineers map the cracks in an old dam",
        "–Five storms that changed the coastline",
        "(Graphic: Where the flood water went - here)",
        "(Interactive: The budget line by line – click here)",
        "Reporting by Ann Lee in Kyiv; Editing by Tom Park",
        "Additional reporting by Ann Lee; Writing by Ola Berg; Editing by Tom Park",
        "(Reporting by Ann Lee)",
        "Editing by Tom Park",
        "Lire aussi : Le port ferme ses quais pour l'hiver",
        "Leggi anche: Il consiglio approva il bilancio",
        "Читайте также: Совет утвердил бюджет",
    ],
)
def test_clutter_line_is_furniture(line):
    text = f"Council approves budget\n{BODY}\n{line}\n{AFTER}\n"
    kinds = kinds_of(text)
    assert kinds[line] == "boilerplate"
    assert kinds[BODY] == kinds[AFTER] == "paragraph"


@pytest.mark.parametrize(
    ("label", "links"),
    [
        ("Leggi anche", ["Il consiglio approva il bilancio", "Porto chiuso per il maltempo"]),
        ("Read also:", ["Harbour wall to cost more", "Mayor defends the budget"]),
        ("Lire aussi", ["Le port ferme ses quais", "La mairie défend son budget"]),
        ("Lesen Sie auch", ["Hafen schließt im Winter"]),
        ("Читайте также", ["Совет утвердил бюджет"]),
    ],
)
def test_a_read_also_block_is_furniture_up_to_the_next_sentence(label, links):
    text = "\n".join(["Council approves budget", BODY, label, *links, AFTER]) + "\n"
    kinds = kinds_of(text)
    assert [kinds[x] for x in [label, *links]] == ["boilerplate"] * (1 + len(links))
    assert kinds[BODY] == kinds[AFTER] == "paragraph"


def test_no_statement_comes_from_clutter():
    credit = "Reporting by Ann Lee; Editing by Tom Park"
    related = "Related: Mayor says the wall will hold"
    text = f"Council approves budget\n{BODY}\n{related}\n{AFTER}\n{credit}\n"
    analysis = analyze(text)
    spans = [(text.index(x), text.index(x) + len(x)) for x in (related, credit)]
    for st in analysis.statements:
        for a, b in st.content:
            assert not any(s < b and a < e for s, e in spans), text[a:b]
    assert analysis.statements  # the body's statements are still found


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the county paper showed that the wall was cracked.",
        "— We will not close the port, — the mayor said.",
        "Related costs rose by a third, the auditor said.",
    ],
)
def test_body_sentences_that_look_alike_stay_body(line):
    text = f"Council approves budget\n{BODY}\n{line}\n{AFTER}\n"
    assert kinds_of(text)[line] == "paragraph"
