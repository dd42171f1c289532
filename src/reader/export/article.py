"""What the PDF export is given: the article, its analysis and the user's marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from reader.analysis.credibility import SourceSignals
from reader.analysis.model import Analysis, Segment
from reader.ingest.authors import byline
from reader.ingest.document import title_from_name


class Mark(Protocol):
    """A user highlight or note (reader.library.HighlightInfo fits)."""

    @property
    def id(self) -> int: ...
    @property
    def color(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def note(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


@dataclass(frozen=True)
class PdfHighlight:
    """A highlight or note for callers that have no library record."""

    id: int
    color: str
    start: int
    end: int
    note: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class PdfInput:
    """Everything the PDF shows. Offsets in segments, analysis and highlights index `text`."""

    title: str
    text: str
    origin: str = ""  # URL or file path
    origin_kind: str = ""  # url | file | text | sample
    site: str | None = None
    author: str | None = None
    published: str | None = None
    segments: tuple[Segment, ...] = ()
    analysis: Analysis | None = None
    highlights: Sequence[Mark] = ()
    signals: Mapping[str, str] = field(default_factory=dict)  # source id → signals line
    # source id → the sources' signals as the library computed them (else the export does)
    credibility: Mapping[str, SourceSignals] | None = None

    def display_title(self) -> str:
        """The title to print: the stored one, unless it is the article's first sentence cut
        short (how older versions titled a text file with no headline): then the file's name."""
        title = " ".join(self.title.split())
        opening = title.rstrip("…").rstrip()
        if title.endswith("…") and " ".join(self.text[: len(title) * 2].split()).startswith(
            opening
        ):
            if self.origin_kind in ("file", "sample") and self.origin:
                return title_from_name(Path(self.origin).name)
            return "Untitled article"
        return title or "Untitled article"

    def origin_line(self) -> str:
        """ "By A. Author · 12 August 2024 · Kyiv Post · https://…" with what is known."""
        parts = []
        people = byline(self.author)  # a library may hold a phrase stored as the author
        if people:
            parts.append(f"By {people}")
        if self.published:
            parts.append(nice_date(self.published))
        if self.site:
            parts.append(self.site)
        if self.origin_kind == "sample":
            if self.display_title() != "Sample article":
                parts.append("Sample article")
        elif self.origin_kind == "file" and self.origin:
            parts.append(Path(self.origin).name)
        elif self.origin and self.origin != self.site:
            parts.append(self.origin)
        return " · ".join(parts)


def nice_date(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{moment.day} {moment:%B %Y}"
