"""Headless commands leave the window's next start alone: after `reader import`, `analyze`,
`list`, `search`, `sources` and `export` (real processes on the same library), the window
still reopens the article that was open, and no article counts as opened by them. (Export
alone is also checked in tests/test_cli.py; a second instance given a missing file exits 2
with the message on stderr in tests/test_cli.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.library import Library


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=90
    )


def test_headless_commands_do_not_change_what_the_window_reopens(
    make_window, data_dir: Path, tmp_path: Path
) -> None:
    lib = Library(data_dir)
    other = lib.import_text("The mayor said the bridge was safe.", title="Bridge")
    sample = lib.import_sample()
    lib.open_article(sample)  # the article the window reopens
    before = {a.id: a.opened_at for a in lib.articles()}
    lib.close()
    story = tmp_path / "story.txt"
    story.write_text("Storm\n\nThe council said the road would reopen on Monday.\n", "utf-8")
    d = ("--data-dir", str(data_dir))
    for args in (
        ("import", str(story)),
        ("analyze", str(story)),
        ("list",),
        ("search", "said"),
        ("sources",),
        ("export", str(other), "--markdown", str(tmp_path / "bridge.md")),
    ):
        done = reader(*args, *d)
        assert done.returncode == 0, (args, done.stderr)

    lib = Library(data_dir)
    after = {a.id: a.opened_at for a in lib.articles()}
    assert len(after) == len(before) + 1  # the imported story
    assert {k: after[k] for k in before} == before
    assert lib.last_article_id() == sample
    lib.close()
    window = make_window()
    assert window.current is not None
    assert window.current.info.id == sample
