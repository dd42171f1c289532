"""Real windows on a real library in tmp_path; operations run inline so tests never race the
worker thread (the threaded path is covered by the --screenshot test)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.operations import Operations


@pytest.fixture
def sync_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Operations, "synchronous", True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def make_window(
    qtbot, data_dir: Path, sync_ops, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., MainWindow]]:
    """make_window(path=None, start=True, show=True) → a MainWindow on the test library.
    Windows made earlier can be closed to end a "session"; each has its own Library."""
    libraries: list[Library] = []
    if os.environ.get("READER_TEST_BARE_WINDOW"):  # the window alone, without add-on installers
        monkeypatch.setattr("reader.ui.main_window.INSTALLERS", ())

    def make(path: str | None = None, start: bool = True, show: bool = True) -> MainWindow:
        library = Library(data_dir)
        libraries.append(library)
        window = MainWindow(library)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        if start:
            window.open_start(path)
        return window

    yield make
    for library in libraries:
        library.close()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


@pytest.fixture
def answer_password() -> Callable[[list[str | None], list[tuple[str, Any]]], None]:
    """Answers the password dialogs as a person would, once they show."""

    def answer_next(replies: list[str | None], seen: list[tuple[str, Any]]) -> None:
        """Answer the next password dialogs with `replies` (None: Cancel), noting each prompt
        and how its text is echoed."""

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QInputDialog):
                QTimer.singleShot(20, answer)
                return
            seen.append((box.labelText(), box.textEchoMode()))
            reply = replies.pop(0)
            if reply is None:
                box.reject()
            else:
                box.setTextValue(reply)
                box.accept()
            if replies:
                QTimer.singleShot(20, answer)

        QTimer.singleShot(0, answer)

    return answer_next


@pytest.fixture
def window_on(qtbot, sync_ops, tmp_path: Path) -> Iterator[Callable[[str], MainWindow]]:
    """window_on(url) → a shown window on the library at `url` (each in its own data folder),
    the sample open in it; the libraries are closed afterwards."""
    libraries: list[Library] = []

    def make(url: str) -> MainWindow:
        library = Library(tmp_path / f"window{len(libraries)}", database=url)
        libraries.append(library)
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.open_start()
        qtbot.waitUntil(lambda: window.current is not None, timeout=10000)
        return window

    yield make
    for library in libraries:
        library.close()
