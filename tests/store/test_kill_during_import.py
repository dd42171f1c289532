"""SIGKILL in the middle of imports leaves a sound library with every earlier article and note
(a SQLite file passes its integrity check; PostgreSQL rolls the open transaction back)."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reader.library import Library

CHILD = """
import sys
from pathlib import Path
from reader.library import Library
lib = Library(Path(sys.argv[1]), database=sys.argv[3])
text = Path(sys.argv[2]).read_text(encoding="utf-8")
n = 0
while True:
    lib.import_text(f"Edition {n}\\n" + text, title=f"Edition {n}")
    n += 1
    if n == 3:
        print("ok", flush=True)
"""


def test_sigkill_during_imports(tmp_path: Path, library_url: str) -> None:
    sample = Path(__file__).parents[2] / "data" / "sample-article.txt"
    lib = Library(tmp_path, database=library_url)
    first = lib.import_sample()
    view = lib.open_article(first)
    lib.add_highlight(first, 0, 20, color="pink", note="written before the crash")
    lib.close()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path), str(sample), library_url],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ok"
    time.sleep(0.3)  # well inside a later import's transaction
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)

    if library_url.startswith("sqlite"):
        con = sqlite3.connect(tmp_path / "library.sqlite3")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    again = Library(tmp_path, database=library_url)
    assert again.warning is None
    assert again.article_count() >= 4
    reopened = again.open_article(first)
    assert reopened.text == view.text
    assert [(h.color, h.note) for h in reopened.highlights] == [
        ("pink", "written before the crash")
    ]
