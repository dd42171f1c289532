"""The statements behind the outlet profiles (library/outlets.py): the stored statements of
the outlets' articles, read with sqlite3 as plain tuples, with the user's corrections applied
and each one's signals decided by the credibility signals' own functions (named:
`credibility.identity`; hedged: `report_signals.hedges`; doubtful verb:
`report_signals.cue_stance`), so that a figure counts exactly what the Sources panel shows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from reader.analysis import Analysis
from reader.analysis.credibility import identity
from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.analysis.report_signals import cue_stance, hedges
from reader.annotate.corrections import apply_corrections


@dataclass(frozen=True)
class OutletStatement:
    """A statement behind a figure: where it is (article, the engine's key, offsets), who said
    it and what, and what the signals found in it."""

    id: int  # the statement row's id
    article_id: int
    key: str  # the engine's id within the article ("st3"), as the window knows it
    start: int
    end: int
    source_id: str  # the engine's id of its source within the article ("s2")
    source: str  # the source's name, corrections applied
    text: str
    named: bool
    direct: bool
    hedged: bool
    doubtful: bool

    def has(self, figure: str) -> bool:
        """Whether this statement counts towards the share `figure`."""
        return HAS[figure](self)


HAS = {
    "named": lambda st: st.named,
    "anonymous": lambda st: not st.named,
    "direct": lambda st: st.direct,
    "hedged": lambda st: st.hedged,
    "doubtful": lambda st: st.doubtful,
}


class _SourceRow(NamedTuple):
    article_id: int
    key: str
    name: str
    kind: str
    library_source_id: int | None


class _StatementRow(NamedTuple):
    id: int
    article_id: int
    key: str
    source_key: str
    kind: str
    start: int
    end: int
    content: str
    text: str
    cue: str | None
    cue_text: str
    hedges: str
    stance: str


class _CorrectionRow(NamedTuple):
    article_id: int
    action: str
    source_key: str | None
    statement_key: str | None
    value: str | None
    orphaned: bool


def _rows(conn: sqlite3.Connection, row: type[Any], table: str, order: str, only: str) -> list:
    """The columns of `row` from `table` (plain tuples: 16,000 statements are read in a blink,
    where a record object per row costs a second)."""
    columns = ", ".join(row._fields)
    return [
        row._make(r) for r in conn.execute(f"SELECT {columns} FROM {table}{only} ORDER BY {order}")
    ]


def read_statements(
    conn: sqlite3.Connection, article_ids: list[int], every: bool
) -> tuple[dict[int, list[OutletStatement]], dict[int, list[tuple[AnalysisSource, int | None]]]]:
    """The statements of `article_ids` with their signals, and the sources quoted (with their
    library-wide record), corrections applied. `every`: they are most of the library, so the
    rows are read without a list of ids."""
    wanted = set(article_ids)
    only = "" if every else f" WHERE article_id IN ({', '.join(str(int(a)) for a in wanted)})"
    sources: dict[int, list[_SourceRow]] = {}
    for r in _rows(conn, _SourceRow, "article_source", "id", only):
        sources.setdefault(r.article_id, []).append(r)
    statements_of: dict[int, list[_StatementRow]] = {}
    for r in _rows(conn, _StatementRow, "statement", "article_id, start", only):
        statements_of.setdefault(r.article_id, []).append(r)
    corrections: dict[int, list[_CorrectionRow]] = {}
    for r in _rows(conn, _CorrectionRow, "correction", "id", only):
        corrections.setdefault(r.article_id, []).append(r)
    texts = _texts(conn, [a for a in statements_of if a in wanted])
    statements: dict[int, list[OutletStatement]] = {}
    quoted: dict[int, list[tuple[AnalysisSource, int | None]]] = {}
    for aid, st_rows in statements_of.items():
        if aid not in wanted:
            continue
        src_rows = sources.get(aid, [])
        srcs = [_source(r) for r in src_rows]
        sts = [_statement(r) for r in st_rows]
        if aid in corrections:  # the user's renames, merges, moves and "not a statement"
            srcs, sts = apply_corrections(srcs, sts, cast(list[Any], corrections[aid]))
        text = texts.get(aid, "")
        statements[aid] = _signals(aid, text, srcs, sts, {r.key: r for r in st_rows})
        links = {r.key: r.library_source_id for r in src_rows}
        quoted[aid] = [(s, links.get(s.id)) for s in srcs]
    return statements, quoted


def _source(r: _SourceRow) -> AnalysisSource:
    """A stored source as the engine gave it, without its mentions: the signals read here
    (named or not) go by its name and kind alone, and reading 10,000 mention lists costs."""
    return AnalysisSource(id=r.key, name=r.name, kind=r.kind)


def _statement(r: _StatementRow) -> AnalysisStatement:
    """A stored statement with what its signals read: quoted parts, cue, hedges, stance. Most
    are one quoted part, whose span is the row's start and end, and a cue "[a, b]": read
    without the JSON parser (a third of the time of a library's profiles)."""
    if r.content.count("[") == 2:  # [[start, end]]
        content: tuple[tuple[int, int], ...] = ((r.start, r.end),)
    else:
        content = tuple((p[0], p[1]) for p in json.loads(r.content))
    cue = None
    if r.cue:
        a, b = r.cue.strip("[] ").split(",")
        cue = (int(a), int(b))
    return AnalysisStatement(
        id=r.key,
        source=r.source_key,
        kind=r.kind,
        content=content,
        cue=cue,
        hedges=tuple(json.loads(r.hedges)) if r.hedges != "[]" else (),
        stance=r.stance,
        cue_text=r.cue_text,
    )


def _texts(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, str]:
    if not article_ids:
        return {}
    ids = ", ".join(str(int(a)) for a in article_ids)
    return dict(conn.execute(f"SELECT id, text FROM article WHERE id IN ({ids})").fetchall())


def _signals(
    aid: int,
    text: str,
    srcs: list[AnalysisSource],
    sts: list[AnalysisStatement],
    row_of: dict[str, Any],
) -> list[OutletStatement]:
    """The statements of one article with the signals the Sources panel shows for them."""
    analysis = Analysis(text=text, sources=tuple(srcs), statements=tuple(sts))
    named = {s.id: identity(analysis, s).named for s in srcs}
    names = {s.id: s.name for s in srcs}
    out = []
    for st in sts:
        row = row_of.get(st.id)
        if row is None:  # corrections only drop or move statements; never invent one
            continue
        cue = cue_stance(text, st)
        out.append(
            OutletStatement(
                id=row.id,
                article_id=aid,
                key=st.id,
                start=st.start,
                end=st.end,
                source_id=st.source,
                source=names.get(st.source, ""),
                text=row.text,
                named=named.get(st.source, False),
                direct=st.kind == "direct",
                hedged=hedges(text, st) is not None,
                doubtful=cue is not None and cue.stance == "doubtful",
            )
        )
    return out
