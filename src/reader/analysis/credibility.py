"""Credibility signals of each source in one analysis, each carrying the words that produced it.

No score: every signal is a fact the reader can check in the text (named or anonymous,
affiliation stated, verbatim share, hedges, reporting verbs, statements by other sources
that share content words, corroborating or contradicting). `source_signals` is a pure
function of an `Analysis`; nothing here keys on any name or phrase of a particular article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reader.analysis.model import Analysis, Source, Span, Statement

# ---- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Words in the article that produced a signal: as written, with their span if known."""

    text: str
    span: Span | None = None
    statement: str | None = None  # the statement these words belong to, if any

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "span": list(self.span) if self.span else None}
        if self.statement:
            out["statement"] = self.statement
        return out


def _ev(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [e.to_json() for e in items]


# ---- signals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Named or anonymous, with the mentions that show it."""

    named: bool
    kind: str
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"named": self.named, "kind": self.kind, "evidence": _ev(self.evidence)}


@dataclass(frozen=True)
class Affiliation:
    """Whether the article says who the source is (role, organisation) and in which words."""

    stated: bool
    role: str | None = None
    affiliation: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "stated": self.stated,
            "role": self.role,
            "affiliation": self.affiliation,
            "evidence": _ev(self.evidence),
        }


@dataclass(frozen=True)
class StatementCounts:
    """How the source is reported: verbatim quotations, paraphrase, or both."""

    total: int = 0
    direct: int = 0
    indirect: int = 0
    mixed: int = 0
    direct_ids: tuple[str, ...] = ()
    indirect_ids: tuple[str, ...] = ()
    mixed_ids: tuple[str, ...] = ()

    @property
    def verbatim_share(self) -> float | None:
        """Share of statements quoted verbatim (`direct`); None when there are none."""
        return round(self.direct / self.total, 2) if self.total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "direct": self.direct,
            "indirect": self.indirect,
            "mixed": self.mixed,
            "verbatim_share": self.verbatim_share,
            "by_kind": {
                "direct": list(self.direct_ids),
                "indirect": list(self.indirect_ids),
                "mixed": list(self.mixed_ids),
            },
        }


@dataclass(frozen=True)
class Hedge:
    """One hedged statement and the hedge phrases in it, as written."""

    statement: str
    phrases: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "phrases": list(self.phrases),
            "evidence": _ev(self.evidence),
        }


@dataclass(frozen=True)
class Cue:
    """The reporting words of one statement and the stance they carry."""

    statement: str
    text: str
    span: Span | None
    stance: str  # neutral | doubtful | assertive

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "stance": self.stance,
        }


@dataclass(frozen=True)
class Relation:
    """A statement of this source and one by another source of the same article that share
    content words (or that refers back to it: "said the same")."""

    statement: str
    other_statement: str
    other_source: str
    relation: str  # related | corroborating | contradicting
    shared_words: tuple[str, ...] = ()
    overlap: float = 0.0
    basis: str = "shared_words"  # shared_words | reference
    negated: str | None = None  # contradicting: "this" or "other" — which side is negated
    evidence: tuple[Evidence, ...] = ()  # shared words in both statements, negation words

    def to_json(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "other_statement": self.other_statement,
            "other_source": self.other_source,
            "relation": self.relation,
            "shared_words": list(self.shared_words),
            "overlap": self.overlap,
            "basis": self.basis,
            "negated": self.negated,
            "evidence": _ev(self.evidence),
        }


@dataclass(frozen=True)
class SourceSignals:
    """Everything a reader can check about one source in one article."""

    source: str
    identity: Identity
    affiliation: Affiliation
    statements: StatementCounts
    hedged: tuple[Hedge, ...] = ()
    cues: tuple[Cue, ...] = ()
    related: tuple[Relation, ...] = ()

    @property
    def named(self) -> bool:
        return self.identity.named

    def stance_count(self, stance: str) -> int:
        return sum(1 for c in self.cues if c.stance == stance)

    def to_json(self) -> dict[str, Any]:
        return {
            "named": self.identity.named,
            "identity": self.identity.to_json(),
            "affiliation": self.affiliation.to_json(),
            "statements": self.statements.to_json(),
            "hedged": [h.to_json() for h in self.hedged],
            "reporting_verbs": {
                "doubtful": self.stance_count("doubtful"),
                "neutral": self.stance_count("neutral"),
                "assertive": self.stance_count("assertive"),
                "cues": [c.to_json() for c in self.cues],
            },
            "related": [r.to_json() for r in self.related],
        }


