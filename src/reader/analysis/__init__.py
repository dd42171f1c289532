"""Attribution analysis: text in, sources and the statements attributed to them out (no Qt,
no I/O)."""

from reader.analysis.model import Analysis, Segment, Source, Span, Statement

__all__ = ["Analysis", "Segment", "Source", "Span", "Statement", "analyze"]


def analyze(text: str, title: str = "") -> Analysis:
    """Read `text` and return every cited source and statement, offsets indexing `text`."""
    from reader.analysis.pipeline import run

    return run(text, title=title)
