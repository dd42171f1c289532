"""Credibility signals, one table per signal, on sentences written like news copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.analysis.credibility import source_signals, stem
from reader.analysis.model import Analysis, Source, Statement
from reader.analysis.serialize import to_contract


def span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    i = text.index(words, after)
    return (i, i + len(words))


def one_source(
    text: str,
    name: str,
    content: str,
    *,
    cue: str | None = None,
    kind: str = "person",
    statement_kind: str = "indirect",
    role: str | None = None,
    affiliation: str | None = None,
    hedges: tuple[str, ...] = (),
    stance: str = "neutral",
) -> Analysis:
    mention = span(text, name)
    st = Statement(
        "st1",
        "s1",
        statement_kind,
        (span(text, content),),
        cue=span(text, cue) if cue else None,
        source_mention=mention,
        hedges=hedges,
        stance=stance,
    )
    src = Source("s1", name, kind, role, affiliation, (mention,))
    return Analysis(text=text, sources=(src,), statements=(st,))


# ---- named or anonymous --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind", "named"),
    [
        ("Jane Roe, a spokeswoman, said the plant was safe.", "Jane Roe", "person", True),
        ("The Ministry of Health said the plant was safe.", "Ministry of Health",
         "organization", True),
        ("Officials familiar with the matter said the plant was safe.",
         "Officials familiar with the matter", "anonymous", False),
        ("A source close to the company said the plant was safe.",
         "A source close to the company", "anonymous", False),
    ],
)  # fmt: skip
def test_named_or_anonymous(text, name, kind, named):
    a = one_source(text, name, "the plant was safe", cue="said", kind=kind)
    sig = source_signals(a)["s1"]
    assert sig.named is named
    assert sig.identity.kind == kind
    (ev,) = sig.identity.evidence
    assert (ev.text, text[ev.span[0] : ev.span[1]]) == (name, name)


# ---- affiliation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation", "stated"),
    [
        ("Oleh Katkov, an analyst at Defense Express, said stocks were low.",
         "Oleh Katkov", "analyst", "Defense Express", True),
        ("Jane Roe said stocks were low.", "Jane Roe", None, None, False),
        ("Spokesman John Doe said stocks were low.", "John Doe", "Spokesman", None, True),
        # a group's phrase as its own role says nothing more about who they are
        ("Local traders said stocks were low.", "Local traders", "local traders", None, False),
    ],
)  # fmt: skip
def test_affiliation_stated_with_its_words(text, name, role, affiliation, stated):
    a = one_source(text, name, "stocks were low", cue="said", role=role, affiliation=affiliation)
    aff = source_signals(a)["s1"].affiliation
    assert aff.stated is stated
    said = [p for p in (role, affiliation) if p and (p.lower() != name.lower())]
    assert [e.text for e in aff.evidence] == said
    for e in aff.evidence:
        assert text[e.span[0] : e.span[1]].lower() == e.text.lower()


# ---- verbatim share ---------------------------------------------------------------------------


def test_statement_counts_and_verbatim_share():
    text = "“We will win,” Roe said. Roe added that costs rose. Roe called it “a scandal” today."
    parts = ["We will win", "costs rose", "it “a scandal” today"]
    kinds = ["direct", "indirect", "mixed"]
    src = Source("s1", "Roe", "person", mentions=(span(text, "Roe"),))
    sts = tuple(
        Statement(f"st{i}", "s1", k, (span(text, p),))
        for i, (k, p) in enumerate(zip(kinds, parts, strict=True))
    )
    counts = source_signals(Analysis(text, (src,), sts))["s1"].statements
    assert (counts.total, counts.direct, counts.indirect, counts.mixed) == (3, 1, 1, 1)
    assert counts.verbatim_share == 0.33
    assert counts.to_json()["by_kind"] == {"direct": ["st0"], "indirect": ["st1"], "mixed": ["st2"]}


def test_a_source_without_statements_has_no_share():
    a = Analysis("Roe was there.", (Source("s1", "Roe", "person", mentions=((0, 3),)),))
    assert source_signals(a)["s1"].statements.verbatim_share is None


# ---- hedges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "engine_hedges", "expected"),
    [
        ("Roe claimed that ten drones had allegedly attacked the town.",
         "ten drones had allegedly attacked the town", (), ["allegedly"]),
        ("Roe said the plant, reportedly, was closed.", "the plant, reportedly, was closed", (),
         ["reportedly"]),
        ("Roe said it is unclear whether the plant was closed.",
         "it is unclear whether the plant was closed", (), ["it is unclear"]),
        ("Roe said factories make 15 percent of the output, according to some reports.",
         "factories make 15 percent of the output, according to some reports", (),
         ["according to some reports"]),
        # found by the engine outside the content span: kept, with its place in the text
        ("Reportedly, Roe said the plant was closed.", "the plant was closed", ("reportedly",),
         ["Reportedly"]),
        ("Roe said the plant was closed.", "the plant was closed", (), []),
        ("Roe said the alleged victims were paid.", "the alleged victims were paid", (), []),
    ],
)  # fmt: skip
def test_hedged_statements(text, content, engine_hedges, expected):
    a = one_source(text, "Roe", content, cue="said" if "said" in text else "claimed",
                   hedges=engine_hedges)  # fmt: skip
    hedged = source_signals(a)["s1"].hedged
    assert [p for h in hedged for p in h.phrases] == expected
    for h in hedged:
        assert h.statement == "st1"
        for e in h.evidence:
            assert text[e.span[0] : e.span[1]] == e.text


# ---- reporting verbs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("Roe claimed that the drones came from the south.", "claimed", "doubtful"),
        ("Roe alleged that the drones came from the south.", "alleged", "doubtful"),
        ("Roe insisted that the drones came from the south.", "insisted", "doubtful"),
        ("Roe said that the drones came from the south.", "said", "neutral"),
        ("Roe told reporters that the drones came from the south.", "told reporters", "neutral"),
        ("Roe confirmed that the drones came from the south.", "confirmed", "assertive"),
    ],
)
def test_reporting_verb_stance(text, cue, stance):
    a = one_source(text, "Roe", "the drones came from the south", cue=cue)
    sig = source_signals(a)["s1"]
    (c,) = sig.cues
    assert (c.text, c.stance, text[c.span[0] : c.span[1]]) == (cue, stance, cue)
    assert sig.to_json()["reporting_verbs"][stance] == 1


def test_engine_stance_is_kept():
    a = one_source(
        "Roe maintained the line.", "Roe", "the line", cue="maintained", stance="doubtful"
    )
    assert source_signals(a)["s1"].cues[0].stance == "doubtful"


# ---- related statements ------------------------------------------------------------------

CLAIM = "On Monday the mayor claimed that ten drones had attacked the power station overnight."


def two_sources(text: str, c1: str, c2: str, kind2: str = "person") -> Analysis:
    srcs = (
        Source("s1", "the mayor", "person", mentions=(span(text, "the mayor"),)),
        Source("s2", "Other", kind2, mentions=((len(text) - 1, len(text)),)),
    )
    sts = (
        Statement("st1", "s1", "indirect", (span(text, c1),)),
        Statement("st2", "s2", "direct", (span(text, c2, len(CLAIM)),)),
    )
    return Analysis(text, srcs, sts)


@pytest.mark.parametrize(
    ("second", "content", "relation", "shared"),
    [
        (" “No one saw drones attack the power station,” a guard said.",
         "No one saw drones attack the power station", "contradicting", {"drones", "attacked"}),
        (" “The drones did not attack anything,” a guard said.",
         "The drones did not attack anything", "contradicting", {"drones", "attacked"}),
        (" A guard denied that drones had attacked the power station.",
         "drones had attacked the power station", "contradicting", {"drones", "attacked"}),
        (" “Ten drones attacked the power station at night,” a guard said.",
         "Ten drones attacked the power station at night", "corroborating", {"drones", "attacked"}),
        (" “Drones attacked the harbour last year,” a guard said.",
         "Drones attacked the harbour last year", "related", {"drones", "attacked"}),
        # a negation that bears on other words is not a contradiction
        (" “Not the army but ten drones attacked the power station,” a guard said.",
         "Not the army but ten drones attacked the power station", "corroborating", {"drones"}),
    ],
)  # fmt: skip
def test_related_statements(second, content, relation, shared):
    text = CLAIM + second
    a = two_sources(text, "ten drones had attacked the power station overnight", content)
    if "denied" in second:
        a = Analysis(
            text,
            a.sources,
            (a.statements[0], Statement("st2", "s2", "indirect", a.statements[1].content,
                                        cue=span(text, "denied"), cue_text="denied")),
        )  # fmt: skip
    sig = source_signals(a)
    (rel,) = sig["s1"].related
    assert (rel.statement, rel.other_statement, rel.other_source) == ("st1", "st2", "s2")
    assert rel.relation == relation
    assert shared <= set(rel.shared_words)
    (back,) = sig["s2"].related
    assert (back.statement, back.other_statement, back.relation) == ("st2", "st1", relation)
    if relation == "contradicting":
        assert (rel.negated, back.negated) == ("other", "this")
    for e in rel.evidence:
        assert text[e.span[0] : e.span[1]] == e.text


@pytest.mark.parametrize(
    "second",
    [
        " “The weather was cold and the roads were icy,” a guard said.",  # nothing shared
        " “The station was quiet,” a guard said.",  # one shared word is not enough
    ],
)
def test_unrelated_statements(second):
    text = CLAIM + second
    content = second.split("“")[1].split(",”")[0]
    a = two_sources(text, "ten drones had attacked the power station overnight", content)
    assert source_signals(a)["s1"].related == ()


def test_statements_of_the_same_source_are_not_related():
    text = "Roe said drones attacked the station. Roe added that drones attacked the station."
    src = Source("s1", "Roe", "person", mentions=((0, 3),))
    sts = (
        Statement("st1", "s1", "indirect", (span(text, "drones attacked the station"),)),
        Statement("st2", "s1", "indirect", (span(text, "drones attacked the station", 30),)),
    )
    assert source_signals(Analysis(text, (src,), sts))["s1"].related == ()


def test_topic_words_alone_do_not_relate():
    # every sentence names the two countries: sharing them says nothing
    text = (
        "Ruritania and Borduria signed a deal. Ruritania thanked Borduria. "
        "Borduria praised Ruritania. Ruritania hosted Borduria. "
        "Ana said Ruritania will pay Borduria in grain. Ben said Ruritania owes Borduria nothing."
    )
    srcs = (
        Source("s1", "Ana", "person", mentions=(span(text, "Ana"),)),
        Source("s2", "Ben", "person", mentions=(span(text, "Ben"),)),
    )
    sts = (
        Statement("st1", "s1", "indirect", (span(text, "Ruritania will pay Borduria in grain"),)),
        Statement("st2", "s2", "indirect", (span(text, "Ruritania owes Borduria nothing"),)),
    )
    assert source_signals(Analysis(text, srcs, sts))["s1"].related == ()


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Local officials said the same.", "corroborating"),
        ("Local officials denied it.", "contradicting"),
    ],
)
def test_a_statement_referring_back(sentence, relation):
    text = "Guards reported no activity at the border. " + sentence
    srcs = (
        Source("s1", "Guards", "anonymous", mentions=(span(text, "Guards"),)),
        Source("s2", "Local officials", "anonymous", mentions=(span(text, "Local officials"),)),
    )
    ref = "the same" if "same" in sentence else "it"
    cue = "said" if "same" in sentence else "denied"
    sts = (
        Statement("st1", "s1", "indirect", (span(text, "no activity at the border"),)),
        Statement("st2", "s2", "indirect", (span(text, ref, 40),), cue=span(text, cue),
                  cue_text=cue),
    )  # fmt: skip
    (rel,) = source_signals(Analysis(text, srcs, sts))["s2"].related
    assert (rel.other_statement, rel.relation, rel.basis) == ("st1", relation, "reference")


@pytest.mark.parametrize(
    ("a", "b"),
    [("drones", "drone"), ("attacked", "attack"), ("attacks", "attacking"), ("moved", "move"),
     ("flies", "fly"), ("stopped", "stop")],
)  # fmt: skip
def test_stemming_joins_word_forms(a, b):
    assert stem(a) == stem(b)


# ---- the JSON -----------------------------------------------------------------------------


def test_signals_in_the_analysis_json():
    text = "Roe, an analyst at Acme, claimed that drones had allegedly attacked the station."
    a = one_source(
        text, "Roe", "drones had allegedly attacked the station", cue="claimed",
        role="analyst", affiliation="Acme", hedges=("allegedly",),
    )  # fmt: skip
    obj = json.loads(json.dumps(to_contract(a, "x.txt")))
    sig = obj["sources"][0]["signals"]
    assert set(sig) == {
        "named", "identity", "affiliation", "statements", "hedged", "reporting_verbs", "related",
    }  # fmt: skip
    assert sig["named"] is True
    assert sig["affiliation"]["stated"] is True
    assert sig["statements"]["verbatim_share"] == 0.0
    assert sig["hedged"][0]["phrases"] == ["allegedly"]
    assert sig["reporting_verbs"]["doubtful"] == 1
    assert sig["reporting_verbs"]["cues"][0]["text"] == "claimed"
    assert sig["related"] == []


# ---- with the real engine ---------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-article.txt"


@pytest.mark.parametrize(
    ("second", "related"),
    [
        # one event named in other words, denied by one side: a contradiction
        (" “There was no activity near the power station that night,” a guard said.", True),
        (" “Nobody reported any strike on the station,” a guard said.", True),
        # the same single concept without a denial is not enough to relate them
        (" “There was heavy activity near the harbour,” a guard said.", False),
    ],
)
def test_a_denial_of_the_same_event_in_other_words(second, related):
    text = CLAIM + second
    content = second.split("“")[1].split(",”")[0]
    a = two_sources(text, "ten drones had attacked the power station overnight", content)
    rels = source_signals(a)["s1"].related
    assert bool(rels) == related
    if related:
        assert rels[0].relation == "contradicting"


@pytest.fixture(scope="module")
def sample_analysis() -> Analysis:
    a = analyze(SAMPLE.read_text(encoding="utf-8-sig"))
    assert a.sources, "the attribution engine finds nothing"
    return a


def test_sample_signals_point_at_the_text(sample_analysis):
    a = sample_analysis
    signals = source_signals(a)
    assert set(signals) == {s.id for s in a.sources}
    for sig in signals.values():
        evidence = [*sig.identity.evidence, *sig.affiliation.evidence]
        evidence += [e for h in sig.hedged for e in h.evidence]
        evidence += [e for r in sig.related for e in r.evidence]
        for e in evidence:
            if e.span:
                assert a.text[e.span[0] : e.span[1]].lower() == e.text.lower()
        for r in sig.related:
            assert a.source(r.other_source) is not None
            assert r.other_source != sig.source


def test_sample_doubtful_claim_is_contradicted(sample_analysis):
    a = sample_analysis
    signals = source_signals(a)
    doubtful = [
        (sid, c.statement)
        for sid, sig in signals.items()
        for c in sig.cues
        if c.stance == "doubtful"
    ]
    assert doubtful
    hedged = {h.statement for sig in signals.values() for h in sig.hedged}
    assert hedged & {st for _, st in doubtful}
    contradicted = {
        r.statement
        for sig in signals.values()
        for r in sig.related
        if r.relation == "contradicting"
    }
    assert contradicted & {st for _, st in doubtful}


def test_sample_border_sources_contradict_the_drone_claim(sample_analysis):
    a = sample_analysis
    border = next(s for s in a.sources if "border forces" in s.name)
    claimant = next(s for s in a.sources if s.name.endswith("Lukashenko"))
    rels = source_signals(a)[border.id].related
    assert border.kind == "anonymous"
    assert any(r.other_source == claimant.id and r.relation == "contradicting" for r in rels)


def test_sample_contradictions_deny_the_same_thing(sample_analysis):
    # issue 12: Martynova's "you can't achieve this through an attack" denies no attack, and
    # the alliance quote shares words with her without either denying the other
    a = sample_analysis
    name = {s.id: s.name for s in a.sources}
    pairs = {
        (name[sid], name[r.other_source])
        for sid, sig in source_signals(a).items()
        for r in sig.related
        if r.relation == "contradicting"
    }
    assert not any("Martynova" in x for pair in pairs for x in pair)
    against_lukashenko = {b for x, b in pairs if x.endswith("Lukashenko")}
    assert any("border forces" in b for b in against_lukashenko)
    assert all("border forces" in b or "Azarau" in b for b in against_lukashenko)
