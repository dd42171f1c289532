"""The identity of sources across articles: which library-wide record (LibrarySource) an
article's source is, by its normalised name or a surname only one person fits, and the links
as the user's renames and merges say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.model import Source as AnalysisSource

if TYPE_CHECKING:
    from sqlmodel import Session

    from reader.store.models import LibrarySource


def source_key(name: str) -> str:
    """Normalised name used to find the same source across articles."""
    return " ".join(name.replace("’", "'").lower().removeprefix("the ").split())


def library_source_for(s: Session, src: AnalysisSource) -> int | None:
    """The library-wide record for a source: same full name, or a surname that is unique
    (made when there is none; anonymous sources have none)."""
    from sqlmodel import select

    from reader.store.models import LibrarySource

    if src.kind == "anonymous":
        return None
    key = source_key(src.name)
    found = list(s.exec(select(LibrarySource).where(LibrarySource.key == key)).all())
    if not found and src.kind == "person":
        found = _match_person(s, key, src)
    if found:
        lib = found[0]
        if len(src.name) > len(lib.name):
            lib.name, lib.key = src.name, key
        lib.role = lib.role or src.role
        lib.affiliation = lib.affiliation or src.affiliation
        s.add(lib)
        return lib.id
    lib = LibrarySource(
        name=src.name, key=key, kind=src.kind, role=src.role, affiliation=src.affiliation
    )
    s.add(lib)
    s.flush()
    return lib.id


def _match_person(s: Session, key: str, src: AnalysisSource) -> list[LibrarySource]:
    """Join "Azarau" to "Aliaksandr Azarau" (or the reverse) when exactly one person fits
    and neither first names nor affiliations disagree."""
    from sqlmodel import col, select

    from reader.store.models import LibrarySource

    words = key.split()
    surname = words[-1]
    people = s.exec(
        select(LibrarySource).where(
            LibrarySource.kind == "person", col(LibrarySource.key).endswith(surname)
        )
    ).all()
    fits = []
    for p in people:
        pw = p.key.split()
        if pw[-1] != surname:
            continue
        if len(pw) > 1 and len(words) > 1 and pw[0] != words[0]:
            continue  # different first names
        if (
            p.affiliation
            and src.affiliation
            and source_key(p.affiliation) != source_key(src.affiliation)
        ):
            continue
        fits.append(p)
    return fits if len(fits) == 1 else []


def relink_sources(s: Session, article_id: int, also: set[str] | None = None) -> None:
    """Point an article's sources at library sources as the user's corrections say: a renamed
    source is looked up under its new name, a merged one takes its target's library source.
    Sources no correction names keep the link the analysis gave them; `also` names keys to
    look up again (those of a correction just undone)."""
    from sqlmodel import col, select

    from reader.store.models import ArticleSource, Correction

    rows = {
        r.key: r
        for r in s.exec(select(ArticleSource).where(ArticleSource.article_id == article_id))
    }
    fixes = s.exec(
        select(Correction)
        .where(Correction.article_id == article_id, col(Correction.orphaned).is_(False))
        .order_by(col(Correction.id))
    ).all()
    touched = {c.source_key for c in fixes if c.action in ("rename", "merge")}
    touched |= {c.value for c in fixes if c.action == "merge"}
    touched |= {k for k, r in rows.items() if r.library_source_id is None}
    touched |= also or set()
    names = {k: r.name for k, r in rows.items()}
    for c in fixes:
        if c.action == "rename" and c.source_key in names and c.value:
            names[c.source_key] = c.value
    # links as the names say, then merges in the order they were made
    links = {k: r.library_source_id for k, r in rows.items()}
    for key in touched:
        r = rows.get(key) if key is not None else None
        if key is None or r is None:  # a correction's key may name no source of this analysis
            continue
        links[key] = library_source_for(
            s,
            AnalysisSource(
                id=key, name=names[key], kind=r.kind, role=r.role, affiliation=r.affiliation
            ),
        )
    merged: dict[str, str] = {}
    for c in fixes:
        if c.action == "merge" and c.source_key in rows and c.value in rows:
            merged[c.source_key] = c.value
    for key in merged:
        target, seen = merged[key], {key}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        links[key] = links.get(target)
    for key, r in rows.items():
        if r.library_source_id != links[key]:
            r.library_source_id = links[key]
            s.add(r)
    s.flush()
