"""A daily backup that cannot be made (a read-only backups folder, a file in its place) does not
stop the library from opening; it is logged with its reason and said once: one warning line
from the CLI, one message in the window. SQLite only: backups are copies of the library file
(a team library's backups are the server administrator's)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.library import Library
from reader.logs import log_path
from reader.store.backup import backup_dir, list_backups

SAID = "Today's backup of the library could not be made"


def library_without_todays_backup(folder: Path) -> Path:
    """A library with an article whose backups folder is empty (today's backup not made)."""
    lib = Library(folder)
    lib.import_text('The mayor said "the bridge opens in May," officials said.\n', title="A")
    lib.close()
    for b in list_backups(folder):
        b.path.unlink()
    return backup_dir(folder)


def test_the_opening_goes_on_and_the_failure_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    backups = library_without_todays_backup(tmp_path / "data")
    backups.rmdir()
    backups.write_text("a file where the backups folder should be")
    with caplog.at_level(logging.WARNING, logger="reader"):
        lib = Library(tmp_path / "data")
    assert [a.title for a in lib.articles()] == ["A"]
    assert lib.warning is not None and lib.warning.startswith(SAID)
    assert str(backups) in lib.warning and str(log_path()) in lib.warning
    records = [r for r in caplog.records if r.name == "reader.library.backups"]
    assert len(records) == 1 and records[0].levelno == logging.WARNING
    assert records[0].exc_info is not None and records[0].exc_info[0] is FileExistsError
    lib.close()


def test_the_cli_says_it_in_one_warning_line_and_logs_why(tmp_path: Path, read_only) -> None:
    backups = library_without_todays_backup(tmp_path / "data")
    cmd = [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), "list"]
    p = read_only(backups, cmd)
    assert p.returncode == 0, p.stderr
    assert "A" in p.stdout
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reader: warning: {SAID} in {backups}")
    assert list(backups.iterdir()) == []
    log = log_path().read_text(encoding="utf-8")
    assert f"today's backup in {backups} could not be made" in log
    assert "Traceback" in log and "sqlite3.OperationalError" in log


WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from reader.ui.app import application, run_gui
    from reader.ui.main_window import MainWindow

    application()
    show_message, open_start = MainWindow.show_message, MainWindow.open_start

    def spy(self, text, error=False):
        print("MSG:", "error" if error else "info", text, flush=True)
        show_message(self, text, error)

    def start(self, path=None, ahead=None):  # close a little after the article shows
        self.article_opened.connect(lambda _a: QTimer.singleShot(500, self.close))
        open_start(self, path, ahead)

    MainWindow.show_message, MainWindow.open_start = spy, start
    sys.exit(run_gui(data_dir=Path(sys.argv[1]), path=None))
    """
)


def test_the_window_shows_it_once(tmp_path: Path) -> None:
    backups = library_without_todays_backup(tmp_path / "data")
    backups.rmdir()
    backups.write_text("a file where the backups folder should be")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run(
        [sys.executable, "-c", WINDOW, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=55,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    said = [line for line in p.stdout.splitlines() if SAID in line]
    assert len(said) == 1 and said[0].startswith(f"MSG: error {SAID} in {backups}")
    assert "Traceback" not in p.stderr
    assert "FileExistsError" in log_path().read_text(encoding="utf-8")
