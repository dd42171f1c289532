"""The window's runner of background operations (ui/operations.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from reader.ui.operations import Operations


def test_a_result_arriving_after_its_window_is_gone_is_dropped(qtbot) -> None:
    window = QWidget()
    ops = Operations(window)
    release = threading.Event()
    results: list[object] = []
    errors: list[BaseException] = []

    def slow() -> str:
        release.wait(5)
        return "rows"

    def boom() -> None:
        release.wait(5)
        raise OSError("disk gone")

    ops.run(slow, results.append, errors.append, database=False)
    ops.run(boom, results.append, errors.append, database=False)
    window.deleteLater()  # the window closes while both are still running
    qtbot.waitUntil(lambda: not isValid(ops))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(200)  # the result and the error are delivered to this thread now
    assert results == [] and errors == []  # neither reached the widgets that are gone


def test_a_result_reaches_a_window_that_is_still_open(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ops = Operations(window)
    results: list[object] = []
    ops.run(lambda: "rows", results.append)
    qtbot.waitUntil(lambda: results == ["rows"])
