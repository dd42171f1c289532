"""The user's corrections (rename, merge, move, not-a-statement): replayed over an analysis, and
kept on what they were made for when the engine changes.

A correction names the engine's ids ("s8", "st13"), which move when a new engine finds one
source more or less. So each correction also holds anchors made of what the user saw: a source
by its name and its mentions (spans and their text), a statement by the quoted text of its span
with some context (a TextQuote selector, as highlights keep). After every re-analysis
`remap` finds each anchor in the new analysis and gives the correction the new ids; one whose
source or statement is no longer there (or that would now land on what another correction holds)
is orphaned: kept, listed, and never applied to something else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Protocol

from reader.analysis.model import Source, Statement

MIN_OVERLAP = 0.5  # of the longer of an anchored statement and a candidate, to be the same one


class CorrectionLike(Protocol):
    action: str
    source_key: str | None
    statement_key: str | None
    value: str | None


def apply_corrections(
    sources: list[Source], statements: list[Statement], corrections: list[CorrectionLike]
) -> tuple[list[Source], list[Statement]]:
    """The analysis as the user corrected it; orphaned corrections and those naming vanished
    keys are skipped."""
    by_id = {s.id: s for s in sources}
    sts = list(statements)
    for c in corrections:
        if getattr(c, "orphaned", False):
            continue
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


# ---- anchors ------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """The name normalised as library.source_key does (case, curly apostrophe, "the")."""
    return " ".join(name.replace("’", "'").lower().removeprefix("the ").split())


def source_anchor(text: str, src: Source) -> dict[str, Any]:
    """What identifies a source apart from its id: the engine's name and its mentions."""
    return {
        "name": src.name,
        "key": name_key(src.name),
        "mentions": [[a, b, text[a:b]] for a, b in src.mentions],
    }


def statement_anchor(text: str, st: Statement) -> dict[str, Any]:
    """What identifies a statement apart from its id: its span's quote with context."""
    from reader.annotate.anchoring import quote_selector  # difflib: not on the first paint

    exact, prefix, suffix = quote_selector(text, st.start, st.end)
    return {"exact": exact, "prefix": prefix, "suffix": suffix, "start": st.start}


def correction_anchor(
    text: str,
    sources: list[Source],
    statements: list[Statement],
    action: str,
    source_key: str | None,
    statement_key: str | None,
    value: str | None,
) -> dict[str, Any]:
    """The anchors of a correction over the analysis (as the engine gave it) its ids name:
    "source" (rename, merge), "target" (merge, move: the source `value`), "statement"."""
    by_id = {s.id: s for s in sources}
    sts = {st.id: st for st in statements}
    out: dict[str, Any] = {}
    if source_key in by_id:
        out["source"] = source_anchor(text, by_id[source_key])
    if action in ("merge", "move") and value in by_id:
        out["target"] = source_anchor(text, by_id[value])
    if statement_key in sts:
        out["statement"] = statement_anchor(text, sts[statement_key])
    return out


def find_source(text: str, anchor: dict[str, Any], sources: list[Source]) -> str | None:
    """The id of the anchored source in a new analysis: the only one of that name, else the
    one sharing most of its mentions (those whose text still reads the same); None if none
    or a tie."""
    same_name = [s.id for s in sources if name_key(s.name) == anchor.get("key")]
    if len(same_name) == 1:
        return same_name[0]
    spans = {(a, b) for a, b, said in anchor.get("mentions", ()) if text[a:b] == said}
    if not spans:
        return None
    scores = []
    for s in sources:
        if same_name and s.id not in same_name:
            continue  # several of that name: the mentions choose among them
        shared = sum(1 for a, b in s.mentions for x, y in spans if a < y and x < b)
        scores.append((shared, s.id))
    scores.sort(reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def find_statement(text: str, anchor: dict[str, Any], statements: list[Statement]) -> str | None:
    """The id of the anchored statement in a new analysis: the quote is placed again in the
    text (re-anchoring as for highlights), then the statement covering most of it, if it
    covers at least half of the longer of the two."""
    from reader.annotate.anchoring import reanchor

    placed = reanchor(
        text, anchor["exact"], anchor.get("prefix", ""), anchor.get("suffix", ""), anchor["start"]
    )
    if placed is None or placed[0] == placed[1]:
        return None
    a, b = placed
    best, best_share = None, 0.0
    for st in statements:
        overlap = min(b, st.end) - max(a, st.start)
        share = overlap / max(b - a, st.end - st.start, 1)
        if share > best_share:
            best, best_share = st.id, share
    return best if best_share >= MIN_OVERLAP else None


@dataclass(frozen=True)
class Remapped:
    """A correction's ids in a new analysis and its anchors read again there, or orphaned (ids
    and anchors as they were)."""

    source_key: str | None
    statement_key: str | None
    value: str | None
    anchor: str
    orphaned: bool


def remap(
    text: str,
    sources: list[Source],
    statements: list[Statement],
    corrections: list[Any],
) -> list[Remapped]:
    """Each correction (with .action, ids, .anchor JSON) placed on a new analysis, in order.
    A correction is orphaned when an anchor is not found, or when what it finds is already held
    by another correction's different anchor (two people the new engine made one) — never
    applied to another source or statement. A placed correction's anchors are read again from
    the new analysis, so corrections on one source keep agreeing on what it is."""
    by_id = {s.id: s for s in sources}
    sts = {st.id: st for st in statements}
    claims: dict[tuple[str, str], str] = {}  # (kind, new id) → the anchor (JSON) holding it

    def claim(kind: str, new_id: str | None, anchor: dict[str, Any]) -> bool:
        if new_id is None:
            return False
        said = json.dumps(anchor, sort_keys=True)
        return claims.setdefault((kind, new_id), said) == said

    out = []
    for c in corrections:
        anchors = json.loads(c.anchor or "{}")
        ids: dict[str, str | None] = {}
        ok = True
        for part in ("source", "target", "statement"):
            if part not in anchors:
                ok = ok and not _needs(c.action, part)  # an anchor it needs is missing
                continue
            if part == "statement":
                new_id = find_statement(text, anchors[part], statements)
            else:
                new_id = find_source(text, anchors[part], sources)
            kind = "statement" if part == "statement" else "source"
            ok = claim(kind, new_id, anchors[part]) and ok
            ids[part] = new_id
        if ok and c.action == "merge" and ids["source"] == ids["target"]:
            ok = False  # the new engine already made the two one: nothing left to merge
        if not ok:
            out.append(Remapped(c.source_key, c.statement_key, c.value, c.anchor, True))
            continue
        fresh: dict[str, Any] = {}
        for part, new_id in ids.items():
            if part == "statement" and new_id is not None:
                fresh[part] = statement_anchor(text, sts[new_id])
            elif new_id is not None:
                fresh[part] = source_anchor(text, by_id[new_id])
        value = ids.get("target") if c.action in ("merge", "move") else c.value
        out.append(
            Remapped(ids.get("source"), ids.get("statement"), value, json.dumps(fresh), False)
        )
    return out


def _needs(action: str, part: str) -> bool:
    return part in {
        "rename": ("source",),
        "merge": ("source", "target"),
        "move": ("statement", "target"),
        "not_statement": ("statement",),
    }.get(action, ())
