"""The `reader` command-line contract: analyze JSON/JSONL, errors, import, list, sources. The
library commands run on both engines (`--database`, library_url); the faults of a SQLite file
and of the process (a full disk, a closed pipe) on a file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main
from reader.library import sample_path

SOURCE_KEYS = {"id", "name", "kind", "role", "affiliation", "mentions"}
STATEMENT_KEYS = {"id", "source", "kind", "content", "cue", "source_mention", "hedges"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_text() -> str:
    return sample_path().read_bytes().decode("utf-8-sig")


def spans_of(statement: dict) -> list[list[int]]:
    c = statement["content"]
    return [c] if isinstance(c[0], int) else c


def check_contract(obj: dict, text: str) -> None:
    assert {"path", "title", "sources", "statements"} <= set(obj)
    ids = {s["id"] for s in obj["sources"]}
    for s in obj["sources"]:
        assert set(s) >= SOURCE_KEYS
        assert s["kind"] in {"person", "organization", "media", "anonymous", "document", "other"}
        assert "signals" in s
        for a, b in s["mentions"]:
            assert 0 <= a < b <= len(text)
    for st in obj["statements"]:
        assert set(st) >= STATEMENT_KEYS
        assert st["source"] in ids
        assert st["kind"] in {"direct", "indirect", "mixed"}
        assert isinstance(st["hedges"], list)
        for a, b in spans_of(st):
            assert 0 <= a < b <= len(text)
        if st["cue"]:
            assert 0 <= st["cue"][0] < st["cue"][1] <= len(text)


# ---- analyze ---------------------------------------------------------------------------------


def test_analyze_json_shape(capsys, tmp_path, sample_text):
    code, out, err = run(capsys, "analyze", str(sample_path()), "--format", "json")
    assert code == 0, err
    obj = json.loads(out)
    assert obj["path"] == str(sample_path())
    assert obj["text"] == sample_text
    check_contract(obj, sample_text)


def test_analyze_offsets_index_the_file_with_bom_removed(capsys, tmp_path, sample_text):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + sample_text.encode("utf-8"))
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 0, err
    obj = json.loads(out)
    assert obj["text"] == sample_text  # no BOM, so offsets match the LF sample's
    _, plain, _ = run(capsys, "analyze", str(sample_path()))
    assert obj["statements"] == json.loads(plain)["statements"]
    check_contract(obj, sample_text)


def test_analyze_offsets_index_the_file_with_bom_and_crlf(capsys, tmp_path, sample_text):
    crlf = sample_text.replace("\n", "\r\n")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    code, out, err = run(capsys, "analyze", str(path), "--no-text")
    assert code == 0, err
    obj = json.loads(out)
    assert "text" not in obj
    check_contract(obj, crlf)
    # the same statements as the LF file, each span moved by the CRs before it
    _, plain, _ = run(capsys, "analyze", str(sample_path()), "--no-text")
    lf = json.loads(plain)
    assert len(obj["statements"]) == len(lf["statements"])
    for a, b in zip(obj["statements"], lf["statements"], strict=True):
        got = [crlf[x:y].replace("\r\n", "\n") for x, y in spans_of(a)]
        want = [sample_text[x:y] for x, y in spans_of(b)]
        assert got == want


def test_analyze_keeps_text_of_non_txt_input_with_no_text(capsys, tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nThe mayor said the bridge was safe.\n", encoding="utf-8")
    code, out, _ = run(capsys, "analyze", str(md), "--no-text")
    assert code == 0
    assert "text" in json.loads(out)


def test_analyze_jsonl_in_order_with_an_error_object(capsys, tmp_path, sample_text):
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge was safe.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run(
        capsys, "analyze", str(sample_path()), str(missing), str(other), "--format", "jsonl"
    )
    assert code != 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [o["path"] for o in lines] == [str(sample_path()), str(missing), str(other)]
    assert set(lines[1]) == {"path", "error"} and "missing.txt" in lines[1]["error"]
    check_contract(lines[0], sample_text)
    assert lines[2]["text"] == "The mayor said the bridge was safe.\n"
    assert err.count("\n") == 1 and "missing.txt" in err


@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "empty"])
def test_analyze_errors_are_one_line_naming_the_file(capsys, tmp_path, kind):
    path = tmp_path / f"bad-{kind}.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "empty":
        path.write_bytes(b"")
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and path.name in err
    assert "Traceback" not in err


def test_errors_from_a_real_process_have_no_traceback(tmp_path):
    p = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "nope.txt" in p.stderr
    assert "Traceback" not in p.stderr


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {__version__}"


# ---- library commands --------------------------------------------------------------------


@pytest.mark.parametrize("position", ["before", "after"])
def test_import_list_and_sources(capsys, tmp_path, position, library_url):
    data = tmp_path / "lib"

    def cli(*args: str) -> tuple[int, str, str]:
        opt = ["--data-dir", str(data), "--database", library_url]
        argv = [*opt, *args] if position == "before" else [*args, *opt]
        return run(capsys, *argv)

    other = tmp_path / "other.txt"
    other.write_text("Short note.\n\nThe mayor said the bridge was safe.\n", encoding="utf-8")
    code, out, err = cli("import", str(sample_path()), str(other))
    assert code == 0, err
    ids = [int(x) for x in out.split()]
    assert len(ids) == 2
    code, out, _ = cli("import", str(sample_path()))  # the same content is the same article
    assert [int(x) for x in out.split()] == ids[:1]

    code, out, _ = cli("list", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert sorted(a["id"] for a in listed) == sorted(ids)
    assert {"id", "title", "origin", "sources", "notes"} <= set(listed[0])

    code, out, err = cli("sources", "--format", "json")
    assert code == 0, err
    sources = json.loads(out)
    assert isinstance(sources, list)
    for s in sources:
        assert set(s) == {
            "id", "name", "kind", "role", "affiliation", "articles", "statements", "rating", "note",
            "team",
        }  # fmt: skip
        assert s["articles"] >= 1 and s["rating"] is None
    sample_sources = next(a["sources"] for a in listed if a["id"] == ids[0])
    if sample_sources:  # the attribution engine is in
        assert sum(s["statements"] for s in sources) > 0
        assert any("Azarau" in s["name"] for s in sources)
    assert not (tmp_path / "lib").is_file()


def test_sources_show_the_rating(capsys, tmp_path, library_url):
    from reader.library import Library

    lib = Library(tmp_path, database=library_url)
    lib.import_sample()
    rows = lib.library_sources()
    assert rows, "the sample yields library sources"
    lib.rate_source(rows[0].id, 1)
    lib.close()
    code, out, _ = run(capsys, "sources", "--format", "json", "--database", library_url)
    assert code == 0
    rated = {s["id"]: s["rating"] for s in json.loads(out)}
    assert rated[rows[0].id] == 1


def test_import_of_a_missing_file_goes_on(capsys, tmp_path, library_url):
    good = tmp_path / "good.txt"
    good.write_text("The mayor said the bridge was safe.\n", encoding="utf-8")
    code, out, err = run(
        capsys, "--database", library_url, "import", str(tmp_path / "gone.txt"), str(good)
    )
    assert code == 2
    assert len(out.split()) == 1
    assert "gone.txt" in err and "Traceback" not in err


def test_data_dir_file_is_not_needed(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "env-lib"))
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert Path(tmp_path / "env-lib").is_dir()


# ---- faults as one clear line, subcommands never taken for files (issue 17) ----------------


def reader(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess[str]:
    """`reader ARGS` in a real process (its log and settings stay under the test's folders)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        **kw,
    )


