"""File → Open URL… and the command-line path go through the one address parser: a file:
address opens the file, other schemes and malformed addresses are one line in the window."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_open_url_with_a_file_address_opens_the_file(make_window, tmp_path: Path) -> None:
    article = tmp_path / "council vote.txt"
    article.write_text(
        "Council vote\n\nThe mayor said the flood wall would be built next year.\n",
        encoding="utf-8",
    )
    window = make_window()
    window.ask_url = lambda _parent: f"  {article.as_uri().replace('file:', 'FILE:')}  "
    window.choose_url()
    assert window.current is not None
    assert window.current.info.title == "Council vote"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ftp://example.com/a.txt", "Cannot open ftp://example.com/a.txt: unsupported address "
         "scheme: ftp (only http and https)"),
        ("data:text/html,<p>hi</p>", "Cannot open data:text/html,<p>hi</p>: unsupported address "
         "scheme: data (only http and https)"),
        ("  http://[::1 ", "Not a valid address: http://[::1 (a bracket [ ] in the host is not "
         "closed or not an IPv6 address)"),
    ],
)  # fmt: skip
def test_open_url_refuses_in_one_line(make_window, typed: str, message: str) -> None:
    window = make_window()
    before = window.current
    window.ask_url = lambda _parent: typed
    window.choose_url()
    assert window.notice.text() == message
    assert "internal error" not in window.notice.text().lower()
    assert window.current is before
