"""`looks_english`: a cheap guess that tells the window why an article shows no sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.language import looks_english

SEED = Path(__file__).resolve().parents[2] / "data" / "sample-article.txt"
ENGLISH = (
    "The council voted on Tuesday to fund repairs to the Elm Street bridge, which has been "
    "closed since a flood in March. The mayor said the work would take four months and that "
    "buses would keep their detour until then. Residents who spoke at the meeting were not "
    "convinced, and one of them asked why the city had waited so long. "
)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (ENGLISH, True),
        (  # German: Latin letters, few English words
            "Die Bundesregierung hat am Montag angekündigt, dass sie die Hilfen für die Ukraine "
            "ausweiten will. Der Kanzler sagte, es gebe keine Alternative zu einer engen "
            "Zusammenarbeit mit den europäischen Partnern. Die Opposition kritisierte das "
            "Vorhaben als zu teuer und forderte eine Debatte im Bundestag.",
            False,
        ),
        (
            "Le gouvernement a annoncé lundi qu'il allait augmenter l'aide à l'Ukraine. Le "
            "chancelier a déclaré qu'il n'y avait pas d'alternative à une coopération étroite "
            "avec les partenaires européens. L'opposition a critiqué le projet.",
            False,
        ),
        (  # Cyrillic
            "Правительство в понедельник объявило, что расширит помощь Украине. Канцлер "
            "заявил, что нет альтернативы тесному сотрудничеству с европейскими партнерами. "
            "Оппозиция раскритиковала план как слишком дорогой и потребовала дебатов.",
            False,
        ),
        ("Kurz: Ja.", True),  # too short to tell: no claim
        (ENGLISH + "Президент Лукашенко. " * 3, True),  # English with a few foreign names
    ],
)
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english


def test_the_sample_article_is_english() -> None:
    assert looks_english(SEED.read_text(encoding="utf-8-sig"))
