"""Entry point for ../shared/tools/attribution_eval.py: analyze(text) -> the contract dict."""

from reader.analysis import analyze as _analyze
from reader.analysis.serialize import to_contract


def analyze(text: str) -> dict:
    return to_contract(_analyze(text), "x", include_text=False)
