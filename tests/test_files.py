"""reader.files on real files: a write appears whole or not at all, keeps modes, follows links,
refuses what is not a regular file and cleans up after a killed run."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from reader.errors import ExportError
from reader.files import STALE_AFTER_S, open_output, remove_stale, write_bytes, write_text


class WriterFailed(Exception):
    pass


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_new_file_gets_0666_minus_the_umask_not_mkstemps_0600(tmp_path, umask_027):
    out = write_text(tmp_path / "new.md", "# hi\n")
    assert out.read_text() == "# hi\n"
    assert mode(out) == 0o640


def test_existing_file_keeps_its_mode(tmp_path):
    out = tmp_path / "notes.md"
    out.write_text("old")
    out.chmod(0o604)  # a mode no umask produces
    write_text(out, "new")
    assert out.read_text() == "new"
    assert mode(out) == 0o604


@pytest.mark.parametrize("failure", [WriterFailed, KeyboardInterrupt, SystemExit])
def test_a_failure_mid_write_leaves_the_old_content_and_no_temporary_file(tmp_path, failure):
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old content")
    with pytest.raises(failure), open_output(out) as fh:
        fh.write(b"half of the new")
        fh.flush()
        assert len(os.listdir(tmp_path)) == 2  # the temporary file exists while writing
        raise failure
    assert out.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["keep.pdf"]


def test_temporary_file_is_hidden_and_named_as_ours(tmp_path):
    with open_output(tmp_path / "out.pdf"):
        (name,) = os.listdir(tmp_path)
    assert name.startswith(".out.pdf.reader-") and name.endswith(".tmp")
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_a_name_near_the_length_limit_still_gets_a_temporary_file(tmp_path):
    out = tmp_path / ("é" * 120 + ".md")  # 244 bytes: the name with our marks would be too long
    write_text(out, "long")
    assert out.read_text() == "long"
    assert os.listdir(tmp_path) == [out.name]


def test_dangling_symlink_creates_its_target_and_stays_a_link(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    write_text(link, "through")
    assert link.is_symlink() and os.readlink(link) == "target.md"
    assert (tmp_path / "target.md").read_text() == "through"


def test_stale_temporary_files_are_removed_and_nothing_else(tmp_path):
    old = time.time() - STALE_AFTER_S - 60
    stale = tmp_path / ".out.pdf.reader-0123abcd.tmp"
    fresh = tmp_path / ".out.pdf.reader-89abcdef.tmp"  # maybe another export, still running
    look_alike = tmp_path / ".out.pdf.reader-backup.tmp"  # not a name we make
    user_file = tmp_path / "out.pdf.reader-0123abcd.tmp"  # not hidden: not ours either
    for p in (stale, fresh, look_alike, user_file):
        p.write_bytes(b"x")
    for p in (stale, look_alike, user_file):
        os.utime(p, (old, old))
    write_bytes(tmp_path / "out.pdf", b"%PDF")
    assert not stale.exists()
    assert fresh.exists() and look_alike.exists() and user_file.exists()
    assert remove_stale(tmp_path / "missing") == []  # a folder we cannot list is skipped


def test_a_directory_named_like_a_temporary_file_is_left_alone(tmp_path):
    folder = tmp_path / ".x.reader-0123abcd.tmp"
    folder.mkdir()
    os.utime(folder, (0, 0))
    assert remove_stale(tmp_path) == []
    assert folder.is_dir()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "it is a folder"),
        (lambda p: os.mkfifo(p), "it is a named pipe (FIFO), not a file"),
    ],
)
def test_what_is_not_a_regular_file_is_refused_and_untouched(tmp_path, make, reason):
    out = tmp_path / "out"
    make(out)
    before = os.stat(out)
    with pytest.raises(ExportError) as err:
        write_text(out, "x")
    assert str(err.value) == f"Cannot write {out}: {reason}"
    after = os.stat(out)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert os.listdir(tmp_path) == ["out"]


def test_errors_name_the_path_and_the_reason(tmp_path):
    with pytest.raises(ExportError, match=r"^Cannot write .*: the folder does not exist$"):
        write_text(tmp_path / "nowhere" / "x.md", "x")
    (tmp_path / "file").write_text("")
    with pytest.raises(ExportError, match=r"^Cannot write .*: a part of the path is not a folder$"):
        write_text(tmp_path / "file" / "x.md", "x")
    loop = tmp_path / "loop.md"
    loop.symlink_to("loop.md")
    with pytest.raises(ExportError, match=r"^Cannot write .*loop.md: too many levels of symbolic"):
        write_text(loop, "x")
