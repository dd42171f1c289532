"""Help → Open Log Folder shows the folder of the log file (reader.logs); with no file manager to
show it, the window says where the log is."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from reader.logs import log_dir, log_path


def test_the_help_menu_opens_the_log_folder(window) -> None:
    action = window.log_menu.action
    assert action in window.help_menu.actions()
    assert str(log_path()) in action.statusTip()
    opened: list[QUrl] = []
    window.log_menu.open_url = lambda url: opened.append(url) or True
    action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(log_dir())]
    assert log_dir().is_dir()  # made, even before anything was logged


def test_without_a_file_manager_the_window_names_the_log_file(window) -> None:
    window.log_menu.open_url = lambda _url: False
    window.log_menu.action.trigger()
    assert window.statusBar().currentMessage() == f"The log file is {log_path()}"
