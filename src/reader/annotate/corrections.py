"""Replaying the user's corrections (rename, merge, move, not-a-statement) over a fresh analysis."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from reader.analysis.model import Source, Statement


class CorrectionLike(Protocol):
    action: str
    source_key: str | None
    statement_key: str | None
    value: str | None


def apply_corrections(
    sources: list[Source], statements: list[Statement], corrections: list[CorrectionLike]
) -> tuple[list[Source], list[Statement]]:
    """The analysis as the user corrected it; corrections naming vanished keys are skipped."""
    by_id = {s.id: s for s in sources}
    sts = list(statements)
    for c in corrections:
        if c.action == "rename" and c.source_key in by_id and c.value:
            by_id[c.source_key] = replace(by_id[c.source_key], name=c.value)
        elif (
            c.action == "merge"
            and c.source_key in by_id
            and c.value in by_id
            and c.source_key != c.value
        ):
            gone, into = by_id.pop(c.source_key), by_id[c.value]
            by_id[c.value] = replace(
                into, mentions=tuple(sorted(set(into.mentions) | set(gone.mentions)))
            )
            sts = [replace(st, source=c.value) if st.source == gone.id else st for st in sts]
        elif c.action == "move" and c.value in by_id:
            sts = [replace(st, source=c.value) if st.id == c.statement_key else st for st in sts]
        elif c.action == "not_statement":
            sts = [st for st in sts if st.id != c.statement_key]
    keep = [s for s in sources if s.id in by_id]
    return [by_id[s.id] for s in keep], sts
