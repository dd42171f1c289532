"""Every export (PDF, W3C JSON-LD, Markdown) writes through reader.files: symlinks followed,
devices and FIFOs refused, modes kept, no partial file on a failure or a full disk, and one clear
line from the real CLI (exit 2) for a missing folder, a folder, a full or read-only disk."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.errors import ExportError
from reader.files import STALE_AFTER_S
from reader.library import Library

FORMATS = {"pdf": "--pdf", "json": "--annotations-json", "md": "--markdown"}
MAGIC = {"pdf": b"%PDF-", "json": b"{", "md": b"# "}


def export(lib: Library, article_id: int, fmt: str, path: Path) -> None:
    calls: dict[str, Callable[[int, Path], object]] = {
        "pdf": lib.export_pdf,
        "json": lib.export_annotations_json,
        "md": lib.export_markdown,
    }
    calls[fmt](article_id, path)


@pytest.fixture
def lib(tmp_path: Path):
    library = Library(tmp_path / "data")
    yield library
    library.close()


@pytest.fixture
def sample(lib: Library) -> int:
    article_id = lib.import_sample()
    text = lib.open_article(article_id).text
    start = text.index("Military Balance")
    lib.add_highlight(article_id, start, start + len("Military Balance"), "yellow", "Check")
    return article_id


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "export", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_symlink_target_is_written_and_the_link_kept(lib, sample, tmp_path, fmt):
    target = tmp_path / "real" / f"out.{fmt}"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(Path("real") / target.name)
    export(lib, sample, fmt, link)
    assert link.is_symlink() and os.readlink(link) == f"real/out.{fmt}"
    assert target.read_bytes().startswith(MAGIC[fmt])
    assert sorted(os.listdir(target.parent)) == [target.name]


def device_like_dev_null(tmp_path: Path) -> Path:
    """A character device to export onto. As root (who could destroy the real one) a private
    node with /dev/null's numbers; otherwise /dev/null itself, which /dev's permissions protect."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    return node


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_fifo_is_refused_and_untouched(lib, sample, tmp_path, fmt, kind):
    if kind == "device":
        out = device_like_dev_null(tmp_path)
        reason = "it is a device, not a file"
    else:
        out = tmp_path / "pipe"
        os.mkfifo(out)  # a plain open() for writing would block here for ever
        reason = "it is a named pipe (FIFO), not a file"
    before = os.stat(out)
    with pytest.raises(ExportError) as err:
        export(lib, sample, fmt, out)
    assert str(err.value) == f"Cannot write {out}: {reason}"
    after = os.stat(out)
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )
    assert not [n for n in os.listdir(out.parent) if ".reader-" in n]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_existing_file_keeps_its_mode_and_a_new_one_follows_the_umask(
    lib, sample, tmp_path, fmt
):
    kept = tmp_path / f"kept.{fmt}"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    old_umask = os.umask(0o077)
    try:
        export(lib, sample, fmt, kept)
        export(lib, sample, fmt, tmp_path / f"new.{fmt}")
    finally:
        os.umask(old_umask)
    assert kept.read_bytes().startswith(MAGIC[fmt])
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / f"new.{fmt}").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("fmt", "where", "reason"),
    [
        ("md", "missing", "the folder does not exist"),
        ("json", "folder", "it is a folder"),
        ("pdf", "missing", "the folder does not exist"),
        ("pdf", "folder", "it is a folder"),
    ],
)
def test_cli_says_one_clear_line_for_a_missing_folder_or_a_folder(
    lib, sample, tmp_path, fmt, where, reason
):
    out = tmp_path / "nowhere" / f"out.{fmt}" if where == "missing" else tmp_path / "a-folder"
    if where == "folder":
        out.mkdir()
    p = cli(lib.data_dir, str(sample), FORMATS[fmt], str(out))
    assert p.returncode == 2
    assert p.stderr == f"reader: Cannot write {out}: {reason}\n"
    assert "internal error" not in p.stderr and p.stdout == ""
    assert not (tmp_path / "nowhere").exists()
    assert where == "missing" or os.listdir(out) == []


