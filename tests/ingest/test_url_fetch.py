"""fetch_url against a real http.server on 127.0.0.1: pages, errors, redirects, limits."""

from __future__ import annotations

import re
import time

import pytest

from reader.errors import InputError
from reader.ingest.url import fetch_url


def test_news_page_is_extracted_with_metadata(web: str) -> None:
    doc = fetch_url(f"{web}/news/harbour")
    assert doc.origin_kind == "url"
    assert doc.origin == f"{web}/news/harbour"
    assert doc.title == "Harbour council approves £40m flood wall despite residents' objections"
    assert doc.author == "Helen Marsh"
    assert doc.published == "2024-03-12"
    assert doc.site == "The Northern Courier"
    assert doc.canonical_url == (
        "https://www.northerncourier.example/news/2024/mar/12/harbour-council-flood-wall"
    )
    assert "Plans for a £40m flood wall along Kelby harbour were approved" in doc.text
    assert "Residents say the wall will ‘kill the harbour’" in doc.text.splitlines()
    for furniture in (
        "Subscribe from £1",
        "Accept all",
        "Related articles",
        "seaview_sue",
        "Advertisement",
        "All rights reserved",
        "Sign up to First Edition",
    ):
        assert furniture not in doc.text


def test_charset_from_meta_when_header_has_none(web: str) -> None:
    doc = fetch_url(f"{web}/news/metro")
    assert doc.title == "Машинисты метро объявили забастовку с понедельника"
    assert "Профсоюз машинистов городского метрополитена" in doc.text
    assert "Петрович" not in doc.text  # a commenter


def test_plain_text_page(web: str) -> None:
    doc = fetch_url(f"{web}/notes.txt")
    assert doc.title == "Council meeting notes"
    assert "The vote was nine to four." in doc.text
    assert doc.canonical_url == f"{web}/notes.txt"


def test_redirect_chain_is_followed(web: str) -> None:
    doc = fetch_url(f"{web}/r1")
    assert doc.origin == f"{web}/r1"
    assert "Kelby harbour" in doc.text


@pytest.mark.parametrize(
    ("path", "kwargs", "message"),
    [
        ("/missing", {}, r"the server answered 404 Not Found$"),
        ("/broken", {}, r"the server answered 500 Internal Server Error$"),
        # a PDF is read (tests/ingest/test_pdf_url.py); this one is only its first bytes
        (
            "/report.pdf",
            {},
            r"^Cannot open .*/report\.pdf: the PDF file is incomplete \(cut short\)$",
        ),
        ("/photo.png", {}, r"^Not a web page: .*/photo\.png is an image \(image/png\)$"),
        ("/data.json", {}, r"^Not a web page: .*/data\.json is JSON data$"),
        ("/loop-a", {}, r"the redirects go round in a loop$"),
        ("/r1", {"max_redirects": 2}, r"more than 2 redirects$"),
        ("/to-ftp", {}, r"which is not a web address$"),
        ("/slow", {"timeout": 0.5}, r"no answer from 127\.0\.0\.1:\d+ within 0\.5 s$"),
        (
            "/huge",
            {"max_bytes": 100_000},
            r"too large: over 98 KB; reader opens web pages up to 98 KB$",
        ),
        ("/huge-declared", {}, r"too large: 200 MB; reader opens web pages up to 10 MB$"),
        ("/empty", {}, r"the page is empty$"),
        ("/nav-only", {}, r"no article text found$"),
    ],
)
def test_refused(web: str, path: str, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError) as err:
        fetch_url(f"{web}{path}", **kwargs)
    text = str(err.value)
    assert "\n" not in text
    assert re.search(message, text), text


def test_closed_port(closed_port: int) -> None:
    with pytest.raises(
        InputError, match=rf"^Cannot reach 127\.0\.0\.1:{closed_port}: connection refused$"
    ):
        fetch_url(f"http://127.0.0.1:{closed_port}/news")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/a", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http:///nohost", "no host name"),
    ],
)
def test_bad_addresses(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch_url(url)


@pytest.mark.parametrize(
    ("path", "every"),
    [
        ("/drip", 2.0),  # the server: one byte every 2 s, each read waits for it
        ("/drip", 0.2),  # bytes keep coming, so no single wait ever times out
        ("/drip-headers", 0.2),  # a server that never finishes its headers
    ],
)
def test_slow_server_fails_at_the_deadline(web: str, path: str, every: float) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        fetch_url(f"{web}{path}?every={every}", timeout=5, deadline=1.0)
    elapsed = time.monotonic() - started
    assert re.search(
        r"^Cannot open http://127\.0\.0\.1:\d+/drip\S*: timed out after 1 s$", str(err.value)
    )
    assert 0.9 <= elapsed < 2.0, elapsed


def test_default_deadline_is_six_timeouts(web: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 1\.2 s$"):
        fetch_url(f"{web}/drip?every=0.1", timeout=0.2)
    assert time.monotonic() - started < 2.5
