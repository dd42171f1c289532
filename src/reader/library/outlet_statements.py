"""The statements behind the outlet profiles (library/outlets.py): the stored statements of
the outlets' articles, read with sqlite3 as records, with the user's corrections applied
and each one's signals decided by the credibility signals' own functions (named:
`credibility.identity`; hedged: `report_signals.hedges`; doubtful verb:
`report_signals.cue_stance`), so that a figure counts exactly what the Sources panel shows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from reader.analysis import Analysis
from reader.analysis.credibility import identity
from reader.analysis.model import Source as AnalysisSource
from reader.analysis.model import Statement as AnalysisStatement
from reader.analysis.report_signals import cue_stance, hedges
from reader.library.rows import corrected
from reader.store.records import CorrectionRecord, SourceRecord, StatementRecord
from reader.store.snapshot import read_rows

R = TypeVar("R")


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


def read_statements(
    conn: sqlite3.Connection, article_ids: list[int], every: bool
) -> tuple[dict[int, list[OutletStatement]], dict[int, list[tuple[AnalysisSource, int | None]]]]:
    """The statements of `article_ids` with their signals, and the sources quoted (with their
    library-wide record), corrections applied — read and converted as every other read of the
    stored rows is (`store.snapshot.read_rows`, `library.rows.corrected`). `every`: they are
    most of the library, so the rows are read without a list of ids."""
    wanted = set(article_ids)
    ids = None if every else sorted(wanted)
    sources = _by_article(read_rows(conn, SourceRecord, "id", article_ids=ids))
    statements_of = _by_article(read_rows(conn, StatementRecord, "start", article_ids=ids))
    corrections = _by_article(read_rows(conn, CorrectionRecord, "id", article_ids=ids))
    texts = _texts(conn, [a for a in statements_of if a in wanted])
    statements: dict[int, list[OutletStatement]] = {}
    quoted: dict[int, list[tuple[AnalysisSource, int | None]]] = {}
    for aid, st_rows in statements_of.items():
        if aid not in wanted:
            continue
        src_rows = sources.get(aid, [])
        # the user's renames, merges, moves and "not a statement" applied
        srcs, sts = corrected(src_rows, st_rows, corrections.get(aid, []))
        text = texts.get(aid, "")
        statements[aid] = _signals(aid, text, srcs, sts, {r.key: r for r in st_rows})
        links = {r.key: r.library_source_id for r in src_rows}
        quoted[aid] = [(s, links.get(s.id)) for s in srcs]
    return statements, quoted


def _by_article(records: Iterable[R]) -> dict[int, list[R]]:
    out: dict[int, list[R]] = {}
    for r in records:
        out.setdefault(r.article_id, []).append(r)  # type: ignore[attr-defined]
    return out


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
