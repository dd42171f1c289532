"""W3C Web Annotation JSON-LD for an article's highlights and notes.

One `AnnotationCollection` whose `items` are `Annotation`s: the note as a `TextualBody`
(purpose "commenting"), the article as the target with a TextQuoteSelector and a
TextPositionSelector, the colour under `reader:color`, and as `creator` who wrote it: the
author of an annotation imported from a PDF, else the member who made it (their display name as
`name`, their identity as `nickname`); `reader:shared` when the team sees it. See
https://www.w3.org/TR/annotation-model/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "urn:reader:ns#"
CONTEXT: list[Any] = [
    W3C_CONTEXT,
    {
        "reader": READER_NS,
        "reader:color": {"@id": "reader:color"},
        "reader:orphaned": {
            "@id": "reader:orphaned",
            "@type": "http://www.w3.org/2001/XMLSchema#boolean",
        },
        "reader:shared": {
            "@id": "reader:shared",
            "@type": "http://www.w3.org/2001/XMLSchema#boolean",
        },
    },
]


class ArticleLike(Protocol):
    """What an export reads of an article (read-only, so frozen dataclasses fit)."""

    @property
    def id(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def origin(self) -> str: ...

    @property
    def origin_kind(self) -> str: ...


class HighlightLike(Protocol):
    """What an export reads of a highlight (read-only, so frozen dataclasses fit)."""

    @property
    def id(self) -> int: ...

    @property
    def color(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def exact(self) -> str: ...

    @property
    def prefix(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    @property
    def note(self) -> str: ...

    @property
    def orphaned(self) -> bool: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def updated_at(self) -> datetime: ...


def article_uri(article: ArticleLike) -> str:
    """The target source: the article's URL when it came from the web, else a reader URN."""
    origin = article.origin or ""
    if origin.startswith(("http://", "https://")):
        return origin
    return f"urn:reader:article:{article.id}"


def iso(moment: datetime) -> str:
    """An ISO 8601 UTC time as the Web Annotation model writes it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def annotation(
    article: ArticleLike, h: HighlightLike, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One highlight as a W3C `Annotation` (without its own @context); `names` gives members'
    display names by identity."""
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
    ]
    if not h.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    target: dict[str, Any] = {"source": article_uri(article), "selector": selectors}
    if article.origin and target["source"] != article.origin:
        target["reader:origin"] = article.origin
    out: dict[str, Any] = {
        "id": f"urn:reader:annotation:{h.id}",
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": iso(h.created_at),
        "modified": iso(h.updated_at),
        "target": target,
        "reader:color": h.color,
    }
    if h.note:
        out["body"] = {
            "type": "TextualBody",
            "value": h.note,
            "format": "text/plain",
            "purpose": "commenting",
        }
    if h.orphaned:
        out["reader:orphaned"] = True
    if getattr(h, "shared", False):
        out["reader:shared"] = True
    # absent on callers' own records: nobody named
    author, creator = getattr(h, "author", ""), getattr(h, "creator", "")
    if author:
        out["creator"] = {"type": "Person", "name": author}
    elif creator:
        name = (names or {}).get(creator) or creator
        out["creator"] = {"type": "Person", "name": name, "nickname": creator}
    return out


def annotation_collection(
    article: ArticleLike,
    highlights: Iterable[HighlightLike],
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """All highlights of an article as an `AnnotationCollection`, in text order."""
    ordered = sorted(highlights, key=lambda h: (h.start, h.id))
    items = [annotation(article, h, names) for h in ordered]
    return {
        "@context": CONTEXT,
        "id": f"urn:reader:article:{article.id}:annotations",
        "type": "AnnotationCollection",
        "label": f"Annotations on {article.title}",
        "total": len(items),
        "items": items,
    }
