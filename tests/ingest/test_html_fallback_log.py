"""A page the HTML parser cannot take still gives its text, and the log says why the plain
fallback was used (no silent fallback)."""

from __future__ import annotations

import logging

import pytest

from reader.ingest.html import document_from_html

# lxml refuses a decoded page that still declares its encoding
XHTML = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<html><body><span>The mayor said the bridge would open in May.</span></body></html>"
)


def test_the_plain_fallback_is_logged_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="reader.ingest.html"):
        doc = document_from_html(XHTML, "vote.xhtml")
    assert "The mayor said the bridge would open in May." in doc.text
    ours = [r for r in caplog.records if r.name == "reader.ingest.html"]
    assert len(ours) == 1 and ours[0].levelno == logging.WARNING
    message = ours[0].getMessage()
    assert message.startswith("lxml cannot parse the page (Unicode strings with encoding")
    assert "taking its text without markup" in message


def test_a_page_lxml_reads_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    page = XHTML.split("\n", 1)[1]  # the same page without its declaration
    with caplog.at_level(logging.WARNING, logger="reader.ingest.html"):
        doc = document_from_html(page, "vote.html")
    assert "The mayor said the bridge would open in May." in doc.text
    assert [r for r in caplog.records if r.name == "reader.ingest.html"] == []
