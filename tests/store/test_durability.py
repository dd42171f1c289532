"""An edit is on disk the moment the Library call returns: SIGKILL right after it loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD = textwrap.dedent(
    """
    import sys, time
    from reader.library import Library

    lib = Library(sys.argv[1])
    aid = lib.import_text("Border guards reported a quiet night.", title="Night", origin="t")
    h = lib.add_highlight(aid, 14, 22, color="green", note="quiet, says who?")
    lib.update_highlight(h.id, color="purple")
    print("ok", h.id, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_highlight_survives_sigkill(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("ok"), proc.stderr.read() if proc.stderr else line
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    hid = int(line.split()[1])

    dbs = [p for p in tmp_path.iterdir() if p.suffix in (".db", ".sqlite", ".sqlite3")]
    assert dbs, list(tmp_path.iterdir())
    con = sqlite3.connect(dbs[0])
    try:
        row = con.execute(
            "SELECT color, note, exact FROM highlight WHERE id = ?", (hid,)
        ).fetchone()
    finally:
        con.close()
    assert row == ("purple", "quiet, says who?", "reported")

    from reader.library import Library

    lib = Library(tmp_path)
    (h,) = lib.highlights(1)
    assert (h.note, h.color) == ("quiet, says who?", "purple")
    lib.close()
