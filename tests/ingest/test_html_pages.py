"""Saved news pages: the article body comes out intact, the page furniture does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest.files import read_path
from reader.ingest.html import document_from_html

PAGES = Path(__file__).parent / "pages"

CASES = [
    pytest.param(
        "harbour-council.html",
        {
            "title": "Harbour council approves £40m flood wall despite residents' objections",
            "author": "Helen Marsh",
            "published": "2024-03-12",
            "site": "The Northern Courier",
            "canonical_url": "https://www.northerncourier.example/news/2024/mar/12/"
            "harbour-council-flood-wall",
        },
        [
            "Plans for a £40m flood wall along Kelby harbour were approved on Tuesday night, "
            "despite more than 600 objections from residents who said the structure would cut "
            "the town off from the sea.",
            "“We cannot keep asking families on Quay Street to bail out their living rooms every "
            "other winter,” said the committee chair, Councillor Ruth Adeyemi. “This wall is not "
            "pretty, but it will keep people safe.”",
            "Residents say the wall will ‘kill the harbour’",
            "The council has listened to the engineers and ignored the people who actually live "
            "here.",
            "Work is expected to start in September and to take about two years. The coastal path "
            "will stay open for most of that time, according to the council.",
        ],
        [
            "We use cookies",
            "Subscribe from £1 a week",
            "Search the Courier",
            "Advertisement",
            "Share on Facebook",
            "Related articles",
            "Storm Gerrit",
            "Most read",
            "seaview_sue",
            "Build the wall",
            "Privacy policy",
            "All rights reserved",
            "First Edition",
            "Photograph: Courier staff",
        ],
        id="courier",
    ),
    pytest.param(
        "drought-farmers.html",
        {
            "title": "Drought forces farmers to sell cattle as reservoirs hit record low",
            "author": "Lucía Fernández",
            "published": "2024-08-21",
            "site": "Global Wire",
            "canonical_url": "https://globalwire.example/world/americas/"
            "drought-farmers-cattle-2024-08-21/",
        },
        [
            "SAN JUSTO, Argentina, Aug 21 (Global Wire) - Cattle ranchers across Argentina's "
            "central plains are selling off herds at the fastest pace in a decade as a third year "
            "of drought dries up pastures and pushes reservoirs to their lowest levels on record.",
            "Exports at risk",
            '"There is a short-term flood of meat and a long-term hole," said Carla Mendes, an '
            "agricultural economist at the University of Buenos Aires. She estimated that exports "
            "could fall by 12% in 2025 if the rains do not return by October.",
            "The agriculture ministry said on Tuesday it would offer subsidised feed and cheaper "
            "credit to small producers, but farm groups called the measures too little and too "
            "late.",
        ],
        [
            "Skip to main content",
            "Breakingviews",
            "Sign In",
            "S&P 500",
            "Scroll to continue",
            "Soy prices jump",
            "More from Global Wire",
            "Europe swelters",
            "Daily Briefing",
            "Trust Principles",
            "847 partners",
            "quotes delayed",
        ],
        id="wire",
    ),
    pytest.param(
        "metro-strike-cp1251.html",
        {
            "title": "Машинисты метро объявили забастовку с понедельника",
            "author": "Анна Соколова",
            "published": "2024-10-04",
            "site": "Городские вести",
            "canonical_url": "https://vesti-goroda.example/news/2024/10/04/metro-zabastovka.html",
        },
        [
            "По словам председателя профсоюза Игоря Белова, переговоры с руководством "
            "метрополитена о повышении зарплаты шли с весны, но так и не дали результата. «Мы "
            "предлагали компромисс трижды, и трижды нам отказали», — сказал Белов журналистам.",
            "Что будет с транспортом",
            "Эксперты отмечают, что последняя крупная забастовка в метро прошла в городе более "
            "двадцати лет назад и продолжалась девять дней.",
        ],
        [
            "Экономика",
            "Погода",
            "облачно",
            "Реклама",
            "Просмотров",
            "Теги",
            "Поделиться",
            "Читайте также",
            "Стоимость проезда",
            "Петрович",
            "Комментарии",
            "Популярное",
            "Все права защищены",
            "cookie",
        ],
        id="cp1251",
    ),
]


@pytest.mark.parametrize(("name", "meta", "body", "furniture"), CASES)
def test_saved_news_page(name: str, meta: dict, body: list[str], furniture: list[str]) -> None:
    doc = read_path(PAGES / name)
    for key, value in meta.items():
        assert getattr(doc, key) == value, key
    lines = doc.text.splitlines()
    assert lines[0] == meta["title"]  # the headline opens the text, as on the page
    for paragraph in body:
        assert paragraph in lines  # each paragraph whole, on its own line
    for junk in furniture:
        assert junk not in doc.text, junk
    positions = [lines.index(p) for p in body]
    assert positions == sorted(positions)  # reading order kept
    assert doc.headings[0] == meta["title"]
    assert all(h in lines for h in doc.headings)


@pytest.mark.parametrize(
    ("html", "title", "lines"),
    [
        (
            "<html><head><title>Only a title tag</title></head><body>"
            "<p>A single short paragraph of news text.</p></body></html>",
            "Only a title tag",
            ["Only a title tag", "A single short paragraph of news text."],
        ),
        (
            "<h1>Storm warning</h1><p>Winds of up to 90mph are expected<br>on the coast.",
            "Storm warning",
            ["Storm warning", "Winds of up to 90mph are expected", "on the coast."],
        ),
        (
            "<html><body><article><h1>Lists too</h1><p>The report made three points about the "
            "budget and the schools in the district this year:</p><ul><li>class sizes</li>"
            "<li>teacher pay</li><li>repairs</li></ul></article></body></html>",
            "Lists too",
            ["Lists too", "class sizes", "teacher pay", "repairs"],
        ),
        (
            "<p>Caf&eacute; owners&nbsp;&nbsp;say   trade fell&#x2014;sharply.</p>",
            "Café owners say trade fell—sharply.",
            ["Café owners say trade fell—sharply."],
        ),
    ],
)
def test_small_and_odd_pages(html: str, title: str, lines: list[str]) -> None:
    doc = document_from_html(html, origin="x.html")
    assert doc.title == title
    text_lines = doc.text.splitlines()
    for line in lines:
        assert line in text_lines


def test_scripts_and_styles_never_reach_the_text() -> None:
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>Officials said the road would reopen on Friday after repairs.</p>"
        "<script>document.write('injected')</script><noscript>Enable JavaScript</noscript>"
        '<img src="http://tracker.example/pixel.gif"></body></html>'
    )
    doc = document_from_html(html, origin="x.html")
    assert "alert" not in doc.text
    assert "injected" not in doc.text
    assert "color:red" not in doc.text
    assert "Officials said the road would reopen" in doc.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html></html>",
        "<html><body><nav>Home | World</nav></body></html>",
        "<script>var x = 1;</script>",
    ],
)
def test_no_article_text(html: str) -> None:
    with pytest.raises(
        InputError, match=r"^Cannot open page\.html: (no article text found|the page is empty)$"
    ):
        document_from_html(html, origin="/tmp/page.html", name="page.html")
