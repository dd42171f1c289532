"""An edit is stored the moment the Library call returns (on disk, or committed on the
PostgreSQL server): SIGKILL right after it loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from library_sql import run_sql

CHILD = textwrap.dedent(
    """
    import sys, time
    from reader.library import Library

    lib = Library(sys.argv[1], database=sys.argv[2])
    aid = lib.import_text("Border guards reported a quiet night.", title="Night", origin="t")
    h = lib.add_highlight(aid, 14, 22, color="green", note="quiet, says who?")
    lib.update_highlight(h.id, color="purple")
    print("ok", h.id, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_highlight_survives_sigkill(tmp_path: Path, library_url: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path), library_url],
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

    from reader.library import Library

    lib = Library(tmp_path, database=library_url)
    rows = run_sql(lib, "SELECT color, note, exact FROM highlight WHERE id = :id", id=hid)
    assert rows == [("purple", "quiet, says who?", "reported")]
    (h,) = lib.highlights(1)
    assert (h.note, h.color) == ("quiet, says who?", "purple")
    lib.close()
