"""The feed tests' HTTP server on 127.0.0.1 (feed_server.FeedServer), one per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # feed_server, beside this file

from feed_server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer().start()
    try:
        yield s
    finally:
        s.stop()
