"""The window's PDF export onto a path that must not be replaced: one clear message, and the
path left as it was."""

from __future__ import annotations

import os
import stat


def test_pdf_export_onto_a_fifo_is_a_message_and_the_fifo_stays(window, tmp_path):
    out = tmp_path / "pipe.pdf"
    os.mkfifo(out)
    window.ask_save_pdf = lambda parent, suggested: str(out)
    window.export_pdf_action.trigger()
    window.ops.wait()
    message = f"Cannot write {out}: it is a named pipe (FIFO), not a file"
    assert window.statusBar().currentMessage() == message
    assert stat.S_ISFIFO(os.stat(out).st_mode)
    assert os.listdir(tmp_path).count("pipe.pdf") == 1
    assert not [n for n in os.listdir(tmp_path) if ".reader-" in n]
