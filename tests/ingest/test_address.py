"""parse_address: what a typed, dropped or command-line string names, and one clear line for
what reader cannot open; and the same through `reader import`."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import run_cli
from reader.errors import InputError
from reader.ingest.address import is_web_address, parse_address


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("https://example.com/news/story", "https://example.com/news/story"),
        ("HTTP://Example.com/News", "http://Example.com/News"),
        ("  https://example.com/a?b=1 \n", "https://example.com/a?b=1"),
        ("www.example.com/path", "https://www.example.com/path"),
        ("WWW.example.com", "https://WWW.example.com"),
        ("https://example.com/a story", "https://example.com/a%20story"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ],
)
def test_web_addresses(typed: str, url: str) -> None:
    assert parse_address(typed).url == url
    assert is_web_address(typed)


def test_paths(tmp_path: Path) -> None:
    assert parse_address("notes/article.txt").path == Path("notes/article.txt")
    assert parse_address(f" {tmp_path}/a.md ").path == tmp_path / "a.md"
    assert parse_address(f"file://{tmp_path}/a%20b.txt").path == tmp_path / "a b.txt"
    assert parse_address(f"FILE://localhost{tmp_path}/c.txt").path == tmp_path / "c.txt"
    odd = tmp_path / "notes:2024.txt"  # a colon in a file name is not a scheme
    odd.write_text("x")
    assert parse_address(str(odd)).path == odd
    assert not is_web_address(str(odd))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("http://[::1", r"^Not a valid address: http://\[::1 \(a bracket \[ \] in the host is not"),
        ("http://example.com:99999/", r"^Not a valid address: .*\(the port is not a number"),
        ("http:///nohost", r"^Not a valid address: http:///nohost \(it has no host name\)$"),
        ("https://exa mple.com/", r"\(a space in the host name\)$"),
        ("http://example.com/\x00a", r"\(it contains control characters\)$"),
        ("ftp://example.com/file", r"^Cannot open ftp://example\.com/file: unsupported address "
         r"scheme: ftp \(only http and https\)$"),
        ("data:text/html," + "A" * 500, r"scheme: data \(only http and https\)$"),
        ("javascript:alert(1)", r"unsupported address scheme: javascript"),
        ("mailto:a@example.com", r"unsupported address scheme: mailto"),
        ("file://server/share/a.txt", r"names a file on another computer \(server\)$"),
        ("   ", r"^Cannot open an empty name"),
    ],
)  # fmt: skip
def test_refused(typed: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        parse_address(typed)
    assert "\n" not in str(err.value)
    assert len(str(err.value)) < 200  # a data: address is not echoed whole
    assert not is_web_address(typed)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://[::1", "Not a valid address: http://[::1"),
        ("ftp://example.com/a.txt", "unsupported address scheme: ftp (only http and https)"),
        ("data:text/plain,hello", "unsupported address scheme: data"),
        ("file:///no/such/dir/a.txt", "Cannot open a.txt: no such file"),
        ("x" * 5000 + ".txt", "file name too long"),
    ],
)
def test_cli_import_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    assert run_cli(["import", target, "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert message in err, err
    assert "internal error" not in err


def test_cli_imports_file_address_and_upper_case_scheme(
    tmp_path: Path, web: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "council.txt"
    text.write_text("Council vote\n\nThe mayor said the vote was close.\n", encoding="utf-8")
    data = str(tmp_path / "data")
    loud = web.replace("http://", "HTTP://") + "/notes.txt"
    assert run_cli(["import", text.as_uri(), f"  {loud} ", "--data-dir", data]) == 0
    assert len(capsys.readouterr().out.split()) == 2