# ---- word lists ----------------------------------------------------------------------------
# Function words are a property of English, not of an article, so they live here as code
# (like spaCy's stop_words.py); article-facing lexicons (hedges, reporting verbs) are the
# engine's data files, read through reader.analysis.lexicons when it is there.

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "don",
        "now",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "one",
        "two",
        "first",
        "well",
        "still",
        "yet",
        "already",
        "much",
        "many",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "let",
        "like",
        "get",
        "got",
        "make",
        "made",
        "way",
        "thing",
        "things",
    ]
)

NEGATION_RE = re.compile(
    r"(?<!\w)(?:no one|no|not|never|nothing|nobody|none|neither|nor|cannot|without)(?!\w)"
    r"|n[’']t(?!\w)",
    re.IGNORECASE,
)
DENIAL_STEMS = frozenset({"deni", "deny", "refut", "reject", "dismiss", "disput", "rebut"})
REFERENCE_RE = re.compile(
    r"^\W*(?:the same(?: thing)?|so|likewise|similarly|this|that|it|as much)\W*$", re.IGNORECASE
)
WORD_RE = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")

_FALLBACK_STANCE = {
    "claim": "doubtful",
    "alleg": "doubtful",
    "insist": "doubtful",
    "contend": "doubtful",
    "maintain": "doubtful",
    "accus": "doubtful",
    "deni": "doubtful",
    "deny": "doubtful",
    "confirm": "assertive",
    "stress": "assertive",
    "emphas": "assertive",
    "assert": "assertive",
}
_FALLBACK_HEDGES = (
    "allegedly",
    "reportedly",
    "purportedly",
    "supposedly",
    "apparently",
    "according to some reports",
    "it is unclear",
    "unconfirmed",
)

RELATED_MIN = 0.15  # weighted overlap for two statements to count as related
CORROBORATING_MIN = 0.3  # weighted overlap to call a same-polarity pair corroborating
MIN_SHARED = 2  # distinct shared content stems (topic words not counted)
TOPIC_SHARE = 0.15  # a stem in more than this share of the article's sentences is its topic
NEGATION_REACH = 6  # words after a negation that it can govern
NEGATION_BACK = 3  # words before it (the subject: "the troops did not move")
CORROBORATING_SHARED = 3  # distinct shared stems to call a same-polarity pair corroborating
CONTRAST_WORDS = frozenset({"but", "although", "though", "however", "yet", "while"})


@cache
def _verb_stances() -> dict[str, str]:
    """Reporting-verb form → stance, from the engine's lexicon (fallback: a few stems)."""
    try:
        from reader.analysis.lexicons import reporting_verbs

        return {form: v.stance for form, v in reporting_verbs().items()}
    except Exception:  # the lexicon is the engine's; signals still work without it
        return {}


@cache
def _hedge_re() -> re.Pattern[str]:
    try:
        from reader.analysis.lexicons import hedge_pattern

        return hedge_pattern()
    except Exception:
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in _FALLBACK_HEDGES)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


# ---- text helpers --------------------------------------------------------------------------


def stem(word: str) -> str:
    """A crude English suffix stripper: drones/drone → dron, attacked/attacks → attack."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (
        ("ies", "i"),
        ("ied", "i"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # stopped → stopp → stop
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) >= 3:
        w = w[:-1] + "i"
    return w


@cache
def _concepts() -> dict[str, str]:
    """Stem → concept for words that name the same kind of event (lexicons/event_concepts)."""
    out: dict[str, str] = {}
    path = Path(__file__).resolve().parent / "lexicons" / "event_concepts.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        concept, _, words = line.partition(":")
        for w in words.split():
            out[stem(w)] = "@" + concept.strip()
    return out


def keys(word: str) -> tuple[str, str | None]:
    """A word's stem and, when it names a kind of event, its concept."""
    s = stem(word)
    return s, _concepts().get(s)


def content_words(text: str, start: int, end: int) -> list[tuple[str, str, Span]]:
    """(stem, surface form, span) of each content word in text[start:end]."""
    out = []
    for m in WORD_RE.finditer(text, start, end):
        word = m.group()
        low = word.lower().replace("’", "'")
        if low in STOPWORDS or (len(low) < 3 and not low.isdigit()) or NEGATION_RE.fullmatch(low):
            continue
        out.append((stem(low), low, (m.start(), m.end())))
    return out


