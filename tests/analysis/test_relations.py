"""Relations between statements of different sources: a contradiction only where one statement
denies what the other asserts, about the same thing; the hand-made pair set; bounded work."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reader.analysis import lexicons, report_signals
from reader.analysis.model import Analysis, Source, Statement
from reader.analysis.negation import negations
from reader.analysis.relations import MAX_CANDIDATES, relations
from reader.analysis.text_words import stem

REPO = Path(__file__).resolve().parents[2]


def _eval_module():
    path = REPO / "benchmarks" / "relations_eval.py"
    spec = importlib.util.spec_from_file_location("relations_eval", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()


def pair(first: str, second: str, cue: str = "said") -> str:
    """The relation found between two statements by two sources ("unrelated" if none)."""
    rels = relations(EVAL.pair_analysis(EVAL.Pair("related", cue, first, second)))
    mine = [r for r in rels if r.statement == "st1"]
    return mine[0].relation if mine else "unrelated"


# ---- false contradictions of issue 12, in our own words ----------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a shared event concept, but the denial is about another matter
        ("Troops attacked rebel positions in the valley",
         "Brokers saw no activity in the housing market"),
        # one shared noun; "without" bears on no event
        ("All of us have lived through a similar crazy dream story",
         "That was only a small part of the story without it"),
        # the negation denies the achieving, not the attack it names
        ("The president accused the neighbours of attacking the capital with drones",
         "You can't win sympathy abroad through a drone attack on the capital"),
        ("Under the treaty an attack on one ally is an attack on all allies, so they must help",
         "You can't win sympathy through an attack on an ally, because nobody would help"),
        # a generic happening, denied by a pronoun's clause: nothing says it is the same thing
        ("What happened at the depot would not go unanswered",
         "We monitor the depot, but nothing like that happened"),
        # different agents: the army denies attacking, rebels are said to attack
        ("The army did not attack anyone in the north",
         "Rebels attacked a police convoy in the south"),
        # a hypothetical attack ("if") or one under a modal is not asserted
        ("There was no activity along the border overnight",
         "If drones had attacked the border, the army would have moved"),
    ],
)  # fmt: skip
def test_false_contradictions_are_not_contradicting(first, second):
    assert pair(first, second) != "contradicting"


@pytest.mark.parametrize(
    ("first", "second", "cue"),
    [
        ("Armoured columns moved toward the river crossing",
         "The armoured columns did not move toward the river", "said"),
        ("The enemy attacked our country overnight",
         "There was no activity along the border overnight", "said"),
        ("Police detained three protesters outside parliament",
         "No protesters were detained outside parliament", "said"),
        ("Fighter jets bombed the airfield at dawn", "Nobody saw any jets bomb the airfield",
         "said"),
        ("Two journalists were arrested at the airport",
         "two journalists were arrested at the airport", "denied"),
    ],
)  # fmt: skip
def test_denials_of_the_same_thing_contradict(first, second, cue):
    assert pair(first, second, cue) == "contradicting"


# ---- what a negation denies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "denied"),
    [
        ("the troops did not move toward the river", {"move"}),
        ("you did not achieve this through an attack", {"achieve"}),
        # a modal negation is a possibility or an intention, not a denial
        ("you can't achieve this through an attack", set()),
        ("they may not have paid any tax", set()),
        # "failed to" denies the verb after it
        ("the guards failed to conduct the checks", {"conduct"}),
        # a question denies nothing
        ("why didn't the guards conduct the checks?", set()),
        ("there was no sign of an attack on the port", {"sign", "attack"}),
        ("no protesters were detained outside parliament", {"protesters", "detained"}),
        ("nobody saw drones attack the plant", {"saw", "drones", "attack", "plant"}),
        ("not the army but drones attacked the plant", set()),
        ("they did not fire a single shot", {"fire"}),
        ("there was not a single attack on the plant", {"attack"}),
        ("not only drones attacked the plant", set()),
        ("a small part of the story without it", set()),
    ],
)
def test_what_a_negation_denies(content, denied):
    text = f"Roe said {content}."
    st = Statement("st1", "s1", "indirect", ((9, 9 + len(content)),))
    got = set().union(*(n.denied for n in negations(text, st, "said")))
    assert got == {stem(w) for w in denied}


# ---- the hand-made pair set ------------------------------------------------------------------


def test_pair_set_contradicting_precision_and_recall():
    pairs = EVAL.load_pairs()
    assert len(pairs) >= 60
    assert {p.label for p in pairs} == set(EVAL.LABELS)
    table, _ = EVAL.scores(pairs)
    precision, recall, _ = table["contradicting"]
    assert precision >= 0.9
    assert recall >= 0.8
    assert table["unrelated"][1] >= 0.8  # false relations stay rare too


def test_a_malformed_pair_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "pairs.tsv"
    bad.write_text("contradicting\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        EVAL.load_pairs(bad)


# ---- bounded work ----------------------------------------------------------------------------


def test_each_statement_is_compared_with_a_bounded_number_of_others():
    # 300 sources saying the same thing: all pairs would be 300 × 299 relations
    line = "drones attacked the power station near the harbour"
    filler = " ".join(f"Item{{i}}x{n} was noted." for n in range(8))  # no topic words
    text = " ".join(f"Person{i} said {line}. " + filler.format(i=i) for i in range(300))
    sources, statements = [], []
    pos = 0
    for i in range(300):
        name = f"Person{i}"
        start = text.index(name, pos)
        c = text.index(line, start)
        sources.append(Source(f"s{i}", name, "person", mentions=((start, start + len(name)),)))
        statements.append(Statement(f"st{i}", f"s{i}", "indirect", ((c, c + len(line)),)))
        pos = c + len(line)
    rels = relations(Analysis(text, tuple(sources), tuple(statements)))
    assert rels  # still related
    assert len(rels) <= 2 * 300 * MAX_CANDIDATES < 300 * 299


# ---- lexicons load or fail -------------------------------------------------------------------


def test_a_missing_lexicon_fails_loudly(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    lexicons.reporting_verbs.cache_clear()
    report_signals._verb_stances.cache_clear()
    try:
        with pytest.raises(FileNotFoundError):
            report_signals._verb_stances()
    finally:
        monkeypatch.undo()
        lexicons.reporting_verbs.cache_clear()
        report_signals._verb_stances.cache_clear()
    assert report_signals._verb_stances()["claimed"] == "doubtful"
