"""full-text search index (FTS5) over articles, statements, source names and notes

Each index is an external-content FTS5 table whose rowid is the id of the row it indexes, so
nothing is stored twice. Triggers keep the indexes in step with every write, whichever code
path makes it (ORM, bulk SQL, foreign-key cascades), and the upgrade indexes existing rows.

On PostgreSQL (a team library) the same four things are indexed with tsvector and GIN, without
extensions: `reader_search_text` folds a text the way FTS5's unicode61 tokenizer with
remove_diacritics reads it (NFKD, accents dropped, lower case, every run of anything but
letters and digits a space; case and letters by ICU's root collation, so a server whose
database locale is "C" still folds "É" and "Ж"), `reader_search_vector` makes the 'simple'
tsvector of that. Articles (title weighted 'A', text) get a table of their own,
search_article, kept in step by a trigger: ranking reads the stored vector instead of
re-parsing kilobytes per hit. Statements and source names (derived rows) get a stored
generated column, search_doc. Notes get a GIN index on the expression, no column: a note's
words stay behind its row's security and out of the row's change notifications.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:00:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"

# index table → (content table, indexed columns, extra FTS5 options)
INDEXES = {
    "search_article": ("article", ("title", "text"), ", prefix = '2 3'"),
    "search_statement": ("statement", ("text",), ""),
    "search_source": ("article_source", ("name",), ""),
    "search_note": ("highlight", ("note",), ""),
}


def _triggers(index: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {index}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
        return
    for index, (table, columns, options) in INDEXES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {index} USING fts5({', '.join(columns)}, "
            f"content = '{table}', content_rowid = 'id', {TOKENIZE}{options})"
        )
        for sql in _triggers(index, table, columns):
            op.execute(sql)
        op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _downgrade_postgresql()
        return
    for index in INDEXES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {index}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {index}")


# ---- PostgreSQL -------------------------------------------------------------------------------

# Combining marks dropped after NFKD (as reader.store.snippets and search_pg.words do).
COMBINING = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
LONG_TEXT = 200_000  # characters: past this a text's vector may exceed PostgreSQL's 1 MB cap
# index → (table, indexed column) with a generated search_doc column, and the note index
PG_COLUMNS = {
    "search_statement": ("statement", "text"),
    "search_source": ("article_source", "name"),
}
PG_NOTE_INDEX = "search_note"


def _pg_text_function(schema: str, fold: str, nfkd: bool) -> str:
    # Spaces are left as they are (the parser splits on them): replacing only the other
    # non-alphanumerics halves the cost on a 5 KB article (2.2 → 1.1 ms on a loaded machine).
    normalized = "normalize(t, NFKD)" if nfkd else "t"
    return f"""
CREATE FUNCTION {schema}.reader_search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
    SELECT regexp_replace(
        lower(regexp_replace({normalized}, '{COMBINING}', '', 'g'){fold}),
        '[^[:alnum:] ]+', ' ', 'g')
$body$"""


def _pg_vector_function(schema: str) -> str:
    # A text too long for one tsvector (over 1 MB of words and positions) is indexed up to
    # LONG_TEXT characters rather than refused: the article must still be saved.
    make = f"to_tsvector('pg_catalog.simple', {schema}.reader_search_text(%s))"
    return f"""
