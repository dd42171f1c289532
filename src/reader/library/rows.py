"""Stored rows → the analysis and the view the window gets: the one converter for every read
path (sqlmodel objects, or rows read with sqlite3 for the fast reopen)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from reader.analysis import Analysis
from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.library.views import ArticleView, article_info, highlight_info

if TYPE_CHECKING:
    from reader.store.snapshot import ArticleSnapshot


def analysis_from_rows(article: Any, sources: Any, statements: Any, corrections: Any) -> Analysis:
    """An article's analysis from its stored rows (model objects or snapshot namespaces), with
    the user's corrections applied and the segments recomputed."""
    from reader.annotate.corrections import apply_corrections

    srcs = [
        AnalysisSource(
            id=r.key,
            name=r.name,
            kind=r.kind,
            role=r.role,
            affiliation=r.affiliation,
            mentions=tuple(tuple(m) for m in json.loads(r.mentions)),
        )
        for r in sources
    ]
    sts = [
        AnalysisStatement(
            id=r.key,
            source=r.source_key,
            kind=r.kind,
            content=tuple(tuple(p) for p in json.loads(r.content)),
            cue=tuple(json.loads(r.cue)) if r.cue else None,
            source_mention=tuple(json.loads(r.source_mention)) if r.source_mention else None,
            hedges=tuple(json.loads(r.hedges)),
            stance=r.stance,
            cue_text=r.cue_text,
            continues=r.continues,
        )
        for r in statements
    ]
    srcs, sts = apply_corrections(srcs, sts, corrections)
    return Analysis(
        text=article.text,
        title=article.title,
        sources=tuple(srcs),
        statements=tuple(sts),
        segments=analyze_segments(article.text),
    )


def view_from_snapshot(snap: ArticleSnapshot) -> ArticleView:
    a = snap.article
    analysis = analysis_from_rows(a, snap.sources, snap.statements, snap.corrections)
    return ArticleView(
        info=article_info(a, len(analysis.sources)),
        text=a.text,
        analysis=analysis,
        highlights=tuple(highlight_info(h) for h in snap.highlights),
        library_sources={
            r.key: r.library_source_id for r in snap.sources if r.library_source_id is not None
        },
    )


def analyze_segments(text: str) -> tuple:
    """Document structure is cheap to recompute and not stored (the import ran the same
    segmentation over the same text, so an error here is a bug, not bad input)."""
    from reader.analysis.segment import segment

    return tuple(segment(text))
