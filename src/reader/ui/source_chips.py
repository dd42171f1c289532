"""The signal chips of a source: short labels ("anonymous", "73% verbatim", "claimed ×2") with
a tone and a tooltip that quotes the article's own words that produced each one.

Pure functions over `reader.library.views.SourceSignals` and the library's record of the
source; no widgets. The delegate draws the chips, the details pane lists the same evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.library.views import (
    Analysis,
    Citation,
    Relation,
    Source,
    SourceSignals,
    Span,
    is_negation,
)

RATING_LABELS = {
    -2: "Distrusted",
    -1: "Doubtful",
    0: "Neutral",
    1: "Fairly trusted",
    2: "Trusted",
}
RATING_COLORS = {-2: "#b8433a", -1: "#c07a2c", 0: "#7b8591", 1: "#4f8f6a", 2: "#2f7d4f"}
TONE_COLORS = {
    "neutral": "#6b7380",
    "good": "#2f7d4f",
    "warn": "#a86a12",
    "bad": "#b8433a",
    "info": "#2f6f9f",
}
RELATION_LABELS = {
    "contradicting": "contradicted by",
    "corroborating": "corroborated by",
    "related": "related to",
}
SNIPPET = 90  # characters of context in a tooltip quote
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "theirs",
        "it",
        "its",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
    ]
)


def tone_hex(tone: str, dark: bool = False) -> str:
    """A tone's colour, lighter on a dark background."""
    from colorsys import hls_to_rgb, rgb_to_hls

    color = TONE_COLORS.get(tone, TONE_COLORS["neutral"])
    if not dark:
        return color
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lum, s = rgb_to_hls(r, g, b)
    r, g, b = hls_to_rgb(h, min(0.78, lum + 0.25), s)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))


def mention_words(sig: SourceSignals) -> list:
    """The identity evidence without bare pronouns ("he", "his"), unless that is all there is."""
    named = [e for e in sig.identity.evidence if e.text.lower().strip() not in PRONOUNS]
    return named or list(sig.identity.evidence)


@dataclass(frozen=True)
class Chip:
    """One signal as shown on a source row."""

    key: str  # identity, affiliation, verbatim, cited, hedged, verb:<word>, <relation>, articles,
    # note
    label: str
    tone: str  # neutral | good | warn | bad | info | rating:<n> (drawn filled)
    tooltip: str  # rich text quoting the words that produced it
    evidence: tuple[tuple[str, Span | None], ...] = field(default=())


def rating_label(rating: int | None) -> str:
    return "Not rated" if rating is None else RATING_LABELS.get(rating, str(rating))


def signed(rating: int) -> str:
    return f"+{rating}" if rating > 0 else ("−" + str(-rating) if rating < 0 else "0")


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def q(s: str) -> str:
    """The words as written, in curly quotes (escaped for rich text); a quotation that
    carries its own quotation marks keeps just those."""
    s = " ".join(s.split())
    if s[:1] in '“"' and s[-1:] in '”"' and len(s) > 1:
        return esc(s)
    return f"“{esc(s.strip('“”'))}”"


def clip(s: str, n: int = SNIPPET) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def statement_text(analysis: Analysis, statement_id: str) -> str:
    for st in analysis.statements:
        if st.id == statement_id:
            return " … ".join(analysis.text[a:b] for a, b in st.content)
    return ""


def in_context(text: str, span: Span | None, width: int = 70) -> str:
    """The words at `span` in bold with some of the sentence around them (rich text)."""
    if span is None:
        return ""
    a, b = span
    left = text[max(0, a - width) : a]
    right = text[b : b + width]
    for stop in (". ", "\n", "“", "”"):
        if stop in left:
            left = left.rsplit(stop, 1)[1]
    for stop in ("\n",):
        if stop in right:
            right = right.split(stop, 1)[0]
    if a - len(left) > 0 and text[a - len(left) - 1 : a - len(left)].isalnum() and " " in left:
        left = left.split(" ", 1)[1]  # start at a word
    if text[b + len(right) : b + len(right) + 1].isalnum() and " " in right:
        right = right.rsplit(" ", 1)[0]  # end at a word
    left, right = " ".join(left.split()), " ".join(right.split())
    lead = "…" if a - len(left) > 0 and left and not left[0].isupper() else ""
    tail = "…" if right and not right.endswith((".", "”", "!", "?")) else ""
    gap_l = " " if text[a - 1 : a].isspace() and left else ""
    gap_r = " " if text[b : b + 1].isspace() and right else ""
    words = esc(" ".join(text[a:b].split()))
    return f"{lead}{esc(left)}{gap_l}<b>{words}</b>{gap_r}{esc(right)}{tail}"


