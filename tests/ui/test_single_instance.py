"""A second instance on the same library hands its path to the first one."""

import subprocess
import sys
from pathlib import Path

from reader.ui.single_instance import InstanceServer, hand_over


def test_second_instance_hands_over_its_path(qtbot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path)
    received: list = []
    server.request.connect(received.append)
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from reader.ui.single_instance import hand_over\n"
        "app = QCoreApplication(sys.argv)\n"
        f"sys.exit(0 if hand_over({str(tmp_path)!r}, 'article.txt', 5000) else 3)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    qtbot.waitUntil(lambda: received == ["article.txt"], timeout=10000)
    assert proc.wait(timeout=10) == 0
    server.close()


def test_no_first_instance_means_no_hand_over(qtbot, tmp_path: Path) -> None:
    assert hand_over(tmp_path, "x.txt", 300) is False


def test_other_library_is_not_handed_over(qtbot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path / "a")
    assert hand_over(tmp_path / "b", "x.txt", 300) is False
    server.close()


def test_app_quits_cleanly_on_sigterm_and_hands_over(qtbot, tmp_path: Path) -> None:
    """The real app process: a second launch hands over to the first; SIGTERM closes it like
    File → Quit (exit 0), with the last article remembered."""
    import os
    import signal
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_DATA_DIR=str(tmp_path))
    first = subprocess.Popen([sys.executable, "-m", "reader"], env=env)
    try:
        deadline = time.monotonic() + 40
        while not hand_over(tmp_path, None, 200) and time.monotonic() < deadline:
            assert first.poll() is None, "the app exited by itself"
            time.sleep(0.3)
        second = subprocess.run(
            [sys.executable, "-m", "reader"], env=env, capture_output=True, text=True, timeout=20
        )
        assert "already running" in second.stdout
        assert second.returncode == 0
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
    finally:
        if first.poll() is None:
            first.kill()
    from reader.library import Library

    assert Library(tmp_path).last_article_id() is not None
