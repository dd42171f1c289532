"""The sample article (a copy ships in data/): every required reading of the reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import analyze

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample-article.txt"
GOLD = REPO.parent / "shared" / "seed" / "gold.json"

# (source name, words the content must hold): our own table, used when gold.json is absent
REQUIRED = [
    ("Alexander Lukashenko", "the need for peace talks between Ukraine and Russia"),
    ("Alexander Lukashenko", "Neither the Ukrainian people, nor the Russians"),
    ("Alexander Lukashenko", "10 Ukrainian drones had allegedly attacked the country"),
    ("Alexander Lukashenko", "they flew toward the place where he was located"),
    ("Belarusian opposition media", "Russia had requested military equipment from Belarus"),
    ("Tatyana Martynova", "It seems like an attempt to equate the victim and the aggressor"),
    ("Kyiv Post sources among Ukrainian border forces", "no activity from the opposite side"),
    ("Aliaksandr Azarau", "We constantly monitor the situation"),
    ("Aliaksandr Azarau", "the story of the drones is a fake provocation by Lukashenko"),
    ("Aliaksandr Azarau", "their sources constantly monitor changes in the movement"),
    ("Aliaksandr Azarau", "Belarus is a member of the Collective Security Treaty Organization"),
    ("Belarusian opposition media", "Lukashenko found another way to help Russia"),
    ("Tatyana Martynova", "Belarusian factories now account for almost 15 percent"),
    ("Tatyana Martynova", "Almost all plants related to the defense industry"),
    ("Aliaksandr Azarau", "the transfer of equipment from the Belarusian military"),
    ("Aliaksandr Azarau", "We monitor the movement of trains"),
    ("Aliaksandr Azarau", "Lukashenko handed over tanks when Russia needed them"),
    ("Military Balance", "Belarus has a total of up to 500 T-72 tanks"),
    ("Oleh Katkov", "The combat-ready unit of the Belarusian army"),
    ("Oleh Katkov", "reducing the combat capability of the Belarusian army is a plus"),
    ("Aliaksandr Azarau", "this form of assistance is currently the only thing Russia can demand"),
    ("Aliaksandr Azarau", "So far, a joint headquarters of the Armed Forces"),
    ("Aliaksandr Azarau", "He will do everything to avoid further participation in the war"),
]
PEOPLE = {
    "Alexander Lukashenko": ("President", "Belarus"),
    "Tatyana Martynova": ("journalist", "Belarusian opposition"),
    "Aliaksandr Azarau": ("head", "an organization of former Belarusian security forces"),
    "Oleh Katkov": ("analyst", "Defense Express"),
}


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").lower().split())


def _required() -> list[tuple[str, str]]:
    if not GOLD.exists():
        return REQUIRED
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = {g["id"]: g["name"] for g in gold["sources"]}
    return [(names[g["source"]], g["match"]) for g in gold["statements"] if g["required"]]


@pytest.fixture(scope="module")
def analysis():
    return analyze(SAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("source", "match"), _required())
def test_required_statement_found(analysis, source, match):
    text = analysis.text
    hits = [
        st
        for st in analysis.statements
        if any(_norm(match) in _norm(text[a:b]) for a, b in st.content)
        and _norm(analysis.source(st.source).name).removeprefix("the ") == _norm(source)
    ]
    assert hits, f"{source}: {match}"


@pytest.mark.parametrize(("name", "role_aff"), PEOPLE.items())
def test_people_have_role_and_affiliation(analysis, name, role_aff):
    (src,) = [s for s in analysis.sources if s.name == name]
    assert src.kind == "person"
    assert role_aff[0].lower() in (src.role or "").lower()
    assert role_aff[1].lower() in (src.affiliation or "").lower()


def test_nothing_from_page_furniture(analysis):
    text = analysis.text
    furniture = [
        text[slice(*s.span)] for s in analysis.segments if s.kind in {"boilerplate", "heading"}
    ]
    assert "JOIN US ON TELEGRAM" in furniture
    for st in analysis.statements:
        content = text[slice(*st.content[0])]
        assert not any(f in content for f in furniture if len(f) > 10)
