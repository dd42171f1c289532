"""The window says which library it is on when it is not the data folder's own file: a team
library on PostgreSQL by its postgresql://user@host:port/dbname (never the password), a file
named by --database by its path; nothing for the default library."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from reader.cli import main
from reader.ui.library_label import show_library


def _label(window) -> QLabel | None:
    return window.findChild(QLabel, "libraryLocation")


def test_a_team_library_is_named_without_its_password(make_window, make_role, monkeypatch):
    role = make_role("pgfound_carol", "carol-Secret-9")
    monkeypatch.setenv("READER_DATABASE_URL", role.url)  # the window's Library takes it
    window = make_window()
    assert window.library.location.dialect == "postgresql"
    label = show_library(window, window.library)
    assert label is not None and _label(window) is label
    assert label.toolTip().startswith(f"Team library: postgresql://{role.name}@127.0.0.1:")
    assert label.toolTip().endswith(window.library.location.dbname)
    for text in (label.text(), label.toolTip(), label.accessibleName()):
        assert "carol-Secret-9" not in text
    assert label.isVisible()


def test_the_default_library_is_not_labelled(make_window, monkeypatch):
    monkeypatch.delenv("READER_DATABASE_URL", raising=False)
    window = make_window()
    assert show_library(window, window.library) is None
    assert _label(window) is None


def test_another_file_is_named_by_its_path(make_window, monkeypatch, tmp_path):
    other = tmp_path / "shared" / "desk.sqlite3"
    monkeypatch.setenv("READER_DATABASE_URL", f"sqlite:///{other}")
    window = make_window()
    label = show_library(window, window.library)
    assert label is not None and label.toolTip() == f"Library: {other}"
    assert other.exists()


def test_the_window_opens_on_a_team_library_and_says_which(qapp, tmp_path, postgres_url):
    out = tmp_path / "shot.png"
    args = ["--data-dir", str(tmp_path / "data"), "--database", postgres_url, "--screenshot"]
    assert main([*args, str(out)]) == 0
    assert out.stat().st_size > 0
    assert not (tmp_path / "data" / "library.sqlite3").exists()


def test_an_unreachable_team_library_is_one_line_and_exit_2(qapp, tmp_path, capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://dan:Dan-Pw-77@127.0.0.1:{port}/desk"
    out = tmp_path / "shot.png"
    args = ["--data-dir", str(tmp_path / "data"), "--database", url, "--screenshot", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"reader: Cannot reach the library at postgresql://dan@127.0.0.1:{port}/desk: "
        "connection refused"
    ]
    assert not out.exists()


def test_restore_backup_on_a_team_library_says_the_server_keeps_them(
    make_window, postgres_url, monkeypatch
):
    monkeypatch.setenv("READER_DATABASE_URL", postgres_url)
    window = make_window()
    menu = window.backup_menu
    menu.fill()
    (only,) = menu.menu.actions()
    assert not only.isEnabled()
    assert only.text().startswith("A team library on PostgreSQL is backed up by its server")


def test_a_window_on_a_team_library_is_not_handed_to_the_folders_window(
    qapp, tmp_path, monkeypatch
):
    """One window per library: `reader --database URL` beside a window on the data folder's
    file (the same --data-dir) opens its own window instead of handing itself over."""
    from reader.library.paths import instance_key
    from reader.ui.single_instance import InstanceServer, is_running

    monkeypatch.delenv("READER_DATABASE_URL", raising=False)
    folder = tmp_path / "data"
    team = "postgresql://erin:Erin-Pw@db.example/news"
    assert instance_key(folder) == folder
    assert instance_key(folder, f"sqlite:///{folder / 'library.sqlite3'}") == folder
    keys = {instance_key(folder, team), instance_key(folder, team + "2"), folder}
    assert len(keys) == 3 and "Erin-Pw" not in str(instance_key(folder, team))
    monkeypatch.setenv("READER_DATABASE_URL", team)
    assert instance_key(folder) == instance_key(folder, team)

    server = InstanceServer(folder)  # the folder's own window
    try:
        assert is_running(folder)
        assert not is_running(instance_key(folder, team))
    finally:
        server.server.close()