def one_clean_line(p: subprocess.CompletedProcess[str]) -> str:
    """The one stderr line of a clean failure (exit 2, no traceback, no 'internal error')."""
    assert p.returncode == 2, p.stderr
    assert p.stderr.endswith("\n") and p.stderr.count("\n") == 1, p.stderr
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr
    return p.stderr


def _fill_library(data: Path, database: str | None = None) -> None:
    from reader.library import Library

    lib = Library(data, database=database)
    first = lib.import_sample()
    second = lib.import_text("The mayor said the bridge was safe.", title="Bridge")
    lib.add_highlight(first, 4, 20, note="keep")
    lib.open_article(first)  # the one the window reopens
    assert second != first
    lib.close()


@pytest.fixture
def library_dir(tmp_path) -> Path:
    """A library file in its data folder (for the faults of a file and of the process)."""
    _fill_library(tmp_path / "lib")
    return tmp_path / "lib"


@pytest.fixture
def library_options(tmp_path, library_url) -> list[str]:
    """The same library on either engine: the options naming it on the command line."""
    _fill_library(tmp_path / "lib", library_url)
    return ["--data-dir", str(tmp_path / "lib"), "--database", library_url]


def test_a_file_named_like_a_subcommand_does_not_open_the_window(tmp_path):
    (tmp_path / "list").write_text("The mayor said the bridge was safe.\n", encoding="utf-8")
    p = reader("list", "--format", "json", "--data-dir", str(tmp_path / "lib"), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == []


def test_a_path_spelled_as_a_path_or_after_dashes_is_not_a_subcommand():
    from reader.cli import _first_positional

    assert _first_positional(["--data-dir", "D", "list"]) == "list"
    assert _first_positional(["./list"]) == "./list"
    assert _first_positional(["--", "list"]) is None  # the GUI parser takes it as a path


@pytest.mark.parametrize("value", ["100000000000000000000", "1e20", "-3", "0"])
def test_a_limit_out_of_range_is_a_usage_error(tmp_path, value):
    p = reader("search", "said", "--limit", value, "--data-dir", str(tmp_path))
    err = one_clean_line(p)
    assert "--limit" in err and "from 1 to" in err and p.stdout == ""


@pytest.mark.parametrize("ref", [str(10**30), "-5", str(2**63)])
def test_an_id_out_of_range_is_a_usage_error(library_dir, ref):
    p = reader(
        "export", ref, "--markdown", str(library_dir / "x.md"), "--data-dir", str(library_dir)
    )
    err = one_clean_line(p)
    assert "is not an article id" in err


def test_an_id_not_in_the_library_says_so(library_options, tmp_path):
    p = reader("export", "999", "--markdown", str(tmp_path / "x.md"), *library_options)
    assert "No article with id 999" in one_clean_line(p)
    p = reader("export", "²", "--markdown", str(tmp_path / "x.md"), *library_options)
    assert "Cannot open ²" in one_clean_line(p)  # a digit but not an id: a path


def test_a_database_fault_is_one_line_without_sql(library_dir):
    import sqlite3

    conn = sqlite3.connect(library_dir / "library.sqlite3")
    conn.execute("DROP TABLE highlight")
    conn.commit()
    conn.close()
    p = reader("list", "--data-dir", str(library_dir))
    err = one_clean_line(p)
    assert "no such table: highlight" in err
    assert "SELECT" not in err and "sqlalche.me" not in err


def test_an_os_error_is_one_line_not_an_internal_error(library_dir):
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "reader", "list", "--data-dir", str(library_dir)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert "No space left on device" in one_clean_line(p)


def test_a_closed_pipe_ends_quietly(library_dir):
    p = subprocess.run(
        f"{sys.executable} -m reader sources --data-dir {library_dir} | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in p.stderr and "Exception ignored" not in p.stderr


def test_a_headless_export_does_not_change_what_the_window_reopens(
    library_options, library_url, tmp_path
):
    from reader.library import Library

    lib = Library(tmp_path / "lib", database=library_url)
    last = lib.last_article_id()
    other = next(a.id for a in lib.articles() if a.id != last)
    before = {a.id: a.opened_at for a in lib.articles()}
    lib.close()
    for opt, name in (("--pdf", "o.pdf"), ("--markdown", "o.md"), ("--annotations-json", "o.json")):
        p = reader("export", str(other), opt, str(tmp_path / name), *library_options)
        assert p.returncode == 0, p.stderr
    lib = Library(tmp_path / "lib", database=library_url)
    assert lib.last_article_id() == last
    assert {a.id: a.opened_at for a in lib.articles()} == before
    lib.close()
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_a_second_instance_given_a_missing_file_fails_here_too(tmp_path):
    """A window already runs on the library: `reader missing.txt` must not exit 0 with the
    error shown only in that window."""
    import os
    import signal
    import tempfile
    import time

    from reader.ui.single_instance import server_name

    data = tmp_path / "lib"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    first = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # QLocalServer listens on a socket file in the temporary folder
        socket_file = Path(tmp_path) / server_name(data)
        deadline = time.monotonic() + 45
        while not socket_file.exists() and time.monotonic() < deadline:
            assert first.poll() is None, "the first window exited"
            time.sleep(0.1)
        assert socket_file.exists(), f"no server at {socket_file} ({tempfile.gettempdir()})"
        p = reader("--data-dir", str(data), str(tmp_path / "missing.txt"), env=env)
        assert "Cannot open missing.txt: no such file" in one_clean_line(p)
        assert first.poll() is None  # the window there goes on
    finally:
        first.send_signal(signal.SIGTERM)
        try:
            first.wait(20)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait()


def test_log_records_go_to_the_log_file_not_stderr(tmp_path):
    """A core logger's warning would reach stderr through Python's last-resort handler and make
    an error two lines; the program sends such records to its log file."""
    import os

    code = (
        "import logging, sys\n"
        "from reader.logs import setup_logging\n"
        "setup_logging()\n"
        "logging.getLogger('reader.store.database').warning('a warning for the log')\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert p.returncode == 0 and p.stderr == ""
    log = tmp_path / "state" / "reader" / "log" / "reader.log"
    assert "a warning for the log" in log.read_text(encoding="utf-8")
