"""The feed tests' HTTP server on 127.0.0.1 (feed_server.FeedServer), one per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feed_server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer().start()
    try:
        yield s
    finally:
        s.stop()