def _tip(title: str, lines: list[str], foot: str = "") -> str:
    body = "".join(f"<div style='margin-top:4px'>{line}</div>" for line in lines)
    foot_html = f"<div style='margin-top:6px;color:#7b8591'>{foot}</div>" if foot else ""
    return f"<div style='max-width:380px'><b>{title}</b>{body}{foot_html}</div>"


def others_by_relation(sig: SourceSignals) -> dict[str, dict[str, list[Relation]]]:
    """relation → other source key → the pairs; a pair shows under its strongest relation."""
    strength = {"contradicting": 0, "corroborating": 1, "related": 2}
    best: dict[str, str] = {}
    for r in sig.related:
        cur = best.get(r.other_source)
        if cur is None or strength[r.relation] < strength[cur]:
            best[r.other_source] = r.relation
    out: dict[str, dict[str, list[Relation]]] = {}
    for r in sig.related:
        if best[r.other_source] == r.relation:
            out.setdefault(r.relation, {}).setdefault(r.other_source, []).append(r)
    return out


def unique_pairs(relations: list[Relation] | tuple[Relation, ...]) -> list[Relation]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in relations:
        key = (r.statement, r.other_statement, r.relation)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def shown_record(
    articles: int, other_titles: list[str] | None, note: str, rating: int | None
) -> tuple[object, ...]:
    """What of the library's record of a source its chips show (`source_chips`): the same
    for two records, the same chips. A source in one article shows no count, whatever titles."""
    many = articles > 1
    return (articles if many else 0, tuple(other_titles or ()) if many else (), note, rating)


def source_chips(
    analysis: Analysis,
    src: Source,
    sig: SourceSignals | None,
    names: dict[str, str],
    articles: int = 0,
    other_titles: list[str] | None = None,
    note: str = "",
    rating: int | None = None,
    cited: tuple[Citation, ...] = (),
) -> list[Chip]:
    """The chips of one source, most telling first; the user's rating (if any) leads. A source
    with no statement of its own shows where it is cited (`cited`, the view's)."""
    if sig is None:
        return []
    text = analysis.text
    chips: list[Chip] = []
    if rating is not None:
        tip = f"Your rating: {rating_label(rating)} ({signed(rating)})"
        lines = [f"Your note: {esc(clip(note, 300))}"] if note.strip() else []
        chips.append(Chip("rating", rating_label(rating), f"rating:{rating}", _tip(tip, lines)))

    # named / anonymous
    mentions = [e.text for e in mention_words(sig)]
    if sig.identity.named:
        chips.append(
            Chip(
                "identity",
                "named",
                "neutral",
                _tip("Named source", ["The article names them as " + ", ".join(map(q, mentions))]),
                tuple((e.text, e.span) for e in sig.identity.evidence),
            )
        )
    else:
        chips.append(
            Chip(
                "identity",
                "anonymous",
                "warn",
                _tip(
                    "Anonymous source",
                    ["No name is given; the article calls them " + ", ".join(map(q, mentions))],
                    "A reader cannot check who said this.",
                ),
                tuple((e.text, e.span) for e in sig.identity.evidence),
            )
        )

    # affiliation
    if not sig.affiliation.stated:
        chips.append(
            Chip(
                "affiliation",
                "no affiliation",
                "warn",
                _tip(
                    "No role or affiliation stated",
                    ["The article does not say who " + q(src.name) + " is or whom they speak for."],
                ),
            )
        )

    # verbatim share
    c = sig.statements
    if c.total:
        share = round(100 * (c.verbatim_share or 0))
        quoted = [statement_text(analysis, i) for i in c.direct_ids]
        lines = [
            f"{c.direct} of {c.total} statement{'s' * (c.total != 1)} quoted word for word"
            + (f", {c.mixed} partly quoted" if c.mixed else "")
            + f", {c.indirect} paraphrased by the article."
        ]
        lines += [q(clip(t)) for t in quoted[:3]]
        if len(quoted) > 3:
            lines.append(f"… and {len(quoted) - 3} more")
        chips.append(
            Chip(
                "verbatim",
                f"{share}% verbatim",
                "neutral" if share >= 50 else "info",
                _tip("Quoted or paraphrased", lines),
                tuple((t, None) for t in quoted),
            )
        )

    if not c.total:
        chips.append(cited_chip(text, cited, names))

    # hedges
    if sig.hedged:
        lines = []
        ev: list[tuple[str, Span | None]] = []
        for h in sig.hedged:
            for e in h.evidence:
                ev.append((e.text, e.span))
            if h.evidence and h.evidence[0].span:
                lines.append(in_context(text, h.evidence[0].span))
            else:
                lines.append(", ".join(map(q, h.phrases)))
        n = len(sig.hedged)
        chips.append(
            Chip(
                "hedged",
                f"{n} hedged",
                "warn",
                _tip(
                    f"{n} hedged statement{'s' * (n != 1)}",
                    lines[:5],
                    "Words like these mark a claim the article does not vouch for.",
                ),
                tuple(ev),
            )
        )

    # reporting verbs that carry doubt, one chip per verb
    doubtful: dict[str, list] = {}
    for cue in sig.cues:
        if cue.stance == "doubtful" and cue.text:
            doubtful.setdefault(" ".join(cue.text.lower().split()), []).append(cue)
    for verb, cues in doubtful.items():
        n = len(cues)
        lines = [in_context(text, cue.span) or q(cue.text) for cue in cues[:4]]
        chips.append(
            Chip(
                f"verb:{verb}",
                verb + (f" ×{n}" if n > 1 else ""),
                "warn",
                _tip(
                    f"Reported with {q(verb)}",
                    lines,
                    "A reporting verb that carries doubt, where “said” would be neutral.",
                ),
                tuple((cue.text, cue.span) for cue in cues),
            )
        )

    # related statements by other sources
    tones = {"contradicting": "bad", "corroborating": "good", "related": "neutral"}
    grouped = others_by_relation(sig)
    for relation in ("contradicting", "corroborating", "related"):
        others = grouped.get(relation)
        if not others:
            continue
        lines = []
        ev = []
        for other, pairs in others.items():
            for r in unique_pairs(pairs)[:2]:
                mine = q(clip(statement_text(analysis, r.statement), 80))
                theirs = q(clip(statement_text(analysis, r.other_statement), 110))
                negation = [
                    e
                    for e in r.evidence
                    if e.statement == r.other_statement and e.span and is_negation(e.text)
                ]
                if negation:  # the words that contradict, in their sentence
                    theirs = in_context(text, negation[0].span, 60)
                words = ", ".join(r.shared_words)
                lines.append(
                    f"{mine}<br>↔ <b>{esc(names.get(other, other))}</b>: {theirs}"
                    + (f"<br><i>shared words: {esc(words)}</i>" if words else "")
                    + _negation_note(r)
                )
                ev += [(e.text, e.span) for e in r.evidence]
        n = len(others)
        chips.append(
            Chip(
                relation,
                f"{RELATION_LABELS[relation]} {n}",
                tones[relation],
                _tip(
                    f"{RELATION_LABELS[relation].capitalize()} {n} other source{'s' * (n != 1)}",
                    lines[:4],
                    "Statements by other sources in this article sharing content words.",
                ),
                tuple(ev),
            )
        )

    # across the library
    if articles > 1:
        titles = other_titles or []
        lines = [q(clip(t, 80)) for t in titles[:5]]
        chips.append(
            Chip(
                "articles",
                f"in {articles} articles",
                "info",
                _tip(
                    f"Quoted in {articles} articles of your library",
                    lines or ["Select the source to see the other articles."],
                ),
            )
        )
    if note.strip():
        chips.append(Chip("note", "✎ note", "info", _tip("Your note", [esc(clip(note, 300))])))
    return chips


