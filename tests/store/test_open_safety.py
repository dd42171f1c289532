"""A healthy library is never moved aside: a busy, newer, linked-away or read-only library is
left byte for byte as it is with one clear line, many processes starting together build one
library, and only a file SQLite itself finds corrupt is set aside. Real processes, real files."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.errors import LibraryBusyError, LibraryTooNewError, LibraryUnavailableError
from reader.library import Library, install_starter_library
from reader.store.database import DB_NAME, Database, current_revision, head_revision

TEXT = 'Article {n}. The mayor said "we will build {n} bridges," officials said.\n'

HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.read()  # hold the lock until the test closes our stdin
    """
)


def reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=55,
        env={**os.environ, **(env or {})},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_aside(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".corrupt-" in p.name]


def make_library(folder: Path, sample: bool = False) -> Path:
    lib = Library(folder)
    lib.import_text(TEXT.format(n=0), title="A0")
    if sample:  # an article with library-wide sources
        lib.open_article(lib.import_sample())
    lib.close()
    return settle(folder / DB_NAME)


def settle(path: Path) -> Path:
    """Fold the WAL in and close as the last writer: the file alone is the library, with no
    -wal or -shm beside it (as after a clean exit)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def one_line(stderr: str, *words: str) -> None:
    """The error is the last stderr line, on its own (a waiting notice may come before it)."""
    assert "Traceback" not in stderr and "internal error" not in stderr
    last = stderr.strip().splitlines()[-1]
    for w in words:
        assert w in last, stderr


# ---- first start, many processes ------------------------------------------------------------


@pytest.mark.timeout(150)  # 8 interpreters on a shared 2-core machine: ~20 s, more when loaded
def test_eight_processes_importing_into_a_new_folder_share_one_library(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = []
    for n in range(8):
        f = tmp_path / f"a{n}.txt"
        f.write_text(TEXT.format(n=n), encoding="utf-8")
        files.append(f)
    env = {**os.environ, "READER_BUSY_TIMEOUT": "120"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for f in files
    ]
    results = [p.communicate(timeout=140) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, results
    ids = {int(out.split()[0]) for out, _err in results}
    assert len(ids) == 8
    listed = json.loads(reader("--data-dir", str(data), "list", "--format", "json").stdout)
    assert sorted(a["id"] for a in listed) == sorted(ids)
    assert set_aside(data) == []


# ---- busy ------------------------------------------------------------------------------------


def test_a_locked_library_is_waited_for_then_refused_untouched(tmp_path: Path) -> None:
    path = make_library(tmp_path / "data")
    conn = sqlite3.connect(path)  # a rollback-journal file (as the starter library ships):
    conn.execute("PRAGMA journal_mode=DELETE")  # a writer's lock keeps readers out too
    conn.close()
    before = digest(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        p = reader("--data-dir", str(path.parent), "list", env={"READER_BUSY_TIMEOUT": "1"})
    finally:
        holder.communicate("", timeout=10)
    assert p.returncode == 2
    assert "waiting up to 1 s" in p.stderr
    one_line(p.stderr, "in use by another program")
    assert digest(path) == before
    assert set_aside(path.parent) == []
    again = reader("--data-dir", str(path.parent), "list", "--format", "json")
    assert again.returncode == 0 and len(json.loads(again.stdout)) == 1


def test_a_write_blocked_by_another_writer_says_busy(tmp_path: Path) -> None:
    path = make_library(tmp_path / "data")
    new = tmp_path / "new.txt"
    new.write_text(TEXT.format(n=99), encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        p = reader(
            "--data-dir", str(path.parent), "import", str(new), env={"READER_BUSY_TIMEOUT": "1"}
        )
    finally:
        holder.communicate("", timeout=10)
    assert p.returncode == 2
    one_line(p.stderr, "in use by another program")
    assert set_aside(path.parent) == []
    assert Library(path.parent).article_count() == 1


def test_the_opening_lock_held_elsewhere_is_waited_for_then_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('locked', flush=True); sys.stdin.read()",
            str(data / "library.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(LibraryBusyError, match="in use by another program"):
            Database(data, timeout=0.8, on_wait=lambda _m: None)
    finally:
        holder.communicate("", timeout=10)
    assert not (data / DB_NAME).exists()
    Database(data, timeout=1).close()  # released: the library is made
    assert current_revision(data / DB_NAME) == head_revision()


# ---- newer, linked away, not ours ----------------------------------------------------------


def test_a_library_from_a_newer_reader_is_left_as_it_is(tmp_path: Path) -> None:
    path = make_library(tmp_path / "data")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(LibraryTooNewError, match=r"newer version of reader \(revision 9999_"):
        Library(path.parent)
    p = reader("--data-dir", str(path.parent), "list")
    assert p.returncode == 2
    one_line(p.stderr, "made by a newer version of reader", "9999_from_the_future", "update")
    assert digest(path) == before
    assert set_aside(path.parent) == []


def test_a_link_to_a_missing_drive_is_not_replaced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    link = data / DB_NAME
    link.symlink_to(tmp_path / "unmounted" / DB_NAME)
    p = reader("--data-dir", str(data), "list")
    assert p.returncode == 2
    one_line(p.stderr, "is a link to", "missing")
    assert install_starter_library(data) is False
    assert link.is_symlink() and not link.exists()
    assert sorted(x.name for x in data.iterdir()) == [DB_NAME]


def test_a_data_folder_linked_to_a_missing_drive_is_not_created(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.symlink_to(tmp_path / "unmounted")
    with pytest.raises(LibraryUnavailableError, match="is a link to"):
        Library(data)
    assert not (tmp_path / "unmounted").exists()


def test_a_database_holding_other_data_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(LibraryUnavailableError, match="not a reader library"):
        Library(tmp_path)
    assert digest(path) == before and set_aside(tmp_path) == []


def test_an_unfinished_first_start_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE article (id INTEGER PRIMARY KEY)")  # killed before the stamp
    conn.close()
    lib = Library(tmp_path)
    assert lib.warning and "unfinished" in lib.warning
    assert len(set_aside(tmp_path)) == 1
    assert current_revision(path) == head_revision()
    lib.close()


# ---- damaged -------------------------------------------------------------------------------


def test_a_missing_table_is_one_clear_line(tmp_path: Path) -> None:
    path = make_library(tmp_path / "data")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE highlight")
    conn.commit()
    conn.close()
    p = reader("--data-dir", str(path.parent), "list")
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0, p.stderr
    one_line(p.stderr, "damaged", "no such table: highlight")
    assert "SELECT" not in p.stderr


def test_random_bytes_are_still_moved_aside_never_deleted(tmp_path: Path) -> None:
    junk = os.urandom(64 * 1024)
    (tmp_path / DB_NAME).write_bytes(junk)
    lib = Library(tmp_path)
    assert lib.warning and "moved to" in lib.warning
    (aside,) = set_aside(tmp_path)
    assert aside.read_bytes() == junk
    assert lib.article_count() == 0
    lib.close()


# ---- read-only -----------------------------------------------------------------------------


OPEN_AS_THE_WINDOW_DOES = textwrap.dedent(
    """
    import sys
    from reader.library import Library
    lib = Library(sys.argv[1])
    print(lib.reopen_last())
    print(lib.open_article(1).info.title)
    """
)


def reader_cmd(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--data-dir", str(folder), *args]


def test_a_read_only_library_opens_read_only(tmp_path: Path, read_only) -> None:
    path = make_library(tmp_path / "data", sample=True)
    writable = reader("--data-dir", str(path.parent), "sources", "--format", "json")
    settle(path)  # SQLite cannot make the -shm a WAL file needs in a read-only place
    before = sorted(p.name for p in path.parent.iterdir())
    assert not [name for name in before if name.endswith(("-wal", "-shm"))]
    listed = read_only(path.parent, reader_cmd(path.parent, "list", "--format", "json"))
    assert listed.returncode == 0, listed.stderr
    assert "A0" in [a["title"] for a in json.loads(listed.stdout)]
    assert "read-only: changes can't be saved" in listed.stderr
    sources = read_only(
        path.parent, reader_cmd(path.parent, "sources", "--format", "json")
    )  # standard-library reads
    assert sources.returncode == 0, sources.stderr
    assert json.loads(sources.stdout) == json.loads(writable.stdout) != []
    new = tmp_path / "new.txt"
    new.write_text(TEXT.format(n=7), encoding="utf-8")
    imported = read_only(path.parent, reader_cmd(path.parent, "import", str(new)))
    assert imported.returncode == 2
    one_line(imported.stderr, "read-only: changes can't be saved")
    opened = read_only(
        path.parent, [sys.executable, "-c", OPEN_AS_THE_WINDOW_DOES, str(path.parent)]
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split("\n")[:2] == ["None", "A0"]  # read, not marked as opened
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_a_read_only_folder_without_a_library_says_so(tmp_path: Path, read_only) -> None:
    data = tmp_path / "data"
    data.mkdir()
    p = read_only(data, reader_cmd(data, "list"))
    assert p.returncode == 2
    one_line(p.stderr, "read-only", "cannot start one there")
    assert list(data.iterdir()) == []