# The full and read-only disks are real tmpfs mounts, made in a private mount namespace
# (`unshare -m`, adding a user namespace with -r when not root) so nothing outlives the test.
# This script runs inside it: it fills the disk, runs the CLI's entry point (in one interpreter,
# to keep the test fast) and reports what it saw.
INSIDE = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from reader.cli import run_cli
    data, folder, article, ro = sys.argv[1:5]

    def export(flag, path):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = run_cli(["--data-dir", data, "export", article, flag, path])
        return [code, err.getvalue()]

    old = os.path.join(folder, "previous.md")
    with open(old, "w") as fh:
        fh.write("previous content")
    try:  # fill every page that is left
        with open(os.path.join(folder, "filler"), "wb") as fh:
            while True:
                fh.write(b"x" * 4096)
                fh.flush()
    except OSError:
        pass
    runs = {flag: export(flag, os.path.join(folder, name)) for flag, name in [
        ("--markdown", "previous.md"), ("--annotations-json", "new.json"), ("--pdf", "new.pdf")]}
    with open(old) as fh:
        previous = fh.read()
    print(json.dumps({"runs": runs, "files": sorted(os.listdir(folder)), "previous": previous,
                      "read_only": export("--markdown", os.path.join(ro, "x.md"))}))
    """
)


def test_full_or_read_only_disk_is_one_clear_line_and_leaves_no_partial_file(lib, sample, tmp_path):
    full, ro = tmp_path / "full", tmp_path / "ro"
    full.mkdir()
    ro.mkdir()
    script = tmp_path / "inside.py"
    script.write_text(INSIDE)
    mount = (
        f"mount -t tmpfs -o size=64k reader-test {full} && "
        f"mount -t tmpfs -o size=64k,ro reader-test {ro} && "
        f'exec "{sys.executable}" {script} {lib.data_dir} {full} {sample} {ro}'
    )
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    lib.close()  # the CLI opens the library itself
    p = subprocess.run(
        [*unshare, "sh", "-c", mount], capture_output=True, text=True, timeout=60, check=True
    )
    seen = json.loads(p.stdout)
    for flag, name in [("--markdown", "previous.md"), ("--annotations-json", "new.json")]:
        assert seen["runs"][flag] == [2, f"reader: Cannot write {full / name}: the disk is full\n"]
    assert seen["runs"]["--pdf"] == [
        2,
        f"reader: Cannot write {full / 'new.pdf'}: the disk is full\n",
    ]
    assert seen["files"] == ["filler", "previous.md"]  # no partial file, no temporary file
    assert seen["previous"] == "previous content"
    assert seen["read_only"] == [
        2,
        f"reader: Cannot write {ro / 'x.md'}: the file system is read-only\n",
    ]
    assert os.listdir(full) == []  # the mount was private to the namespace


def test_a_killed_export_leaves_only_a_hidden_temporary_file_which_the_next_one_removes(
    lib, sample, tmp_path
):
    out = tmp_path / "out" / "article.pdf"
    out.parent.mkdir()
    lib.close()
    args = ["--data-dir", str(lib.data_dir), "export", str(sample), "--pdf", str(out)]
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "reader", *args], stderr=err)
        try:
            deadline = time.monotonic() + 50
            while not os.listdir(out.parent) and time.monotonic() < deadline:
                assert proc.poll() is None, errors.read_text()
                time.sleep(0.005)
            proc.send_signal(signal.SIGKILL)  # while it renders: the temporary file exists
        finally:
            proc.wait(timeout=30)
    listing = os.listdir(out.parent)
    assert len(listing) == 1, (listing, errors.read_text())
    left = listing[0]
    assert left.startswith(".article.pdf.reader-") and left.endswith(".tmp")
    assert not out.exists()
    aged = time.time() - STALE_AFTER_S - 1
    os.utime(out.parent / left, (aged, aged))
    again = Library(lib.data_dir)
    try:
        again.export_markdown(sample, out.parent / "notes.md")
    finally:
        again.close()
    assert os.listdir(out.parent) == ["notes.md"]