def _statement_words(text: str, st: Statement, skip: set[str]) -> list[tuple[str, str, Span]]:
    words = []
    for a, b in st.content:
        words += [w for w in content_words(text, a, b) if w[0] not in skip]
    return words


def _sentences(text: str, spans: tuple[Span, ...]) -> list[Span]:
    out = []
    for a, b in spans:
        for m in SENTENCE_RE.finditer(text, a, b):
            if m.group().strip():
                out.append((m.start(), m.end()))
    return out


def _negations(text: str, st: Statement, near: set[str]) -> list[Evidence]:
    """Negation words in `st` that govern one of the stems in `near` (one of the next few
    words, before any "but": "no one reported drone flights", not "not X but drones"), and a
    denial in its reporting cue ("denied that …"). With `near` empty, every negation."""
    found = []
    for a, b in _sentences(text, st.content):
        for m in NEGATION_RE.finditer(text, a, b):
            if near and not _governs(text, (a, b), (m.start(), m.end()), near):
                continue
            found.append(Evidence(m.group(), (m.start(), m.end()), st.id))
    cue = _cue_text(text, st)
    if any(stem(w.group()) in DENIAL_STEMS for w in WORD_RE.finditer(cue)):
        found.append(Evidence(cue, st.cue, st.id))
    return found


def _governs(text: str, sentence: Span, neg: Span, near: set[str]) -> bool:
    """Whether the negation at `neg` bears on a word of `near`: one of the few words after it
    (up to a "but"), or the subject just before it ("the troops did not move")."""
    for n, m in enumerate(WORD_RE.finditer(text, neg[1], sentence[1])):
        low = m.group().lower()
        if n >= NEGATION_REACH or low in CONTRAST_WORDS:
            break
        if any(k in near for k in keys(low)):
            return True
    before = list(WORD_RE.finditer(text, sentence[0], neg[0]))[-NEGATION_BACK:]
    for m in reversed(before):
        if m.group().lower() in CONTRAST_WORDS or "," in text[m.end() : neg[0]]:
            break
        if any(k in near for k in keys(m.group().lower())):
            return True
    return False


def _cue_text(text: str, st: Statement) -> str:
    if st.cue_text:
        return st.cue_text
    return text[st.cue[0] : st.cue[1]] if st.cue else ""


def _is_reference(text: str, st: Statement) -> bool:
    body = " ".join(text[a:b] for a, b in st.content)
    return bool(REFERENCE_RE.match(body))


# ---- the signals -------------------------------------------------------------------------


def identity(analysis: Analysis, src: Source) -> Identity:
    named = src.kind != "anonymous" and any(ch.isupper() for ch in src.name)
    seen: dict[str, Evidence] = {}
    for a, b in src.mentions:
        words = analysis.text[a:b]
        key = words.lower()
        if key not in seen and words.strip():
            seen[key] = Evidence(words, (a, b))
    if not seen:
        seen[src.name.lower()] = Evidence(src.name, None)
    return Identity(named=named, kind=src.kind, evidence=tuple(seen.values()))


def _find_near(text: str, phrase: str, anchors: tuple[Span, ...]) -> Span | None:
    """The occurrence of `phrase` in `text` nearest to one of the anchors (case-insensitive)."""
    if not phrase.strip():
        return None
    pat = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
    spots = [(m.start(), m.end()) for m in pat.finditer(text)]
    if not spots:
        return None
    if not anchors:
        return spots[0]
    return min(spots, key=lambda s: min(abs(s[0] - a[0]) for a in anchors))


def affiliation(analysis: Analysis, src: Source) -> Affiliation:
    ev = []
    for phrase in (src.role, src.affiliation):
        if phrase:
            ev.append(Evidence(phrase, _find_near(analysis.text, phrase, src.mentions)))
    return Affiliation(
        stated=bool(src.affiliation or src.role),
        role=src.role,
        affiliation=src.affiliation,
        evidence=tuple(ev),
    )


