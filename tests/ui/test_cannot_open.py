"""A library the window cannot open (here: made by a newer reader) is one message box and one
stderr line, exit code 2, no traceback, and the file left as it is. The window runs in a child
process of its own (a real `run_gui`, its box answered by a timer), so the modal box never
shares an interpreter with the other window tests."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from reader.library import Library
from reader.store.database import DB_NAME

WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.ui.app import application, run_gui
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    application()

    def answer_the_box():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_the_box)
            return
        print("BOX:", box.text().replace("\\n", " "), flush=True)
        box.accept()

    QTimer.singleShot(0, answer_the_box)
    screenshot = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    sys.exit(run_gui(data_dir=Path(sys.argv[1]), path=None, screenshot=screenshot))
    """
)


def newer_library(folder: Path) -> Path:
    lib = Library(folder)
    lib.import_text('The mayor said "we will build bridges," officials said.\n', title="A")
    lib.close()
    path = folder / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def window(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", WINDOW, *args], capture_output=True, text=True, timeout=55, env=env
    )


def test_a_library_that_cannot_be_opened_is_one_message_and_exit_2(tmp_path: Path) -> None:
    path = newer_library(tmp_path / "data")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    p = window(str(path.parent))
    assert p.returncode == 2, p.stderr
    boxes = [line for line in p.stdout.splitlines() if line.startswith("BOX:")]
    assert len(boxes) == 1 and "made by a newer version of reader" in boxes[0]
    ours = [line for line in p.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(ours) == 1 and "9999_from_the_future" in ours[0]  # (the rest: offscreen Qt's note)
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr.lower()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_screenshot_run_on_such_a_library_asks_nothing(tmp_path: Path) -> None:
    path = newer_library(tmp_path / "data")
    out = tmp_path / "shot.png"
    p = window(str(path.parent), str(out))
    assert p.returncode == 2
    assert "BOX:" not in p.stdout and not out.exists()
    assert p.stderr.startswith("reader: The library") and "update reader" in p.stderr
