"""Placeholder pipeline: finds nothing until the attribution engine lands."""

from reader.analysis.model import Analysis


def run(text: str, title: str = "") -> Analysis:
    return Analysis(text=text, title=title)
