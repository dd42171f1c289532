"""Today's backup at opening (reader.library.backups): made once a day, and not made of a
library this very start has put in place from the starter library."""

from __future__ import annotations

import shutil
import sys
from datetime import date

from reader.library import Library
from reader.library.backups import back_up_ahead, installed_now
from reader.store.backup import list_backups
from reader.store.database import DB_NAME


def test_the_first_opening_of_a_day_backs_up_and_a_second_does_not(tmp_path):
    Library(tmp_path / "d").close()
    made = list_backups(tmp_path / "d")
    assert [b.made.date() for b in made] == [date.today()]
    Library(tmp_path / "d").close()
    assert list_backups(tmp_path / "d") == made


def test_a_library_installed_from_the_starter_by_this_start_is_not_backed_up(tmp_path):
    Library(tmp_path / "made").close()
    data = tmp_path / "d"
    data.mkdir()
    # what install_starter_library does on a first launch: a finished library file put in place
    shutil.copyfile(tmp_path / "made" / DB_NAME, data / DB_NAME)
    installed_now(data)
    Library(data).close()
    assert list_backups(data) == []


def test_a_library_made_another_way_is_backed_up_though_another_was_installed(tmp_path):
    installed_now(tmp_path / "a")
    Library(tmp_path / "b").close()
    assert len(list_backups(tmp_path / "b")) == 1
    assert "reader.store.backup" in sys.modules


def test_the_window_backs_up_ahead_and_the_opening_finds_it_made(tmp_path):
    """The window makes today's backup on its opening thread (back_up_ahead) before the library
    opens; the opening finds it and makes no second one; the next start makes none."""
    data = tmp_path / "d"
    Library(data).close()
    for b in list_backups(data):  # as on a new day: no backup of today yet
        b.path.unlink()
    back_up_ahead(data)
    made = list_backups(data)
    assert [b.made.date() for b in made] == [date.today()]
    Library(data).close()
    back_up_ahead(data)
    assert list_backups(data) == made


def test_backing_up_ahead_skips_a_library_installed_by_this_start(tmp_path):
    Library(tmp_path / "made").close()
    data = tmp_path / "d"
    data.mkdir()
    shutil.copyfile(tmp_path / "made" / DB_NAME, data / DB_NAME)
    installed_now(data)
    back_up_ahead(data)
    assert list_backups(data) == []


def test_a_backup_that_cannot_be_made_ahead_is_said_by_the_opening(tmp_path):
    data = tmp_path / "d"
    Library(data).close()
    shutil.rmtree(data / "backups")
    (data / "backups").write_text("a file where the backups folder goes")
    back_up_ahead(data)  # nothing raised, nothing printed: the opening tries again
    library = Library(data)
    try:
        assert library.backup_warning and "Today's backup" in library.backup_warning
    finally:
        library.close()
