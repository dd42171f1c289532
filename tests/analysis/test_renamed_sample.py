"""The sample article with every person, outlet, organisation and place renamed: the engine
must still find each required statement of the reference reading, with a source of the right
kind. Catches rules and word-list entries that only work for the names the sample happens to
use. The article and its reference reading are read from ../shared/seed at test time and
renamed here; nothing of them is copied into the project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.analysis.name_kinds import is_place

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"

# Invented replacements (given name, surname); any plausible name must do.
PEOPLE = [
    ("Grigor", "Vandemoort"),
    ("Ilse", "Kaczorek"),
    ("Teodor", "Brannigan"),
    ("Mirela", "Osterhout"),
    ("Casimir", "Lindqvist"),
    ("Anouk", "Feldhaus"),
]
# Organisations and outlets: the outlet's name holds no media word of any list.
ORGANISATIONS = ["Strategic Ledger", "Arsenal Review Group", "Northgate Analytics"]
OUTLET = "Kestrel Dispatch"
# Places and the adjective for their people; demonyms are derived from the originals' stems.
PLACES = [
    ("Latvia", "Latvian"),
    ("Moldova", "Moldovan"),
    ("Estonia", "Estonian"),
    ("Lithuania", "Lithuanian"),
    ("Portugal", "Portuguese"),
    ("Norway", "Norwegian"),
]
CITIES = ["Tallinn", "Vilnius", "Bergen", "Porto"]


def _stem(place: str) -> str:
    return place[:-1] if place[-1] in "aeiou" else place


def _renaming(text: str, gold: dict) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, replacement) pairs, longest originals first."""
    pairs: dict[str, str] = {}
    people = iter(PEOPLE)
    for s in gold["sources"]:
        if s["kind"] == "person":
            first, *_, last = s["name"].split()
            new_first, new_last = next(people)
            pairs[s["name"]] = f"{new_first} {new_last}"
            pairs[first] = new_first
            pairs[last] = new_last
    # places: capitalised words of the text that are countries, states or capitals
    capitalised = set(re.findall(r"\b[A-Z][a-z]{2,}\b", text))
    found = sorted(w for w in capitalised if is_place(w))
    countries, cities = iter(PLACES), iter(CITIES)
    for w in found:
        demonyms = set(re.findall(rf"\b{_stem(w)}(?:ian|an|ese|ians|ans)\b", text))
        if not demonyms:
            pairs[w] = next(cities)  # a capital or a city: no adjective made from it
            continue
        new, adjective = next(countries)
        pairs[w] = new
        for demonym in demonyms:
            pairs[demonym] = adjective + ("s" if demonym.endswith("s") else "")
    # organisations and outlets: proper names among the sources and affiliations that are no
    # place; an outlet standing first in an anonymous source's name ("X sources among …")
    orgs = iter(ORGANISATIONS)
    for s in gold["sources"]:
        for value in (s["name"], s.get("affiliation") or ""):
            ws = value.split()
            if s["kind"] == "anonymous" and value == s["name"]:
                lead = []
                for w in ws:
                    if not w[:1].isupper():
                        break
                    lead.append(w)
                if len(lead) >= 2:
                    pairs[" ".join(lead)] = OUTLET
                continue
            if (
                len(ws) >= 2
                and all(w[:1].isupper() for w in ws)
                and not any(w in pairs or is_place(w) for w in ws)
            ):
                pairs.setdefault(value, next(orgs))
    ordered = sorted(pairs, key=len, reverse=True)
    return [(re.compile(rf"\b{re.escape(k)}\b"), pairs[k]) for k in ordered]


def _rename(s: str, renaming: list[tuple[re.Pattern[str], str]]) -> str:
    # one pass per pattern, guarding replaced text with placeholders so no name is renamed twice
    slots: list[str] = []
    for pattern, new in renaming:

        def slot(_: re.Match[str], new: str = new) -> str:
            slots.append(new)
            return f"\x00{len(slots) - 1}\x00"

        s = pattern.sub(slot, s)
    return re.sub("\x00(\\d+)\x00", lambda m: slots[int(m.group(1))], s)


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").lower().split()).removeprefix("the ")


@pytest.fixture(scope="module")
def renamed() -> tuple[str, dict]:
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    renaming = _renaming(text, gold)
    new_text = _rename(text, renaming)
    for s in gold["sources"]:
        s["name"] = _rename(s["name"], renaming)
        s["aliases"] = [_rename(a, renaming) for a in s["aliases"]]
    for st in gold["statements"]:
        st["match"] = _rename(st["match"], renaming)
        assert st["match"] in new_text
    return new_text, gold


def test_renaming_changed_every_name(renamed: tuple[str, dict]) -> None:
    text, _ = renamed
    original = (SEED / "article.txt").read_text(encoding="utf-8")
    old_gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    for s in old_gold["sources"]:
        if s["kind"] == "person":
            assert s["name"].split()[-1] in original
            assert s["name"].split()[-1] not in text
    assert OUTLET in text
    assert sum(new in text for new, _ in PLACES) >= 2


def test_every_required_statement_survives_renaming(renamed: tuple[str, dict]) -> None:
    text, gold = renamed
    a = analyze(text)
    alias = {}
    for g in gold["sources"]:
        for n in [g["name"], *g["aliases"]]:
            alias[_norm(n)] = g
    kind_of = {g["id"]: g["kind"] for g in gold["sources"]}
    missing = []
    for g in gold["statements"]:
        if not g["required"]:
            continue
        hit = False
        for st in a.statements:
            content = " ".join(text[s:e] for s, e in st.content)
            src = a.source(st.source)
            g_src = alias.get(_norm(src.name))
            if g_src is None or g_src["id"] != g["source"] or src.kind != kind_of[g["source"]]:
                continue
            if _norm(g["match"]) in _norm(content) or _covers(content, g["match"]):
                hit = True
                break
        if not hit:
            missing.append(f"[{g['source']}] {g['match'][:50]}")
    assert missing == []


def _covers(content: str, match: str) -> bool:
    mw = _norm(match).split()
    cw = set(_norm(content).split())
    return bool(mw) and sum(w in cw for w in mw) / len(mw) >= 0.8
