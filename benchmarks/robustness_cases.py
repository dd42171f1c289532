"""The cases of the robustness battery (benchmarks/robustness.py): the bad input files, the
HTTP server the URL cases fetch from, the prepared library each case gets a copy of, and the
list of cases with what each expects and how its data is checked afterwards."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DB_NAME = "library.sqlite3"
SILENT_S = 20  # longer than reader's 10 s wait for an answer
PAGE = (
    "<html><head><title>Bridge safe, mayor says</title></head><body><article>"
    "<h1>Bridge safe, mayor says</h1>"
    + "<p>“The bridge is safe,” the mayor said on Monday. Engineers disagreed.</p>" * 20
    + "</article></body></html>"
)


# ---- the inputs, the server and the prepared library -------------------------------------


def make_inputs(folder: Path) -> None:
    """The bad (and a few good) files the file cases read; made once per run."""
    folder.mkdir(parents=True, exist_ok=True)
    good = "“The bridge is safe,” the mayor said. Engineers said it was not.\n"
    (folder / "good.txt").write_text(good, encoding="utf-8")
    (folder / "folder.txt").mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n" * 50)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4000))
    (folder / "nul.txt").write_bytes(("The mayor said\x00 it was safe.\n" * 200).encode())
    with (folder / "huge.txt").open("wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60 * 1024 * 1024)
    (folder / "latin1.txt").write_bytes("Le maire a dit « sûr ». Café.\n".encode("latin-1") * 20)
    (folder / "utf16.txt").write_bytes(good.encode("utf-16") * 3)
    (folder / "utf16-nobom.txt").write_bytes((good * 3).encode("utf-16-le"))
    (folder / "garbled.txt").write_bytes(b"The mayor said \xff\xfe\xc3\x28 \xe2\x82 safe.\n" * 40)
    hostile = (
        "<html><head><script>while(true){}</script><style>*{display:none}</style></head>"
        "<body onload='alert(1)'><iframe src='file:///etc/passwd'></iframe>"
        "<p>The mayor said the bridge was safe.</p><script>document.write('x')</script>"
        "<img src=x onerror=alert(1)></body></html>"
    )
    (folder / "hostile.html").write_text(hostile, encoding="utf-8")
    deep = "<div>" * 100_000 + "<p>The mayor said it was safe.</p>" + "</div>" * 100_000
    (folder / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    (folder / "scripts-only.html").write_text(
        "<html><script>var a = 1;</script></html>", encoding="utf-8"
    )
    stream = os.urandom(3000)  # a real PDF: a binary comment line, compressed streams
    (folder / "paper.pdf").write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Length 3000/Filter/FlateDecode>>\nstream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    os.mkfifo(folder / "fifo.txt")
    (folder / "cwd").mkdir(exist_ok=True)
    (folder / "cwd" / "list").write_text(good, encoding="utf-8")  # `reader list` beside it


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        routes: dict[str, tuple[int, str, bytes]] = {
            "/ok": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/404": (404, "text/html", b"<p>not found</p>"),
            "/500": (500, "text/html", b"<p>oops</p>"),
            "/pdf": (200, "application/pdf", b"%PDF-1.4\n%%EOF\n"),
            "/json": (200, "application/json", b'{"a": 1}'),
            "/empty": (200, "text/html", b""),
        }
        if self.path == "/silent":  # a server that takes the connection and never answers
            time.sleep(SILENT_S)
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/huge":  # 60 MB of page, sent as fast as it is read
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>The mayor said it was safe.</p>" * 30_000
            try:
                for _ in range(60 * 1024 * 1024 // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:  # the reader stopped reading at its limit
                pass
        else:
            code, kind, body = routes.get(self.path, (404, "text/plain", b"no"))
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def start_server() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def make_library(folder: Path) -> Contents:
    """The prepared library every case that takes one gets a copy of: the sample and two more
    articles, highlights with a note. Returns what must still be there afterwards."""
    from reader.library import Library

    lib = Library(folder)
    first = lib.import_sample()
    lib.import_text("The mayor said the bridge was safe.\n", title="Bridge")
    lib.import_text("“Prices will rise,” the minister warned.\n", title="Prices")
    lib.add_highlight(first, 4, 30, note="keep this")
    lib.add_highlight(first, 40, 60)
    lib.add_highlight(first, 100, 130, color="green")
    lib.open_article(first)
    lib.close()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return library_contents(folder / DB_NAME)


Contents = dict[str, set[tuple]]


def library_contents(db: Path) -> Contents:
    """The articles (id, content hash) and highlights (id, article, note) of a library."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": set(conn.execute("SELECT id, content_hash FROM article")),
            "highlights": set(conn.execute("SELECT id, article_id, note FROM highlight")),
        }
    finally:
        conn.close()


