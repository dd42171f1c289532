"""Today's backup at opening (reader.library.backups): made once a day, and not made of a
library this very start has put in place from the starter library."""

from __future__ import annotations

import shutil
import sys
from datetime import date

from reader.library import Library
from reader.library.backups import installed_now
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