def statement_counts(statements: list[Statement]) -> StatementCounts:
    ids: dict[str, list[str]] = {"direct": [], "indirect": [], "mixed": []}
    for st in statements:
        ids.setdefault(st.kind, []).append(st.id)
    return StatementCounts(
        total=len(statements),
        direct=len(ids["direct"]),
        indirect=len(ids["indirect"]),
        mixed=len(ids["mixed"]),
        direct_ids=tuple(ids["direct"]),
        indirect_ids=tuple(ids["indirect"]),
        mixed_ids=tuple(ids["mixed"]),
    )


def hedges(text: str, st: Statement) -> Hedge | None:
    """The hedge phrases of a statement: those the engine found (around the statement, e.g.
    "claimed that drones had allegedly attacked") and any inside its content."""
    found: dict[Span | str, Evidence] = {}
    anchors = (*st.content, *((st.cue,) if st.cue else ()))
    for i, phrase in enumerate(st.hedges):
        span = st.hedge_spans[i] if i < len(st.hedge_spans) else None
        if span is None:
            span = _find_near(text, phrase, anchors)
        written = text[span[0] : span[1]] if span else phrase
        found[span or phrase] = Evidence(written, span, st.id)
    pattern = _hedge_re()
    for a, b in st.content:
        for m in pattern.finditer(text, a, b):
            span = (m.start(), m.end())
            if span not in found:
                found[span] = Evidence(m.group(), span, st.id)
    if not found:
        return None
    ev = sorted(found.values(), key=lambda e: e.span or (1 << 60, 0))
    return Hedge(statement=st.id, phrases=tuple(e.text for e in ev), evidence=tuple(ev))


def cue_stance(text: str, st: Statement) -> Cue | None:
    """The statement's reporting words and their stance (the lexicon's, else the engine's)."""
    words = _cue_text(text, st)
    if not words and st.cue is None:
        return None
    stance = st.stance if st.stance != "neutral" else None
    if stance is None:
        table = _verb_stances()
        for m in WORD_RE.finditer(words):
            w = m.group().lower()
            found = table.get(w) if table else None
            if found is None and not table:
                found = next(
                    (v for k, v in _FALLBACK_STANCE.items() if stem(w).startswith(k)), None
                )
            if found and found != "neutral":
                stance = found
                break
    return Cue(statement=st.id, text=words, span=st.cue, stance=stance or "neutral")


def _weights(text: str) -> dict[str, float]:
    """Inverse sentence frequency of each stem in the article; the article's topic words
    (in more than TOPIC_SHARE of its sentences, and in more than two) weigh nothing, so that
    two statements are not related merely for naming the countries the article is about."""
    sentences = [(m.start(), m.end()) for m in SENTENCE_RE.finditer(text)]
    df: dict[str, int] = {}
    for a, b in sentences:
        for s in {w[0] for w in content_words(text, a, b)}:
            df[s] = df.get(s, 0) + 1
    n = max(1, len(sentences))
    return {s: 0.0 if c > 2 and c / n > TOPIC_SHARE else math.log(1 + n / c) for s, c in df.items()}


def relations(analysis: Analysis) -> list[Relation]:
    """Pairs of statements by different sources that share content words (both directions)."""
    text = analysis.text
    weights = _weights(text)
    skip_hedge_words: set[str] = set()
    for st in analysis.statements:
        for h in st.hedges:
            skip_hedge_words |= {stem(w) for w in h.split()}
    topic = {s for s, w in weights.items() if w == 0.0}
    words = {
        st.id: _statement_words(text, st, skip_hedge_words | topic) for st in analysis.statements
    }
    sts = [st for st in analysis.statements if st.source]
    out: list[Relation] = []
    for i, a in enumerate(sts):
        for b in sts[i + 1 :]:
            if a.source == b.source:
                continue
            rel = _relate(text, a, b, words[a.id], words[b.id], weights)
            if rel:
                out += [rel, _mirror(rel, a, b)]
    # "X said the same" / "Y denied it": a statement that only refers back to the one before
    for j, st in enumerate(sts):
        if words[st.id] or not _is_reference(text, st):
            continue
        prev = next((p for p in reversed(sts[:j]) if p.source != st.source), None)
        if prev is None or any(r.statement == st.id and r.other_statement == prev.id for r in out):
            continue
        negs = _negations(text, st, set())
        ev = (Evidence(" ".join(text[a:b] for a, b in st.content), st.content[0], st.id), *negs)
        rel = Relation(
            statement=st.id,
            other_statement=prev.id,
            other_source=prev.source,
            relation="contradicting" if negs else "corroborating",
            basis="reference",
            negated="this" if negs else None,
            evidence=tuple(ev),
        )
        out += [rel, _mirror(rel, st, prev)]
    return out


