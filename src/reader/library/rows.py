"""Stored rows → the analysis and the view the window gets: the one converter for every read
path, whether the rows are sqlmodel objects (an operation's session) or the records of
store/records.py read with sqlite3 (the fast reopen, the library-wide source reads). Nothing
is dropped on the way: roles, affiliations, mentions, quoted parts, cues, hedges, stance; and
the view carries the sources' credibility signals, computed once here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from reader.analysis import Analysis
from reader.analysis.credibility import source_signals
from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.library.views import ArticleView, Citation, article_info, highlight_info

if TYPE_CHECKING:
    from reader.store.snapshot import ArticleSnapshot

_decode = json.JSONDecoder().decode


class SourceRow(Protocol):
    """A row of article_source (store.models.ArticleSource or store.records.SourceRecord)."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def role(self) -> str | None: ...
    @property
    def affiliation(self) -> str | None: ...
    @property
    def mentions(self) -> str: ...
    @property
    def library_source_id(self) -> int | None: ...


class StatementRow(Protocol):
    """A row of statement (store.models.Statement or store.records.StatementRecord)."""

    @property
    def key(self) -> str: ...
    @property
    def source_key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def cue_text(self) -> str: ...
    @property
    def source_mention(self) -> str | None: ...
    @property
    def hedges(self) -> str: ...
    @property
    def stance(self) -> str: ...
    @property
    def continues(self) -> str | None: ...


def source_of(r: SourceRow) -> AnalysisSource:
    """One stored source as the engine gave it."""
    return AnalysisSource(
        id=r.key,
        name=r.name,
        kind=r.kind,
        role=r.role,
        affiliation=r.affiliation,
        mentions=tuple((m[0], m[1]) for m in _decode(r.mentions)),
    )


def statement_of(r: StatementRow) -> AnalysisStatement:
    """One stored statement as the engine gave it (every quoted part, cue, hedges, stance)."""
    # its four JSON columns decoded in one call: the source reads convert every statement
    content, cue, mention, hedges = _decode(
        f"[{r.content},{r.cue or 'null'},{r.source_mention or 'null'},{r.hedges}]"
    )
    return AnalysisStatement(
        id=r.key,
        source=r.source_key,
        kind=r.kind,
        content=tuple((p[0], p[1]) for p in content),
        cue=(cue[0], cue[1]) if cue else None,
        source_mention=(mention[0], mention[1]) if mention else None,
        hedges=tuple(hedges),
        stance=r.stance,
        cue_text=r.cue_text,
        continues=r.continues,
    )


def corrected(
    sources: Iterable[SourceRow], statements: Iterable[StatementRow], corrections: Sequence[Any]
) -> tuple[list[AnalysisSource], list[AnalysisStatement]]:
    """An article's sources and statements from their rows, with the user's corrections
    (Correction rows or records) applied."""
    srcs = [source_of(r) for r in sources]
    sts = [statement_of(r) for r in statements]
    if not corrections:
        return srcs, sts
    from reader.annotate.corrections import apply_corrections

    return apply_corrections(srcs, sts, list(corrections))


def analysis_from_rows(
    article: Any,
    sources: Iterable[SourceRow],
    statements: Iterable[StatementRow],
    corrections: Sequence[Any],
) -> Analysis:
    """An article's analysis from its stored rows, with the user's corrections applied and the
    segments recomputed."""
    srcs, sts = corrected(sources, statements, corrections)
    return Analysis(
        text=article.text,
        title=article.title,
        sources=tuple(srcs),
        statements=tuple(sts),
        segments=analyze_segments(article.text),
    )


def view_from_rows(
    article: Any,
    sources: Sequence[SourceRow],
    statements: Sequence[StatementRow],
    corrections: Sequence[Any],
    highlights: Iterable[Any],
) -> ArticleView:
    """What the window shows for one article, from its rows (read either way), with its
    sources' credibility signals computed here, once."""
    analysis = analysis_from_rows(article, sources, statements, corrections)
    return ArticleView(
        info=article_info(article, len(analysis.sources)),
        text=article.text,
        analysis=analysis,
        highlights=tuple(highlight_info(h) for h in highlights),
        library_sources={
            r.key: r.library_source_id for r in sources if r.library_source_id is not None
        },
        signals=source_signals(analysis),
        cited=citations(analysis),
    )


def citations(analysis: Analysis) -> dict[str, tuple[Citation, ...]]:
    """Where each source with no statement of its own is cited: the statements whose content
    holds one of its mentions, in text order, one citation a statement (the engine lists a
    person named inside another's report as a source without a statement)."""
    speaking = {st.source for st in analysis.statements}
    quiet = [s for s in analysis.sources if s.id not in speaking and s.mentions]
    if not quiet:
        return {}
    parts = sorted(
        ((a, b, i) for i, st in enumerate(analysis.statements) for a, b in st.content),
        key=lambda p: p[0],
    )
    out: dict[str, tuple[Citation, ...]] = {}
    for src in quiet:
        found: dict[int, Citation] = {}
        for m0, m1 in sorted(src.mentions):
            for a, b, i in parts:
                if a > m0:
                    break
                if m1 <= b and i not in found:
                    st = analysis.statements[i]
                    found[i] = Citation(statement=st.id, by=st.source, mention=(m0, m1))
        if found:
            order = sorted(found, key=lambda i: analysis.statements[i].start)
            out[src.id] = tuple(found[i] for i in order)
    return out


def view_from_snapshot(snap: ArticleSnapshot) -> ArticleView:
    """The view of an article read with sqlite3 for the fast reopen (store/snapshot.py)."""
    return view_from_rows(
        snap.article, snap.sources, snap.statements, snap.corrections, snap.highlights
    )


def analyze_segments(text: str) -> tuple:
    """Document structure is cheap to recompute and not stored (the import ran the same
    segmentation over the same text, so an error here is a bug, not bad input)."""
    from reader.analysis.segment import segment

    return tuple(segment(text))