CREATE FUNCTION {schema}.reader_search_vector(t text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL RESTRICTED AS $body$
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN ''::tsvector;
    END IF;
    IF length(t) <= {LONG_TEXT} THEN
        RETURN {make % "t"};
    END IF;
    BEGIN
        RETURN {make % "t"};
    EXCEPTION WHEN program_limit_exceeded THEN
        RETURN {make % f"left(t, {LONG_TEXT})"};
    END;
END
$body$"""


def _pg_article_function(schema: str) -> str:
    # SECURITY DEFINER: any member who may write an article keeps its index row in step,
    # whatever privileges the team's roles were given on search_article.
    return f"""
CREATE FUNCTION {schema}.reader_search_article() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $body$
BEGIN
    INSERT INTO {schema}.search_article (id, doc)
    VALUES (NEW.id, setweight({schema}.reader_search_vector(NEW.title), 'A')
                    || {schema}.reader_search_vector(NEW.text))
    ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc;
    RETURN NULL;
END
$body$"""


def _upgrade_postgresql() -> None:
    import logging

    from sqlalchemy.sql.elements import quoted_name

    bind = op.get_bind()
    log = logging.getLogger("reader.store.migrations")
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    schema = bind.dialect.identifier_preparer.quote(quoted_name(schema, None))
    icu = bind.exec_driver_sql("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'").scalar()
    if not icu:
        log.warning(
            "PostgreSQL without ICU: search folds case and accents by the database's locale"
        )
    utf8 = bind.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
    fold = ' COLLATE "und-x-icu"' if icu else ""
    op.execute(_pg_text_function(schema, fold, utf8))
    op.execute(_pg_vector_function(schema))
    op.execute(
        f"CREATE TABLE {schema}.search_article ("
        f"id integer PRIMARY KEY REFERENCES {schema}.article (id) ON DELETE CASCADE, "
        "doc tsvector NOT NULL)"
    )
    # The vectors in the table's own pages (compressed), not out of line: the planner prices
    # a scan of search_article by its pages, and reads a common word's first matches by a scan
    # only when that is cheaper than the index (out of line, a scan looked free and read a
    # vector of kilobytes per row for a word in one article of twenty).
    op.execute(f"ALTER TABLE {schema}.search_article ALTER COLUMN doc SET STORAGE MAIN")
    op.execute(f"GRANT SELECT ON {schema}.search_article TO PUBLIC")  # articles are team-wide
    op.execute(_pg_article_function(schema))
    op.execute(
        f"CREATE TRIGGER search_article_ai AFTER INSERT ON {schema}.article "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.reader_search_article()"
    )
    op.execute(
        f"CREATE TRIGGER search_article_au AFTER UPDATE OF title, text ON {schema}.article "
        "FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title "
        "OR OLD.text IS DISTINCT FROM NEW.text) "
        f"EXECUTE FUNCTION {schema}.reader_search_article()"
    )
    op.execute(
        f"INSERT INTO {schema}.search_article (id, doc) SELECT id, "
        f"setweight({schema}.reader_search_vector(title), 'A') "
        f"|| {schema}.reader_search_vector(text) FROM {schema}.article"
    )
    op.execute(f"CREATE INDEX search_article_doc ON {schema}.search_article USING gin (doc)")
    for index, (table, column) in PG_COLUMNS.items():
        op.execute(
            f"ALTER TABLE {schema}.{table} ADD COLUMN search_doc tsvector "
            f"GENERATED ALWAYS AS ({schema}.reader_search_vector({column})) STORED"
        )
        op.execute(f"CREATE INDEX {index} ON {schema}.{table} USING gin (search_doc)")
    op.execute(
        f"CREATE INDEX {PG_NOTE_INDEX} ON {schema}.highlight "
        f"USING gin ({schema}.reader_search_vector(note))"
    )


def _downgrade_postgresql() -> None:
    op.execute(f"DROP INDEX IF EXISTS {PG_NOTE_INDEX}")
    for index, (table, _column) in PG_COLUMNS.items():
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_doc")
    op.execute("DROP TRIGGER IF EXISTS search_article_au ON article")
    op.execute("DROP TRIGGER IF EXISTS search_article_ai ON article")
    op.execute("DROP TABLE IF EXISTS search_article")
    op.execute("DROP FUNCTION IF EXISTS reader_search_article()")
    op.execute("DROP FUNCTION IF EXISTS reader_search_vector(text)")
    op.execute("DROP FUNCTION IF EXISTS reader_search_text(text)")
