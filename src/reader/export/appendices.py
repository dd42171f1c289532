"""The appendices of the PDF export: the sources with what each is reported to say, and
the user's highlights and notes, each with the page where it appears."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from reader.analysis.credibility import SourceSignals
from reader.analysis.credibility import source_signals as engine_signals
from reader.analysis.model import Analysis, Source, Statement
from reader.export.article import PdfInput
from reader.export.layout import Shape, Typesetter
from reader.export.styles import (
    ENTRY,
    ENTRY_META,
    H1,
    HIGHLIGHT_COLORS,
    INTRO,
    KIND_LABELS,
    LABEL,
    NOTE,
    RULE,
    SRC_META,
    SRC_NAME,
    SRC_SIGNALS,
    STATEMENT_LABELS,
)


def source_signals(
    analysis: Analysis, source_id: str, signals: Mapping[str, SourceSignals] | None = None
) -> str:
    """A one-line summary of how a source is reported, as the sources panel shows it: named
    or not, affiliation, statements direct or paraphrased, hedges, doubtful reporting verbs,
    statements of others that corroborate or contradict. `signals` are the sources' signals
    as the library computed them for the article (computed here when not given)."""
    sts = analysis.statements_of(source_id)
    n = len(sts)
    kinds = [
        f"{k} {STATEMENT_LABELS[kind]}"
        for kind in ("direct", "indirect", "mixed")
        if (k := sum(1 for st in sts if st.kind == kind))
    ]
    head = f"{n} statement{'s' if n != 1 else ''}" if n else "no statements attributed"
    if kinds:
        head += f" ({', '.join(kinds)})"
    hedged = sum(1 for st in sts if st.hedges)
    doubtful = sum(1 for st in sts if st.stance == "doubtful")
    parts = []  # hedges and stances as the statements carry them, so entries and summary agree
    rich = (signals if signals is not None else _engine_signals(analysis)).get(source_id)
    if rich is not None:
        parts.append("named" if rich.identity.named else "not named")
        if not rich.affiliation.stated:
            parts.append("no affiliation given")
    parts += [head, f"{hedged} hedged", f"{doubtful} doubtful cue{'s' if doubtful != 1 else ''}"]
    if rich is not None:
        for relation, word in (
            ("corroborating", "corroborated"),
            ("contradicting", "contradicted"),
        ):
            k = sum(1 for r in rich.related if r.relation == relation)
            if k:
                parts.append(f"{word} by {k} other statement{'s' if k != 1 else ''}")
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


_signals_cache: dict[int, tuple[Analysis, dict]] = {}


def _engine_signals(analysis: Analysis) -> dict:
    """The analysis engine's per-source signals, computed once per analysis."""
    cached = _signals_cache.get(id(analysis))
    if cached is not None and cached[0] is analysis:
        return cached[1]
    found = dict(engine_signals(analysis))
    _signals_cache.clear()
    _signals_cache[id(analysis)] = (analysis, found)
    return found


def _pages_label(pages: list[int]) -> str:
    if not pages:
        return "—"
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


