"""OPML subscription lists: read with their folders (listparser), written back (xml.etree)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader.feeds.model import FeedError
from reader.feeds.opml import Subscription, read_opml, write_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline type="rss" text="Harbour Times" xmlUrl="http://127.0.0.1:9/rss.xml" htmlUrl="http://127.0.0.1:9/"/>
    </outline>
    <outline type="rss" text="Metro Daily" xmlUrl="http://127.0.0.1:9/metro.atom"/>
  </outline>
  <outline type="rss" text="Loose" xmlUrl="http://127.0.0.1:9/loose.json"/>
  <outline type="rss" text="Again" xmlUrl="http://127.0.0.1:9/loose.json"/>
  <outline type="rss" text="Not web" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def test_read_with_folders_once_each(tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_bytes(OPML)
    subs = read_opml(path)
    assert [(s.url.rsplit("/", 1)[1], s.title, s.folder) for s in subs] == [
        ("rss.xml", "Harbour Times", "News/World"),
        ("metro.atom", "Metro Daily", "News"),
        ("loose.json", "Loose", None),
    ]


def test_written_opml_reads_back_the_same(tmp_path: Path) -> None:
    subs = [
        Subscription("http://a.example/rss", "A & Co", "News/World", "http://a.example/"),
        Subscription("http://b.example/atom", "B", "News"),
        Subscription("http://c.example/feed.json", "", None),
    ]
    out = write_opml(tmp_path / "out.opml", subs)
    root = ET.parse(out).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    news = root.find("body/outline[@text='News']")
    assert news is not None and news.find("outline[@text='World']/outline").get("xmlUrl") == (
        "http://a.example/rss"
    )
    back = read_opml(out)
    assert [(s.url, s.title, s.folder) for s in back] == [
        ("http://a.example/rss", "A & Co", "News/World"),
        ("http://b.example/atom", "B", "News"),
        ("http://c.example/feed.json", "http://c.example/feed.json", None),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"<html><body>hello</body></html>", "not an OPML"), (b"\x00\x01\x02", "not an OPML")],
)
def test_not_opml(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.opml"
    path.write_bytes(data)
    with pytest.raises(FeedError, match=message):
        read_opml(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="No such file"):
        read_opml(tmp_path / "none.opml")
