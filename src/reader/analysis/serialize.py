"""The analysis JSON contract (`../shared/docs/analysis-json.md`): Analysis → plain dict."""

from __future__ import annotations

from typing import Any

from reader.analysis.model import Analysis


def to_contract(analysis: Analysis, path: str, *, include_text: bool = True) -> dict[str, Any]:
    """The object `reader analyze` prints for one file."""
    out: dict[str, Any] = {"path": path, "title": analysis.title}
    if include_text:
        out["text"] = analysis.text
    from reader.analysis.credibility import source_signals

    signals = source_signals(analysis)
    out["sources"] = [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "role": s.role,
            "affiliation": s.affiliation,
            "mentions": [list(m) for m in s.mentions],
            "signals": signals[s.id].to_json(),
        }
        for s in analysis.sources
    ]
    statements = []
    for st in analysis.statements:
        # An interrupted quotation is one statement whose `content` is the list of its quoted
        # parts (the contract's form); `parts` repeats them for readers of the older output.
        content: Any = (
            [st.content[0][0], st.content[0][1]]
            if len(st.content) == 1
            else [list(p) for p in st.content]
        )
        item: dict[str, Any] = {
            "id": st.id,
            "source": st.source,
            "kind": st.kind,
            "content": content,
            "cue": list(st.cue) if st.cue else None,
            "cue_text": st.cue_text,
            "source_mention": list(st.source_mention) if st.source_mention else None,
            "hedges": list(st.hedges),
            "stance": st.stance,
        }
        if len(st.content) > 1:
            item["parts"] = [list(p) for p in st.content]
        statements.append(item)
    out["statements"] = statements
    return out
