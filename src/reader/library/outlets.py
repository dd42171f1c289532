"""The outlet's sourcing profile: how each outlet (the feed an article came from, else the site of
its address) sources its stories, over its articles in the library — statements per article, the
shares from named and from anonymous sources, quoted verbatim, hedged, with a doubtful reporting
verb, the sources it quotes most, and the same per month.

Read from the stored analysis with sqlite3 (the engine is not run again), with the user's
corrections applied; "named", "hedged" and "doubtful" are decided by the credibility signals'
own functions (outlet_statements.py reads the statements and applies them), so a figure here
counts exactly what the Sources panel shows. Every figure carries the ids of the articles and
statements behind it.

Too few to say: a share needs 5 articles and 30 statements. With 30 statements a share's 95 %
margin is still up to ±18 points (1.96·√(0.25/30)); with fewer, one article's habits (an
interview quoting one person twenty times) would be the outlet's. Statements per article is a
mean over articles, so it needs only the 5 articles. The same rule holds for each month.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from reader.analysis.model import Source as AnalysisSource
from reader.errors import NotFoundError
from reader.library.identity import source_key
from reader.library.outlet_statements import HAS, OutletStatement, read_statements
from reader.store.snapshot import Where, reading

__all__ = [
    "FIGURES",
    "MIN_ARTICLES",
    "MIN_STATEMENTS",
    "SHARES",
    "TOO_FEW_ARTICLES",
    "TOO_FEW_STATEMENTS",
    "Figure",
    "OutletArticle",
    "OutletProfile",
    "OutletStatement",
    "Period",
    "QuotedSource",
    "figure_text",
    "host_of",
    "outlet_profiles",
]

MIN_ARTICLES = 5
MIN_STATEMENTS = 30
TOP_SOURCES = 10
TOO_FEW_ARTICLES = "too few articles to say"
TOO_FEW_STATEMENTS = "too few statements to say"

# figure name → its label; the shares are of the outlet's statements
FIGURES = {
    "per_article": "Statements per article",
    "named": "Named sources",
    "anonymous": "Anonymous sources",
    "direct": "Quoted verbatim",
    "hedged": "Hedged",
    "doubtful": "Doubtful verbs",
}
SHARES = ("named", "anonymous", "direct", "hedged", "doubtful")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class OutletArticle:
    """An article of an outlet, as the profile lists it."""

    id: int
    title: str
    month: str  # "2026-03": of its published date, else of the day it was added
    statements: tuple[int, ...] = ()  # its statements' ids (table statement)


@dataclass(frozen=True)
class Figure:
    """One figure: `count` of `total` (statements of statements, or statements over articles
    for "per_article"), its `value` (None when `too_few` says why not), and what is behind it."""

    name: str
    label: str
    count: int
    total: int
    value: float | None
    too_few: str | None
    articles: tuple[int, ...]
    statements: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "value": None if self.value is None else round(self.value, 3),
            "too_few": self.too_few,
            "count": self.count,
            "of": self.total,
            "articles": list(self.articles),
            "statements": list(self.statements),
        }


@dataclass(frozen=True)
class QuotedSource:
    """A source the outlet quotes: its name, kind and the statements and articles quoting it."""

    name: str
    kind: str
    library_source_id: int | None
    articles: tuple[int, ...]
    statements: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "library_source_id": self.library_source_id,
            "statements": list(self.statements),
            "articles": list(self.articles),
        }


@dataclass(frozen=True)
class Period:
    """The figures of one month (or of the whole outlet)."""

    articles: tuple[int, ...]
    figures: dict[str, Figure]

    def figures_json(self) -> dict[str, Any]:
        return {name: f.to_json() for name, f in self.figures.items()}


@dataclass(frozen=True)
class OutletProfile:
    """How one outlet sources its stories."""

    key: str  # "feed/3" or the site's host ("example.com")
    name: str  # the feed's title, else the site's name
    site: str | None  # the host of its address
    feed_id: int | None
    articles: tuple[OutletArticle, ...]
    statements: dict[int, OutletStatement]
    overall: Period
    months: dict[str, Period]  # "2026-03" → figures, in order
    top_sources: tuple[QuotedSource, ...] = field(default=())

    @property
    def figures(self) -> dict[str, Figure]:
        return self.overall.figures

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "site": self.site,
            "feed_id": self.feed_id,
            "articles": [
                {"id": a.id, "title": a.title, "month": a.month, "statements": list(a.statements)}
                for a in self.articles
            ],
            "figures": self.overall.figures_json(),
            "top_sources": [s.to_json() for s in self.top_sources],
            "months": [
                {"month": m, "articles": list(p.articles), "figures": p.figures_json()}
                for m, p in self.months.items()
            ],
            "statements": {
                str(st.id): {"article": st.article_id, "key": st.key, "source": st.source}
                for st in self.statements.values()
            },
        }


def figure_text(f: Figure) -> str:
    """A figure as it reads in a table: a share in per cent, statements per article with one
    decimal, or why there is no number (the CLI's table and the window's alike)."""
    if f.value is None:
        return f.too_few or "–"
    return f"{f.value:.1f}" if f.name == "per_article" else f"{f.value:.0%}"


# ---- which outlet each article belongs to ---------------------------------------------------


@dataclass
class _Outlet:
    key: str
    site: str | None
    feed_id: int | None
    names: Counter = field(default_factory=Counter)
    articles: list[tuple[int, str, str]] = field(default_factory=list)  # (id, title, month)


def host_of(address: str | None) -> str | None:
    """The host of a web address, without "www."; None for anything else (a file's path)."""
    if not address or not address.startswith(("http://", "https://")):
        return None
    host = urlsplit(address).hostname
    return host.removeprefix("www.") if host else None


def _month(published: str | None, added_at: str) -> str:
    m = _MONTH.match((published or "").strip())
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{m.group(2)}"
    return str(added_at)[:7]


def _outlets(conn: sqlite3.Connection) -> dict[str, _Outlet]:
    """Every article that has an outlet, grouped by it. An article linked from a feed's entry
    belongs to that feed (the first subscribed when several list it); any other to the host of
    its address, or to its site's name when it has no address; a file of neither has none."""
    feeds: dict[int, tuple[int, str, str | None]] = {}  # article → (feed id, title, host)
    for aid, fid, title, url, site_url in conn.execute(
        "SELECT e.article_id, f.id, f.title, f.url, f.site_url FROM feed_entry e "
        "JOIN feed f ON f.id = e.feed_id WHERE e.article_id IS NOT NULL ORDER BY f.id DESC"
    ):
        feeds[aid] = (fid, title, host_of(site_url) or host_of(url))
    out: dict[str, _Outlet] = {}
    for aid, title, origin, kind, canonical, site, published, added in conn.execute(
        "SELECT id, title, origin, origin_kind, canonical_url, site, published, added_at "
        "FROM article ORDER BY id"
    ):
        name: str | None
        if aid in feeds:
            fid, feed_title, host = feeds[aid]
            key, name = f"feed/{fid}", feed_title or host or f"feed {fid}"
        else:
            fid = None
            host = host_of(canonical) or (host_of(origin) if kind == "url" else None)
            name = (site or "").strip() or host
            if name is None:
                continue
            key = host or name.casefold()
        outlet = out.setdefault(key, _Outlet(key, host, fid))
        outlet.names[name] += 1
        outlet.articles.append((aid, title, _month(published, added)))
    return out


# ---- figures ---------------------------------------------------------------------------------


def _period(articles: list[int], sts: list[OutletStatement]) -> Period:
    n_art, n_st = len(articles), len(sts)
    few_articles = TOO_FEW_ARTICLES if n_art < MIN_ARTICLES else None
    few = few_articles or (TOO_FEW_STATEMENTS if n_st < MIN_STATEMENTS else None)
    all_ids = tuple(st.id for st in sts)
    figures = {
        "per_article": Figure(
            "per_article",
            FIGURES["per_article"],
            n_st,
            n_art,
            None if few_articles or not n_art else n_st / n_art,
            few_articles,
            tuple(articles),
            all_ids,
        )
    }
    for name in SHARES:
        has = HAS[name]
        hits = [st for st in sts if has(st)]
        figures[name] = Figure(
            name,
            FIGURES[name],
            len(hits),
            n_st,
            None if few or not n_st else len(hits) / n_st,
            few,
            tuple(dict.fromkeys(st.article_id for st in hits)),
            tuple(st.id for st in hits),
        )
    return Period(tuple(articles), figures)


@dataclass
class _Quoted:
    kind: str
    library_source_id: int | None
    names: Counter = field(default_factory=Counter)
    articles: dict[int, None] = field(default_factory=dict)  # in order, once each
    statements: list[int] = field(default_factory=list)


def _top_sources(
    aids: Iterable[int],
    statements: dict[int, list[OutletStatement]],
    quoted: dict[int, list[tuple[AnalysisSource, int | None]]],
) -> tuple[QuotedSource, ...]:
    """The sources quoted most (by statements, then articles): one library-wide source across
    articles, else the same name (anonymous sources have no library-wide record)."""
    groups: dict[object, _Quoted] = {}
    for aid in aids:
        of_source: dict[str, _Quoted] = {}
        for src, lib_id in quoted.get(aid, []):
            ident: object = lib_id if lib_id is not None else source_key(src.name)
            of_source[src.id] = groups.setdefault(ident, _Quoted(src.kind, lib_id))
        for st in statements.get(aid, []):
            group = of_source.get(st.source_id)
            if group is not None:
                group.names[st.source] += 1
                group.statements.append(st.id)
                group.articles[aid] = None
    ranked = sorted(
        (g for g in groups.values() if g.statements),
        key=lambda g: (-len(g.statements), -len(g.articles), g.names.most_common(1)[0][0]),
    )
    return tuple(
        QuotedSource(
            name=g.names.most_common(1)[0][0],
            kind=g.kind,
            library_source_id=g.library_source_id,
            articles=tuple(g.articles),
            statements=tuple(g.statements),
        )
        for g in ranked[:TOP_SOURCES]
    )


def _profile(
    outlet: _Outlet,
    statements: dict[int, list[OutletStatement]],
    quoted: dict[int, list[tuple[AnalysisSource, int | None]]],
) -> OutletProfile:
    articles = tuple(
        OutletArticle(aid, title, month, tuple(st.id for st in statements.get(aid, ())))
        for aid, title, month in outlet.articles
    )
    by_month: dict[str, list[OutletArticle]] = {}
    for a in sorted(articles, key=lambda a: a.month):
        by_month.setdefault(a.month, []).append(a)

    def period(arts: Iterable[OutletArticle]) -> Period:
        arts = list(arts)
        return _period([a.id for a in arts], [st for a in arts for st in statements.get(a.id, ())])

    return OutletProfile(
        key=outlet.key,
        name=outlet.names.most_common(1)[0][0],
        site=outlet.site,
        feed_id=outlet.feed_id,
        articles=articles,
        statements={st.id: st for a in articles for st in statements.get(a.id, ())},
        overall=period(articles),
        months={m: period(arts) for m, arts in by_month.items()},
        top_sources=_top_sources((a.id for a in articles), statements, quoted),
    )


def outlet_profiles(library: Where, ref: str | None = None) -> list[OutletProfile]:
    """Every outlet's profile (most articles first), or only those `ref` names: its key
    ("feed/3", "example.com"), its host or its name, any case. NotFoundError when none does."""
    with reading(library) as conn:
        outlets = _outlets(conn)
        if ref is not None:
            want = ref.strip().casefold().removeprefix("www.")
            outlets = {
                k: o
                for k, o in outlets.items()
                if want in (k.casefold(), (o.site or "").casefold())
                or any(want == n.casefold() for n in o.names)
            }
            if not outlets:
                raise NotFoundError(
                    f"No outlet {ref!r} in the library (`reader outlets` lists them)"
                )
        ids = [aid for o in outlets.values() for aid, _, _ in o.articles]
        statements, quoted = read_statements(conn, ids, every=ref is None)
    profiles = [_profile(o, statements, quoted) for o in outlets.values()]
    profiles.sort(key=lambda p: (-len(p.articles), p.name.casefold()))
    return profiles
