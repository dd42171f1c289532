"""`reader feeds …` against a real server and a real library folder: add (a feed, a page with
one or several feeds), list --format json with per-feed errors, refresh, read and open entries,
OPML import and export; errors as one line on stderr with a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from feed_server import FeedServer, Route, rss

from reader.cli import main

ARTICLE = b"""<!DOCTYPE html><html><head><title>Council votes</title></head><body><article>
<h1>Council votes on the harbour</h1>
<p>The council voted nine to four on Monday to rebuild the harbour wall, the mayor said.</p>
<p>"We waited long enough," said Anna Berg, who chairs the harbour committee. She added that
work would begin in the spring and last two years, according to the plan.</p>
<p>Opponents said the cost was too high. The vote followed a long debate in the town hall.</p>
</article></body></html>"""


def run(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "feeds", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _news(server: FeedServer) -> None:
    server.routes["/rss"] = Route(
        rss(
            "Harbour Times",
            [
                {"title": "Council votes", "link": "/story", "guid": "s1", "description": "Short."},
                {"title": "No link", "guid": "s2", "description": "Only words here."},
            ],
        ),
        etag='"v1"',
    )
    server.routes["/story"] = Route(ARTICLE, content_type="text/html; charset=utf-8")


def test_add_list_refresh_read_open(capsys, tmp_path: Path, server: FeedServer) -> None:
    _news(server)
    code, out, err = run(capsys, tmp_path, "add", server.url("/rss"), "--folder", "News")
    assert (code, err) == (0, "")
    assert "subscribed to Harbour Times (2 new entries)" in out
    code, out, _ = run(capsys, tmp_path, "list", "--format", "json")
    (feed,) = json.loads(out)
    assert (feed["title"], feed["folder"], feed["entries"], feed["unread"]) == (
        "Harbour Times",
        "News",
        2,
        2,
    )
    code, out, err = run(capsys, tmp_path, "refresh")
    assert code == 0 and "refreshed 1 feed in" in out
    assert "0 new entries, 1 not modified, 0 failed" in out
    assert server.hits("/rss")[-1]["If-None-Match"] == '"v1"'
    code, out, _ = run(capsys, tmp_path, "entries", "--format", "json")
    ids = {e["guid"]: e["id"] for e in json.loads(out)}
    code, out, err = run(capsys, tmp_path, "open", str(ids["s1"]))
    assert code == 0, err
    article_id = int(out)
    assert server.hits("/story")  # a summary-only entry is fetched through the URL import
    code, out, _ = run(capsys, tmp_path, "open", str(ids["s1"]))
    assert int(out) == article_id and len(server.hits("/story")) == 1  # once
    code, out, err = run(capsys, tmp_path, "open", str(ids["s2"]))  # no link: the feed's words
    assert code == 0, err
    assert int(out) != article_id
    code, out, _ = run(capsys, tmp_path, "list", "--format", "json")
    assert json.loads(out)[0]["unread"] == 0  # opening marks read
    assert run(capsys, tmp_path, "read", "--unread", str(ids["s2"]))[0] == 0
    code, out, _ = run(capsys, tmp_path, "entries", "--unread", "--format", "json")
    assert [e["guid"] for e in json.loads(out)] == ["s2"]


def test_a_bad_feed_shows_its_error_in_list(capsys, tmp_path: Path, server: FeedServer) -> None:
    _news(server)
    assert run(capsys, tmp_path, "add", server.url("/rss"))[0] == 0
    server.routes["/rss"] = Route(b"<html><body>moved</body></html>", content_type="text/html")
    code, out, err = run(capsys, tmp_path, "refresh")
    assert code == 0 and "1 failed" in out
    assert err.count("\n") == 1 and "is a web page" in err
    code, out, _ = run(capsys, tmp_path, "list", "--format", "json")
    (feed,) = json.loads(out)
    assert "is a web page" in feed["error"] and feed["failures"] == 1 and feed["entries"] == 2
    code, out, _ = run(capsys, tmp_path, "list")
    assert "error: Not a feed" in out


def test_add_a_page_with_one_feed_or_several(capsys, tmp_path: Path, server: FeedServer) -> None:
    _news(server)
    server.routes["/atom"] = Route(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom side</title></feed>',
        content_type="application/atom+xml",
    )
    one = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    two = one.replace(
        b"</head>", b'<link rel="alternate" type="application/atom+xml" href="/atom"></head>'
    )
    server.routes["/one"] = Route(one, content_type="text/html")
    server.routes["/two"] = Route(two, content_type="text/html")
    code, out, _ = run(capsys, tmp_path, "add", server.url("/one"))
    assert code == 0 and "Harbour Times" in out
    code, out, err = run(capsys, tmp_path, "add", server.url("/two"))
    assert code == 2 and "names 2 feeds" in err and err.count("\n") == 1
    assert server.url("/atom") in out
    code, out, err = run(capsys, tmp_path, "add", server.url("/two"), "--pick", "2")
    assert code == 0 and "subscribed to Atom side" in out


def test_opml_import_and_export(capsys, tmp_path: Path, server: FeedServer) -> None:
    src = tmp_path / "in.opml"
    src.write_text(
        '<opml version="2.0"><body><outline text="World">'
        f'<outline type="rss" text="Harbour" xmlUrl="{server.url("/rss")}"/></outline>'
        '<outline type="rss" text="Other" xmlUrl="http://127.0.0.1:9/other"/></body></opml>'
    )
    data = tmp_path / "lib"
    code, out, _ = run(capsys, data, "import", str(src))
    assert code == 0 and "added 2 feeds (0 already subscribed)" in out
    assert "added 0 feeds (2 already" in run(capsys, data, "import", str(src))[1]
    code, out, _ = run(capsys, data, "export", str(tmp_path / "out.opml"))
    assert code == 0 and "wrote 2 feeds" in out
    text = (tmp_path / "out.opml").read_text()
    assert '<outline text="World" title="World">' in text and server.url("/rss") in text


def test_errors_are_one_line(capsys, tmp_path: Path, server: FeedServer) -> None:
    with pytest.raises(SystemExit) as usage:  # argparse's own exit, as for every command
        run(capsys, tmp_path)
    err = capsys.readouterr().err
    assert usage.value.code == 2 and "required: COMMAND" in err and err.count("\n") == 1
    for args in (
        ("add", server.url("/missing")),
        ("add", "ftp://example.org/feed"),
        ("import", str(tmp_path / "none.opml")),
        ("open", "99"),
        ("remove", "7"),
    ):
        code, _, err = run(capsys, tmp_path, *args)
        assert code == 2, args
        assert err.startswith("reader: ") and err.count("\n") == 1, (args, err)
        assert "Traceback" not in err and "internal error" not in err


def test_the_installed_command_runs(capsys, tmp_path: Path, server: FeedServer) -> None:
    _news(server)
    cmd = [sys.executable, "-m", "reader", "--data-dir", str(tmp_path), "feeds"]
    done = subprocess.run([*cmd, "add", server.url("/rss")], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert "subscribed to Harbour Times (2 new entries)" in done.stdout
    code, out, _ = run(capsys, tmp_path, "list", "--format", "json")
    assert code == 0 and json.loads(out)[0]["unread"] == 2
