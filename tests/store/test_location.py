"""Which library a --database value (or READER_DATABASE_URL) names, and how it is shown: the
driver normalised, libpq's own settings left to libpq, never a password in `display`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.store.location import BadLocationError, parse_location, resolve_location


@pytest.mark.parametrize(
    ("given", "url", "display"),
    [
        (
            "postgresql://alice:s3cret@db:5432/news",
            "postgresql+psycopg://alice:s3cret@db:5432/news",
            "postgresql://alice@db:5432/news",
        ),
        (
            "postgres://alice@db/news?sslmode=require",
            "postgresql+psycopg://alice@db/news?sslmode=require",
            "postgresql://alice@db/news",
        ),
        (
            "postgresql+psycopg:///?service=team",
            "postgresql+psycopg:///?service=team",
            "postgresql:/// (service team)",
        ),
        (
            "postgresql:///news?host=/run/postgresql&user=bob&password=x1",
            "postgresql+psycopg:///news?host=/run/postgresql&user=bob&password=x1",
            "postgresql://bob@[/run/postgresql]/news",
        ),
    ],
)
def test_postgresql_urls(given, url, display):
    loc = parse_location(given)
    assert (loc.url, loc.dialect, loc.path, loc.display) == (url, "postgresql", None, display)
    assert loc.libpq_url() == "postgresql" + url[len("postgresql+psycopg") :]
    assert "s3cret" not in loc.display and "x1" not in loc.display


def test_files(tmp_path):
    f = tmp_path / "desk.sqlite3"
    for given in (str(f), f"sqlite:///{f}"):
        loc = parse_location(given)
        assert (loc.dialect, loc.path, loc.display) == ("sqlite", f, str(f))
    assert resolve_location(tmp_path).path == tmp_path / "library.sqlite3"


@pytest.mark.parametrize("given", ["mysql://u:pw@h/db", "sqlite://", "sqlite:///:memory:", ""])
def test_what_is_not_a_library_is_refused(given):
    with pytest.raises(BadLocationError) as err:
        parse_location(given)
    assert "pw" not in str(err.value)


def test_a_bad_url_is_a_usage_error_of_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--database", "mysql://u:Pw9@h/db"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "READER_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "mysql:// database cannot hold a library" in done.stderr
    assert "Pw9" not in done.stderr
