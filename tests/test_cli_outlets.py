"""`reader outlets` in real processes, on a library of articles written for it
(tests/library/outlet_articles.py): JSON with what is behind every figure, the table, one
outlet, and an unknown outlet in one line — on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from outlet_articles import build

from reader.library import Library


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def library_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[list[str], dict[str, list[int]]]]:
    """The library of outlet_articles.py, built once per engine: (the options naming it on
    the command line, the article ids)."""
    folder = tmp_path_factory.mktemp("outlets-cli")
    database = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        name = server.fresh_database()
        database = server.url(name)
    options = ["--data-dir", str(folder), *(["--database", database] if database else [])]
    lib = Library(folder, database=database)
    ids = build(lib)
    lib.close()
    yield options, ids
    if request.param == "postgresql":
        server.drop_database(name)


def test_json_lists_every_figure_with_what_is_behind_it(library_dir) -> None:
    options, ids = library_dir
    p = reader("outlets", "--format", "json", *options)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert (data["min_articles"], data["min_statements"]) == (5, 30)
    times, post = data["outlets"]
    assert (times["name"], times["key"]) == ("Harbor Times", "harbortimes.example")
    assert [a["id"] for a in times["articles"]] == ids["Harbor Times"]
    f = times["figures"]
    assert (f["per_article"]["value"], f["per_article"]["count"], f["per_article"]["of"]) == (
        6.0,
        60,
        10,
    )
    assert (f["named"]["value"], f["named"]["count"]) == (0.667, 40)
    assert (f["hedged"]["value"], f["hedged"]["count"]) == (0.167, 10)
    assert f["hedged"]["articles"] == ids["Harbor Times"][5:]
    statements = times["statements"]
    assert len(statements) == 60
    for sid in f["doubtful"]["statements"]:
        assert statements[str(sid)]["source"] == "John Smith"
        assert statements[str(sid)]["article"] in ids["Harbor Times"][5:]
    assert [m["month"] for m in times["months"]] == ["2026-01", "2026-02"]
    assert times["months"][1]["figures"]["direct"]["value"] == 0.333
    assert times["top_sources"][0]["name"] == "Jane Roe"
    assert len(times["top_sources"][0]["statements"]) == 30
    assert post["figures"]["named"]["value"] is None
    assert post["figures"]["named"]["too_few"] == "too few articles to say"


def test_text_table_and_one_outlet(library_dir) -> None:
    options, _ids = library_dir
    p = reader("outlets", *options)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[1].split() == [
        "Harbor",
        "Times",
        "10",
        "60",
        "6.0",
        "67%",
        "33%",
        "50%",
        "17%",
        "17%",
    ]
    assert lines[2].split()[:4] == ["Bay", "Post", "3", "6"]
    assert lines[2].endswith("too few articles to say")
    p = reader("outlets", "HARBORTIMES.EXAMPLE", *options)
    assert p.returncode == 0, p.stderr
    assert "Hedged" in p.stdout and "(10 of 60 statements)" in p.stdout
    assert "60 statements in 10 articles" in p.stdout
    assert "2026-02" in p.stdout and "Jane Roe" in p.stdout
    assert "Bay Post" not in p.stdout


def test_an_unknown_outlet_is_one_line(library_dir) -> None:
    options, _ids = library_dir
    p = reader("outlets", "nowhere.example", "--format", "json", *options)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.strip().splitlines() == [
        "reader: No outlet 'nowhere.example' in the library (`reader outlets` lists them)"
    ]
