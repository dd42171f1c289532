"""Search across the library as the window sees it: the hits, the marks around matched words
in their snippets, and the errors a search ends with (from reader.store.search, which runs
the query on a read-only connection of its own)."""

from __future__ import annotations

from reader.store.search import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchCancelledError,
    SearchHit,
    SearchTimeoutError,
)

__all__ = ["MARK_CLOSE", "MARK_OPEN", "SearchCancelledError", "SearchHit", "SearchTimeoutError"]