def cited_label(cited: tuple[Citation, ...], names: dict[str, str]) -> str:
    """ "cited by Ann Roe" (one source's statements name them), else "cited in 2 statements";
    "no statement" when no statement names them."""
    by = {c.by for c in cited}
    if len(by) == 1:
        key = next(iter(by))
        return "cited by " + clip(names.get(key, key), 30)
    if cited:
        return f"cited in {len(cited)} statements"
    return "no statement"


def cited_chip(text: str, cited: tuple[Citation, ...], names: dict[str, str]) -> Chip:
    """The chip of a source with no statement of its own: who names it, in their words."""
    lines = [
        f"<b>{esc(names.get(c.by, c.by))}</b>: {in_context(text, c.mention)}" for c in cited[:4]
    ]
    if len(cited) > 4:
        lines.append(f"… and {len(cited) - 4} more")
    if not cited:
        lines = ["The article names them but reports no statement of theirs."]
    return Chip(
        "cited",
        cited_label(cited, names),
        "info",
        _tip(
            "Cited by another source" if cited else "No statement of their own",
            lines,
            "Named inside another source's statement; what they said is that source's account."
            if cited
            else "",
        ),
        tuple((text[c.mention[0] : c.mention[1]], c.mention) for c in cited),
    )


def _negation_note(r: Relation) -> str:
    neg = [e.text for e in r.evidence if e.statement and is_negation(e.text)]
    if r.relation != "contradicting" or not neg:
        return ""
    return f"<br><i>negated by {', '.join(map(q, dict.fromkeys(neg)))}</i>"
