"""Entry points for ../shared/tools/attribution_eval.py (FUNCTION(text) -> contract dict).

    attribution_eval.py --data DIR --python benchmarks/analysis_eval.py:analyze
    attribution_eval.py --data DIR --python benchmarks/analysis_eval.py:analyze_parts

`analyze` is the product's output: an interrupted quotation is one statement whose `content`
spans its parts (listed in `parts`). `analyze_parts` writes `content` as the list of parts, as
../shared/docs/analysis-json.md describes it, to compare the two forms.
"""

from reader.analysis import analyze as _analyze
from reader.analysis.serialize import to_contract


def analyze(text: str) -> dict:
    return to_contract(_analyze(text), "x", include_text=False)


def analyze_parts(text: str) -> dict:
    out = analyze(text)
    for st in out["statements"]:
        if "parts" in st:
            st["content"] = st["parts"]
    return out
