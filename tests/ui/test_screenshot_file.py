"""`reader --screenshot OUT` writes OUT as every export does (reader.files): a symlink's target
is written, and a path that cannot be written is one clear line with exit 2."""

from __future__ import annotations

import os

from PySide6.QtGui import QImage

from reader.cli import main


def test_screenshot_through_a_link_and_into_a_missing_folder(qapp, tmp_path, capsys):
    data = tmp_path / "shot-data"
    link = tmp_path / "link.png"
    link.symlink_to("real.png")
    assert main(["--data-dir", str(data), "--screenshot", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == "real.png"
    assert QImage(str(tmp_path / "real.png")).size().toTuple() == (1400, 900)

    out = tmp_path / "nowhere" / "shot.png"
    capsys.readouterr()
    assert main(["--data-dir", str(data), "--screenshot", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"reader: Cannot write {out}: the folder does not exist\n"