def _relate(
    text: str,
    a: Statement,
    b: Statement,
    wa: list[tuple[str, str, Span]],
    wb: list[tuple[str, str, Span]],
    weights: dict[str, float],
) -> Relation | None:
    sa, sb = {w[0] for w in wa}, {w[0] for w in wb}
    shared = sa & sb
    if len(shared) < MIN_SHARED:
        concepts = _shared_concepts(wa, wb)
        if not _denies_same_event(text, a, b, concepts):
            return None
        shared |= concepts

    def mass(stems: set[str]) -> float:
        return sum(weights.get(s, 1.0) for s in stems)

    overlap = round(mass(shared) / max(1e-9, min(mass(sa), mass(sb))), 2)
    if overlap < RELATED_MIN:
        return None
    neg_a, neg_b = _negations(text, a, shared), _negations(text, b, shared)
    if bool(neg_a) != bool(neg_b):
        relation, negated = "contradicting", ("this" if neg_a else "other")
    elif overlap >= CORROBORATING_MIN and len(shared) >= CORROBORATING_SHARED:
        relation, negated = "corroborating", None
    else:
        relation, negated = "related", None
    concept_of = _concepts()

    def hit(s: str) -> bool:
        return s in shared or concept_of.get(s) in shared

    surface: dict[str, str] = {}
    for s, low, _ in wa:
        if hit(s):
            surface.setdefault(s, low)
    ev = [Evidence(text[sp[0] : sp[1]], sp, a.id) for s, _, sp in wa if hit(s)]
    ev += [Evidence(text[sp[0] : sp[1]], sp, b.id) for s, _, sp in wb if hit(s)]
    ev += neg_a + neg_b if relation == "contradicting" else []
    return Relation(
        statement=a.id,
        other_statement=b.id,
        other_source=b.source,
        relation=relation,
        shared_words=tuple(surface.values()),
        overlap=overlap,
        negated=negated,
        evidence=tuple(ev),
    )


def _shared_concepts(wa: list[tuple[str, str, Span]], wb: list[tuple[str, str, Span]]) -> set[str]:
    concepts = _concepts()
    ca = {concepts[w[0]] for w in wa if w[0] in concepts}
    cb = {concepts[w[0]] for w in wb if w[0] in concepts}
    return ca & cb


def _denies_same_event(text: str, a: Statement, b: Statement, concepts: set[str]) -> bool:
    """One event named in other words is enough to relate two statements when one side denies
    it and the other asserts it plainly: "no activity on the border" against "drones attacked
    the country". A side with negations of its own is left alone: word overlap cannot tell
    what those deny."""
    if not concepts:
        return False
    neg_a, neg_b = _negations(text, a, concepts), _negations(text, b, concepts)
    if bool(neg_a) == bool(neg_b):
        return False
    plain = b if neg_a else a
    return not _negations(text, plain, set())


def _mirror(rel: Relation, a: Statement, b: Statement) -> Relation:
    """The same pair seen from the other source."""
    flip = {"this": "other", "other": "this"}
    return Relation(
        statement=b.id,
        other_statement=a.id,
        other_source=a.source,
        relation=rel.relation,
        shared_words=rel.shared_words,
        overlap=rel.overlap,
        basis=rel.basis,
        negated=flip.get(rel.negated or ""),
        evidence=rel.evidence,
    )


def source_signals(analysis: Analysis) -> dict[str, SourceSignals]:
    """The signals of every source of `analysis`, keyed by source id."""
    rels = relations(analysis)
    out: dict[str, SourceSignals] = {}
    for src in analysis.sources:
        sts = analysis.statements_of(src.id)
        mine = {st.id for st in sts}
        out[src.id] = SourceSignals(
            source=src.id,
            identity=identity(analysis, src),
            affiliation=affiliation(analysis, src),
            statements=statement_counts(sts),
            hedged=tuple(h for st in sts if (h := hedges(analysis.text, st))),
            cues=tuple(c for st in sts if (c := cue_stance(analysis.text, st))),
            related=tuple(r for r in rels if r.statement in mine),
        )
    return out
