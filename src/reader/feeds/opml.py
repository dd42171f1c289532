"""Subscription lists in OPML: reading one (listparser) into feeds with their folders, and
writing the library's feeds back out (xml.etree), folders as nested outlines. A folder path
is kept as its names joined by "/" ("News/World")."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from reader.feeds.model import FeedError

MAX_OPML_BYTES = 10 * 1024 * 1024  # thousands of subscriptions fit in a few hundred KB


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str = ""
    folder: str | None = None
    site_url: str | None = None


def read_opml(path: Path) -> list[Subscription]:
    """The feeds an OPML file lists, each once, with the folder it sits in."""
    import listparser

    try:
        size = path.stat().st_size
        if size > MAX_OPML_BYTES:
            raise FeedError(f"Cannot import {path.name}: too large for a subscription list")
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError(f"Cannot import {path}: {exc.strerror or exc}") from None
    # bytes, never a str: listparser downloads a str that starts with http:// itself
    result = listparser.parse(data)
    if not result.get("version") and not result.feeds:
        raise FeedError(f"Cannot import {path.name}: not an OPML subscription list")
    out: list[Subscription] = []
    seen: set[str] = set()
    for feed in result.feeds:
        url = (feed.get("url") or "").strip()
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        categories = feed.get("categories") or []
        folder = "/".join(n.strip() for n in categories[0] if n.strip()) if categories else ""
        out.append(
            Subscription(url=url, title=(feed.get("title") or "").strip(), folder=folder or None)
        )
    if not out and not result.feeds:
        raise FeedError(f"Cannot import {path.name}: it lists no feeds")
    return out


def opml_document(subscriptions: list[Subscription], title: str = "reader subscriptions") -> bytes:
    """An OPML 2.0 document listing `subscriptions`, folders as nested outlines."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for sub in subscriptions:
        parent = body
        path: tuple[str, ...] = ()
        for name in [n for n in (sub.folder or "").split("/") if n.strip()]:
            path = (*path, name)
            if path not in folders:
                folders[path] = ET.SubElement(parent, "outline", text=name, title=name)
            parent = folders[path]
        attrs = {"type": "rss", "text": sub.title or sub.url, "title": sub.title or sub.url}
        attrs["xmlUrl"] = sub.url
        if sub.site_url:
            attrs["htmlUrl"] = sub.site_url
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_opml(path: Path, subscriptions: list[Subscription]) -> Path:
    """Write the OPML file (whole or not at all: a temporary file renamed over it)."""
    data = opml_document(subscriptions)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FeedError(f"Cannot write {path}: {exc.strerror or exc}") from None
    return path