# ---- cases ---------------------------------------------------------------------------------


@dataclass
class Ctx:
    """What a case's command line and set-up may use."""

    inputs: Path
    url: str
    work: Path  # the case's own folder
    data: Path  # the case's data folder
    expected: Contents
    cleanups: list[Callable[[], None]] = field(default_factory=list)


Setup = Callable[[Ctx], None]
Check = Callable[[Ctx], str | None]  # what was lost, or None


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Ctx], list[str]]
    expect: str = "error"  # "error": a clean error is right; "ok": success; "any": either
    setup: Setup | None = None  # None: a copy of the prepared library
    check: Check | None = None  # None: the prepared library's counts and integrity
    cwd: str | None = None  # a folder under the inputs
    says: str | None = None  # a clean error's line must match this (regex, ignoring case)
    fast: bool = False  # in the quick subset tests/test_robustness_battery.py runs


def check_prepared(ctx: Ctx) -> str | None:
    db = ctx.data / DB_NAME
    if not db.is_file():
        return "the library file is gone"
    try:
        conn = sqlite3.connect(db)
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        now = library_contents(db)
    except sqlite3.Error as exc:
        return f"cannot read the library: {exc}"
    if ok != "ok":
        return f"integrity_check: {ok}"
    gone = {k: len(ctx.expected[k] - now[k]) for k in ctx.expected}  # added rows are fine
    if any(gone.values()):
        return ", ".join(f"{n} of {len(ctx.expected[k])} {k} gone" for k, n in gone.items() if n)
    return None


def _replace_db(make: Callable[[bytes], bytes]) -> Setup:
    """Set-up: the library file replaced by `make(its bytes)`; the check then wants those bytes
    kept somewhere in the data folder (moved aside is fine, deleted is not)."""

    def setup(ctx: Ctx) -> None:
        db = ctx.data / DB_NAME
        data = make(db.read_bytes())
        db.write_bytes(data)
        (ctx.work / "sha").write_text(hashlib.sha256(data).hexdigest())

    return setup


def check_kept(ctx: Ctx) -> str | None:
    want = (ctx.work / "sha").read_text()
    for f in ctx.data.rglob("*"):
        if f.is_file() and hashlib.sha256(f.read_bytes()).hexdigest() == want:
            return None
    return "the damaged library file was not kept"


