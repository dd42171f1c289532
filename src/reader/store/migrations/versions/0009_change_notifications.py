"""change notifications: on PostgreSQL, triggers tell every listening window what changed

On PostgreSQL each insert, update or delete of a highlight (and its note), a correction, a
rating or note on a source, a library source, or an article (added, deleted, retitled, its text
or analysis replaced) sends `pg_notify('reader_changes', json)` with the table, the operation,
the row's id, the article and library source it belongs to, and who made it (`current_user`).
Notifications are sent at commit, once per distinct payload, to every session LISTENing
(reader.store.changes). The payload carries no text: a private note's content stays behind its
row-level security, only "highlight 12 of article 3 changed" goes out. The derived rows of an
analysis (article_source, statement) fire nothing — hundreds per re-analysis; the article's
new `analysis_version` says it. An article's reading position and opening time fire nothing
either.

On SQLite this revision does nothing: there the window polls `PRAGMA data_version`.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 02:00:00
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# table → the column holding its library source (None: it has none)
ROW_TABLES = {
    "highlight": None,
    "correction": None,
    "source_rating": "library_source_id",
    "source_note": "library_source_id",
}

ROW_FUNCTION = """
CREATE OR REPLACE FUNCTION reader_notify_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    PERFORM pg_notify('reader_changes', json_build_object(
        'table', TG_TABLE_NAME,
        'op', TG_OP,
        'id', r->'id',
        'article_id', r->'article_id',
        'source_id', CASE WHEN TG_TABLE_NAME = 'library_source' THEN r->'id'
                          ELSE r->'library_source_id' END,
        'who', current_user
    )::text);
    RETURN NULL;
END $$
"""

ARTICLE_FUNCTION = """
CREATE OR REPLACE FUNCTION reader_notify_article() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    aid integer;
BEGIN
    IF TG_OP = 'DELETE' THEN aid := OLD.id; ELSE aid := NEW.id; END IF;
    PERFORM pg_notify('reader_changes', json_build_object(
        'table', 'article', 'op', TG_OP, 'id', aid, 'article_id', aid, 'who', current_user
    )::text);
    RETURN NULL;
END $$
"""


def _tables() -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(op.get_bind()).get_table_names())


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(ROW_FUNCTION)
    op.execute(ARTICLE_FUNCTION)
    present = _tables()
    for table in (*ROW_TABLES, "library_source"):
        if table not in present:
            continue  # a table a later revision may bring: nothing to hear on it yet
        # a library source's rows are made by every analysis: only edits to one are heard
        events = "UPDATE OR DELETE" if table == "library_source" else "INSERT OR UPDATE OR DELETE"
        op.execute(
            f"CREATE TRIGGER reader_notify_{table} AFTER {events} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION reader_notify_row()"
        )
    op.execute(
        "CREATE TRIGGER reader_notify_article_rows AFTER INSERT OR DELETE ON article "
        "FOR EACH ROW EXECUTE FUNCTION reader_notify_article()"
    )
    # scroll_pos and opened_at change with every reading: only what other windows show counts
    op.execute(
        "CREATE TRIGGER reader_notify_article_update AFTER UPDATE ON article FOR EACH ROW "
        "WHEN (OLD.title IS DISTINCT FROM NEW.title "
        "OR OLD.content_hash IS DISTINCT FROM NEW.content_hash "
        "OR OLD.analysis_version IS DISTINCT FROM NEW.analysis_version) "
        "EXECUTE FUNCTION reader_notify_article()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*ROW_TABLES, "library_source"):
        op.execute(f"DROP TRIGGER IF EXISTS reader_notify_{table} ON {table}")
    op.execute("DROP TRIGGER IF EXISTS reader_notify_article_rows ON article")
    op.execute("DROP TRIGGER IF EXISTS reader_notify_article_update ON article")
    op.execute("DROP FUNCTION IF EXISTS reader_notify_row()")
    op.execute("DROP FUNCTION IF EXISTS reader_notify_article()")
