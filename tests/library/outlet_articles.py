"""Articles written for the outlet profile tests: each paragraph is one statement whose kind,
source and signals are plain (named or anonymous, quoted or paraphrased, hedged, doubtful)."""

from __future__ import annotations

from reader.ingest.document import ImportedDocument
from reader.library import Library

# (paragraph, named, direct, hedged, doubtful)
NAMED_QUOTE = (
    '"We have balanced the books this year," said Mayor Jane Roe.',
    True,
    True,
    False,
    False,
)
NAMED_HEDGED = (
    "John Smith claimed that the plan would allegedly cut services.",
    True,
    False,
    True,
    True,
)
ANONYMOUS = ("Officials said the budget would be revised next spring.", False, False, False, False)


def article(n: int, paragraphs: list[tuple], site: str, published: str | None) -> ImportedDocument:
    body = "\n\n".join(p[0] for p in paragraphs)
    host = site.lower().replace(" ", "")
    text = f"Council story number {n}\n\nThe council met on day {n} of its session.\n\n{body}"
    return ImportedDocument(
        text=text,
        title=f"Story {n} from {site}",
        origin=f"https://www.{host}.example/story-{n}",
        origin_kind="url",
        site=site,
        published=published,
        canonical_url=f"https://www.{host}.example/story-{n}",
    )


def build(lib: Library) -> dict[str, list[int]]:
    """Harbor Times: 10 articles × 6 statements — January (5): 4 named quotes and 2 anonymous
    paraphrases each; February (5): 2 named quotes, 2 hedged paraphrases with "claimed", 2
    anonymous. Bay Post: 3 articles of 2 statements, no date (too few to say). Returns each
    outlet's article ids."""
    ids: dict[str, list[int]] = {"Harbor Times": [], "Bay Post": []}
    for n in range(10):
        month = "2026-01" if n < 5 else "2026-02"
        named = (
            [NAMED_QUOTE] * 4 if n < 5 else [NAMED_QUOTE, NAMED_QUOTE, NAMED_HEDGED, NAMED_HEDGED]
        )
        doc = article(
            n, _distinct([*named, ANONYMOUS, ANONYMOUS]), "Harbor Times", f"{month}-1{n % 5}"
        )
        ids["Harbor Times"].append(lib.import_document(doc))
    for n in range(3):
        doc = article(100 + n, _distinct([NAMED_QUOTE, ANONYMOUS]), "Bay Post", None)
        ids["Bay Post"].append(lib.import_document(doc))
    return ids


def _distinct(paras: list[tuple]) -> list[tuple]:
    """The same sentence kinds, each worded a little differently (no paragraph twice)."""
    out = []
    for i, p in enumerate(paras):
        text = (
            p[0]
            .replace("this year", f"this year for ward {i}")
            .replace("next spring", f"next spring for ward {i}")
            .replace("cut services", f"cut services in ward {i}")
        )
        out.append((text, *p[1:]))
    return out
