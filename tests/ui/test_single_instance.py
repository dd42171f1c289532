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
