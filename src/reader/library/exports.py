"""Writing an article out: the annotated PDF, and its highlights and notes as W3C Web
Annotation JSON-LD or as Markdown quotes (every file written safely: see reader.files)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.views import ArticleInfo, ArticleView, HighlightInfo

if TYPE_CHECKING:
    from reader.export.article import PdfInput
    from reader.export.pdf import PdfReport

Progress = Callable[[int, int], None]


def export_annotations_json(
    info: ArticleInfo,
    marks: Sequence[HighlightInfo],
    path: str | Path,
    names: Mapping[str, str] | None = None,
) -> Path:
    """Write the article's highlights and notes as W3C Web Annotation JSON-LD, each with its
    creator (`names`: members' display names by identity)."""
    from reader.annotate.w3c import annotation_collection
    from reader.files import write_text

    doc = annotation_collection(info, list(marks), names)
    return write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def export_markdown(info: ArticleInfo, marks: Sequence[HighlightInfo], path: str | Path) -> Path:
    """Write the article's highlights and notes as Markdown quotes, in text order."""
    from reader.annotate.markdown import annotations_markdown
    from reader.files import write_text

    return write_text(path, annotations_markdown(info, list(marks)))


def export_pdf(
    view: ArticleView,
    out_path: str | Path,
    paper: str | None = None,
    claims: bool = True,
    progress: Progress | None = None,
    author: str | None = None,
) -> PdfReport:
    """Write the opened article as an annotated PDF: highlights and notes as PDF annotations,
    claims shaded, appendices of sources and notes."""
    from reader.export.pdf import export_pdf as write_pdf

    return write_pdf(
        pdf_input(view),
        Path(out_path),
        paper=paper,
        claims=claims,
        author=author,
        progress=progress,
    )


def by_creator(
    marks: Sequence[HighlightInfo], me: str, names: Mapping[str, str]
) -> list[HighlightInfo]:
    """The marks with another member's written as theirs (their display name, else their
    identity) where no PDF annotator is named: a PDF's /T says who wrote each note."""
    from dataclasses import replace

    return [
        replace(h, author=names.get(h.creator) or h.creator)
        if h.creator and h.creator != me and not h.author
        else h
        for h in marks
    ]


def pdf_input(view: ArticleView) -> PdfInput:
    """What the PDF shows of an opened article: its text, analysis, the sources' signals the
    library computed with the view, and the highlights still placed in the text."""
    from reader.export.article import PdfInput

    info = view.info
    return PdfInput(
        title=info.title,
        text=view.text,
        origin=info.origin,
        origin_kind=info.origin_kind,
        site=info.site,
        author=info.author,
        published=info.published,
        segments=view.analysis.segments,
        analysis=view.analysis,
        highlights=[h for h in view.highlights if not h.orphaned],
        credibility=view.signals,
    )
