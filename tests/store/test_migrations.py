"""A library made by the first revision upgrades to head with its data intact and searchable.
SQLite only: the FTS5 index and its downgrade. PostgreSQL: an older library's upgrade is in
test_postgres_open.py; its search index needs PG-SEARCH's branch of 0002."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy import text as sql

from reader.library import Library
from reader.store.database import DB_NAME, make_engine, upgrade
from reader.store.search import check_search_index


def _library_at_0001(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / DB_NAME
    engine = make_engine(path)
    upgrade(engine, path, "0001")
    with engine.begin() as conn:
        assert "search_article" not in inspect(conn).get_table_names()
        conn.execute(
            sql(
                "INSERT INTO article (id, title, text, origin, origin_kind, content_hash, "
                "added_at, scroll_pos) VALUES (7, 'Ferry service cut', :text, 'old.txt', 'file', "
                "'h7', '2024-01-01 10:00:00', 0)"
            ),
            {"text": "Ferry service cut\nThe island ferry will sail twice a week from May."},
        )
        conn.execute(
            sql(
                'INSERT INTO highlight (id, article_id, color, start, "end", exact, prefix, '
                "suffix, note, orphaned, created_at, updated_at) VALUES (3, 7, 'yellow', 18, 34, "
                "'The island ferry', '', '', 'ask the harbourmaster', 0, '2024-01-01 10:00:00', "
                "'2024-01-01 10:00:00')"
            )
        )
        conn.execute(
            sql(
                'INSERT INTO statement (id, article_id, key, source_key, kind, start, "end", '
                "content, text, cue_text, hedges, stance) VALUES (5, 7, 'st1', 's1', 'direct', "
                "18, 67, '[[18, 67]]', 'The island ferry will sail twice a week', '', '[]', "
                "'neutral')"
            )
        )
    engine.dispose()
    return path


def test_upgrade_from_first_revision_keeps_data_and_makes_it_searchable(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    path = _library_at_0001(folder)

    engine = make_engine(path)
    upgrade(engine, path)  # to head
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        assert {"search_article", "search_statement", "search_source", "search_note"} <= tables
        assert conn.execute(sql("SELECT title FROM article WHERE id = 7")).scalar() == (
            "Ferry service cut"
        )
        assert conn.execute(sql("SELECT note FROM highlight WHERE id = 3")).scalar() == (
            "ask the harbourmaster"
        )
        assert check_search_index(conn)
    engine.dispose()

    lib = Library(folder)  # opening runs `upgrade head` again: a no-op now
    assert lib.warning is None
    assert lib.article_count() == 1
    fields = {(h.article_id, h.field) for h in lib.search("ferry")}
    assert (7, "text") in fields and (7, "statement") in fields
    notes = [h for h in lib.search("harbourmaster") if h.field == "note"]
    assert [(h.article_id, h.ref) for h in notes] == [(7, "3")]
    # writes after the upgrade reach the index through the triggers
    lib.update_highlight(3, note="call the ferry operator")
    assert lib.search("harbourmaster") == []
    assert [h.field for h in lib.search("operator")] == ["note"]
    new_id = lib.import_text("Bus route saved\nThe number 9 bus will keep running.", "Bus")
    assert [h.article_id for h in lib.search("number 9 bus")] == [new_id]
    lib.close()


def test_downgrade_removes_the_index_and_upgrade_rebuilds_it(tmp_path: Path) -> None:
    from alembic import command

    from reader.store.database import alembic_config

    folder = tmp_path / "lib"
    path = _library_at_0001(folder)
    engine = make_engine(path)
    upgrade(engine, path)
    cfg = alembic_config(path)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    with engine.begin() as conn:
        names = set(inspect(conn).get_table_names())
        assert not {n for n in names if n.startswith("search_")}
        conn.execute(sql("UPDATE article SET text = text || ' Tickets cost £5.' WHERE id = 7"))
    upgrade(engine, path)
    engine.dispose()
    lib = Library(folder)
    assert [h.article_id for h in lib.search("tickets")] == [7]
    lib.close()
