"""The log file (reader.logs): one place for the CLI's and the window's records, rotated at about
1 MB with 3 older files, where tracebacks go instead of the screen."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.errors import log_exception
from reader.logs import BACKUP_COUNT, MAX_BYTES, log_path, setup_logging


@pytest.fixture
def logging_to_file() -> Iterator[Path]:
    """The program's logging set up for this test; the handler is removed afterwards."""
    path = setup_logging()
    yield path
    root = logging.getLogger("reader")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def test_the_log_file_is_in_the_user_state_folder(_isolated_user_dirs: Path) -> None:
    assert log_path() == _isolated_user_dirs / "state" / "reader" / "log" / "reader.log"


def test_the_log_file_rotates_at_about_a_megabyte_keeping_three(logging_to_file: Path) -> None:
    log = logging.getLogger("reader.test_logs")
    line = "x" * 10_000
    for i in range(450):  # some 4.5 MB: more than the file and its three older copies hold
        log.info("record %d %s", i, line)
    folder = logging_to_file.parent
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["reader.log", *(f"reader.log.{n}" for n in range(1, BACKUP_COUNT + 1))]
    for p in folder.iterdir():
        assert p.stat().st_size <= MAX_BYTES
    assert "record 449 " in logging_to_file.read_text(encoding="utf-8")


def test_a_traceback_goes_to_the_log_file_and_its_path_is_returned(logging_to_file: Path) -> None:
    def broken() -> None:
        raise ValueError("a bug for the log")

    try:
        broken()
    except ValueError as exc:
        path = log_exception(exc)
    assert path == logging_to_file
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "in broken" in text and "ValueError: a bug for the log" in text


def test_the_handler_follows_a_new_log_folder(
    logging_to_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "elsewhere"))
    moved = setup_logging()
    assert moved == tmp_path / "elsewhere" / "reader" / "log" / "reader.log" != logging_to_file
    logging.getLogger("reader.test_logs").warning("after the move")
    assert "after the move" in moved.read_text(encoding="utf-8")
    assert len(logging.getLogger("reader").handlers) == 1


def test_a_log_folder_that_cannot_be_made_adds_nothing_to_stderr(tmp_path: Path) -> None:
    """A real `reader` process whose log folder cannot be made (a file is in the way): its error
    is still one line on stderr, and nothing else is printed."""
    state = tmp_path / "state"
    (state / "reader").mkdir(parents=True)
    (state / "reader" / "log").write_text("not a folder")
    env = {**os.environ, "XDG_STATE_HOME": str(state), "READER_DATA_DIR": str(tmp_path / "d")}
    p = subprocess.run(
        [sys.executable, "-m", "reader", "export", "7", "--markdown", str(tmp_path / "o.md")],
        capture_output=True,
        text=True,
        timeout=55,
        env=env,
    )
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("reader: "), p.stderr


def test_the_rotating_handler_loads_with_the_first_record(tmp_path: Path) -> None:
    """Setting up the log costs a start no import of logging.handlers (sockets, pickle: some
    milliseconds); the first record loads it and is written."""
    code = (
        "import logging, sys\n"
        "from reader.logs import setup_logging\n"
        "path = setup_logging()\n"
        "print('logging.handlers' in sys.modules)\n"
        "logging.getLogger('reader.test').warning('the first record')\n"
        "print('logging.handlers' in sys.modules)\n"
        "print(path.read_text(encoding='utf-8').count('the first record'))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=55, env=env
    )
    assert p.stdout.split() == ["False", "True", "1"], p.stderr