def _clip(s: str, limit: int) -> str:
    s = " ".join(s.split())
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit)
    return s[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _excerpt(text: str, st: Statement, limit: int = 240) -> tuple[str, str]:
    """What a statement says (quoted when verbatim) and a line on how it is reported."""
    body = _clip(" … ".join(text[a:b] for a, b in st.content), limit)
    if st.kind in ("direct", "mixed"):
        body = "“" + body.strip('“”"«»„ ') + "”"
    tags = []
    if st.cue_text:
        tags.append(f"“{' '.join(st.cue_text.split())}”")
    tags.append(STATEMENT_LABELS.get(st.kind, st.kind))
    if st.hedges:
        tags.append("hedged: " + ", ".join(dict.fromkeys(st.hedges)))
    if st.stance == "doubtful":
        tags.append("doubtful reporting verb")
    return body, " · ".join(tags)


def source_order(analysis: Analysis) -> list[Source]:
    def first(src: Source) -> int:
        starts = [m[0] for m in src.mentions] + [st.start for st in analysis.statements_of(src.id)]
        return min(starts, default=1 << 30)

    return sorted(analysis.sources, key=first)


def _section_break(ts: Typesetter) -> None:
    """An appendix starts on a new page, or below a rule when most of this page is free."""
    frame = ts.frame
    if ts.at_top:
        return
    if ts.cursor - frame.bottom < 0.5 * (frame.top - frame.bottom):
        ts.new_page()
        return
    ts.cursor -= 22
    ts.shape(Shape("line", frame.left, ts.cursor, frame.measure, 0, RULE))
    ts.cursor -= 26


def _section_head(ts: Typesetter, title: str, intro: str) -> None:
    """An appendix opens on a rule, its heading (a PDF outline entry) and one line of intro."""
    _section_break(ts)
    ts.mark(title, 0)
    ts.block(title, H1)
    ts.block(f"{intro} Page numbers refer to this document.", INTRO)


def sources_appendix(ts: Typesetter, doc: PdfInput, analysis: Analysis) -> None:
    n = len(analysis.sources)
    _section_head(
        ts,
        "Sources",
        f"{n} source{'s' if n != 1 else ''} cited in the article, in order of appearance, "
        "with what each is reported to say.",
    )
    layout = ts.layout
    for src in source_order(analysis):
        ts.keep(SRC_NAME.space_before + SRC_NAME.leading + 2 * SRC_META.leading + 2 * ENTRY.leading)
        ts.block(src.name, SRC_NAME)
        details = " · ".join(
            p for p in (KIND_LABELS.get(src.kind, src.kind), src.role, src.affiliation) if p
        )
        ts.block(details, SRC_META)
        line = doc.signals.get(src.id) or source_signals(analysis, src.id, doc.credibility)
        ts.block(line, SRC_SIGNALS)
        for st in sorted(analysis.statements_of(src.id), key=lambda st: st.start):
            pages = layout.pages_of(st.start, st.start + 1) if st.content else []
            body, how = _excerpt(doc.text, st)
            ts.keep(ENTRY.leading * 2 + ENTRY_META.leading)
            ts.block(body, replace(ENTRY, space_after=0), label=(_pages_label(pages), LABEL))
            ts.block(how, ENTRY_META)


def notes_appendix(ts: Typesetter, doc: PdfInput) -> None:
    n = len(doc.highlights)
    _section_head(
        ts,
        "Notes",
        f"{n} highlight{'s' if n != 1 else ''} and note{'s' if n != 1 else ''} in reading order.",
    )
    layout = ts.layout
    text = doc.text
    for h in sorted(doc.highlights, key=lambda h: (h.start, h.end, h.id)):
        pages = layout.pages_of(h.start, h.end)
        label = _pages_label(pages)
        if h.start >= h.end:
            before = text[max(0, h.start - 60) : h.start].split()[1:][-6:]
            after = text[h.start : h.start + 60].split()[:-1][:6]
            body = f"Margin note at “…{' '.join(before)} ‸ {' '.join(after)}…”"
        else:
            body = "“" + _clip(text[h.start : h.end], 700) + "”"
        if not pages:
            body += " (not shown: page furniture left out of this document)"
        ts.keep(ENTRY.leading * 2 + NOTE.leading)
        lines = ts.block(body, ENTRY, label=(label, LABEL))
        color = HIGHLIGHT_COLORS.get(h.color, HIGHLIGHT_COLORS["yellow"])
        if lines:
            first = lines[0]
            layout.pages[first.page - 1].under.append(
                Shape("rect", ts.frame.left - 12, first.y, 7, 7, color)
            )
        if h.note.strip():
            ts.block(h.note.strip(), NOTE)
        else:
            ts.cursor -= NOTE.space_after - ENTRY.space_after