def _sql(*statements: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        conn = sqlite3.connect(ctx.data / DB_NAME)
        for s in statements:
            conn.execute(s)
        conn.commit()
        conn.close()

    return setup


def check_newer(ctx: Ctx) -> str | None:
    conn = sqlite3.connect(ctx.data / DB_NAME)
    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    conn.close()
    if rev != "9999_newer":
        return f"a newer library was rewritten to revision {rev}"
    return check_prepared(ctx)


def setup_locked(ctx: Ctx) -> None:
    """Another process holds the library's write lock for the whole case."""
    code = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(120)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(ctx.data / DB_NAME)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"

    def release() -> None:
        holder.kill()
        holder.wait()

    ctx.cleanups.append(release)


def setup_dangling(ctx: Ctx) -> None:
    shutil.rmtree(ctx.data)
    ctx.data.mkdir()
    (ctx.data / DB_NAME).symlink_to(ctx.work / "gone" / DB_NAME)


def check_dangling(ctx: Ctx) -> str | None:
    return None if (ctx.data / DB_NAME).is_symlink() else "the library link was replaced"


def setup_data_is_file(ctx: Ctx) -> None:
    shutil.rmtree(ctx.data)
    ctx.data.write_text("not a folder\n")


def _no_check(_ctx: Ctx) -> str | None:
    return None


def export_to(opt: str, where: Callable[[Ctx], Path]) -> Callable[[Ctx], list[str]]:
    return lambda c: ["export", "1", opt, str(where(c))]


def _symlink_target(c: Ctx) -> Path:
    (c.work / "real.md").write_text("old\n")
    (c.work / "link.md").symlink_to(c.work / "real.md")
    return c.work / "link.md"


def _read_only(c: Ctx) -> Path:
    f = c.work / "ro.pdf"
    f.write_text("old\n")
    f.chmod(0o444)
    return f


def _dangling_target(c: Ctx) -> Path:
    (c.work / "dangling.json").symlink_to(c.work / "nowhere" / "x.json")
    return c.work / "dangling.json"


def imp(name: str) -> Callable[[Ctx], list[str]]:
    return lambda c: ["import", str(c.inputs / name)]


def url(path: str, fmt: str = "{}{}") -> Callable[[Ctx], list[str]]:
    return lambda c: ["import", fmt.format(c.url, path)]


def search(q: str) -> Callable[[Ctx], list[str]]:
    return lambda c: ["search", q, "--format", "json"]


def fixed(*args: str) -> Callable[[Ctx], list[str]]:
    return lambda c: list(args)


CASES: list[Case] = [
    # files
    Case("file: missing", imp("missing.txt"), fast=True),
    Case("file: a folder", imp("folder.txt"), fast=True),
    Case("file: empty", imp("empty.txt"), fast=True),
    Case("file: only whitespace", imp("blank.txt")),
    Case("file: binary", imp("binary.txt"), fast=True),
    Case("file: PNG named .txt", imp("image.txt")),
    Case("file: NUL-laden text", imp("nul.txt"), "any"),
    Case("file: 60 MB, over the limit", imp("huge.txt"), fast=True),
    Case("file: /dev/zero", fixed("import", "/dev/zero")),
    Case("file: a FIFO nobody writes", imp("fifo.txt")),
    Case("file: Latin-1 text", imp("latin1.txt"), "any"),
    Case("file: UTF-16 with BOM", imp("utf16.txt"), "any"),
    Case("file: UTF-16 without BOM", imp("utf16-nobom.txt"), "any"),
    Case("file: invalid UTF-8 bytes", imp("garbled.txt"), "any"),
    Case("file: hostile HTML (scripts)", imp("hostile.html"), "any"),
    Case("file: HTML nested 100,000 deep", imp("deep.html"), "any"),
    Case("file: HTML with no text", imp("scripts-only.html")),
    Case("file: a PDF", imp("paper.pdf"), says="PDF|binary"),
    Case(
        "file: two, one missing",
        lambda c: ["import", str(c.inputs / "missing.txt"), str(c.inputs / "good.txt")],
    ),
    Case(
        "analyze: jsonl, one missing",
        lambda c: [
            "analyze",
            "--format",
            "jsonl",
            str(c.inputs / "missing.txt"),
            str(c.inputs / "good.txt"),
        ],
    ),
    Case("analyze: binary", lambda c: ["analyze", str(c.inputs / "binary.txt")]),
    Case("analyze: missing", lambda c: ["analyze", str(c.inputs / "missing.txt")], fast=True),
    # URLs
    Case("url: 404", url("/404"), fast=True),
    Case("url: 500", url("/500")),
    Case("url: redirect loop", url("/loop")),
    Case("url: PDF content type", url("/pdf")),
    Case("url: JSON content type", url("/json")),
    Case("url: empty page", url("/empty")),
    Case("url: a good page", url("/ok"), "ok"),
    Case(
        "url: HTTP:// upper case", lambda c: ["import", c.url.replace("http", "HTTP") + "/ok"], "ok"
    ),
    Case("url: leading space", url("/ok", " {}{}"), "any", says="http"),
    Case("url: malformed http://[::1", fixed("import", "http://[::1")),
    Case("url: ftp://", fixed("import", "ftp://127.0.0.1/x.txt"), says="ftp|http"),
    Case("url: file://", fixed("import", "file:///etc/hostname"), "any", says="file:|http"),
    Case(
        "url: data:",
        fixed("import", "data:text/html,<p>The mayor said so.</p>"),
        "any",
        says="data:|http",
    ),
    Case("url: a server that never answers", url("/silent")),
    Case("url: connection refused", fixed("import", "http://127.0.0.1:9/x")),
    Case("url: 60 MB page, over the limit", url("/huge")),
    # search syntax
    Case('search: "', search('"'), "any"),
    Case("search: AND OR", search("AND OR"), "any"),
    Case("search: *", search("*"), "any"),
    Case("search: NEAR(", search("NEAR("), "any"),
    Case("search: column:", search("title:mayor"), "any"),
    Case("search: 20,000 characters", search("mayor said " * 1820), "any"),
    Case("search: empty", search(""), "any"),
    # export targets
    Case("export: missing folder", export_to("--pdf", lambda c: c.work / "no" / "o.pdf")),
    Case("export: a folder", export_to("--pdf", lambda c: c.work)),
    Case("export: /dev/full", export_to("--markdown", lambda c: Path("/dev/full")), fast=True),
    Case("export: through a symlink", export_to("--markdown", _symlink_target), "any"),
    Case("export: read-only file", export_to("--pdf", _read_only), "any"),
    Case("export: dangling symlink", export_to("--annotations-json", _dangling_target), "any"),
    Case("export: no format given", fixed("export", "1"), fast=True),
    Case(
        "export: a file not in the library",
        lambda c: ["export", str(c.inputs / "good.txt"), "--markdown", str(c.work / "o.md")],
    ),
    # the library itself
    Case(
        "library: corrupt file",
        fixed("list"),
        "any",
        _replace_db(lambda b: os.urandom(len(b))),
        check_kept,
        fast=True,
    ),
    Case(
        "library: truncated file",
        fixed("list"),
        "any",
        _replace_db(lambda b: b[: len(b) // 2]),
        check_kept,
    ),
    Case(
        "library: newer revision",
        fixed("list"),
        "any",
        _sql("UPDATE alembic_version SET version_num = '9999_newer'"),
        check_newer,
    ),
    Case("library: write-locked by another process", imp("good.txt"), "any", setup_locked),
    Case("library: dangling symlink", fixed("list"), "any", setup_dangling, check_dangling),
    Case(
        "library: the data folder is a file", fixed("list"), "error", setup_data_is_file, _no_check
    ),
    Case(
        "library: a table missing",
        fixed("list"),
        "error",
        _sql("DROP TABLE highlight"),
        _no_check,
        fast=True,
    ),
    # numbers and names
    Case("number: --limit 1e20", fixed("search", "mayor", "--limit", "1e20"), fast=True),
    Case("number: --limit 10^20", fixed("search", "mayor", "--limit", str(10**20)), fast=True),
    Case("number: --limit -1", fixed("search", "mayor", "--limit", "-1")),
    Case("number: id 10^30", fixed("export", str(10**30), "--markdown", "/dev/null"), fast=True),
    Case("number: id -5", fixed("export", "-5", "--markdown", "/dev/null")),
    Case("number: id 999 (absent)", fixed("export", "999", "--markdown", "/dev/null"), fast=True),
    Case("cli: a file named list beside", fixed("list"), "ok", cwd="cwd", fast=True),
    Case("cli: unknown option", fixed("list", "--bogus"), fast=True),
]
