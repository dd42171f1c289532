"""Make fixtures/library-r0003-corrections.sqlite3: a library at schema 0003 (corrections keyed
by the engine's ids "s8", "st13") holding every kind of user data — highlights and a margin note,
ratings and private notes on library sources, a rename, a merge, a move and a not-a-statement.

It was run once with the code of commit 2f6d733 (before corrections were anchored, migration
0004); tests/store/test_correction_identity.py opens the file with today's code. Running it
again with newer code would make a library of a newer schema, so keep the committed file.

    .venv/bin/python tests/store/make_library_r0003_corrections.py
"""

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from reader.library import Library

OUT = Path(__file__).parent / "fixtures" / "library-r0003-corrections.sqlite3"


def build(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp))
        aid = lib.import_sample()
        view = lib.open_article(aid)
        by_name = {s.name: s.id for s in view.analysis.sources}
        text = view.text
        i = text.index("We constantly monitor the situation")
        lib.add_highlight(aid, i, i + 35, color="green", note="verify with border guards")
        lib.add_highlight(aid, 100, 100, note="a margin note")
        links = view.library_sources
        lib.rate_source(links[by_name["Alexander Lukashenko"]], -2)
        lib.set_source_note(links[by_name["Oleh Katkov"]], "analyst; check Defense Express")
        lib.rename_source(aid, by_name["Aliaksandr Azarau"], "Alexander Azarov")
        lib.merge_sources(aid, by_name["official Minsk"], by_name["Belarusian Ministry of Defense"])
        st = {text[s.start : s.end][:24]: s.id for s in view.analysis.statements}
        lib.move_statement(aid, st["Belarus has a total of u"], by_name["Oleh Katkov"])
        lib.mark_not_statement(aid, st["the same"])
        azarov = lib.open_article(aid).library_sources[by_name["Aliaksandr Azarau"]]
        lib.rate_source(azarov, 1)
        lib.close()
        db = Path(tmp) / "library.sqlite3"
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
        conn.close()
        shutil.copyfile(db, out)


if __name__ == "__main__":
    build(OUT)
    print(f"wrote {OUT}")
    sys.exit(0)
