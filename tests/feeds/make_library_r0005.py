"""Make tests/store/fixtures/library-r0005.sqlite3: the r0004 fixture (the sample with its
highlight and note) upgraded to schema 0005 by its migration, plus what 0005 adds: a feed in a
folder with one read entry linked to the sample, one unread entry without a link or date.

Run once when revision 0005 was added; a newer schema is made by later revisions' own fixtures,
so keep the committed file rather than running this again with newer code.

    .venv/bin/python tests/feeds/make_library_r0005.py
"""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from reader.store.database import DB_NAME, make_engine, upgrade

STORE = Path(__file__).parents[1] / "store" / "fixtures"


def build(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / DB_NAME
        shutil.copy(STORE / "library-r0004.sqlite3", db)
        engine = make_engine(db)
        upgrade(engine, db, "0005")
        engine.dispose()
        con = sqlite3.connect(db)
        with con:
            (article_id,) = con.execute("SELECT id FROM article ORDER BY id LIMIT 1").fetchone()
            con.execute(
                "INSERT INTO feed (url, title, site_url, folder, etag, last_modified, "
                "last_checked, next_check, error, failures, added_at) VALUES "
                "('http://127.0.0.1:9/rss.xml', 'Border News', 'http://127.0.0.1:9/', 'News/World',"
                " '\"v1\"', NULL, '2026-12-01 23:30:00', '2026-12-02 00:00:00', NULL, 0,"
                " '2026-12-01 23:30:00')"
            )
            con.execute(
                "INSERT INTO feed_entry (feed_id, guid, url, title, summary, published, read, "
                "article_id, added_at) VALUES (1, 'g1', 'http://127.0.0.1:9/sample', "
                "'The sample', 'Belarus moves troops.', '2026-11-30T09:00:00+00:00', 1, ?, "
                "'2026-12-01 23:30:00')",
                (article_id,),
            )
            con.execute(
                "INSERT INTO feed_entry (feed_id, guid, url, title, summary, published, read, "
                "article_id, added_at) VALUES (1, 'sha1:abc', NULL, '', 'Words only.', NULL, 0, "
                "NULL, '2026-12-01 23:30:00')"
            )
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
        shutil.copy(db, out)


if __name__ == "__main__":
    build(STORE / "library-r0005.sqlite3")
