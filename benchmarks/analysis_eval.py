"""Entry points for ../shared/tools/attribution_eval.py (FUNCTION(text) -> contract dict).

    attribution_eval.py --data DIR --python benchmarks/analysis_eval.py:analyze
    attribution_eval.py --data DIR --python benchmarks/analysis_eval.py:analyze_joined

`analyze` is the product's output: an interrupted quotation is two statements, the second
`continues` the first. `analyze_joined` writes such a pair as one statement whose content is
the list of parts, as ../shared/docs/analysis-json.md describes it (PolNeAR annotates it so).
"""

from reader.analysis import analyze as _analyze
from reader.analysis.serialize import to_contract


def analyze(text: str) -> dict:
    return to_contract(_analyze(text), "x", include_text=False)


def analyze_joined(text: str) -> dict:
    out = analyze(text)
    by_id = {st["id"]: st for st in out["statements"]}
    kept = []
    for st in out["statements"]:
        first = by_id.get(st.get("continues") or "")
        while first is not None and first.get("continues"):
            first = by_id.get(first["continues"])
        if first is None:
            kept.append(st)
            continue
        parts = first["content"] if isinstance(first["content"][0], list) else [first["content"]]
        first["content"] = [*parts, st["content"]]
    out["statements"] = kept
    return out
