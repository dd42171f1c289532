"""A source with no statement of its own (named inside another's report) comes with where it is
cited: the view's `cited` field, computed with the signals by the library, on every read path."""

from __future__ import annotations

from pathlib import Path

from reader.analysis.model import Analysis, Source, Statement
from reader.library import Library
from reader.library.rows import citations
from reader.library.views import Citation

TEXT = (
    "The mayor, Ann Roe, said on Monday that harbour master Tom Vik told her the sea wall would"
    " fail within a year. \u201cWe were told,\u201d Roe said.\n\n"
    "Councillors met on Tuesday to discuss the repairs.\n"
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_view_says_which_statement_cites_a_source_without_statements(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    aid = lib.import_text(TEXT, "Wall")
    view = lib.open_article(aid)
    by_name = {s.name: s for s in view.analysis.sources}
    roe, vik = by_name["Ann Roe"], by_name["Tom Vik"]
    assert not view.analysis.statements_of(vik.id)  # the engine lists him without statements
    (cite,) = view.cited[vik.id]
    st = next(s for s in view.analysis.statements if s.id == cite.statement)
    assert cite.by == roe.id == st.source
    assert TEXT[cite.mention[0] : cite.mention[1]].endswith("Tom Vik")
    assert st.start <= cite.mention[0] < cite.mention[1] <= st.end
    assert roe.id not in view.cited  # a source with statements of its own is not "cited"
    lib.close()
    quick = Library(tmp_path).reopen_last()  # the fast reopen computes the same
    assert quick is not None and quick.cited == view.cited


def test_citations_one_per_statement_in_text_order() -> None:
    text = "Ann said Bo and Bo's aide left. Cy said Bo stayed. Bo was not seen."
    bo = ((9, 11), (16, 18), (40, 42), (51, 53))
    analysis = Analysis(
        text=text,
        sources=(
            Source("ann", "Ann", "person", mentions=((0, 3),)),
            Source("bo", "Bo", "person", mentions=bo),
            Source("cy", "Cy", "person", mentions=((32, 34),)),
            Source("dee", "Dee", "person"),  # no mention: nothing to say
        ),
        statements=(
            Statement("s2", "cy", "indirect", ((40, 50),)),  # out of text order on purpose
            Statement("s1", "ann", "indirect", ((9, 30),)),
        ),
    )
    assert citations(analysis) == {
        "bo": (Citation("s1", "ann", (9, 11)), Citation("s2", "cy", (40, 42)))
    }
    assert citations(Analysis(text=text, sources=analysis.sources)) == {}
