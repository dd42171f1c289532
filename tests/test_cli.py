"""The `reader` command-line contract: analyze JSON/JSONL, errors, import, list, sources."""

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
def test_import_list_and_sources(capsys, tmp_path, position):
    data = tmp_path / "lib"

    def cli(*args: str) -> tuple[int, str, str]:
        opt = ["--data-dir", str(data)]
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
        }  # fmt: skip
        assert s["articles"] >= 1 and s["rating"] is None
    sample_sources = next(a["sources"] for a in listed if a["id"] == ids[0])
    if sample_sources:  # the attribution engine is in
        assert sum(s["statements"] for s in sources) > 0
        assert any("Azarau" in s["name"] for s in sources)
    assert not (tmp_path / "lib").is_file()
    assert data.is_dir()


def test_sources_show_the_rating(capsys, tmp_path):
    from reader.library import Library

    lib = Library(tmp_path)
    lib.import_sample()
    rows = lib.library_sources()
    if not rows:
        lib.close()
        pytest.skip("the attribution engine finds nothing yet")
    lib.rate_source(rows[0].id, 1)
    lib.close()
    code, out, _ = run(capsys, "sources", "--format", "json", "--data-dir", str(tmp_path))
    assert code == 0
    rated = {s["id"]: s["rating"] for s in json.loads(out)}
    assert rated[rows[0].id] == 1


def test_import_of_a_missing_file_goes_on(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The mayor said the bridge was safe.\n", encoding="utf-8")
    code, out, err = run(
        capsys, "--data-dir", str(tmp_path / "lib"), "import", str(tmp_path / "gone.txt"), str(good)
    )
    assert code == 2
    assert len(out.split()) == 1
    assert "gone.txt" in err and "Traceback" not in err


def test_data_dir_file_is_not_needed(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "env-lib"))
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert Path(tmp_path / "env-lib").is_dir()
